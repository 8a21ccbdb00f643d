"""Who counts a live icing run down, and since when on the machine's elapsed clock: the note another process
judges that run by.

A second process (`coach ice --status`, `--stop`, a terminal countdown, the app at its next start) cannot see
the monotonic clock of the process counting the ice down, and the time of day may have been set ahead or back
since the run began: judged by the wall clock, a run would then look over (and be closed early) or hours
long. The elapsed clock (Linux's boot-time clock) is the machine's, not the process's, so the owner writes
down where on it the run began, under the name of that boot; any process of the same boot then knows exactly
how long the ice has been on, whatever the time of day says. Another boot, or no note, falls back to the time
of day, kept within the planned minutes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from coach.core.files import write_text_whole
from coach.core.reading import UnreadableFileError, read_bounded
from coach.core.session.clock import Clock

NOTE_NAME = "icing-timer.json"
_NOTE_LIMIT = 4096  # a few numbers: anything larger is not ours
# A draft of the note (`.icing-timer.json-XXXXXXXX.part`) older than this was left by a writer killed while
# writing it; a live writer renames its draft within milliseconds, so a younger one may be at work.
DRAFT_AGE_SECONDS = 60.0
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IcingOwner:
    """The note: which run, the process counting it down, the boot, where on its elapsed clock it began."""

    run_id: int
    pid: int
    boot: str
    began_elapsed: float

    def iced_seconds(self, clock: Clock) -> float | None:
        """How long the ice has been on by the machine's elapsed clock; None on another boot (not known)."""
        if clock.boot() != self.boot:
            return None
        iced = clock.elapsed() - self.began_elapsed
        return iced if iced >= 0 else None

    def alive(self) -> bool | None:
        """Whether the process counting it down still runs (None where that cannot be asked safely)."""
        if os.name != "posix":
            return None  # Windows' os.kill(pid, 0) would end the process
        if self.pid == os.getpid():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # someone else's process of that number: not ours, but alive
            return True
        return True


def note_owner(data_dir: Path, run_id: int, clock: Clock, *, iced: float = 0.0) -> None:
    """Write that this process counts run `run_id` down, begun `iced` seconds ago on `clock`'s elapsed clock.

    Nothing is written where the boot cannot be named. The note only makes others' judgement exact: a note
    that cannot be written is logged, and the run goes on (others judge it by the time of day).
    """
    boot = clock.boot()
    if boot is None:
        return
    remove_killed_drafts(data_dir)
    note = {"run_id": run_id, "pid": os.getpid(), "boot": boot, "began_elapsed": clock.elapsed() - iced}
    try:
        write_text_whole(data_dir / NOTE_NAME, json.dumps(note))
    except OSError as error:
        log.warning("the icing timer's note could not be written: %s", error)


def read_owner(data_dir: Path, run_id: int) -> IcingOwner | None:
    """The note of run `run_id`, if there is one that reads well (a pipe, a link loop, junk: None)."""
    try:
        raw = json.loads(read_bounded(data_dir / NOTE_NAME, _NOTE_LIMIT, "the icing timer's note"))
    except (UnreadableFileError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("run_id") != run_id:
        return None
    pid, boot, began = raw.get("pid"), raw.get("boot"), raw.get("began_elapsed")
    if not (isinstance(pid, int) and 0 < pid < 2**31 and isinstance(boot, str)):
        return None
    if isinstance(began, bool) or not isinstance(began, int | float) or not math.isfinite(began):
        return None
    return IcingOwner(run_id, pid, boot, float(began))


def forget_owner(data_dir: Path, run_id: int) -> None:
    """Remove the note once run `run_id` is closed (a note of another run is left alone)."""
    if read_owner(data_dir, run_id) is None:
        return
    remove_killed_drafts(data_dir)
    try:
        (data_dir / NOTE_NAME).unlink()
    except OSError as error:
        log.warning("the icing timer's note could not be removed: %s", error)


def remove_killed_drafts(data_dir: Path) -> None:
    """Remove the drafts of the note that writers killed while writing it left beside it, at the next write
    (the store's start tidies them too, but only a process that has the store alone: `store/leftovers.py`).
    A draft younger than `DRAFT_AGE_SECONDS` stays: another process may be writing it right now."""
    prefix = f".{NOTE_NAME}-"
    try:
        drafts = [p for p in data_dir.iterdir() if p.name.startswith(prefix) and p.name.endswith(".part")]
    except OSError:
        return
    now = time.time()
    for draft in drafts:
        with contextlib.suppress(OSError):
            facts = draft.lstat()
            if stat.S_ISREG(facts.st_mode) and now - facts.st_mtime > DRAFT_AGE_SECONDS:
                draft.unlink()
                log.info("removed %s, left by a killed icing timer", draft)
