"""Migrations take the write lock up front, run all or nothing, and a wait says how long it really was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.core.store import opening, schema, writing
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from coach.core.store.schema import applied_migrations


def an_old_database(path: Path) -> None:
    """A database from the first release (write-ahead journal): two steps applied, the rest pending."""
    before = Migrations("rehab-coach")
    before()(schema.m001_sessions_and_steps)
    before()(schema.m002_warning_signs)
    with closing(Database(path)) as db:
        db.enable_wal()
        before.apply(db)


@contextmanager
def another_writer(path: Path) -> Iterator[None]:
    """A second program holding the database's write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_migrations_begin_by_taking_the_write_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "coach.db"
    an_old_database(path)
    said: list[str] = []
    real_connect = opening.connect

    def traced(place: Path, *, check: bool = True) -> sqlite3.Connection:
        db = real_connect(place, check=check)
        db.set_trace_callback(said.append)
        return db

    monkeypatch.setattr("coach.core.store.adherence.connect", traced)

    AdherenceStore.open(path).close()

    first_write = next(i for i, s in enumerate(said) if s.startswith(("CREATE", "ALTER", "INSERT")))
    assert "BEGIN IMMEDIATE" in said[:first_write]


def test_a_migration_that_waited_for_the_lock_says_how_long_and_wrote_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    an_old_database(path)
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.3)

    with another_writer(path), pytest.raises(StoreError) as refused:
        AdherenceStore.open(path)

    assert "kept the database busy (waited 0.3 seconds)" in str(refused.value)
    assert "10 seconds" not in str(refused.value)
    with closing(sqlite3.connect(path)) as db:
        assert applied_migrations(db) == ["m001_sessions_and_steps", "m002_warning_signs"]


def test_a_migration_that_fails_part_way_leaves_every_step_unwritten_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    an_old_database(path)
    steps = schema.migrations()
    failing = steps._migrations[5]  # m006: five pending steps ran before it

    def full(db: Database) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(failing, "fn", full)

    with pytest.raises(StoreError, match=r"the disk is full.*nothing was written"):
        AdherenceStore.open(path)

    with closing(sqlite3.connect(path)) as db:  # and indeed nothing was
        assert applied_migrations(db) == ["m001_sessions_and_steps", "m002_warning_signs"]
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'icing_runs'").fetchone() is None
