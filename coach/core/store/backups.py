"""Backups of the database, taken with SQLite's online backup API (a consistent copy while it is in use).

They live in a private `backups` folder beside the database, one file each, readable by the owner only:
`coach-YYYYMMDD-HHMMSS.db` taken at start (at most one a day) and `coach-YYYYMMDD-HHMMSS-before-m00N.db`
before a migration. The id is the part after `coach-`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach.core.paths import ensure_private_dir
from coach.core.store.errors import StoreError
from coach.core.store.opening import UseLock, move_aside

BACKUP_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file: its id (for `coach backup restore ID`), when it was taken, its size and sessions."""

    id: str
    taken_at: datetime
    path: Path
    size: int
    sessions: int | None  # None: the copy cannot be read


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def take_backup(connection: sqlite3.Connection, database: Path, now: datetime, label: str = "") -> Backup:
    """Copy the open database into a new 0600 backup file (written aside, renamed when whole)."""
    folder = backup_folder(database)
    ensure_private_dir(folder)
    backup_id = now.astimezone(UTC).strftime(_STAMP) + (f"-{label}" if label else "")
    target = folder / f"coach-{backup_id}.db"
    # A name of its own: two processes starting in the same second must not share a half-written copy.
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".partial", dir=folder)
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
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise StoreError(f"{target}: the backup could not be written: {error}") from error
    return _describe(target)


def take_daily_backup(
    connection: sqlite3.Connection, database: Path, now: datetime, keep: int
) -> Backup | None:
    """A backup at start, unless one was already taken today (local day); then keep only the newest `keep`."""
    if keep <= 0:
        return None
    today = now.astimezone().date()
    if any(b.taken_at.astimezone().date() == today for b in list_backups(database)):
        return None
    taken = take_backup(connection, database, now)
    prune_backups(database, keep)
    return taken


def list_backups(database: Path) -> list[Backup]:
    """Every backup beside `database`, oldest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = [_describe(path) for path in folder.glob("coach-*.db") if path.is_file()]
    return sorted(found, key=lambda b: (b.taken_at, b.id))


def prune_backups(database: Path, keep: int) -> None:
    """Remove the oldest backups so that only the newest `keep` remain."""
    backups = list_backups(database)
    for old in backups[: max(0, len(backups) - keep)]:
        old.path.unlink(missing_ok=True)


def restore_backup(database: Path, backup_id: str, now: datetime) -> tuple[Backup, Path | None]:
    """Put backup `backup_id` in place of the database; the current file is moved aside first.

    Refused while any process has the store open. Returns the backup and where the old file went.
    """
    chosen = _find(database, backup_id)
    lock = UseLock(database)
    lock.take_alone()
    try:
        incoming = database.with_name(f".{database.name}.restoring")
        _private_file(incoming)
        try:
            source = sqlite3.connect(f"file:{chosen.path}?mode=ro&immutable=1", uri=True)
            destination = sqlite3.connect(incoming)
            try:
                source.backup(destination)
            finally:
                destination.close()
                source.close()
            _sync(incoming)
            aside = (
                move_aside(database, f"before-restore-{now.astimezone(UTC):{_STAMP}}")
                if (database.exists())
                else None
            )
            os.replace(incoming, database)
        except (sqlite3.Error, OSError) as error:
            incoming.unlink(missing_ok=True)
            raise StoreError(f"{database}: the backup could not be restored: {error}") from error
    finally:
        lock.release()
    return chosen, aside


def restore_into(connection: sqlite3.Connection, database: Path, backup_id: str, now: datetime) -> Backup:
    """Copy backup `backup_id` into the open database (the app restoring while it runs).

    The current history is first copied aside (PATH.before-restore-STAMP), like the file moved aside by
    `restore_backup`; the caller holds the store's lock alone.
    """
    chosen = _find(database, backup_id)
    aside = database.with_name(f"{database.name}.before-restore-{now.astimezone(UTC):{_STAMP}}")
    _private_file(aside)
    try:
        copy = sqlite3.connect(aside)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        source = sqlite3.connect(f"file:{chosen.path}?mode=ro&immutable=1", uri=True)
        try:
            source.backup(connection)
        finally:
            source.close()
    except sqlite3.Error as error:
        raise StoreError(f"{database}: the backup could not be restored: {error}") from error
    return chosen


def _find(database: Path, backup_id: str) -> Backup:
    chosen = next((b for b in list_backups(database) if b.id == backup_id), None)
    if chosen is None:
        known = ", ".join(b.id for b in list_backups(database)) or "there are none yet"
        raise StoreError(f"there is no backup {backup_id!r} in {backup_folder(database)} (known: {known})")
    if chosen.sessions is None:
        raise StoreError(f"{chosen.path} cannot be read as a database; choose another backup")
    return chosen


def _describe(path: Path) -> Backup:
    backup_id = path.stem.removeprefix("coach-")
    try:
        taken_at = datetime.strptime(backup_id[:15], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        taken_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return Backup(backup_id, taken_at, path, path.stat().st_size, _count_sessions(path))


def _count_sessions(path: Path) -> int | None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as db:
            return int(db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])
    except sqlite3.Error:
        return None


def _private_file(path: Path) -> None:
    """Create an empty file only its owner can read, before SQLite fills it."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    os.close(descriptor)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
