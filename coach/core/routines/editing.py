"""A routine as the editor changes it: a TOML document edited in place (tomlkit keeps its comments and
layout), the fields the editor shows with the README's words, and the validator's sentences placed beside
the field they are about.

Qt-free: the routine editor (coach/gui/routine_editor.py) and its tests drive a `RoutineDraft`; saving is the
`save_routine` operation (coach/core/operations/routines.py).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from coach.core.routines.loader import CheckedRoutine, check_routine_text, read_routine_text
from coach.core.routines.values import Problem

# A key's place in the document: ("title",) or ("exercises", 2, "reps").
KeyPath = tuple[str | int, ...]
GENERAL: KeyPath = ()  # a problem that belongs to no one field (the file as a whole)


class FieldKind(enum.Enum):
    TEXT = "text"  # one line of text
    LINES = "lines"  # a list of sentences, one a line
    WHOLE = "whole"  # a whole number
    NUMBER = "number"  # a number of seconds or minutes (a fraction allowed)
    RANGE = "range"  # a whole number, or a range "10-15" (format 2)
    CHOICE = "choice"  # one of `choices` ("" for not given)
    FLAG = "flag"  # true or false


@dataclass(frozen=True, slots=True)
class Field:
    """One key the editor shows: its label and help are the README's words for it."""

    key: str
    label: str
    help: str
    kind: FieldKind = FieldKind.TEXT
    choices: tuple[str, ...] = ()


# The README's "Routine files" table, key by key (keep the two together).
ROUTINE_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "Required: the routine's name as the app shows it."),
    Field("id", "Id", "Required: lowercase letters, digits, - and _; the file is saved as ID.toml."),
    Field("description", "Description", "Optional: a line about the routine."),
    Field("source", "Source", "Optional: where the routine comes from (the sheet, the clinic, the paper)."),
    Field(
        "sessions_per_week",
        "Sessions a week",
        "0–14: the plan that history measures against.",
        FieldKind.WHOLE,
    ),
    Field("days_per_week", "Days a week", '1–7, instead of sessions a week: "daily" is 7.', FieldKind.WHOLE),
    Field("times_per_day", "Times a day", "1–6, default 1, with days a week.", FieldKind.WHOLE),
    Field("weeks", "Weeks", "1–52: the length of this stage of the programme.", FieldKind.WHOLE),
    Field(
        "pain_limit",
        "Pain limit",
        "0–5: the sheet's own \"stop if pain is above N\". Without it, Rehab Coach's default of 5.",
        FieldKind.WHOLE,
    ),
    Field("next", "Next stage", "The id of the routine that follows this stage."),
    Field(
        "education",
        "Advice",
        "Short paragraphs of advice that come with the routine, one a line.",
        FieldKind.LINES,
    ),
)

EXERCISE_FIELDS: tuple[Field, ...] = (
    Field("name", "Name", "Required: the exercise as the player shows it."),
    Field("id", "Id", "Required: lowercase letters, digits, - and _; unique in the routine."),
    Field("instructions", "Instructions", "Sentences shown while you work, one a line.", FieldKind.LINES),
    Field("sets", "Sets", "Default 1: each set is repeated on every side listed.", FieldKind.WHOLE),
    Field(
        "reps", "Reps", 'Guided rep by rep; "10-15" is a range the pain rule moves within.', FieldKind.RANGE
    ),
    Field("rep_seconds", "Seconds a rep", "Default 3.", FieldKind.NUMBER),
    Field(
        "hold_seconds",
        "Hold (seconds)",
        'With reps: the hold at the top of each rep; without: one timed hold a set; "5-10" is a range.',
        FieldKind.RANGE,
    ),
    Field(
        "timer_minutes",
        "Timer (minutes)",
        "A plain countdown instead of reps or a hold; for icing at most 20 minutes.",
        FieldKind.NUMBER,
    ),
    Field("icing", "Icing", "The timer is icing: capped at 20 minutes, with its advice.", FieldKind.FLAG),
    Field(
        "sides",
        "Sides",
        "Each set on the left and then the right side.",
        FieldKind.CHOICE,
        ("", "left and right"),
    ),
    Field("rest_seconds", "Rest between sets (seconds)", "Default 0.", FieldKind.NUMBER),
    Field(
        "rest_after_seconds",
        "Rest after (seconds)",
        "0–600: a rest before the next exercise.",
        FieldKind.NUMBER,
    ),
    Field("load", "Load", 'Free text such as "red band" (at most 60 characters).'),
    Field(
        "progression",
        "Progression",
        "What the pain rule may change; not given: the default for the exercise.",
        FieldKind.CHOICE,
        ("", "reps", "hold", "sets", "none"),
    ),
    Field(
        "targets",
        "Works",
        "What the exercise works: easing reaches the knee work before the hip work.",
        FieldKind.CHOICE,
        ("", "knee", "hip"),
    ),
    Field(
        "image",
        "Picture",
        "An SVG beside the file or among the bundled illustrations.",
    ),
)

