"""Limits on what a routine file may cost to read and to run, whatever it says.

A file is read only when it is a regular file of sensible size (a FIFO would block, `/dev/zero` never ends,
a sparse 3 GB file is read whole before its size is known), and a valid file may not plan more steps than
anyone could do: 54 bytes of `sets = 1000` and `reps = 1000` would otherwise plan a million steps.
"""

from __future__ import annotations

import errno
import re
import stat
from pathlib import Path

from coach.core import reading as files
from coach.core.i18n import N_
from coach.core.routines.model import Exercise
from coach.core.routines.values import Sentence

# An illustration is a drawing of a few kilobytes; a few megabytes is plenty (a 2.5 GB file once aborted
# the player with std::bad_alloc).
MAX_IMAGE_BYTES = 4_000_000
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


LINK_LOOP = N_("this is a link that leads back to itself (a loop of links); it was not read")
LINK_OUT = N_(
    "this is a link to a file outside the routines folder; it was not read (copy the file in instead)"
)


def link_problem(path: Path, folder: Path) -> str | None:
    """Why the link `path` is not read (it loops, or it leads out of `folder`; in English, marked for the
    catalogue: translated where shown), or None (not a link, or fine).

    A shared folder must not point elsewhere; a loop (`self.toml -> self.toml`) is a broken entry with its
    reason, never an exception that stops the whole library from loading.
    """
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 says "Symlink loop" this way
        return LINK_LOOP
    except OSError as error:
        return LINK_LOOP if error.errno == errno.ELOOP else LINK_OUT
    try:
        target.relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):
        return LINK_OUT
    return None


def resolved(path: Path) -> Path | None:
    """`path` with its links followed, or None when they loop (or a folder on the way cannot be read)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def planned_work_steps(exercises: tuple[Exercise, ...]) -> int:
    """How many work steps (reps, holds, timers) the exercises plan, sides counted, without planning them."""
    return sum(e.sets * max(1, len(e.sides)) * max(1, e.reps or 1) for e in exercises)


def too_many_steps(exercises: tuple[Exercise, ...]) -> Sentence | None:
    """The sentence refusing a routine that plans more than MAX_PLANNED_STEPS work steps, or None."""
    steps = planned_work_steps(exercises)
    if steps <= MAX_PLANNED_STEPS:
        return None
    return Sentence(
        N_(
            "this routine plans {steps} reps, holds and timers; a routine may plan at most {limit} "
            "(fewer sets "
            "or reps)"
        ),
        steps=f"{steps:,}",
        limit=f"{MAX_PLANNED_STEPS:,}",
    )


def long_number_line(text: str) -> int | None:
    """The line of a whole number too long for Python to read (over 4,300 digits), or None."""
    for number, line in enumerate(text.split("\n"), start=1):
        if _LONG_DIGITS.search(line):
            return number
    return None


def read_illustration(path: Path) -> bytes:
    """The bytes of an illustration, or b"" (nothing drawn) when it is not a plain file of at most
    MAX_IMAGE_BYTES: the player never reads a pipe, a device or a huge file."""
    try:
        return files.read_bounded(path, MAX_IMAGE_BYTES, "an illustration")
    except files.UnreadableFileError:
        return b""


def illustration_problem(path: Path, name: str) -> Sentence | None:
    """Why the illustration `path` (written `name` in the file) will not be shown (not a plain file, or too
    big), as a whole sentence; or None."""
    try:
        facts = path.stat()
    except (OSError, RuntimeError):
        return Sentence(N_("image '{name}' cannot be read; none is shown"), name=name)
    if not stat.S_ISREG(facts.st_mode):
        return Sentence(N_("image '{name}' is not a plain file; none is shown"), name=name)
    if facts.st_size > MAX_IMAGE_BYTES:
        said = N_("image '{name}' is {size} bytes; an illustration may be at most {limit}; none is shown")
        return Sentence(said, name=name, size=f"{facts.st_size:,}", limit=f"{MAX_IMAGE_BYTES:,}")
    return None
