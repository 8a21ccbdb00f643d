from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_a_run_is_recorded_and_read_back_with_its_pain_answered_later(tmp_path: Path) -> None:
    store = AdherenceStore.open(tmp_path / "coach.db")
    try:
        run_id = store.record_run(
            NewRun(T0, 31.5, RunSource.GPX, distance_km=5.2, moving_minutes=30.0, pain=RunPain(during=2))
        )
        assert run_id is not None
        store.answer_run_pain(run_id, after_hour=1)
        store.answer_run_pain(run_id, next_morning=0)
        (run,) = store.runs()
    finally:
        store.close()

    assert run.pain == RunPain(during=2, after_hour=1, next_morning=0)
    assert run.source is RunSource.GPX
    assert run.started_at == T0
    assert run.pace_min_per_km == pytest.approx(30.0 / 5.2)


def test_a_run_with_a_known_fingerprint_is_one_run(tmp_path: Path) -> None:
    store = AdherenceStore.open(tmp_path / "coach.db")
    try:
        first = store.record_run(NewRun(T0, 20, RunSource.FIT, fingerprint="abc"))
        again = store.record_run(NewRun(T0, 20, RunSource.FIT, fingerprint="abc"))
        other = store.record_run(NewRun(T0, 20, RunSource.LOGGED))
        assert len(store.runs()) == 2
    finally:
        store.close()

    assert first is not None
    assert again is None
    assert other is not None


def test_simulated_runs_and_runs_outside_the_period_are_left_out(tmp_path: Path) -> None:
    store = AdherenceStore.open(tmp_path / "coach.db")
    try:
        store.record_run(NewRun(T0, 20, RunSource.GUIDED, simulated=True))
        store.record_run(NewRun(T0 + timedelta(days=1), 20, RunSource.GUIDED, stage=0))
        store.record_run(NewRun(T0 + timedelta(days=9), 20, RunSource.LOGGED))

        in_week = store.runs(since=T0, until=T0 + timedelta(days=7))
        everything = store.runs(include_simulated=True)
    finally:
        store.close()

    assert [run.stage for run in in_week] == [0]
    assert len(everything) == 3


def test_pain_outside_0_to_10_and_an_unknown_run_are_refused(tmp_path: Path) -> None:
    store = AdherenceStore.open(tmp_path / "coach.db")
    try:
        run_id = store.record_run(NewRun(T0, 20, RunSource.LOGGED))
        assert run_id is not None
        with pytest.raises(StoreError, match="0 to 10"):
            store.answer_run_pain(run_id, during=11)
        with pytest.raises(StoreError, match="no run 99"):
            store.answer_run_pain(99, during=1)
        with pytest.raises(StoreError, match="time zone"):
            store.record_run(NewRun(datetime(2026, 3, 2), 20, RunSource.LOGGED))
    finally:
        store.close()
