"""A commented starter routine file (`coach new`), and a copy of an existing one under a new id.

The starter is valid format 3 as written, so that `coach validate` accepts it at once; its one exercise is a
placeholder named as such, because the numbers are the physiotherapist's to give, never the app's.
"""

from __future__ import annotations

import tomlkit

from coach.core.i18n import N_, _

# Translated whole (comments, the placeholder exercise's name and instructions; never a key or a number):
# `coach new` writes the starter in the chosen language, and tests/cli check that each language validates.
STARTER = N_("""\
# A routine of your own for Rehab Coach, in format 3. Every key is explained in the README's key table.
# Type in your physiotherapist's sheet: the exercises, and the numbers exactly as the sheet gives them.
# Check it with:  coach validate {file}
format = 3
id = {id}
title = {title}
# description = "What this routine is for, in a sentence."
# source = "Who gave you this sheet, and when."

# How often: "3 days a week" is days_per_week = 3; "daily, twice a day" is days_per_week = 7 and
# times_per_day = 2; or name the days: days = ["mon", "wed", "fri"].
days_per_week = 3
# The sheet's "stop if pain goes above N out of 10" (0-5; 0: only if pain-free). Remove it if the sheet
# says nothing: Rehab Coach then uses its own default of 5.
# pain_limit = 3

[[exercises]]
id = "first-exercise"
name = "Your first exercise (put the name from your sheet here)"
instructions = ["How to do it, in the sheet's words."]
# The dose as the sheet writes it, e.g. 3 x 10: sets = 3, reps = 10. A range "10-15" is reps = [10, 15].
sets = 1
reps = 1
# "Up for 2, hold 1, down for 3":  tempo = [2, 1, 3]
# "On the affected leg only, 3 x 10; 1 x 10 on the other":
#   sides = ["affected", "unaffected"]
#   sets = { affected = 3, unaffected = 1 }
# "Until you are tired, about 10-15":  reps = [10, 15]  and  until = "tired"
""")


def starter_text(routine_id: str, title: str, file_name: str) -> str:
    """The starter file for `routine_id` (its keys and comments as above)."""
    return (
        _(STARTER)
        .replace("{id}", tomlkit.string(routine_id).as_string())
        .replace("{title}", tomlkit.string(title).as_string())
        .replace("{file}", file_name)
    )


def copied_text(text: str, routine_id: str) -> str:
    """An existing routine file's text with a new id, every comment and the layout kept."""
    document = tomlkit.parse(text)
    document["id"] = routine_id
    note = _("Copied as '{id}' by coach new: change it as your physiotherapist says.").format(id=routine_id)
    return f"# {note}\n" + tomlkit.dumps(document)
