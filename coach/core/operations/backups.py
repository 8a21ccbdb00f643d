"""Backups: list them, and bring one back in place of the database (the current file moved aside first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.operations.changes import Changes, OpResult
from coach.core.operations.context import Coach
from coach.core.paths import refuse_a_non_folder
from coach.core.store.backups import Backup, list_backups, restore_backup

EVERYTHING_STORED = Changes(sessions=True, steps=True, icing=True, day_marks=True, check_in=True)


@dataclass(frozen=True, slots=True)
class Restored:
    """The backup now in use, and where the file it replaced was moved (None: there was none)."""

    backup: Backup
    moved_aside: Path | None


def backups(coach: Coach) -> OpResult[list[Backup]]:
    """The backups of the database, oldest first; NotADirectoryError when the data folder is a file."""
    refuse_a_non_folder(coach.places.data_dir)
    return OpResult(list_backups(coach.places.database))


def restore_while_open(coach: Coach, backup_id: str) -> OpResult[Backup]:
    """Restore backup `backup_id` into the app's open store; StoreError (with why) if another has it open."""
    return OpResult(coach.store.restore_backup(backup_id, coach.now()), EVERYTHING_STORED)


def restore(coach: Coach, backup_id: str) -> OpResult[Restored]:
    """Restore backup `backup_id` while this process has not opened the store; StoreError (with why)
    while it is open anywhere."""
    chosen, aside = restore_backup(coach.places.database, backup_id, coach.now())
    return OpResult(Restored(chosen, aside), EVERYTHING_STORED)
