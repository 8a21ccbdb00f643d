"""Backups: list them, and bring one back in place of the database (the current file moved aside first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coach.core.operations.changes import Changes, OpResult
from coach.core.store.adherence import AdherenceStore
from coach.core.store.backups import Backup, list_backups, restore_backup

EVERYTHING_STORED = Changes(sessions=True, steps=True, icing=True, day_marks=True, check_in=True)


@dataclass(frozen=True, slots=True)
class Restored:
    """The backup now in use, and where the file it replaced was moved (None: there was none)."""

    backup: Backup
    moved_aside: Path | None


def backups(database: Path) -> OpResult[list[Backup]]:
    """The backups of `database`, oldest first."""
    return OpResult(list_backups(database))


def restore_while_open(store: AdherenceStore, backup_id: str, now: datetime) -> OpResult[Backup]:
    """Restore backup `backup_id` into the app's open store; StoreError (with why) if another has it open."""
    return OpResult(store.restore_backup(backup_id, now), EVERYTHING_STORED)


def restore(database: Path, backup_id: str, now: datetime) -> OpResult[Restored]:
    """Restore backup `backup_id`; StoreError (with why) while the store is open anywhere."""
    chosen, aside = restore_backup(database, backup_id, now)
    return OpResult(Restored(chosen, aside), EVERYTHING_STORED)
