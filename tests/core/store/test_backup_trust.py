"""Backups you can bet on: a damaged copy is shown as damaged and never restored, every copy kept beside
the history is listed and restorable, no copy is ever overwritten, and the day's copy leaves room."""

from __future__ import annotations

import logging
import os
import shutil
from collections import namedtuple
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.operations.backups import backups, restore
from coach.core.store import backup_checks
from coach.core.store import backups as backups_module
from coach.core.store.adherence import AdherenceStore
from coach.core.store.backups import list_backups, take_backup
from coach.core.store.errors import StoreError
from tests.core.store.test_backups import add_session, at
from tests.core.store.test_daily_check import damage_table

MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def three_days(path: Path) -> None:
    for day in range(3):
        add_session(path, MORNING + timedelta(days=day))


def test_a_damaged_backup_is_listed_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    first, _second = backups(at(path)).value
    damage_table(first.path, "sessions")

    listed = backups(at(path)).value

    assert listed[0].damage is not None
    assert listed[0].sessions is None
    assert not listed[0].usable
    assert listed[1].usable
    assert listed[1].sessions == 2


def test_the_check_is_kept_by_file_identity_and_done_again_when_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    checked: list[Path] = []
    real = backup_checks.check_copy

    def counted(copy: Path) -> backup_checks.Verdict:
        checked.append(copy)
        return real(copy)

    monkeypatch.setattr(backup_checks, "check_copy", counted)
    list_backups(path)
    assert len(checked) == 2

    checked.clear()
    list_backups(path)
    assert checked == []  # nothing changed: nothing read again

    first = list_backups(path)[0]
    damage_table(first.path, "sessions")
    os.utime(first.path, ns=(1, 1))  # a new modification time, whatever the clock's grain
    assert list_backups(path)[0].damage is not None
    assert checked == [first.path]


def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    first = backups(at(path)).value[0]
    damage_table(first.path, "sessions")
    before = sorted(p.name for p in tmp_path.iterdir())
    history = path.read_bytes()

    with pytest.raises(StoreError, match=r"is damaged .*it was not restored and nothing was changed"):
        restore(at(path, MORNING + timedelta(days=5)), first.id)

    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert path.read_bytes() == history


def test_a_damaged_copy_found_only_while_copying_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    first = backups(at(path)).value[0]
    monkeypatch.setattr(
        backups_module, "check_copy", lambda _: backup_checks.Verdict(None, "page 4 is wrong")
    )
    history = path.read_bytes()

    with pytest.raises(StoreError, match=r"\(page 4 is wrong\); it was not restored"):
        restore(at(path, MORNING + timedelta(days=5)), first.id)

    assert path.read_bytes() == history
    assert not list(tmp_path.glob(".*restoring"))
    assert not list(tmp_path.glob("*before-restore*"))


def test_the_history_a_restore_replaced_is_listed_and_can_be_restored(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    first = backups(at(path)).value[0]
    restore(at(path, MORNING + timedelta(days=5)), first.id)

    kept = [b for b in backups(at(path)).value if b.kind == "before-restore"]
    assert [(b.id, b.sessions) for b in kept] == [("before-restore-20260307-080000-1", 3)]

    restore(at(path, MORNING + timedelta(days=6)), kept[0].id)
    store = AdherenceStore.open(path)
    assert len(store.sessions(include_simulated=True)) == 3
    store.close()
    kinds = [b.kind for b in backups(at(path)).value]
    assert kinds.count("before-restore") == 2  # the one it replaced is kept in turn


def test_a_file_moved_aside_as_damaged_is_listed_with_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    damage_table(path, "sessions")
    with pytest.raises(StoreError, match=r"moved aside to coach\.db\.damaged-1"):
        AdherenceStore.open(path)

    (aside,) = [b for b in backups(at(path)).value if b.kind == "damaged"]

    assert aside.id == "damaged-1"
    assert aside.damage is not None


def test_two_restores_in_the_same_second_in_the_app_keep_both_histories(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    first, second = backups(at(path)).value
    moment = MORNING + timedelta(days=5)
    store = AdherenceStore.open(path)
    store.restore_backup(first.id, moment)
    store.restore_backup(second.id, moment)
    store.close()

    kept = sorted(b.id for b in backups(at(path)).value if b.kind == "before-restore")

    assert kept == ["before-restore-20260307-080000-1", "before-restore-20260307-080000-2"]
    assert [b.sessions for b in backups(at(path)).value if b.kind == "before-restore"] == [3, 1]


def test_two_backups_in_the_same_second_never_overwrite_each_other(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    store = AdherenceStore.open(path)
    one = take_backup(store._conn, path, MORNING, "before-m099")
    two = take_backup(store._conn, path, MORNING, "before-m099")
    store.close()

    assert one.path != two.path
    assert one.path.exists()
    assert two.path.exists()
    assert two.path.name == "coach-20260302-080000-before-m099-2.db"


def test_the_daily_backup_is_skipped_with_a_note_when_space_is_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "coach.db"
    add_session(path, MORNING)
    size = path.stat().st_size
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(10**9, 0, 2 * size))

    with caplog.at_level(logging.WARNING):
        add_session(path, MORNING + timedelta(days=1))

    assert backups(at(path)).value == []
    assert "today's backup was skipped" in caplog.text
    assert "less than twice its size" in caplog.text


def test_the_context_opens_the_store_again_after_it_was_closed(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    three_days(path)
    coach = at(path, MORNING + timedelta(days=5))
    coach.store.close()  # a restore that found damage closes the store it moved aside

    assert len(coach.store.sessions(include_simulated=True)) == 3
    coach.close()
