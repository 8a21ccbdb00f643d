"""The keys the routine editor shows, with the README's words for each ("Routine files", keep the two
together), and how a field's typed text becomes a TOML value and back.

The text syntax is one a person can type without knowing TOML: "10-15" for a range, "2, 1, 3" for a tempo,
"mon, thu" for days, one item a line for advice, steps of load and levels, and "affected = 3, unaffected = 1"
for a dose by side. Text that does not read as wanted is written as typed, so the validator's sentence says
what is wrong beside the field.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

import tomlkit

from coach.core.i18n import N_
from coach.core.routines.format3 import BY_SIDE_KEYS, FORMAT_3_PROGRESSIONS
from coach.core.routines.model import AFFECTED, UNAFFECTED


class FieldKind(enum.Enum):
    TEXT = "text"  # one line of text
    LINES = "lines"  # a list of sentences, one a line
    STEPS = "steps"  # one text, or (format 3) a list of them, one a line
    WHOLE = "whole"  # a whole number
    NUMBER = "number"  # a number of seconds or minutes (a fraction allowed)
    RANGE = "range"  # a whole number, or a range "10-15" (format 2)
    NUMBERS = "numbers"  # numbers separated by commas, "2, 1, 3"
    WORDS = "words"  # words separated by commas, "mon, thu"
    CHOICE = "choice"  # one of `choices` ("" for not given)
    FLAG = "flag"  # true or false
    INTERVALS = "intervals"  # run-walks "RUN, WALK, REPEATS" in seconds, one a line (format 3)
    REQUIREMENT = "requirement"  # "ROUTINE-ID, PAIN": the stage to tolerate first and its pain (format 3)


@dataclass(frozen=True, slots=True)
class Field:
    """One key the editor shows: its label and help are the README's words for it (English, marked for the
    catalogue: the editor translates them where it shows them); `format` is the routine format the key
    needs (setting a format-3 key makes the draft format 3)."""

    key: str
    label: str
    help: str
    kind: FieldKind = FieldKind.TEXT
    choices: tuple[str, ...] = ()
    format: int = 1

    @property
    def by_side(self) -> bool:
        """Format 3 lets this key take a table by side, "affected = 3, unaffected = 1"."""
        return self.key in BY_SIDE_KEYS


_DAYS_HELP = N_(
    'The weekdays, "mon, thu" ("mon" … "sun", or the whole name). On the routine it gives days a week when '
    "that is missing; on an exercise, the days must be among the routine's."
)
_WEEKS_HELP = N_('1–52: no progression before this many weeks at the dose ("after two weeks").')

ROUTINE_FIELDS: tuple[Field, ...] = (
    Field("title", N_("Title"), N_("Required: the routine's name as the app shows it.")),
    Field("id", N_("Id"), N_("Required: lowercase letters, digits, - and _; the file is saved as ID.toml.")),
    Field("description", N_("Description"), N_("Optional: a line about the routine.")),
    Field(
        "source",
        N_("Source"),
        N_("Optional: where the routine comes from (the sheet, the clinic, the paper)."),
    ),
    Field(
        "sessions_per_week",
        N_("Sessions a week"),
        N_("0–14: the plan that history measures against."),
        FieldKind.WHOLE,
    ),
    Field(
        "days_per_week",
        N_("Days a week"),
        N_('1–7, instead of sessions a week: "daily" is 7.'),
        FieldKind.WHOLE,
    ),
    Field("times_per_day", N_("Times a day"), N_("1–6, default 1, with days a week."), FieldKind.WHOLE),
    Field("days", N_("Days"), _DAYS_HELP, FieldKind.WORDS, format=3),
    Field("weeks", N_("Weeks"), N_("1–52: the length of this stage of the programme."), FieldKind.WHOLE),
    Field(
        "pain_limit",
        N_("Pain limit"),
        N_("0–5: the sheet's own \"stop if pain is above N\". Without it, Rehab Coach's default of 5."),
        FieldKind.WHOLE,
    ),
    Field("progress_after_weeks", N_("Progress after (weeks)"), _WEEKS_HELP, FieldKind.WHOLE, format=3),
    Field("next", N_("Next stage"), N_("The id of the routine that follows this stage.")),
    Field(
        "requires",
        N_("Requires"),
        N_(
            'The stage to tolerate first and its pain: "hip-strength, 3" is that routine going well '
            "with pain "
            "at most 3 and settled by the next morning."
        ),
        FieldKind.REQUIREMENT,
        format=3,
    ),
    Field(
        "education",
        N_("Advice"),
        N_("Short paragraphs of advice that come with the routine, one a line."),
        FieldKind.LINES,
    ),
)

EXERCISE_FIELDS: tuple[Field, ...] = (
    Field("name", N_("Name"), N_("Required: the exercise as the player shows it.")),
    Field("id", N_("Id"), N_("Required: lowercase letters, digits, - and _; unique in the routine.")),
    Field(
        "instructions", N_("Instructions"), N_("Sentences shown while you work, one a line."), FieldKind.LINES
    ),
    Field(
        "sets",
        N_("Sets"),
        N_(
            "Default 1: each set is repeated on every side listed. With sides affected and "
            "unaffected, a value by "
            'side: "affected = 3, unaffected = 1".'
        ),
        FieldKind.WHOLE,
    ),
    Field(
        "reps",
        N_("Reps"),
        N_(
            'Guided rep by rep; "10-15" is a range the pain rule moves within. With sides affected '
            "and unaffected, "
            'a value by side: "affected = 3, unaffected = 1".'
        ),
        FieldKind.RANGE,
    ),
    Field(
        "until",
        N_("Until"),
        N_(
            '"tired" with reps "10-15" as the expected range ("you should be tired after 10–15"): each set '
            "counts up until you end it."
        ),
        FieldKind.CHOICE,
        ("", "tired"),
        format=3,
    ),
    Field(
        "tempo",
        N_("Tempo"),
        N_(
            'UP, HOLD, DOWN seconds of each rep ("up for 2, hold 1, down for 3" is "2, 1, 3"), each 0–60; '
            "instead of seconds a rep and hold, and only with reps."
        ),
        FieldKind.NUMBERS,
        format=3,
    ),
    Field("rep_seconds", N_("Seconds a rep"), N_("Default 3."), FieldKind.NUMBER),
    Field(
        "hold_seconds",
        N_("Hold (seconds)"),
        N_(
            'With reps: the hold at the top of each rep; without: one timed hold a set; "5-10" is a '
            "range. With "
            'sides affected and unaffected, a value by side: "affected = 3, unaffected = 1".'
        ),
        FieldKind.RANGE,
    ),
    Field(
        "timer_minutes",
        N_("Timer (minutes)"),
        N_("A plain countdown instead of reps or a hold; for icing at most 20 minutes."),
        FieldKind.NUMBER,
    ),
    Field(
        "icing", N_("Icing"), N_("The timer is icing: capped at 20 minutes, with its advice."), FieldKind.FLAG
    ),
    Field(
        "sides",
        N_("Sides"),
        N_(
            "Each set on the left and then the right side; or on the person's legs, affected and unaffected "
            "(the leg with runner's knee is set once in the app)."
        ),
        FieldKind.CHOICE,
        ("", "left and right", "affected and unaffected"),
    ),
    Field("rest_seconds", N_("Rest between sets (seconds)"), N_("Default 0."), FieldKind.NUMBER),
    Field(
        "rest_after_seconds",
        N_("Rest after (seconds)"),
        N_("0–600: a rest before the next exercise."),
        FieldKind.NUMBER,
    ),
    Field(
        "times_per_day",
        N_("Times a day"),
        N_(
            "The exercise's own frequency, at most the routine's (which needs days a week): \"short-arc quad "
            'twice a day, the others once".'
        ),
        FieldKind.WHOLE,
        format=3,
    ),
    Field(
        "days_per_week",
        N_("Days a week"),
        N_("The exercise's own days a week, at most the routine's."),
        FieldKind.WHOLE,
        format=3,
    ),
    Field("days", N_("Days"), _DAYS_HELP, FieldKind.WORDS, format=3),
    Field(
        "pain_limit",
        N_("Pain limit"),
        N_("0–5, the exercise's own limit instead of the routine's; 0 means \"only if pain-free\"."),
        FieldKind.WHOLE,
        format=3,
    ),
    Field(
        "load",
        N_("Load"),
        N_(
            'Free text such as "red band" (at most 60 characters); or steps of load, easiest first, one a '
            'line: "no weight", "0.5 kg ankle weight", "1 kg ankle weight".'
        ),
        FieldKind.STEPS,
    ),
    Field(
        "progression",
        N_("Progression"),
        N_(
            'What the pain rule may change; not given: the default for the exercise. "reps-then-load": reps '
            'climb to the top of the range, then the next load; "level": the next level.'
        ),
        FieldKind.CHOICE,
        ("", "reps", "hold", "sets", "none", "reps-then-load", "level"),
    ),
    Field(
        "reps_after_load",
        N_("Reps after a load step"),
        N_(
            "With reps-then-load: reps go back to this at the next load (default: the range's bottom); \"at "
            '3 × 40 add a 1 lb ankle weight and start again at 3 × 20" is reps "20-40" and 20 here.'
        ),
        FieldKind.WHOLE,
        format=3,
    ),
    Field(
        "levels",
        N_("Levels"),
        N_(
            'The sheet\'s variants, easiest first, one a line ("step-down from 10 cm", "step-down from 20 '
            'cm"); shown with the dose and in the player.'
        ),
        FieldKind.LINES,
        format=3,
    ),
    Field(
        "level_up_after_pain_free_reps",
        N_("Level up after pain-free reps"),
        N_('The sheet\'s criterion for the next level: 5 is "when you can do 5 pain-free".'),
        FieldKind.WHOLE,
        format=3,
    ),
    Field("progress_after_weeks", N_("Progress after (weeks)"), _WEEKS_HELP, FieldKind.WHOLE, format=3),
    Field(
        "targets",
        N_("Works"),
        N_("What the exercise works: easing reaches the knee work before the hip work."),
        FieldKind.CHOICE,
        ("", "knee", "hip"),
    ),
    Field(
        "run_walk",
        N_("Run-walk"),
        N_(
            'Seconds of running, seconds of walking, and how many times: "60, 60, 10". With stages, the one '
            "the plan starts at."
        ),
        FieldKind.INTERVALS,
        format=3,
    ),
    Field(
        "stages",
        N_("Stages"),
        N_(
            'The return-to-running plan, easiest first, one run-walk a line ("60, 60, 10" … "1800, 0, 1"); '
            "two good runs move up a stage, a run above the pain limit back one."
        ),
        FieldKind.INTERVALS,
        format=3,
    ),
    Field(
        "cadence_bpm",
        N_("Cadence (steps a minute)"),
        N_("120–220: a metronome clicks while running; your physiotherapist's number."),
        FieldKind.WHOLE,
        format=3,
    ),
    Field(
        "image",
        N_("Picture"),
        N_("An SVG beside the file or among the bundled illustrations."),
    ),
)
_INTERVAL_KEYS = ("run_seconds", "walk_seconds", "repeats")

ROUTINE_FIELDS_BY_KEY = {f.key: f for f in ROUTINE_FIELDS}
EXERCISE_FIELDS_BY_KEY = {f.key: f for f in EXERCISE_FIELDS}
_SIDES = {
    "": None,
    "left and right": ["left", "right"],
    "affected and unaffected": [AFFECTED, UNAFFECTED],
}
_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")
_BY_SIDE = re.compile(r"^\s*([A-Za-z_-]+)\s*[=:]\s*(\S.*?)\s*$")


def needs_format_3(field: Field, value: Any) -> bool:
    """Whether this value, set on this field, is one that only format 3 can say."""
    if field.format >= 3:
        return True
    if field.key == "sides":
        return bool(value == _SIDES["affected and unaffected"])
    if field.key == "progression":
        return value in {p.value for p in FORMAT_3_PROGRESSIONS}
    if field.key == "load":
        return isinstance(value, list)
    return field.by_side and isinstance(value, dict)


def value_of_text(field: Field | None, text: str) -> Any:
    """The TOML value for what was typed into the field (None: leave the key out)."""
    stripped = text.strip()
    kind = field.kind if field is not None else FieldKind.TEXT
    if kind is FieldKind.INTERVALS and field is not None:
        return _intervals(field, text)
    if kind is FieldKind.REQUIREMENT:
        return _requirement(stripped)
    if kind in (FieldKind.LINES, FieldKind.STEPS):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lines:
            return None
        if kind is FieldKind.STEPS and len(lines) == 1:
            return lines[0]
        array = tomlkit.array()
        array.extend(lines)
        array.multiline(True)
        return array
    if not stripped:
        return None
    if field is not None and field.by_side and "=" in stripped:
        return _by_side(field, stripped)
    if kind is FieldKind.FLAG:
        return stripped.lower() in ("true", "yes", "1")
    if kind is FieldKind.CHOICE and field is not None and field.key == "sides":
        return _SIDES.get(stripped, stripped)
    if kind in (FieldKind.NUMBERS, FieldKind.WORDS):
        parts = [part.strip() for part in re.split(r"[,;]|\s+", stripped) if part.strip()]
        array = tomlkit.array()
        whole = kind is FieldKind.NUMBERS
        array.extend([_number(part, whole=False) if whole else part.lower() for part in parts])
        return array
    if kind in (FieldKind.WHOLE, FieldKind.NUMBER, FieldKind.RANGE):
        span = _RANGE.match(stripped) if kind is FieldKind.RANGE else None
        if span:
            return [int(span.group(1)), int(span.group(2))]
        return _number(stripped, whole=kind is not FieldKind.NUMBER)
    return stripped


def text_of_value(field: Field | None, plain: Any) -> str:
    """What the field shows for a value read from the file (the inverse of `value_of_text`)."""
    kind = field.kind if field is not None else FieldKind.TEXT
    if kind is FieldKind.INTERVALS:
        tables = plain if isinstance(plain, list) else [plain]
        return "\n".join(_interval_text(table) for table in tables)
    if kind is FieldKind.REQUIREMENT and isinstance(plain, dict):
        return f"{plain.get('routine', '')}, {_number_text(plain.get('pain_at_most', ''))}"
    if kind in (FieldKind.LINES, FieldKind.STEPS) and isinstance(plain, list):
        return "\n".join(str(line) for line in plain)
    if field is not None and field.key == "sides" and isinstance(plain, list):
        for shown, sides in _SIDES.items():
            if sides == plain:
                return shown
        return ", ".join(map(str, plain))
    if isinstance(plain, dict):
        return ", ".join(f"{side} = {_number_text(value)}" for side, value in plain.items())
    if kind in (FieldKind.NUMBERS, FieldKind.WORDS) and isinstance(plain, list):
        return ", ".join(_number_text(part) for part in plain)
    if isinstance(plain, list) and len(plain) == 2:
        return f"{_number_text(plain[0])}-{_number_text(plain[1])}"
    if isinstance(plain, bool):
        return "true" if plain else ""
    return _number_text(plain)


def _intervals(field: Field, text: str) -> Any:
    """ "60, 60, 10" a line: an inline table each, `run_walk` one, `stages` a list; as typed if not so."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    tables = []
    for line in lines:
        parts = [part.strip() for part in re.split(r"[,;]|\s+", line) if part.strip()]
        numbers = [_number(part, whole=True) for part in parts]
        if len(numbers) != len(_INTERVAL_KEYS) or not all(isinstance(n, int) for n in numbers):
            return text.strip()  # not three whole numbers: the validator says so beside the field
        table = tomlkit.inline_table()
        table.update(dict(zip(_INTERVAL_KEYS, numbers, strict=True)))
        tables.append(table)
    if field.key == "run_walk":
        return tables[0] if len(tables) == 1 else text.strip()
    array = tomlkit.array()
    array.extend(tables)
    array.multiline(True)
    return array


def _interval_text(table: object) -> str:
    if not isinstance(table, dict):
        return str(table)
    return ", ".join(_number_text(table.get(key, "")) for key in _INTERVAL_KEYS)


def _requirement(text: str) -> Any:
    """ "hip-strength, 3": the routine and the pain at most; as typed if not so."""
    if not text:
        return None
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not parts[0]:
        return text
    table = tomlkit.inline_table()
    table.update({"routine": parts[0], "pain_at_most": _number(parts[1], whole=True)})
    return table


def _by_side(field: Field, text: str) -> Any:
    table = tomlkit.inline_table()
    for part in text.split(","):
        match = _BY_SIDE.match(part)
        if match is None:
            return text  # not "side = N": the validator says so beside the field
        table[match.group(1).lower()] = _number(match.group(2), whole=field.key != "hold_seconds")
    return table


def _number(text: str, *, whole: bool) -> int | float | str:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text  # the validator says what is wrong, beside the field
    if number.is_integer() and abs(number) < 10**9:
        return int(number)
    return text if whole else number


def _number_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
