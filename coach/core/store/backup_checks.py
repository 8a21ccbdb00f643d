"""Whether a backup copy is whole: SQLite's quick check, remembered by the copy's identity.

Every copy is read whole once (`PRAGMA quick_check`); the answer is kept in `cache/backup-checks.json`
under the copy's path, size and modification time, so listing the backups again reads no copy that has not
changed. A copy that cannot be read as a database, or that SQLite finds damaged, says why.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from coach.core.files import write_text_whole
from coach.core.paths import ensure_private_dir
from coach.core.reading import UnreadableFileError, read_bounded
from coach.core.store.opening import quick_check

CHECKS_FILE = Path("cache") / "backup-checks.json"
_MAX_CHECKS_BYTES = 1_000_000  # a few thousand copies' answers; a bigger file is not ours and is ignored


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the quick check found: the sessions in a whole copy, or why it cannot be used."""

    sessions: int | None
    damage: str | None


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that can neither write `path` nor create a journal beside it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def check_copy(path: Path) -> Verdict:
    """Read `path` whole now: its sessions when SQLite finds it whole, else SQLite's first complaint."""
    try:
        with contextlib.closing(read_only(path)) as db:
            problem = quick_check(db)
            if problem:
                return Verdict(None, _one_line(problem))
            return Verdict(int(db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]), None)
    except sqlite3.Error as error:
        return Verdict(None, _one_line(str(error)))


def _one_line(detail: str) -> str:
    """SQLite's complaint without its '*** in database main ***' heading, on one line."""
    return " ".join(line for line in detail.splitlines() if not line.startswith("***")).strip()


class CheckedCopies:
    """The verdicts kept for the copies beside one database, read and written as one small JSON file."""

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / CHECKS_FILE
        self._known: dict[str, list[object]] = _read(self.file)
        self._changed = False

    def verdict(self, path: Path) -> Verdict:
        """The copy's verdict: the kept one while the copy is the same file, else a new check."""
        status = path.stat()
        identity = [status.st_size, status.st_mtime_ns]
        kept = self._known.get(str(path))
        if kept is not None and kept[:2] == identity:
            sessions, damage = kept[2], kept[3]
            if isinstance(sessions, int | None) and isinstance(damage, str | None):
                return Verdict(sessions, damage)
        found = check_copy(path)
        self._known[str(path)] = [*identity, found.sessions, found.damage]
        self._changed = True
        return found

    def keep_only(self, paths: list[Path]) -> None:
        """Forget copies that are gone."""
        names = {str(path) for path in paths}
        for gone in [name for name in self._known if name not in names]:
            del self._known[gone]
            self._changed = True

    def save(self) -> None:
        """Write the verdicts if any changed (one that cannot be written only costs a check next time)."""
        if not self._changed:
            return
        with contextlib.suppress(OSError):
            ensure_private_dir(self.file.parent)
            write_text_whole(self.file, json.dumps(self._known))
        self._changed = False


def _read(file: Path) -> dict[str, list[object]]:
    try:
        raw = json.loads(read_bounded(file, _MAX_CHECKS_BYTES).decode("utf-8"))
    except (UnreadableFileError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items() if isinstance(v, list) and len(v) == 4}
