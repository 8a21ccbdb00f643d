"""Limits on what a routine file may cost to read and to run, whatever it says.

A file is read only when it is a regular file of sensible size (a FIFO would block, `/dev/zero` never ends,
a sparse 3 GB file is read whole before its size is known), and a valid file may not plan more steps than
anyone could do: 54 bytes of `sets = 1000` and `reps = 1000` would otherwise plan a million steps.
"""

from __future__ import annotations

import re
from pathlib import Path

from coach.core import files
from coach.core.routines.model import Exercise

# A long rehab routine plans a few hundred steps; a ceiling far above that only stops amplified files.
MAX_PLANNED_STEPS = 5_000
_LONG_DIGITS = re.compile(r"[0-9_]{4000,}")


class UnreadableRoutineError(files.UnreadableFileError):
    """Why a routine file was not read at all, as a sentence (no path: the caller names the file)."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes; else UnreadableRoutineError."""
    try:
        return files.read_bounded(path, limit, "a routine file")
    except files.UnreadableFileError as error:
        raise UnreadableRoutineError(str(error)) from error


def outside_folder(path: Path, folder: Path) -> bool:
    """Whether `path` is a link that leads out of `folder` (a shared folder must not point elsewhere)."""
    if not path.is_symlink():
        return False
    try:
        path.resolve(strict=True).relative_to(folder.resolve())
    except (OSError, ValueError):
        return True
    return False


def planned_work_steps(exercises: tuple[Exercise, ...]) -> int:
    """How many work steps (reps, holds, timers) the exercises plan, sides counted, without planning them."""
    return sum(e.sets * max(1, len(e.sides)) * max(1, e.reps or 1) for e in exercises)


def too_many_steps(exercises: tuple[Exercise, ...]) -> str | None:
    """The sentence refusing a routine that plans more than MAX_PLANNED_STEPS work steps, or None."""
    steps = planned_work_steps(exercises)
    if steps <= MAX_PLANNED_STEPS:
        return None
    return (
        f"this routine plans {steps:,} reps, holds and timers; a routine may plan at most"
        f" {MAX_PLANNED_STEPS:,} (fewer sets or reps)"
    )


def long_number_line(text: str) -> int | None:
    """The line of a whole number too long for Python to read (over 4,300 digits), or None."""
    for number, line in enumerate(text.split("\n"), start=1):
        if _LONG_DIGITS.search(line):
            return number
    return None
