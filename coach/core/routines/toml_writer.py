"""A Routine back into routine-file TOML (format 1), for the person's own adjusted copy.

Written by hand rather than with a TOML library: the format is small and fixed, and a hand-written file
reads the way a person would write it (tests check that every string and number survives tomllib).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coach.core.routines.loader import FORMAT_VERSION
from coach.core.routines.model import Exercise, ExerciseKind, Routine

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_number(value: float) -> str:
    """A whole number without a decimal point, any other number as Python writes it (valid TOML)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _array(items: Sequence[str]) -> str:
    if sum(len(i) for i in items) < 60:
        return "[" + ", ".join(toml_string(i) for i in items) + "]"
    return "[\n" + "".join(f"  {toml_string(i)},\n" for i in items) + "]"


def comment_lines(text: str) -> list[str]:
    """`text` as TOML comment lines (a line break inside could otherwise end the comment)."""
    return [f"# {line}".rstrip() for line in text.splitlines() or [""]]


def _exercise_lines(exercise: Exercise, image: str | None) -> list[str]:
    lines = ["[[exercises]]", f"id = {toml_string(exercise.id)}", f"name = {toml_string(exercise.name)}"]
    if exercise.instructions:
        lines.append(f"instructions = {_array(exercise.instructions)}")
    if image:
        lines.append(f"image = {toml_string(image)}")
    if exercise.sets != 1:
        lines.append(f"sets = {exercise.sets}")
    if exercise.kind is ExerciseKind.REPS:
        lines += [f"reps = {exercise.reps}", f"rep_seconds = {toml_number(exercise.rep_seconds)}"]
    if exercise.kind is not ExerciseKind.TIMER and exercise.hold_seconds:
        lines.append(f"hold_seconds = {toml_number(exercise.hold_seconds)}")
    if exercise.icing:
        lines.append("icing = true")
    if exercise.kind is ExerciseKind.TIMER:
        lines.append(f"timer_minutes = {toml_number(exercise.timer_minutes)}")
    if exercise.sides:
        lines.append(f"sides = {_array(exercise.sides)}")
    if exercise.rest_seconds:
        lines.append(f"rest_seconds = {toml_number(exercise.rest_seconds)}")
    return lines


def routine_toml(routine: Routine, images: Mapping[str, str], header: Sequence[str] = ()) -> str:
    """The routine file for `routine`; `images` maps exercise ids to the image name to write."""
    lines = [
        *header,
        *([""] if header else []),
        f"format = {FORMAT_VERSION}",
        f"id = {toml_string(routine.id)}",
    ]
    lines.append(f"title = {toml_string(routine.title)}")
    if routine.description:
        lines.append(f"description = {toml_string(routine.description)}")
    if routine.sessions_per_week:
        lines.append(f"sessions_per_week = {routine.sessions_per_week}")
    if routine.source:
        lines.append(f"source = {toml_string(routine.source)}")
    for exercise in routine.exercises:
        lines += ["", *_exercise_lines(exercise, images.get(exercise.id))]
    return "\n".join(lines) + "\n"
