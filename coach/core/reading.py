"""Reading a file the app did not write itself (or that someone may have replaced): bounded, plain only.

A FIFO would block (the app then ignores SIGTERM), `/dev/zero` never ends, a sparse 3 GB file is read
whole before its size is known, and a loop of links raises: every file the app reads goes through here
(routine files, settings.json, the library cache, illustrations, the backups' checks).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFileError(Exception):
    """Why a file was not read at all, as a sentence (no path: the caller names the file)."""


def read_bounded(path: Path, limit: int, what: str = "this file") -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes; else UnreadableFileError.

    Every file the app reads goes through here: a FIFO would block (the app then ignores SIGTERM),
    `/dev/zero` never ends, a sparse 3 GB file would be read whole before its size is known, and a link
    loop raises. `what` names the file in the sentence ("a routine file", "settings.json").
    """
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise UnreadableFileError(f"cannot read the file: {error.strerror or error}") from error
    try:
        facts = os.fstat(descriptor)
        if not stat.S_ISREG(facts.st_mode):
            raise UnreadableFileError(
                "this is not a plain file (a folder, a pipe or a device); it was not read"
            )
        if facts.st_size > limit:
            raise UnreadableFileError(f"the file is {facts.st_size} bytes; {what} may be at most {limit}")
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFileError(f"cannot read the file: {error.strerror or error}") from error
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise UnreadableFileError(f"the file grew past {limit} bytes while it was read")
    return raw
