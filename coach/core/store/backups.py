"""Backups of the database, taken with SQLite's online backup API (a consistent copy while it is in use).

They live in a private `backups` folder beside the database, one file each, readable by the owner only:
`coach-YYYYMMDD-HHMMSS.db` taken at start (at most one a day) and `coach-YYYYMMDD-HHMMSS-before-m00N.db`
before a migration; the id is the part after `coach-`. The copies kept beside the database are backups
too: the history a restore replaced (`coach.db.before-restore-STAMP-N`, id `before-restore-STAMP-N`) and a
file moved aside as damaged (`coach.db.damaged-N`, id `damaged-N`). Each is listed with its kind and
whether SQLite finds it whole; none is ever overwritten, and a damaged one is never restored.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach.core.i18n import _, format_decimal
from coach.core.paths import ensure_private_dir
from coach.core.store.backup_checks import CheckedCopies, check_copy, read_only
from coach.core.store.errors import StoreError
from coach.core.store.opening import BACKUP_FOLDER, COMPANIONS, UseLock, move_aside, restoring_copy

_STAMP = "%Y%m%d-%H%M%S"
# The copies beside the database that are backups too, by the name move_aside gives them.
_BESIDE = ("before-restore", "damaged")
# The daily copy is skipped when it would leave less free space than this many times the database's size:
# the day's session and its journal must still fit.
FREE_SPACE_FACTOR = 2


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file: its id (for `coach backup restore ID`), when it was taken, its size and sessions.

    `kind`: "daily", "before-upgrade", "before-restore" or "damaged"; `damage`: why SQLite cannot use it
    (None: it is whole).
    """

    id: str
    taken_at: datetime
    path: Path
    size: int
    sessions: int | None  # None: the copy cannot be read
    kind: str = "daily"
    damage: str | None = None

    @property
    def usable(self) -> bool:
        return self.damage is None and self.sessions is not None


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def take_backup(connection: sqlite3.Connection, database: Path, now: datetime, label: str = "") -> Backup:
    """Copy the open database into a new 0600 backup file (written aside, put in place when whole).

    The name never replaces an existing copy: a second one in the same second gets a counter.
    """
    folder = backup_folder(database)
    ensure_private_dir(folder)
    backup_id = now.astimezone(UTC).strftime(_STAMP) + (f"-{label}" if label else "")
    # A name of its own: two processes starting in the same second must not share a half-written copy.
    descriptor, name = tempfile.mkstemp(prefix=f".coach-{backup_id}.db-", suffix=".partial", dir=folder)
    os.close(descriptor)
    partial = Path(name)
    try:
        destination = sqlite3.connect(partial)
        try:
            connection.backup(destination)
            # A backup is one self-contained file: no write-ahead journal beside it.
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        _sync(partial)
        target = _place_new(partial, folder, f"coach-{backup_id}", ".db")
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise StoreError(
            _("{folder}: the backup could not be written: {error}").format(folder=folder, error=error)
        ) from error
    return _describe(target, CheckedCopies(database.parent))


def take_daily_backup(
    connection: sqlite3.Connection, database: Path, now: datetime, keep: int
) -> Backup | None:
    """A backup at start, unless one was already taken today (local day); then keep only the newest `keep`.

    StoreError (the note to log) when the copy would leave too little free space for the day's session.
    """
    if keep <= 0:
        return None
    today = now.astimezone().date()
    if any(b.taken_at.astimezone().date() == today for b in _folder_backups(database)):
        return None
    _require_room(database)
    taken = take_backup(connection, database, now)
    prune_backups(database, keep)
    return taken


def list_backups(database: Path) -> list[Backup]:
    """Every backup of `database` (its folder's and the copies beside it), oldest first, each checked."""
    checks = CheckedCopies(database.parent)
    paths = _backup_paths(database)
    found = [_describe(path, checks) for path in paths]
    checks.keep_only(paths)
    checks.save()
    return sorted(found, key=lambda b: (b.taken_at, b.id))


