"""Opening the database: a folder, an empty, read-only, busy or damaged file each get their own sentence."""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.operations import run_instant_session
from coach.core.routines.loader import load_routine
from coach.core.store import writing
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.conftest import EXAMPLE

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def a_history(path: Path, sessions: int = 3) -> None:
    store = AdherenceStore.open(path)
    try:
        for _ in range(sessions):
            run_instant_session(store, load_routine(EXAMPLE), NOW)
    finally:
        store.close()


def test_a_folder_named_like_the_database_is_its_own_message(tmp_path: Path) -> None:
    (tmp_path / "coach.db").mkdir()

    with pytest.raises(StoreError, match=r"coach.db is a folder, not a Rehab Coach database"):
        AdherenceStore.open(tmp_path / "coach.db")


def test_an_empty_file_is_moved_aside_not_reused(tmp_path: Path) -> None:
    (tmp_path / "coach.db").touch()

    with pytest.raises(StoreError, match=r"empty file \(0 bytes\).*moved aside to coach.db.empty-1"):
        AdherenceStore.open(tmp_path / "coach.db")

    assert (tmp_path / "coach.db.empty-1").exists()
    assert not (tmp_path / "coach.db").exists()


def test_a_damaged_file_is_moved_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=20)
    data = bytearray(path.read_bytes())
    page = 4096
    middle = len(data) // page // 2 * page
    data[middle + 100 : middle + page] = os.urandom(page - 100)  # random bytes in a middle page
    path.write_bytes(bytes(data))
    damaged = bytes(data)

    with pytest.raises(
        StoreError, match=r"is damaged \(.+\); it was moved aside to coach.db.damaged-1.*coach backup list"
    ):
        AdherenceStore.open(path)

    assert (tmp_path / "coach.db.damaged-1").read_bytes() == damaged  # nothing written into it
    assert not path.exists()


@pytest.mark.skipif(AS_ROOT or os.name != "posix", reason="root may write into read-only files")
def test_a_read_only_file_is_said_to_be_read_only(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    path.chmod(0o400)

    with pytest.raises(StoreError, match="is read-only"):
        AdherenceStore.open(path)


@pytest.mark.skipif(AS_ROOT or os.name != "posix", reason="root may write into read-only folders")
def test_a_read_only_folder_is_said_to_be_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="data is read-only"):
            AdherenceStore.open(folder / "coach.db")
    finally:
        folder.chmod(0o700)


def test_a_lock_held_for_a_second_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    store = AdherenceStore.open(path)
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sessions SET note = 'another writer'")  # so that a stale read cannot upgrade
    release = threading.Timer(1.0, holder.commit)
    release.start()
    try:
        record = run_instant_session(store, load_routine(EXAMPLE), NOW).value  # every step waits its turn
    finally:
        release.join()
        holder.close()
        store.close()

    assert record.steps_completed == record.steps_total


def test_a_lock_held_past_the_timeout_is_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.1)
    path = tmp_path / "coach.db"
    store = AdherenceStore.open(path)
    with closing(sqlite3.connect(path)) as holder:
        holder.execute("BEGIN IMMEDIATE")

        with pytest.raises(StoreError, match="kept the database busy"):
            store.begin_icing(NOW, 10)

        holder.rollback()
    assert store.icing_runs() == []
    store.close()


def test_two_stores_writing_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    AdherenceStore.open(path).close()
    failures: list[BaseException] = []

    def write_sessions() -> None:
        store = AdherenceStore.open(path)
        try:
            for _ in range(5):
                run_instant_session(store, load_routine(EXAMPLE), NOW)
        except BaseException as error:
            failures.append(error)
        finally:
            store.close()

    writers = [threading.Thread(target=write_sessions) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert failures == []
    store = AdherenceStore.open(path)
    assert len(store.sessions(include_simulated=True)) == 10
    store.close()
