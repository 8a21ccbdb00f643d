"""Hidden copies left by killed operations are finished or removed at the next start, never while another
process may be using them (issue 25, item 8)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.core.store.test_backups import add_session

NOW = datetime(2026, 3, 10, 9, tzinfo=UTC)


def leave_leftovers(data_dir: Path) -> list[Path]:
    """One of each hidden copy a kill can leave (the names the real writers make)."""
    (data_dir / "backups").mkdir(exist_ok=True)
    (data_dir / "cache").mkdir(exist_ok=True)
    (data_dir / "routines").mkdir(exist_ok=True)
    leftovers = [
        data_dir / "backups" / ".coach-20260310T090000Z-before-upgrade.db-k2j_9x0a.partial",
        data_dir / ".coach.db.restoring",
        data_dir / ".settings.json-a1b2c3d4.part",
        data_dir / "cache" / ".routines.json-zz99yy88.part",
        data_dir / "routines" / ".my-knee.toml-q1w2e3r4.part",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"health data " * 100)
    return leftovers


def test_every_hidden_copy_a_kill_leaves_is_removed_at_the_next_start(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    add_session(database, NOW)
    leftovers = leave_leftovers(tmp_path)
    mine = tmp_path / "routines" / ".notes.part"  # not a name the app makes: kept
    mine.write_text("mine", encoding="utf-8")

    store = AdherenceStore.open(database)
    store.close()

    assert [p for p in leftovers if p.exists()] == []
    assert mine.read_text(encoding="utf-8") == "mine"
    assert len(AdherenceStore.open(database).sessions(include_simulated=True)) == 1


def test_nothing_is_removed_while_another_process_has_the_store_open(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    add_session(database, NOW)
    running = AdherenceStore.open(database)  # its own temporary files may be being written
    try:
        leftovers = leave_leftovers(tmp_path)

        AdherenceStore.open(database).close()

        assert all(p.exists() for p in leftovers)
    finally:
        running.close()


def test_a_restore_killed_after_the_old_file_moved_aside_is_finished(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    add_session(database, NOW)
    # Killed between moving the current history aside and putting the checked copy in its place.
    database.rename(tmp_path / ".coach.db.restoring")

    store = AdherenceStore.open(database)

    assert len(store.sessions(include_simulated=True)) == 1  # not a new, empty history
    assert not (tmp_path / ".coach.db.restoring").exists()
    store.close()


def test_a_start_that_finds_another_process_still_counts_as_having_the_store_open(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    add_session(database, NOW)
    first = AdherenceStore.open(database)
    second = AdherenceStore.open(database)  # tried to tidy, found `first`: keeps its shared lock
    try:
        with pytest.raises(StoreError, match="has the history open"):
            first.restore_backup("none", NOW)
    finally:
        first.close()
        second.close()
