"""The whole-file integrity check runs at most once a day, yet always before a migration and after a restore,
and damage met later, on a read, gets the same "damaged, moved aside" sentence as at opening."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.core.operations import run_instant_session
from coach.core.routines.loader import load_routine
from coach.core.store import adherence, opening, schema
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.conftest import EXAMPLE
from tests.helpers import over

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PAGE = 4096


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every quick check the store runs, by file name."""
    ran: list[str] = []
    real = opening.quick_check

    def counted(db: sqlite3.Connection) -> str | None:
        ran.append("check")
        return real(db)

    monkeypatch.setattr(opening, "quick_check", counted)
    monkeypatch.setattr(adherence, "quick_check", counted)
    return ran


def a_history(path: Path, sessions: int, now: datetime = NOW) -> None:
    store = AdherenceStore.open(path, now=now)
    try:
        for _ in range(sessions):
            run_instant_session(over(store), load_routine(EXAMPLE), now=now)
    finally:
        store.close()


def open_and_close(path: Path, now: datetime, keep: int = 0) -> None:
    AdherenceStore.open(path, now=now, keep_backups=keep).close()


def test_the_check_runs_once_a_day_not_at_every_open(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=2)  # a new file counts as checked today
    checks.clear()
    open_and_close(path, NOW + timedelta(hours=2))
    assert checks == []

    open_and_close(path, NOW + timedelta(days=1))
    open_and_close(path, NOW + timedelta(days=1, hours=2))
    assert len(checks) == 1
    open_and_close(path, NOW + timedelta(days=2))
    assert len(checks) == 2


