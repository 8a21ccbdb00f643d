"""Hidden copies a killed operation leaves beside the history, finished or removed at the next start.

A backup killed while copying (before a migration, or the daily one) leaves
`backups/.coach-ID.db-XXXX.partial`; a restore killed while copying leaves `.coach.db.restoring`; a small
file written whole (settings, the caches, the person's routine copy) leaves `.NAME-XXXX.part`. Each is a
hidden, full or partial copy of health data that nobody would otherwise find. Only the process that has the
store alone tidies: another one's temporary files may be in use.
An export's drafts are not looked for here: an export goes wherever the person chose, so the next export to
the same place removes them (`coach.core.files.remove_drafts` and `write_folder`).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from coach.core.store.errors import StoreError
from coach.core.store.opening import BACKUP_FOLDER, UseLock, restoring_copy

# What `tempfile.mkstemp` makes for `new_private_temporary` and `take_backup`: a hidden name, a dash, eight
# random letters, digits or underscores, then the suffix.
_TEMPORARY = re.compile(r"^\..+-[a-z0-9_]{8}\.(part|partial)$")


def tidy_when_alone(database: Path, lock: UseLock) -> None:
    """`tidy_leftovers` while `lock` (held shared) can be had alone for a moment; else nothing."""
    if not lock.held:
        return  # no advisory lock on this system: another process's temporary files may be in use
    with contextlib.suppress(StoreError), lock.alone():  # StoreError: another process has the store open
        for leftover in tidy_leftovers(database):
            import logging  # only when there is something to say: the command line rarely needs logging

            logging.getLogger(__name__).info("removed %s, left by a killed operation", leftover)


def tidy_leftovers(database: Path) -> list[Path]:
    """Finish or remove what killed operations left beside `database`; the paths removed.

    A restore killed after the current file was moved aside (so there is no database) is finished: its copy
    was checked whole before anything moved. Otherwise the copy is removed, as every temporary file is.
    """
    removed = []
    restoring = restoring_copy(database)
    if restoring.is_file() and not restoring.is_symlink():
        from coach.core.store.backup_checks import check_copy  # rare: not loaded by every start

        if not database.exists() and check_copy(restoring).damage is None:
            os.replace(restoring, database)
        elif _remove(restoring):
            removed.append(restoring)
    folder = database.parent
    for place in (folder, folder / BACKUP_FOLDER, folder / "cache", folder / "routines"):
        with contextlib.suppress(OSError):
            for leftover in place.iterdir():
                if _TEMPORARY.match(leftover.name) and _remove(leftover):
                    removed.append(leftover)
    return removed


def _remove(path: Path) -> bool:
    if path.is_dir() and not path.is_symlink():
        return False  # not a file of ours
    try:
        path.unlink()
    except OSError:
        return False
    return True
