"""Writing a file whole or not at all: drawn beside its place, checked, flushed to disk, then renamed.

A reader (or a physiotherapist's spreadsheet) therefore finds the old file or the whole new one, never a
part; a full disk or a kill leaves no half-written file behind, and a writer that produced nothing (Qt's
PDF writer reports no errors) is caught by checking what it wrote.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

# Checks the finished temporary file; returns why it is not acceptable, or None.
Check = Callable[[Path], str | None]


class WriteError(Exception):
    """The file could not be written whole; the message says why, with the path."""


def new_private_temporary(target: Path) -> Path:
    """An empty file beside `target`, readable by its owner only, with a hidden name."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".part", dir=target.parent)
    os.close(descriptor)
    return Path(temporary)


def sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; elsewhere the rename is durable enough)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_together(writes: Sequence[tuple[Path, Callable[[Path], None]]], check: Check | None = None) -> None:
    """Write each target through `writer(temporary)`; rename them all into place only when all are whole.

    Raises WriteError (every temporary file removed, every target as it was) when a writer fails, the
    disk is full, or `check` (default: not empty) refuses what was written.
    """
    temporaries: list[Path] = []
    current = writes[0][0]
    try:
        for target, writer in writes:
            current = target
            temporary = new_private_temporary(target)
            temporaries.append(temporary)
            writer(temporary)
            problem = (check or _not_empty)(temporary)
            if problem:
                raise WriteError(f"{target}: {problem}; nothing was written")
            sync_file(temporary)
        for (target, _), temporary in zip(writes, temporaries, strict=True):
            os.replace(temporary, target)
        for folder in {target.parent for target, _ in writes}:
            sync_folder(folder)
    except OSError as error:
        _remove(temporaries)
        raise WriteError(f"{current}: {_reason(error)}; nothing was written") from error
    except BaseException:
        _remove(temporaries)
        raise


def write_whole(target: Path, writer: Callable[[Path], None], check: Check | None = None) -> None:
    """`write_together` for one file."""
    write_together([(target, writer)], check)


def _not_empty(path: Path) -> str | None:
    return "the written file was empty (is the disk full?)" if path.stat().st_size == 0 else None


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return error.strerror or str(error)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
