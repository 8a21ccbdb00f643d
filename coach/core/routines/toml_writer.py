"""A Routine back into routine-file TOML, for the person's own adjusted copy: format 1 when nothing needs
more, format 2 when the routine (or the change, which writes the dose's bounds) uses its keys.

Written by hand rather than with a TOML library: the format is small and fixed, and a hand-written file
reads the way a person would write it (tests check that every string and number survives tomllib).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coach.core.routines.loader import FORMAT_VERSION, NEWEST_FORMAT
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


def needs_format_2(routine: Routine) -> bool:
    """Whether writing `routine` needs format 2's keys."""
    return routine.format >= 2 or any(
        e.reps_range or e.hold_range or _prescribed(e) or e.targets or e.progression
        for e in routine.exercises
    )


def _prescribed(exercise: Exercise) -> list[str]:
    """The sheet's own dose where Rehab Coach eased a single number, as `prescribed_*` lines."""
    values = (
        ("prescribed_sets", exercise.prescribed_sets),
        ("prescribed_reps", exercise.prescribed_reps),
        ("prescribed_hold_seconds", exercise.prescribed_hold_seconds),
    )
    return [f"{key} = {toml_number(value)}" for key, value in values if value is not None]


def _range_lines(key: str, start_key: str, bounds: tuple[float, float], value: float) -> list[str]:
    lines = [f"{key} = [{toml_number(bounds[0])}, {toml_number(bounds[1])}]"]
    return lines + ([f"{start_key} = {toml_number(value)}"] if value != bounds[0] else [])


def _format_2_exercise_lines(exercise: Exercise) -> list[str]:
    lines = [f"load = {toml_string(exercise.load)}"] if exercise.load else []
    if exercise.progression is not None:  # only what the sheet said: the defaults stay defaults
        lines.append(f"progression = {toml_string(exercise.progression.value)}")
    if exercise.targets is not None:
        lines.append(f"targets = {toml_string(exercise.targets.value)}")
    lines += _prescribed(exercise)
    if exercise.rest_after_seconds:
        lines.append(f"rest_after_seconds = {toml_number(exercise.rest_after_seconds)}")
    return lines


def _dose_lines(exercise: Exercise) -> list[str]:
    lines = []
    if exercise.kind is ExerciseKind.REPS:
        if exercise.reps_range is not None and exercise.reps is not None:
            lines += _range_lines("reps", "start_reps", exercise.reps_range, exercise.reps)
        else:
            lines.append(f"reps = {exercise.reps}")
        lines.append(f"rep_seconds = {toml_number(exercise.rep_seconds)}")
    if exercise.kind is not ExerciseKind.TIMER and exercise.hold_seconds:
        if exercise.hold_range is not None:
            lines += _range_lines(
                "hold_seconds", "start_hold_seconds", exercise.hold_range, exercise.hold_seconds
            )
        else:
            lines.append(f"hold_seconds = {toml_number(exercise.hold_seconds)}")
    return lines


def _exercise_lines(exercise: Exercise, image: str | None, format_2: bool = False) -> list[str]:
    lines = ["[[exercises]]", f"id = {toml_string(exercise.id)}", f"name = {toml_string(exercise.name)}"]
    if exercise.instructions:
        lines.append(f"instructions = {_array(exercise.instructions)}")
    if image:
        lines.append(f"image = {toml_string(image)}")
    if exercise.sets != 1:
        lines.append(f"sets = {exercise.sets}")
    lines += _dose_lines(exercise)
    if exercise.icing:
        lines.append("icing = true")
    if exercise.kind is ExerciseKind.TIMER:
        lines.append(f"timer_minutes = {toml_number(exercise.timer_minutes)}")
    if exercise.sides:
        lines.append(f"sides = {_array(exercise.sides)}")
    if exercise.rest_seconds:
        lines.append(f"rest_seconds = {toml_number(exercise.rest_seconds)}")
    return lines + (_format_2_exercise_lines(exercise) if format_2 else [])


def _format_2_routine_lines(routine: Routine) -> list[str]:
    lines = []
    if routine.days_per_week:
        lines.append(f"days_per_week = {routine.days_per_week}")
        if routine.times_per_day > 1:
            lines.append(f"times_per_day = {routine.times_per_day}")
    elif routine.sessions_per_week:
        lines.append(f"sessions_per_week = {routine.sessions_per_week}")
    if routine.weeks:
        lines.append(f"weeks = {routine.weeks}")
    lines.append(f"pain_limit = {routine.pain_limit}")
    if routine.next:
        lines.append(f"next = {toml_string(routine.next)}")
    if routine.education:
        lines.append(f"education = [\n{''.join(f'  {toml_string(p)},{chr(10)}' for p in routine.education)}]")
    return lines


def routine_toml(routine: Routine, images: Mapping[str, str], header: Sequence[str] = ()) -> str:
    """The routine file for `routine`; `images` maps exercise ids to the image name to write."""
    format_2 = needs_format_2(routine)
    lines = [
        *header,
        *([""] if header else []),
        f"format = {NEWEST_FORMAT if format_2 else FORMAT_VERSION}",
        f"id = {toml_string(routine.id)}",
    ]
    lines.append(f"title = {toml_string(routine.title)}")
    if routine.description:
        lines.append(f"description = {toml_string(routine.description)}")
    if format_2:
        lines += _format_2_routine_lines(routine)
    elif routine.sessions_per_week:
        lines.append(f"sessions_per_week = {routine.sessions_per_week}")
    if routine.source:
        lines.append(f"source = {toml_string(routine.source)}")
    for exercise in routine.exercises:
        lines += ["", *_exercise_lines(exercise, images.get(exercise.id), format_2)]
    return "\n".join(lines) + "\n"