def prune_backups(database: Path, keep: int) -> None:
    """Remove the oldest backups in the backups folder so that only the newest `keep` remain.

    The copies beside the database (a restore's, a damaged file) are the person's to remove.
    """
    backups = _folder_backups(database)
    for old in backups[: max(0, len(backups) - keep)]:
        old.path.unlink(missing_ok=True)


def restore_backup(database: Path, backup_id: str, now: datetime) -> tuple[Backup, Path | None]:
    """Put backup `backup_id` in place of the database; the current file is moved aside first.

    Refused while any process has the store open, and for a copy SQLite does not find whole (checked
    again as copied, before anything is swapped). Returns the backup and where the old file went.
    """
    chosen = _find(database, backup_id)
    lock = UseLock(database)
    lock.take_alone()
    try:
        incoming = restoring_copy(database)
        _private_file(incoming)
        try:
            source = read_only(chosen.path)
            destination = sqlite3.connect(incoming)
            try:
                source.backup(destination)
            finally:
                destination.close()
                source.close()
            _sync(incoming)
            copied = check_copy(incoming)
            if copied.damage is not None:
                raise StoreError(_damaged_copy(chosen, copied.damage))
            aside = (
                move_aside(database, f"before-restore-{now.astimezone(UTC):{_STAMP}}")
                if (database.exists())
                else None
            )
            os.replace(incoming, database)
        except StoreError:
            incoming.unlink(missing_ok=True)
            raise
        except (sqlite3.Error, OSError) as error:
            incoming.unlink(missing_ok=True)
            raise StoreError(
                _("{path}: the backup could not be restored: {error}").format(path=database, error=error)
            ) from error
    finally:
        lock.release()
    return chosen, aside


def restore_into(connection: sqlite3.Connection, database: Path, backup_id: str, now: datetime) -> Backup:
    """Copy backup `backup_id` into the open database (the app restoring while it runs).

    The copy is checked first (a damaged one is refused, nothing changed); the current history is then
    copied aside (PATH.before-restore-STAMP-N, a new name), like the file moved aside by `restore_backup`;
    the caller holds the store's lock alone.
    """
    chosen = _find(database, backup_id)
    now_whole = check_copy(chosen.path)
    if now_whole.damage is not None:
        raise StoreError(_damaged_copy(chosen, now_whole.damage))
    aside = _new_private_file(
        database.parent, f"{database.name}.before-restore-{now.astimezone(UTC):{_STAMP}}"
    )
    try:
        copy = sqlite3.connect(aside)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        source = read_only(chosen.path)
        try:
            source.backup(connection)
        finally:
            source.close()
    except sqlite3.Error as error:
        raise StoreError(
            _("{path}: the backup could not be restored: {error}").format(path=database, error=error)
        ) from error
    return chosen


def _require_room(database: Path) -> None:
    """StoreError when a copy of the database would leave less than FREE_SPACE_FACTOR times its size free."""
    size = sum(
        part.stat().st_size
        for part in (database, *(database.with_name(database.name + s) for s in COMPANIONS))
        if part.exists()
    )
    try:
        free = shutil.disk_usage(database.parent).free
    except OSError:
        return
    if free - size < FREE_SPACE_FACTOR * size:
        raise StoreError(
            _(
                "today's backup was skipped: a copy of the history ({size}) would leave {free} free on the"
                " disk, less than twice its size; free some space"
            ).format(size=_megabytes(size), free=_megabytes(max(0, free - size)))
        )


def _megabytes(size: int) -> str:
    return _("{megabytes} MB").format(megabytes=format_decimal(size / 1_000_000, 1))


def _damaged_copy(chosen: Backup, damage: str) -> str:
    return _(
        "backup {id} ({path}) is damaged ({damage}); it was not restored and nothing was"
        " changed. Choose another backup (`coach backup list`)"
    ).format(id=chosen.id, path=chosen.path, damage=damage)


