"""A routine as the editor changes it: a TOML document edited in place (tomlkit keeps its comments and
layout), each field's typed text written as its TOML value (the fields and their README words are in
form_fields.py), and the validator's sentences placed beside the field they are about. A new routine is
format 3; an existing file keeps its format until a key only format 3 can say is set.

Qt-free: the routine editor (coach/gui/routine_editor.py) and its tests drive a `RoutineDraft`; saving is the
`save_routine` operation (coach/core/operations/routines.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from coach.core.i18n import _
from coach.core.routines.form_fields import (
    EXERCISE_FIELDS_BY_KEY,
    ROUTINE_FIELDS_BY_KEY,
    Field,
    needs_format_3,
    text_of_value,
    value_of_text,
)
from coach.core.routines.loader import CheckedRoutine, check_routine_text, read_routine_text
from coach.core.routines.values import Problem

# A key's place in the document: ("title",) or ("exercises", 2, "reps").
KeyPath = tuple[str | int, ...]
GENERAL: KeyPath = ()  # a problem that belongs to no one field (the file as a whole)


_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_STARTER = """\
# A routine made in Rehab Coach's editor. Every key is explained in the README's "Routine files".
format = 3
"""


class RoutineDraft:
    """A routine file being edited: a tomlkit document changed field by field, its comments kept."""

    def __init__(self, text: str, path: Path | None = None, copy_of: str = "") -> None:
        self.document: TOMLDocument = tomlkit.parse(text)
        self.path = path  # the person's own file it was read from (None: a new routine or a copy)
        self.copy_of = copy_of  # the id of the bundled routine this is a copy of ("" for none)

    @classmethod
    def new(cls, routine_id: str = "my-routine", title: str = "") -> RoutineDraft:
        """A starter routine with one exercise, valid as it stands; its title (by default "My routine") and
        its exercise's name in the chosen language, the ids in English (they are keys)."""
        draft = cls(_STARTER)
        draft.document["id"] = routine_id
        draft.document["title"] = title or _("My routine")
        draft.document["sessions_per_week"] = 3
        draft.document.add(tomlkit.nl())
        draft.add_exercise(_("First exercise"), "first-exercise")
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
        return text_of_value(_field(path), plain)

    def set_text(self, path: KeyPath, text: str) -> None:
        """Set the field from what was typed; an empty field removes an optional key. Text that is not a
        number where one is wanted is written as typed, so the validator's sentence says what is wrong."""
        table, key = self._table(path), str(path[-1])
        field = _field(path)
        value = value_of_text(field, text)
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
        if field is not None and needs_format_3(field, value):
            self._make_format_3()

    def _make_format_3(self) -> None:
        """A format-3 key makes the file format 3 (formats 1 and 2 read the same in format 3)."""
        found = self.document.get("format")
        if isinstance(found, int) and found >= 3:
            return
        self.document["format"] = 3

    def add_exercise(self, name: str = "New exercise", exercise_id: str = "") -> int:
        """Append an exercise (reps 10 × 1) and return its index; its id is `exercise_id` or made from the
        name (a number added where it is taken)."""
        exercise = tomlkit.table()
        exercise["id"] = self._free_id(exercise_id or _slug(name) or "exercise")
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
        sentence = (
            _("Note: {problem}").format(problem=problem.message) if problem.warning else problem.message
        )
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


def _field(path: KeyPath) -> Field | None:
    fields = ROUTINE_FIELDS_BY_KEY if len(path) == 1 else EXERCISE_FIELDS_BY_KEY
    return fields.get(str(path[-1]))


def _slug(name: str) -> str:
    """An id made from a name: "Neue Übung" is "neue-ubung" (accents dropped, not the letters)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40]