_FIELDS_BY_KEY = {f.key: f for f in (*ROUTINE_FIELDS, *EXERCISE_FIELDS)}
_SIDES = {"": None, "left and right": ["left", "right"]}
_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_STARTER = """\
# A routine made in Rehab Coach's editor. Every key is explained in the README's "Routine files".
format = 2
"""


class RoutineDraft:
    """A routine file being edited: a tomlkit document changed field by field, its comments kept."""

    def __init__(self, text: str, path: Path | None = None, copy_of: str = "") -> None:
        self.document: TOMLDocument = tomlkit.parse(text)
        self.path = path  # the person's own file it was read from (None: a new routine or a copy)
        self.copy_of = copy_of  # the id of the bundled routine this is a copy of ("" for none)

    @classmethod
    def new(cls, routine_id: str = "my-routine", title: str = "My routine") -> RoutineDraft:
        """A starter routine with one exercise, valid as it stands."""
        draft = cls(_STARTER)
        draft.document["id"] = routine_id
        draft.document["title"] = title
        draft.document["sessions_per_week"] = 3
        draft.document.add(tomlkit.nl())
        draft.add_exercise("First exercise")
        return draft

    @classmethod
    def read(cls, path: Path) -> RoutineDraft:
        """The routine file at `path` as a draft; UnreadableRoutineError when it is not a plain, bounded,
        UTF-8 file (as the loader would say)."""
        return cls(read_routine_text(path), path)

    # -- reading and changing fields -----------------------------------------------------------------------

    def exercises(self) -> AoT | None:
        found = self.document.get("exercises")
        return found if isinstance(found, AoT) else None

    @property
    def exercise_count(self) -> int:
        found = self.exercises()
        return len(found) if found is not None else 0

    def _table(self, path: KeyPath) -> Any:
        if len(path) == 1:
            return self.document
        exercises = self.exercises()
        index = path[1]
        assert exercises is not None
        assert isinstance(index, int)
        return exercises[index]

    def text_of(self, path: KeyPath) -> str:
        """The field's value as the editor shows it ("" when the key is not there)."""
        value = self._table(path).get(str(path[-1]))
        if value is None:
            return ""
        plain = value.unwrap() if hasattr(value, "unwrap") else value
        field = _FIELDS_BY_KEY.get(str(path[-1]))
        if field is not None and field.kind is FieldKind.LINES and isinstance(plain, list):
            return "\n".join(str(line) for line in plain)
        if field is not None and field.key == "sides" and isinstance(plain, list):
            return "left and right" if plain == ["left", "right"] else ", ".join(map(str, plain))
        if isinstance(plain, list) and len(plain) == 2:
            return f"{_number_text(plain[0])}-{_number_text(plain[1])}"
        if isinstance(plain, bool):
            return "true" if plain else ""
        return _number_text(plain)

    def set_text(self, path: KeyPath, text: str) -> None:
        """Set the field from what was typed; an empty field removes an optional key. Text that is not a
        number where one is wanted is written as typed, so the validator's sentence says what is wrong."""
        table, key = self._table(path), str(path[-1])
        field = _FIELDS_BY_KEY.get(key)
        value = _value(field, text)
        if value is None:
            if key in table:
                del table[key]
            return
        if key in table and table[key] == value:
            return  # unchanged: keep the file's own spelling (and any comment after it)
        item = tomlkit.item(value)
        if key in table:  # the comment after the old value stays after the new one
            old = table[key].trivia
            item.trivia.comment_ws, item.trivia.comment = old.comment_ws, old.comment
        table[key] = item

    def add_exercise(self, name: str = "New exercise") -> int:
        """Append an exercise (reps 10 × 1) and return its index."""
        exercise = tomlkit.table()
        exercise["id"] = self._free_id(_slug(name) or "exercise")
        exercise["name"] = name
        exercise["reps"] = 10
        exercises = self.exercises()
        if exercises is None:
            self.document.append("exercises", tomlkit.aot())
            exercises = self.exercises()
            assert exercises is not None
        exercises.append(exercise)
        return len(exercises) - 1

    def remove_exercise(self, index: int) -> None:
        exercises = self.exercises()
        if exercises is not None and 0 <= index < len(exercises):
            del exercises[index]

    def move_exercise(self, index: int, by: int) -> int:
        """Move exercise `index` up (-1) or down (+1); returns its new index."""
        exercises = self.exercises()
        target = index + by
        if exercises is None or not (0 <= index < len(exercises) and 0 <= target < len(exercises)):
            return index
        tables: list[Table] = list(exercises)
        tables[index], tables[target] = tables[target], tables[index]
        replacement = tomlkit.aot()
        for table in tables:
            replacement.append(table)
        self.document["exercises"] = replacement
        return target

    def exercise_name(self, index: int) -> str:
        return self.text_of(("exercises", index, "name")) or self.text_of(("exercises", index, "id"))

    def _free_id(self, wanted: str) -> str:
        taken = {self.text_of(("exercises", i, "id")) for i in range(self.exercise_count)}
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        return candidate

    # -- the file ------------------------------------------------------------------------------------------

    def text(self) -> str:
        return tomlkit.dumps(self.document)

    @property
    def routine_id(self) -> str:
        return self.text_of(("id",))

    def check(self, path: Path, assets_dir: Path | None = None) -> CheckedDraft:
        """The validator's verdict on the draft as it stands, each sentence placed beside its field."""
        text = self.text()
        checked = check_routine_text(text, path, assets_dir)
        return CheckedDraft(checked, place_problems(text, checked.problems))


