"""A routine's words in another language: a sibling file in `translations/` beside the routine file.

`routines/hip-strength.toml` is spoken in German from `routines/translations/hip-strength.de.toml`:

    title = "Hüft- und Kniekraft (Wochen 3–6)"
    description = "…"
    education = ["…", "…"]

    [exercises.clamshell]          # the exercise's id in the routine file
    name = "Muschelübung"
    instructions = ["…", "…"]

Only words are translated: the numbers, ids, sides, loads and levels stay in the routine file, which remains
the one prescription (a load or level is matched by its text when the dose steps, so it is never
translated). A key left out keeps the routine's own words. A translation that cannot be read, or that names
an exercise the routine does not have, is a warning and the routine's own words are shown. A person's own
routine may have its translations the same way, in a `translations` folder beside it.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

from coach.core.i18n import N_
from coach.core.reading import UnreadableFileError, read_bounded
from coach.core.routines.model import Exercise, Routine
from coach.core.routines.values import MAX_TEXT_CHARACTERS, Problem, Sentence, ValueReader

FOLDER = "translations"
MAX_TRANSLATION_BYTES = 1_000_000  # as a routine file
_TOP_KEYS = ("title", "description", "education", "exercises")
_EXERCISE_KEYS = ("name", "instructions")


def translation_path(routine_path: Path, code: str) -> Path:
    """Where the translation of the routine file `routine_path` into language `code` lives."""
    return routine_path.parent / FOLDER / f"{routine_path.stem}.{code}.toml"


def copy_translations(origin: Path, copy: Path) -> list[Path]:
    """Put the translations of the routine file `origin` beside its copy `copy`, so that a routine the app
    copied to change its dose (a progression) keeps speaking the person's language: the copy keeps the ids
    the translations name, and only numbers changed. A translation already beside the copy is the person's
    and is kept. Returns the files written; one that cannot be written is left out (the copy then shows
    its own words, as any routine without a translation)."""
    if origin.resolve() == copy.resolve():
        return []
    written = []
    for source in sorted((origin.parent / FOLDER).glob(f"{origin.stem}.*.toml")):
        code = source.name[len(origin.stem) + 1 : -len(".toml")]
        target = translation_path(copy, code)
        if not code.isalpha() or target.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError:
            continue
        written.append(target)
    return written


def translated(routine: Routine, routine_path: Path, code: str) -> tuple[Routine, tuple[Problem, ...]]:
    """`routine` with the words of its `code` translation, if it has one; and the warnings met reading it."""
    path = translation_path(routine_path, code)
    if not path.is_file():
        return routine, ()
    import tomllib  # here, not above: a start that paints from the kept library reads no TOML

    reader = _Reader(path)
    try:
        text = read_bounded(path, MAX_TRANSLATION_BYTES).decode("utf-8-sig")
        document = tomllib.loads(text)
    except (UnreadableFileError, OSError, ValueError, RecursionError):  # ValueError: not UTF-8, not TOML
        reader.warn(
            1,
            Sentence(
                N_("this translation could not be read (not UTF-8 TOML); the routine's words are shown")
            ),
        )
        return routine, tuple(reader.problems)
    reader.lines = text.splitlines()
    result = reader.apply(routine, document)
    return result, tuple(reader.problems)


class _Reader(ValueReader):
    """Reads a translation file; every problem in it is a warning (the routine itself is sound)."""

    lines: list[str]

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.lines = []

    def error(self, line: int, message: str | Sentence) -> None:
        self.warn(line, Sentence(N_("{problem}; the routine's own words are shown there"), problem=message))

    def line_of(self, pattern: str) -> int:
        found = re.compile(pattern)
        for number, line in enumerate(self.lines, start=1):
            if found.match(line.strip()):
                return number
        return 1

    def apply(self, routine: Routine, document: dict[str, Any]) -> Routine:
        def key_line(key: str) -> int:
            return self.line_of(rf"{re.escape(key)}\s*=")

        self.unknown_keys(document, _TOP_KEYS, key_line, "translation")
        changes: dict[str, Any] = {}
        title = self.text(document, "title", key_line("title"))
        if title:
            changes["title"] = title
        description = self.text(document, "description", key_line("description"))
        if description:
            changes["description"] = description
        education = self._texts(document, "education", key_line("education"))
        if education:
            changes["education"] = education
        exercises = document.get("exercises", {})
        if not isinstance(exercises, dict):
            self.error(key_line("exercises"), Sentence(N_("exercises must be tables [exercises.ID]")))
            exercises = {}
        by_id = {exercise.id: exercise for exercise in routine.exercises}
        for exercise_id, table in exercises.items():
            header = self.line_of(rf"\[\s*exercises\.\"?{re.escape(exercise_id)}\"?\s*\]")
            if exercise_id not in by_id:
                said = N_("the routine has no exercise '{id}'; its translation is not used")
                self.warn(header, Sentence(said, id=exercise_id))
                continue
            if not isinstance(table, dict):
                self.error(header, Sentence(N_("exercises.{id} must be a table"), id=exercise_id))
                continue
            by_id[exercise_id] = self._exercise(by_id[exercise_id], table, header)
        if exercises:
            changes["exercises"] = tuple(by_id[exercise.id] for exercise in routine.exercises)
        return dataclasses.replace(routine, **changes) if changes else routine

    def _exercise(self, exercise: Exercise, table: dict[str, Any], header: int) -> Exercise:
        self.unknown_keys(table, _EXERCISE_KEYS, lambda _key: header, "translated exercise")
        changes: dict[str, Any] = {}
        name = self.text(table, "name", header)
        if name:
            changes["name"] = name
        instructions = self._texts(table, "instructions", header)
        if instructions:
            changes["instructions"] = instructions
        return dataclasses.replace(exercise, **changes) if changes else exercise

    def _texts(self, table: dict[str, Any], key: str, line: int) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(line, Sentence(N_("{key} must be a list of texts in quotes"), key=key))
            return ()
        read = (self.plain(item, key, line, limit=MAX_TEXT_CHARACTERS) for item in value if item.strip())
        return tuple(item for item in read if item)
