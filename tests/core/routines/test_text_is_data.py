"""Text from a routine file is data in the terminal too: control characters removed at load, with a line
from the validator; names and titles of a few words, a longer one refused at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.plain_text import without_control_characters
from coach.core.routines.loader import check_routine_file
from coach.core.routines.values import MAX_NAME_CHARACTERS
from tests.conftest import REPO, write

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\x00\x9b"


def escaped(text: str) -> str:
    """As TOML would have it written: the control characters as \\u escapes."""
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in text)


def routine_text(title: str, name: str = "Clamshells", description: str = "") -> str:
    return (
        f'format = 1\nid = "r"\ntitle = "{title}"\ndescription = """{description}"""\n'
        f'\n[[exercises]]\nid = "a"\nname = "{name}"\nreps = 3\n'
        f'instructions = ["Lift{escaped(ESCAPES)} slowly."]\n'
    )


def test_control_characters_are_removed_at_load_with_a_warning_at_their_line(tmp_path: Path) -> None:
    text = routine_text(escaped(f"Knee{ESCAPES} basics"), escaped(f"Clam{ESCAPES}shells"))
    path = write(tmp_path / "r.toml", text)

    checked = check_routine_file(path)

    assert checked.routine is not None
    assert checked.routine.title == "Knee[2J]0;pwned[31m basics"
    assert checked.routine.exercises[0].name == "Clam[2J]0;pwned[31mshells"
    assert checked.routine.exercises[0].instructions == ("Lift[2J]0;pwned[31m slowly.",)
    warnings = [str(w) for w in checked.warnings]
    assert (
        f"{path}:3: warning: title held control characters (such as ESC or BEL); they were removed"
        in warnings
    )
    assert any(w.startswith(f"{path}:8: warning: name held control characters") for w in warnings)


def test_a_description_keeps_its_lines_and_tabs_but_loses_other_controls(tmp_path: Path) -> None:
    path = write(tmp_path / "r.toml", routine_text("Knee", description="One\n\tTwo\\u0007"))

    checked = check_routine_file(path)

    assert checked.routine is not None
    assert checked.routine.description == "One\n\tTwo"


def test_a_title_past_the_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "r.toml", routine_text("x" * 990_000))

    checked = check_routine_file(path)

    assert checked.routine is None
    (error,) = checked.errors
    assert str(error) == f"{path}:3: title may be at most {MAX_NAME_CHARACTERS:,} characters, got 990,000"


def test_an_exercise_name_past_the_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "r.toml", routine_text("Knee", name="n" * (MAX_NAME_CHARACTERS + 1)))

    (error,) = check_routine_file(path).errors

    assert str(error) == f"{path}:8: name may be at most {MAX_NAME_CHARACTERS:,} characters, got 121"


def test_the_tab_stays_and_newlines_only_where_allowed() -> None:
    assert without_control_characters("a\tb\nc\rd\x85e\x7f") == "a\tbcde"
    assert without_control_characters("a\tb\nc\r", newlines=True) == "a\tb\nc"


HUGE = "0x" + "f" * 4300  # a valid TOML integer that Python cannot print in decimal


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("reps = 10", f"reps = {HUGE}"),
        ("reps = 10", f"reps = [1, {HUGE}]"),
        ("hold_seconds = 30", f"hold_seconds = [1, {HUGE}]"),
        ("pain_limit = 5", f"pain_limit = {HUGE}"),
        ("weeks = 4", f"weeks = [{HUGE}]"),
        ("format = 2", f"format = {HUGE}"),
        ("sessions_per_week = 3", f"sessions_per_week = {HUGE}"),
    ],
)
def test_a_huge_whole_number_is_an_error_at_its_line_not_a_crash(tmp_path: Path, old: str, new: str) -> None:
    sheet = (REPO / "routines" / "hip-and-knee.toml").read_text(encoding="utf-8")
    assert old in sheet
    path = write(tmp_path / "r.toml", sheet.replace(old, new, 1))

    checked = check_routine_file(path)

    assert checked.routine is None
    assert all("could not be checked" not in p.message for p in checked.errors)
    assert any("far too long" in p.message or "digits" in p.message for p in checked.errors)
