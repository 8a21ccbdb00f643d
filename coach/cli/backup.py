"""`coach backup list [--json]` and `coach backup restore ID`: the automatic backups of the history.

Every copy is listed with its kind (daily, before-upgrade, before-restore, damaged) and whether it is whole.
"""

from __future__ import annotations

import argparse
import json
from typing import IO

from coach.cli.parser import EXIT_OK
from coach.core.operations import Coach
from coach.core.operations.backups import backups, restore
from coach.core.store.backups import Backup
from coach.core.words import count


def backup_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    if args.action == "restore":
        done = restore(coach, args.id).value
        aside = f"; the previous file was moved to {done.moved_aside}" if done.moved_aside else ""
        out.write(f"restored backup {done.backup.id} ({_sessions(done.backup.sessions)}){aside}\n")
        return EXIT_OK
    found = backups(coach).value
    if args.json:
        rows = [
            {
                "id": b.id,
                "taken_at": b.taken_at.isoformat(timespec="seconds"),
                "size": b.size,
                "sessions": b.sessions,
                "kind": b.kind,
                "damaged": b.damage,
            }
            for b in found
        ]
        out.write(json.dumps({"backups": rows}, indent=2) + "\n")
        return EXIT_OK
    if not found:
        out.write("no backups yet: Rehab Coach takes one a day when it starts with a history to keep\n")
    for b in found:
        out.write(
            f"{b.id:<40} {b.taken_at.astimezone():%a %d %b %Y %H:%M}  {b.size / 1024:8.0f} KB  "
            f"{b.kind:<14}  {_state(b)}\n"
        )
    return EXIT_OK


def _state(backup: Backup) -> str:
    if backup.damage is not None:
        return f"DAMAGED, cannot be restored ({backup.damage})"
    return _sessions(backup.sessions)


def _sessions(number: int | None) -> str:
    return "cannot be read" if number is None else count(number, "session")
