"""`coach backup list [--json]` and `coach backup restore ID`: the automatic backups of the history.

Every copy is listed with its kind (daily, before-upgrade, before-restore, damaged) and whether it is whole.
"""

from __future__ import annotations

import argparse
import json
from typing import IO

from coach.cli.parser import EXIT_OK
from coach.core.i18n import _, format_moment, ngettext, pgettext
from coach.core.operations import Coach
from coach.core.operations.backups import backups, restore
from coach.core.store.backups import Backup


def backup_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    if args.action == "restore":
        done = restore(coach, args.id).value
        sessions = _sessions(done.backup.sessions)
        if done.moved_aside:
            said = _("restored backup {id} ({sessions}); the previous file was moved to {path}").format(
                id=done.backup.id, sessions=sessions, path=done.moved_aside
            )
        else:
            said = _("restored backup {id} ({sessions})").format(id=done.backup.id, sessions=sessions)
        out.write(f"{said}\n")
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
        none = _("no backups yet: Rehab Coach takes one a day when it starts with a history to keep")
        out.write(f"{none}\n")
    for b in found:
        taken = format_moment(b.taken_at.astimezone(), "%a %d %b %Y %H:%M", "yMMMEd")
        out.write(f"{b.id:<40} {taken}  {b.size / 1024:8.0f} KB  {_kind(b.kind):<14}  {_state(b)}\n")
    return EXIT_OK


def _state(backup: Backup) -> str:
    if backup.damage is not None:
        return _("DAMAGED, cannot be restored ({damage})").format(damage=backup.damage)
    return _sessions(backup.sessions)


def _kind(kind: str) -> str:
    """The kind of a backup in the language in use (the codes stay as they are in --json)."""
    words = {
        # Translators: a column 14 characters wide in `coach backup list`: keep each kind as short.
        "daily": pgettext("backup kind", "daily"),
        "before-upgrade": pgettext("backup kind", "before-upgrade"),
        "before-restore": pgettext("backup kind", "before-restore"),
        "damaged": pgettext("backup kind", "damaged"),
    }
    return words.get(kind, kind)


def _sessions(number: int | None) -> str:
    if number is None:
        return _("cannot be read")
    return ngettext("{count} session", "{count} sessions", number).format(count=number)
