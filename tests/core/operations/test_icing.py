"""Icing operations: one live run at a time, never over the cap, recorded open then closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.core.clinical.safety import ICING_LIMIT_REASON
from coach.core.history.records import IcingStatus
from coach.core.operations import (
    Refused,
    close_abandoned_icing,
    finish_icing,
    icing_now,
    live_icing_run,
    resume_icing,
    start_icing,
)
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_a_run_is_recorded_open_then_closed(store: AdherenceStore, fake_clock: FakeClock) -> None:
    started = start_icing(over(store, fake_clock), 20)
    (opened,) = store.icing_runs()
    assert (opened.status, opened.planned_minutes, opened.actual_minutes) == (IcingStatus.OPEN, 20, None)
    assert started.changes.icing

    fake_clock.advance(90)
    closed = finish_icing(over(store), started.value.run_id, started.value.run.stop()).value

    assert (closed.status, closed.actual_minutes) == (IcingStatus.STOPPED, 1.5)
    assert closed.started_at == T0
    assert closed.finished_at == T0 + timedelta(seconds=90)
    assert store.last_icing_end() == T0 + timedelta(seconds=90)


def test_a_second_run_is_refused_while_one_is_live(store: AdherenceStore, fake_clock: FakeClock) -> None:
    start_icing(over(store, fake_clock), 10)
    fake_clock.advance(4 * 60)

    with pytest.raises(Refused, match="already running: 6 min left"):
        start_icing(over(store, fake_clock), 20)

    assert len(store.icing_runs()) == 1


def test_more_than_the_cap_is_refused_with_the_reason(store: AdherenceStore, fake_clock: FakeClock) -> None:
    with pytest.raises(Refused) as refused:
        start_icing(over(store, fake_clock), 25)

    assert ICING_LIMIT_REASON in str(refused.value)
    assert store.icing_runs() == []


def test_a_run_left_open_past_its_deadline_does_not_block_a_new_one(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    crashed = store.begin_icing(fake_clock.wall(), 5)
    fake_clock.suspend(6 * 60)

    started = start_icing(over(store, fake_clock), 20).value

    assert store.icing_run(crashed).status is IcingStatus.STOPPED
    assert live_icing_run(over(store, now=fake_clock.wall())) is not None
    assert started.run_id != crashed


def test_runs_left_open_by_a_crash_are_closed_up_to_their_deadline(store: AdherenceStore) -> None:
    crashed = store.begin_icing(T0, 20)
    still_running = store.begin_icing(T0 + timedelta(minutes=30), 10)

    closed = close_abandoned_icing(over(store, now=T0 + timedelta(minutes=35)))

    assert [r.id for r in closed.value] == [crashed]
    assert closed.changes.icing
    record = store.icing_run(crashed)
    assert record.status is IcingStatus.STOPPED
    assert record.finished_at == T0 + timedelta(minutes=20)
    assert record.actual_minutes == 20
    assert store.icing_run(still_running).status is IcingStatus.OPEN


def test_a_live_run_left_by_a_killed_app_is_resumed_with_its_own_deadline(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    run_id = store.begin_icing(fake_clock.wall(), 12)  # the app that wrote this row was killed
    later = FakeClock(wall=fake_clock.wall() + timedelta(minutes=5), monotonic=7.0)  # a new process

    resumed = resume_icing(over(store, later)).value

    assert resumed is not None
    assert resumed.run_id == run_id
    assert resumed.run.remaining() == 7 * 60
    later.advance(7 * 60)
    ended = resumed.run.tick()
    assert ended is not None
    assert ended.finished
    assert ended.ended_at == T0 + timedelta(minutes=12)


def test_a_run_whose_deadline_passed_while_closed_is_recorded_as_ended_not_resumed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    store.begin_icing(fake_clock.wall(), 10)
    fake_clock.advance(30 * 60)

    result = resume_icing(over(store, fake_clock))

    assert result.value is None
    assert result.changes.icing
    (record,) = store.icing_runs()
    assert (record.status, record.finished_at) == (IcingStatus.STOPPED, T0 + timedelta(minutes=10))


def test_nothing_to_resume_changes_nothing(store: AdherenceStore, fake_clock: FakeClock) -> None:
    result = resume_icing(over(store, fake_clock))

    assert result.value is None
    assert not result.changes


def test_icing_now_tells_the_minutes_left_and_the_end(store: AdherenceStore, fake_clock: FakeClock) -> None:
    assert icing_now(over(store, now=fake_clock.wall())).running is False
    start_icing(over(store, fake_clock), 20)
    fake_clock.advance(7 * 60 + 30)

    now = icing_now(over(store, now=fake_clock.wall()))

    assert (now.running, now.minutes_left, now.planned_minutes) == (True, 13, 20)
    assert now.ends_at == T0 + timedelta(minutes=20)


def test_finishing_a_run_another_process_already_closed_keeps_the_first_ending(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    started = start_icing(over(store, fake_clock), 10).value
    fake_clock.advance(10 * 60)
    ended = started.run.stop()
    finish_icing(over(store), started.run_id, ended)

    again = finish_icing(over(store), started.run_id, ended)

    assert again.value.status is IcingStatus.FINISHED
    assert not again.changes
