"""A dose change written into the routine file itself, with tomlkit: every comment, blank line and key order
of the file is kept, and only the keys of the dose that changed are touched.

Replaces the hand-made writer that rewrote the whole file (and lost the physiotherapist's notes inside it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import tomlkit
from tomlkit.items import Table

from coach.core.routines.model import Exercise, Routine


def comment_lines(text: str) -> list[str]:
    """`text` as TOML comment lines (a line break inside could otherwise end the comment)."""
    return [f"# {line}".rstrip() for line in text.splitlines() or [""]]


def needs_format_2(routine: Routine) -> bool:
    """Whether the routine's file needs format 2's keys (a range, the sheet's dose, a target, a
    progression)."""
    return routine.format >= 2 or any(
        e.reps_range
        or e.hold_range
        or e.targets
        or e.progression
        or any(v is not None for v in (e.prescribed_reps, e.prescribed_hold_seconds, e.prescribed_sets))
        for e in routine.exercises
    )


def without_leading_comments(text: str) -> str:
    """The file's text after the comment lines at its top (a new header takes their place)."""
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and lines[start].lstrip().startswith("#"):
        start += 1
    return "".join(lines[start:]).lstrip("\n")


def with_dose(text: str, routine: Routine, images: Mapping[str, str], header: Sequence[str] = ()) -> str:
    """The routine file `text` carrying `routine`'s doses (and `images`' names, by exercise id), under
    `header` (comment lines) in place of the file's leading comments."""
    document = tomlkit.parse(without_leading_comments(text))
    if int(document.get("format", 1)) < 2 and needs_format_2(routine):
        document["format"] = 2
    tables = document.get("exercises", [])
    by_id = {exercise.id: exercise for exercise in routine.exercises}
    for table in tables:
        exercise = by_id.get(str(table.get("id", "")))
        if exercise is not None:
            _write_dose(table, exercise, images.get(exercise.id))
    body = tomlkit.dumps(document)
    return "\n".join(header) + ("\n\n" if header else "") + body


def _write_dose(table: Table, exercise: Exercise, image: str | None) -> None:
    if not isinstance(table.get("sets"), dict):
        _put(table, "sets", exercise.sets if exercise.sets != 1 or "sets" in table else None)
    if exercise.reps is not None and not isinstance(table.get("reps"), dict):
        if exercise.reps_range is not None:
            at_bottom = exercise.reps == exercise.reps_range[0]
            _put(table, "start_reps", None if at_bottom else exercise.reps)
        else:
            _put(table, "reps", exercise.reps)
    holds = (
        exercise.hold_seconds and exercise.tempo is None and not isinstance(table.get("hold_seconds"), dict)
    )
    if holds and exercise.hold_range is not None:
        at_bottom = exercise.hold_seconds == exercise.hold_range[0]
        _put(table, "start_hold_seconds", None if at_bottom else exercise.hold_seconds)
    elif holds:
        _put(table, "hold_seconds", exercise.hold_seconds)
    _put(table, "prescribed_sets", exercise.prescribed_sets)
    _put(table, "prescribed_reps", exercise.prescribed_reps)
    _put(table, "prescribed_hold_seconds", exercise.prescribed_hold_seconds)
    if exercise.loads:
        _put(table, "start_load", exercise.load_step + 1 if exercise.load_step else None)
    if exercise.levels:
        _put(table, "start_level", exercise.level_step + 1 if exercise.level_step else None)
    if image is not None and table.get("image") != image:
        table["image"] = image


def _put(table: Table, key: str, value: Any) -> None:
    """Set `key` (a whole number without a decimal point), or remove it for None; unchanged values stay as
    written, with their comments."""
    if value is None:
        if key in table:
            del table[key]
        return
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if table.get(key) != value:
        table[key] = value
