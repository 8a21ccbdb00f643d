"""Icing operations: one live run at a time, never over the cap, recorded open then closed."""

from __future__ import annotations

import json
import os
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
    stop_icing,
)
from coach.core.session.clock import FakeClock
from coach.core.session.icing_owner import NOTE_NAME
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
GONE_PID = 2**31 - 2  # above any pid_max Linux allows: no process has it


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


# A second process on the same machine: its own clocks, the same boot, the machine's elapsed clock where the
# app's is (it counts since boot), and a time of day that may have been set since the run began.
def another_process(app_clock: FakeClock) -> FakeClock:
    return FakeClock(wall=app_clock.wall(), monotonic=app_clock.elapsed(), boot=app_clock.boot())


@pytest.mark.parametrize("clock_set_by", [3600.0, -3600.0, 30 * 24 * 3600.0, -5 * 365 * 24 * 3600.0])
def test_a_clock_set_while_icing_changes_nothing_another_process_sees(
    store: AdherenceStore, clock_set_by: float
) -> None:
    app_clock = FakeClock(wall=T0, boot="this-machine")
    start_icing(over(store, app_clock), 20)
    app_clock.advance(60)
    app_clock.set_wall(clock_set_by)  # a person or NTP sets the time of day, a minute into the ice
    other = another_process(app_clock)

    now = icing_now(over(store, other))

    assert (now.running, now.minutes_left, now.planned_minutes) == (True, 19, 20)
    assert now.ends_at == other.wall() + timedelta(minutes=19)
    assert now.timer_running is True, "its owner (this test's process) is alive"
    assert close_abandoned_icing(over(store, other)).value == [], "no jump ends the run early"
    with pytest.raises(Refused, match="already running: 19 min left"):
        start_icing(over(store, other), 10)
    (record,) = store.icing_runs()
    assert record.status is IcingStatus.OPEN


def test_stopping_from_another_process_after_a_clock_jump_records_the_minutes_truly_iced(
    store: AdherenceStore,
) -> None:
    app_clock = FakeClock(wall=T0, boot="this-machine")
    start_icing(over(store, app_clock), 20)
    app_clock.advance(90)
    app_clock.set_wall(-3600)

    stopped = stop_icing(over(store, another_process(app_clock))).value

    assert (stopped.status, stopped.actual_minutes) == (IcingStatus.STOPPED, 1.5)


def test_a_run_truly_over_is_closed_by_another_process_whatever_the_time_of_day(
    store: AdherenceStore,
) -> None:
    app_clock = FakeClock(wall=T0, boot="this-machine")
    started = start_icing(over(store, app_clock), 5).value  # then the app is killed
    app_clock.advance(6 * 60)
    app_clock.set_wall(-3600)  # the clock put back: by the time of day it would have 65 minutes left

    other = another_process(app_clock)
    assert icing_now(over(store, other)).running is False
    (closed,) = close_abandoned_icing(over(store, other)).value

    assert (closed.id, closed.status, closed.actual_minutes) == (started.run_id, IcingStatus.STOPPED, 5)


def test_a_run_whose_timer_has_gone_is_taken_up_on_the_machines_clock(store: AdherenceStore) -> None:
    app_clock = FakeClock(wall=T0, boot="this-machine")
    started = start_icing(over(store, app_clock), 20).value
    assert store.path is not None
    note = store.path.parent / NOTE_NAME
    facts = json.loads(note.read_text(encoding="utf-8"))
    note.write_text(json.dumps(facts | {"pid": GONE_PID}), encoding="utf-8")  # the app was killed
    app_clock.advance(5 * 60)
    app_clock.set_wall(2 * 3600)
    other = another_process(app_clock)

    assert icing_now(over(store, other)).timer_running is False
    resumed = resume_icing(over(store, other)).value

    assert resumed is not None
    assert resumed.run_id == started.run_id
    assert resumed.run.remaining() == 15 * 60
    assert icing_now(over(store, other)).timer_running is True, "this process counts it down now"


def test_without_a_note_another_boot_judges_by_the_time_of_day_within_the_planned_minutes(
    store: AdherenceStore,
) -> None:
    app_clock = FakeClock(wall=T0, boot="before-a-restart")
    start_icing(over(store, app_clock), 20)
    app_clock.advance(60)
    after_restart = FakeClock(wall=T0 - timedelta(minutes=10), boot="after-a-restart")

    now = icing_now(over(store, after_restart))

    assert (now.running, now.minutes_left, now.timer_running) == (True, 20, None)


@pytest.mark.parametrize("hostile", ["fifo", "loop", "junk"])
def test_a_note_that_is_a_pipe_a_link_loop_or_junk_is_not_believed_and_hangs_nothing(
    store: AdherenceStore, hostile: str
) -> None:
    app_clock = FakeClock(wall=T0, boot="this-machine")
    start_icing(over(store, app_clock), 20)
    assert store.path is not None
    note = store.path.parent / NOTE_NAME
    note.unlink()
    if hostile == "fifo":
        os.mkfifo(note)
    elif hostile == "loop":
        note.symlink_to(note)
    else:
        note.write_text('{"run_id": 1, "pid": 1e999, "boot": 7}', encoding="utf-8")
    app_clock.advance(60)

    now = icing_now(over(store, another_process(app_clock)))

    assert (now.running, now.minutes_left, now.timer_running) == (True, 19, None)  # by the time of day