@dataclass(frozen=True, slots=True)
class CheckedDraft:
    checked: CheckedRoutine
    by_field: dict[KeyPath, tuple[str, ...]]  # the sentences (without PATH:LINE) each field has

    @property
    def valid(self) -> bool:
        return self.checked.routine is not None


def place_problems(text: str, problems: tuple[Problem, ...]) -> dict[KeyPath, tuple[str, ...]]:
    """Each problem's sentence under the key whose line it names (a line inside a multi-line value belongs
    to the key that opened it; a line of no key goes to GENERAL)."""
    keys = dict(_keys_by_line(text))
    placed: dict[KeyPath, list[str]] = {}
    for problem in problems:
        where = keys.get(problem.line, GENERAL)
        sentence = ("Note: " if problem.warning else "") + problem.message
        placed.setdefault(where, []).append(sentence)
    return {path: tuple(sentences) for path, sentences in placed.items()}


def _keys_by_line(text: str) -> Iterator[tuple[int, KeyPath]]:
    exercise = -1
    current: KeyPath = GENERAL
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[[exercises]]"):
            exercise += 1
            current = GENERAL
            yield number, ("exercises", exercise, "")
            continue
        if stripped.startswith("["):
            current = GENERAL
            continue
        match = _KEY.match(line)
        if match:
            key = match.group(1)
            current = (key,) if exercise < 0 else ("exercises", exercise, key)
        if current != GENERAL and stripped and not stripped.startswith("#"):
            yield number, current


def _value(field: Field | None, text: str) -> Any:
    stripped = text.strip()
    kind = field.kind if field is not None else FieldKind.TEXT
    if kind is FieldKind.LINES:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lines:
            return None
        array = tomlkit.array()
        array.extend(lines)
        array.multiline(True)
        return array
    if not stripped:
        return None
    if kind is FieldKind.FLAG:
        return stripped.lower() in ("true", "yes", "1")
    if kind is FieldKind.CHOICE and field is not None and field.key == "sides":
        return _SIDES.get(stripped, stripped)
    if kind in (FieldKind.WHOLE, FieldKind.NUMBER, FieldKind.RANGE):
        span = _RANGE.match(stripped) if kind is FieldKind.RANGE else None
        if span:
            return [int(span.group(1)), int(span.group(2))]
        return _number(stripped, whole=kind is not FieldKind.NUMBER)
    return stripped


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


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