def _find(database: Path, backup_id: str) -> Backup:
    found = list_backups(database)
    chosen = next((b for b in found if b.id == backup_id), None)
    if chosen is None:
        known = ", ".join(b.id for b in found) or _("there are none yet")
        raise StoreError(
            _("there is no backup {id} in {folder} (known: {known})").format(
                id=repr(backup_id), folder=backup_folder(database), known=known
            )
        )
    if not chosen.usable:
        raise StoreError(_damaged_copy(chosen, chosen.damage or _("it cannot be read as a database")))
    return chosen


def _backup_paths(database: Path) -> list[Path]:
    folder = backup_folder(database)
    inside = [p for p in folder.glob("coach-*.db") if p.is_file()] if folder.is_dir() else []
    prefix = database.name + "."
    beside = [
        p
        for p in database.parent.glob(f"{prefix}*")
        if p.name.removeprefix(prefix).startswith(_BESIDE) and not p.name.endswith(COMPANIONS) and p.is_file()
    ]
    return sorted(inside + beside)


def _folder_backups(database: Path) -> list[Backup]:
    """The copies in the backups folder, oldest first (not checked: only their names are needed)."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = [
        Backup(
            p.stem.removeprefix("coach-"), _taken_at(p, p.stem.removeprefix("coach-")), p, 0, None, _kind(p)
        )
        for p in folder.glob("coach-*.db")
        if p.is_file()
    ]
    return sorted(found, key=lambda b: (b.taken_at, b.id))


def _kind(path: Path) -> str:
    if path.parent.name == BACKUP_FOLDER:
        return "before-upgrade" if "-before-m" in path.name else "daily"
    return next((kind for kind in _BESIDE if f".{kind}-" in path.name), "daily")


def _describe(path: Path, checks: CheckedCopies) -> Backup:
    kind = _kind(path)
    if path.parent.name == BACKUP_FOLDER:
        backup_id = path.stem.removeprefix("coach-")
    else:
        backup_id = path.name[path.name.index(f".{kind}-") + 1 :]
    verdict = checks.verdict(path)
    size = path.stat().st_size
    return Backup(backup_id, _taken_at(path, backup_id), path, size, verdict.sessions, kind, verdict.damage)


def _taken_at(path: Path, backup_id: str) -> datetime:
    stamp = backup_id.removeprefix("before-restore-")[:15]
    try:
        return _read_stamp(stamp)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _read_stamp(stamp: str) -> datetime:
    """A `_STAMP` (YYYYmmdd-HHMMSS, UTC) read back, else ValueError; by hand: `datetime.strptime` loads
    _strptime, locale and calendar, and every start reads the backups' names."""
    digits = stamp[:8] + stamp[9:]
    if len(stamp) != 15 or stamp[8] != "-" or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"not a backup's time: {stamp!r}")
    year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
    return datetime(year, month, day, int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]), tzinfo=UTC)


def _place_new(written: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Give the whole file `written` the name STEM+SUFFIX, or STEM-2+SUFFIX… the first free: never over
    an existing copy (a hard link is made only where the name is free, then the temporary name removed)."""
    number = 1
    while True:
        target = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            os.link(written, target)
        except FileExistsError:
            number += 1
            continue
        except OSError:  # a file system without hard links: take the free name as it is found
            if target.exists():
                number += 1
                continue
            os.replace(written, target)
            return target
        written.unlink()
        return target


def _new_private_file(folder: Path, stem: str) -> Path:
    """A new empty 0600 file STEM-N, the first N free: an existing copy is never overwritten."""
    number = 1
    while True:
        path = folder / f"{stem}-{number}"
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except FileExistsError:
            number += 1
            continue
        os.close(descriptor)
        return path


def _private_file(path: Path) -> None:
    """Create an empty file only its owner can read, before SQLite fills it (a leftover is replaced)."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    os.close(descriptor)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