def test_without_a_clock_the_check_always_runs(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    checks.clear()

    AdherenceStore.open(path).close()
    AdherenceStore.open(path).close()
    assert len(checks) == 2


def test_a_file_put_in_place_of_the_checked_one_is_checked_again(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    open_and_close(path, NOW)
    checks.clear()

    other = tmp_path / "copy.db"
    other.write_bytes(path.read_bytes())
    os.replace(other, path)
    open_and_close(path, NOW)
    assert len(checks) == 1


def test_a_migration_is_always_preceded_by_the_check(
    tmp_path: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    open_and_close(path, NOW)
    checks.clear()

    def m999_nothing(db: Database) -> None:
        """One more step, pending, that changes nothing."""

    more = Migrations(schema.MIGRATION_SET)
    for name in schema.KNOWN_MIGRATIONS:
        more()(getattr(schema, name))
    more()(m999_nothing)
    monkeypatch.setattr(adherence, "KNOWN_MIGRATIONS", [*schema.KNOWN_MIGRATIONS, "m999_nothing"])
    monkeypatch.setattr(adherence, "migrations", lambda: more)
    open_and_close(path, NOW)
    assert len(checks) == 1
    with closing(sqlite3.connect(path)) as db:
        assert schema.applied_migrations(db)[-1] == "m999_nothing"


def test_a_restore_while_open_checks_what_came_back(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    open_and_close(path, NOW + timedelta(days=1), keep=3)  # the backup, and today's check
    store = AdherenceStore.open(path, now=NOW + timedelta(days=1))
    checks.clear()
    try:
        backup = store.restore_backup(store_backup_id(path), NOW + timedelta(days=1))
    finally:
        store.close()
    assert backup.sessions == 1
    assert len(checks) == 1


def store_backup_id(path: Path) -> str:
    from coach.core.store.backups import list_backups

    return list_backups(path)[0].id


def damage_table(path: Path, table: str, *, keep_time: bool = False) -> bytes:
    """Random bytes over the first page of `table`; returns the damaged file's bytes.

    With `keep_time`, the file keeps its size and modification time (a disk that rots, a tool that hides
    its tracks): nothing outside the file tells that it changed.
    """
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    before = path.stat()
    data = bytearray(path.read_bytes())
    start = (root - 1) * PAGE
    data[start : start + PAGE] = os.urandom(PAGE)
    with open(path, "r+b") as same_file:  # written in place: the same file the check passed today
        same_file.write(bytes(data))
    if keep_time:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return bytes(data)


def test_damage_met_on_a_read_is_the_damaged_sentence_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=30)
    open_and_close(path, NOW)  # checked today
    damaged = damage_table(path, "icing_runs", keep_time=True)
    store = AdherenceStore.open(path, now=NOW + timedelta(hours=1))  # not checked again today

    with pytest.raises(StoreError, match=r"is damaged \(.+\); it was moved aside to coach.db.damaged-1"):
        store.icing_runs()
    with pytest.raises(StoreError, match=r"moved aside to coach.db.damaged-1"):
        store.sessions()  # the store says the same thing again, never "closed database"
    store.close()

    assert (tmp_path / "coach.db.damaged-1").read_bytes() == damaged
    assert not path.exists()


def test_damage_met_while_opening_after_todays_check_is_the_damaged_sentence(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=3)
    open_and_close(path, NOW)
    damage_table(path, "_sqlite_migrations")  # read by every open, before anything else

    with pytest.raises(StoreError, match=r"is damaged \(.+\); it was moved aside to coach.db.damaged-1"):
        AdherenceStore.open(path, now=NOW + timedelta(hours=1))
    assert not path.exists()


def test_a_damaged_backup_is_refused_while_open_and_the_history_stays(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=30)
    open_and_close(path, NOW + timedelta(days=1), keep=3)
    from coach.core.store.backups import list_backups

    (backup,) = list_backups(path)
    damage_table(backup.path, "sessions")
    store = AdherenceStore.open(path, now=NOW + timedelta(days=1))

    with pytest.raises(StoreError, match=r"is damaged \(.+\); it was not restored and nothing was changed"):
        store.restore_backup(backup.id, NOW + timedelta(days=1))
    assert len(store.sessions(include_simulated=True)) == 30  # still open, still the real history
    store.close()
    assert sorted(p.name for p in tmp_path.glob("coach.db*")) == [
        "coach.db",
        "coach.db.checked",
        "coach.db.lock",
    ]


def test_a_file_changed_after_the_days_check_is_checked_again_at_the_next_open(
    tmp_path: Path, checks: list[str]
) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=30)
    open_and_close(path, NOW)
    open_and_close(path, NOW + timedelta(minutes=5))  # the app's own writes and closes keep the stamp
    checks.clear()
    open_and_close(path, NOW + timedelta(minutes=10))
    assert checks == []
    damaged = damage_table(path, "sessions")  # an outside tool, later the same day

    with pytest.raises(StoreError, match=r"is damaged \(.+\); it was moved aside to coach.db.damaged-1"):
        AdherenceStore.open(path, now=NOW + timedelta(hours=1))
    assert checks == ["check"]
    assert (tmp_path / "coach.db.damaged-1").read_bytes() == damaged


def test_a_file_damaged_while_open_is_caught_before_the_next_write(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=30)  # checked as it was made
    checks.clear()
    store = AdherenceStore.open(path, now=NOW + timedelta(hours=1))
    try:
        store.begin_icing(NOW, 10)  # its own write: no check
        assert checks == []
        damaged = damage_table(path, "sessions")  # meanwhile, an outside tool writes into the file

        with pytest.raises(StoreError, match=r"is damaged \(.+\); it was moved aside to coach.db.damaged-1"):
            store.begin_icing(NOW + timedelta(minutes=30), 10)
        with pytest.raises(StoreError, match=r"moved aside to coach.db.damaged-1"):
            store.begin_icing(NOW + timedelta(minutes=31), 10)  # the same sentence, never "closed database"
    finally:
        store.close()
    assert checks == ["check"]
    assert (tmp_path / "coach.db.damaged-1").read_bytes() == damaged, "nothing was written into it"


def test_a_write_by_another_rehab_coach_is_not_taken_for_damage(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=3)
    first = AdherenceStore.open(path, now=NOW + timedelta(hours=1))
    try:
        a_history(path, sessions=40, now=NOW + timedelta(hours=1))  # another process, its own writes
        checks.clear()
        first.begin_icing(NOW + timedelta(hours=1), 10)
    finally:
        first.close()
    assert checks == []


def test_a_pipe_in_place_of_the_check_stamp_is_no_stamp_not_a_hang(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    AdherenceStore.open(database).close()
    stamp = database.with_name("coach.db.checked")
    stamp.unlink(missing_ok=True)
    os.mkfifo(stamp)

    assert not opening.checked_on(database, datetime.now(UTC).date())
