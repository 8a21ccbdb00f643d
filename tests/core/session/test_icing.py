from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.core.clinical.safety import (
    ICING_LIMIT_REASON,
    ICING_REPEAT_WARNING,
    ICING_SKIN_CHECK_CUE,
    icing_repeat_warning,
)
from coach.core.session.clock import FakeClock
from coach.core.session.icing import (
    IcingRefusedError,
    IcingRun,
    IcingState,
)
from coach.core.session.timer import countdown_text
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_remaining_time_counts_down_from_the_planned_minutes(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 20)

    fake_clock.advance(61.5)

    assert run.remaining() == pytest.approx(20 * 60 - 61.5)
    assert countdown_text(run.remaining()) == "18:59"
    assert run.minutes_left() == 19
    assert run.tick() is None
    assert run.state is IcingState.RUNNING


@pytest.mark.parametrize("minutes", [21, 25, 60])
def test_more_than_twenty_minutes_is_refused_with_the_reason(fake_clock: FakeClock, minutes: int) -> None:
    with pytest.raises(IcingRefusedError, match=ICING_LIMIT_REASON):
        IcingRun(fake_clock, minutes)


def test_the_next_tick_is_aligned_to_the_next_whole_second(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 1)

    assert run.seconds_to_next_tick() == 1.0
    fake_clock.advance(0.3)
    assert run.seconds_to_next_tick() == pytest.approx(0.7)
    fake_clock.advance(59.2)
    assert run.seconds_to_next_tick() == pytest.approx(0.5)


def test_the_run_finishes_at_its_deadline(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 5)

    fake_clock.advance(5 * 60)
    ended = run.tick()

    assert ended is not None
    assert (ended.finished, ended.while_asleep, ended.actual_minutes) == (True, False, 5.0)
    assert ended.ended_at == T0 + timedelta(minutes=5)
    assert run.tick() is None, "the end is reported once"
    assert run.remaining() == 0.0


def test_a_sleep_past_the_deadline_says_when_it_ended(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 20)
    fake_clock.advance(5 * 60)

    fake_clock.suspend(60 * 60)
    ended = run.tick()

    assert ended is not None
    assert ended.while_asleep
    assert ended.finished
    assert ended.ended_at == T0 + timedelta(minutes=20)
    assert ended.actual_minutes == 20.0


def test_a_short_sleep_shows_the_true_remaining_time(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 20)
    fake_clock.advance(60)

    fake_clock.suspend(10 * 60)

    assert run.tick() is None
    assert run.remaining() == pytest.approx(9 * 60)


@pytest.mark.parametrize("jump", [3600.0, -3600.0])
def test_a_clock_set_during_icing_neither_ends_nor_stretches_the_ice(
    fake_clock: FakeClock, jump: float
) -> None:
    run = IcingRun(fake_clock, 20)
    fake_clock.advance(20)

    fake_clock.set_wall(jump)

    assert run.tick() is None, "20 s of ice is not an hour, nor 'ended while asleep'"
    assert run.remaining() == pytest.approx(20 * 60 - 20)
    fake_clock.advance(20 * 60 - 20)
    ended = run.tick()
    assert ended is not None
    assert (ended.finished, ended.while_asleep, ended.actual_minutes) == (True, False, 20.0)
    assert ended.ended_at == T0 + timedelta(minutes=20), "recorded from the time of day the ice began"


def test_a_run_stopped_after_a_clock_change_records_the_minutes_truly_iced(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 20)
    fake_clock.advance(60)
    fake_clock.set_wall(-3600)
    fake_clock.advance(60)

    ended = run.stop()

    assert (ended.finished, ended.actual_minutes) == (False, 2.0)
    assert ended.ended_at == T0 + timedelta(minutes=2)


def test_stopping_early_records_the_minutes_iced(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 20)
    fake_clock.advance(7 * 60 + 30)

    ended = run.stop()

    assert (ended.finished, ended.actual_minutes) == (False, 7.5)
    assert run.state is IcingState.STOPPED
    assert run.stop() is ended


def test_stopping_after_the_deadline_counts_as_finished(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 5)
    fake_clock.suspend(6 * 60)

    assert run.stop().finished


def test_icing_again_within_two_hours_gets_a_soft_warning() -> None:
    assert icing_repeat_warning(None, T0) is None
    assert icing_repeat_warning(T0, T0 + timedelta(minutes=119)) == ICING_REPEAT_WARNING
    assert icing_repeat_warning(T0, T0 + timedelta(minutes=120)) is None


def test_a_closed_run_cannot_change(store: AdherenceStore) -> None:
    run_id = store.begin_icing(T0, 20)
    store.finish_icing(run_id, finished=True, finished_at=T0, actual_minutes=20)

    with pytest.raises(StoreError, match="already finished"):
        store.finish_icing(run_id, finished=False, finished_at=T0, actual_minutes=1)


def test_the_icing_timer_prompts_the_skin_check_once_after_5_minutes(fake_clock: FakeClock) -> None:
    run = IcingRun(fake_clock, 20)

    fake_clock.advance(4 * 60 + 59)
    early = run.skin_check()
    fake_clock.advance(1)
    due = run.skin_check()
    fake_clock.advance(60)

    assert early is None
    assert due == ICING_SKIN_CHECK_CUE
    assert run.skin_check() is None
    assert IcingRun(fake_clock, 5).skin_check() is None
