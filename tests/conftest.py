"""Shared fixtures. Qt must be told to run offscreen before anything imports it."""

from __future__ import annotations

import os

from tests.helpers import over

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.operations import run_instant_session
from coach.core.paths import Places, resolve_places
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.store import writing
from coach.core.store.adherence import AdherenceStore

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "knee-basics.toml"


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 2, 8, 0, tzinfo=UTC), monotonic=1000.0)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, set as COACH_DATA_DIR for the test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("COACH_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def places(data_dir: Path) -> Places:
    return resolve_places()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AdherenceStore]:
    opened = AdherenceStore.open(tmp_path / "store" / "coach.db")
    yield opened
    opened.close()


def write(path: Path, text: str) -> Path:
    """Write a test file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def a_history(database: Path, sessions: int) -> None:
    """A history of `sessions` instant (simulated) sessions of the example routine."""
    store = AdherenceStore.open(database)
    try:
        for _ in range(sessions):
            run_instant_session(over(store), load_routine(EXAMPLE), now=datetime.now(UTC))
    finally:
        store.close()


@pytest.fixture
def history_locked(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another program holds the history locked (exclusively, so that not even a reader gets in)."""
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.2)
    a_history(data_dir / "coach.db", sessions=1)
    with closing(sqlite3.connect(data_dir / "coach.db", isolation_level=None)) as holder:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE sessions SET note = 'another program'")
        yield
        holder.execute("ROLLBACK")
