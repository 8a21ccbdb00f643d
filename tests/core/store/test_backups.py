"""Backups: one a day at start, a few kept, private, listed, restored with the current file moved aside."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.operations import run_instant_session
from coach.core.operations.backups import backups, restore
from coach.core.operations.context import Coach
from coach.core.paths import Places, shipped
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.conftest import EXAMPLE
from tests.helpers import over

MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def open_on(path: Path, now: datetime, keep: int = 3) -> AdherenceStore:
    return AdherenceStore.open(path, now=now, keep_backups=keep)


def add_session(path: Path, now: datetime) -> None:
    store = open_on(path, now)
    run_instant_session(over(store), load_routine(EXAMPLE), now=now)
    store.close()


def test_at_most_one_backup_a_day_is_taken_at_start(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    add_session(path, MORNING)  # a new database: nothing to back up yet
    add_session(path, MORNING)
    add_session(path, MORNING + timedelta(hours=3))

    found = backups(at(path)).value

    assert [b.taken_at for b in found] == [MORNING]
    assert found[0].sessions == 1


def test_only_the_newest_few_are_kept_and_they_are_private(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    for day in range(6):
        add_session(path, MORNING + timedelta(days=day))

    found = backups(at(path)).value

    assert [b.taken_at.day for b in found] == [5, 6, 7]
    assert [b.sessions for b in found] == [3, 4, 5]
    for backup in found:
        assert backup.path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [b.path.name for b in found]


def test_restore_puts_the_backup_in_place_and_moves_the_current_file_aside(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    for day in range(3):
        add_session(path, MORNING + timedelta(days=day))
    first = backups(at(path)).value[0]

    done = restore(at(path, MORNING + timedelta(days=5)), first.id).value

    assert done.moved_aside is not None
    assert done.moved_aside.name == "coach.db.before-restore-20260307-080000-1"
    store = AdherenceStore.open(path)
    assert len(store.sessions(include_simulated=True)) == 1
    store.close()
    aside = AdherenceStore.open(done.moved_aside)
    assert len(aside.sessions(include_simulated=True)) == 3
    aside.close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_restore_is_refused_while_the_store_is_open(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    add_session(path, MORNING)
    add_session(path, MORNING + timedelta(days=1))
    store = AdherenceStore.open(path)

    with pytest.raises(StoreError, match="Rehab Coach is open"):
        restore(at(path, MORNING + timedelta(days=2)), backups(at(path)).value[0].id)

    store.close()
    # nothing moved: the database, its lock, the day of its last integrity check, the backups and their checks
    assert sorted(os.listdir(tmp_path)) == [
        "backups",
        "cache",
        "coach.db",
        "coach.db.checked",
        "coach.db.lock",
    ]


def test_an_unknown_backup_is_named_with_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    add_session(path, MORNING)
    add_session(path, MORNING + timedelta(days=1))

    with pytest.raises(StoreError, match=r"there is no backup 'nope' .*known: 20260303-080000"):
        restore(at(path, MORNING), "nope")


def at(database: Path, now: datetime | None = None) -> Coach:
    """A Coach context on `database` (not opened) at `now`."""
    places = Places(database.parent, shipped("routines"), shipped("assets"))
    return Coach(places, FakeClock(now) if now is not None else FakeClock(), backups=False)
