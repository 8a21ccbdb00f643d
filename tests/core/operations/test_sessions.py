"""Session operations: each step is stored as it finishes, the end's answers and advice, recovery."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from coach.core.clinical.safety import SEE_A_DOCTOR, pain_advice
from coach.core.history.outcome import SessionOutcome
from coach.core.history.records import SessionStatus
from coach.core.operations import (
    Changes,
    Refused,
    answer_session_end,
    close_abandoned_session,
    find_recovery,
    resume_session,
    run_instant_session,
    start_session,
)
from coach.core.routines.library import Library, Origin, RoutineEntry
from coach.core.routines.model import Routine
from coach.core.session.clock import FakeClock
from coach.core.session.recovery import LIVE_WITHIN
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, over, reps, routine


def _library(*routines: Routine) -> Library:
    return Library(tuple(RoutineEntry(r, Origin.BUNDLED, Path(f"{r.id}.toml")) for r in routines), ())


def test_starting_a_session_opens_it_and_each_step_is_stored_as_it_finishes(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    plan = routine(hold(sets=2, seconds=10, rest_seconds=5))

    started = start_session(over(store, fake_clock), plan)
    live = started.value
    live.engine.start()
    fake_clock.advance(live.engine.steps[0].seconds + live.engine.steps[1].seconds)
    live.engine.tick()

    assert started.changes == Changes(sessions=True)
    assert store.session(live.session_id).status is SessionStatus.OPEN
    assert store.done_step_indexes(live.session_id) == [0, 1]


def test_a_session_run_to_the_end_is_closed_as_completed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    live = start_session(over(store, fake_clock), routine(hold(sets=1, seconds=10))).value

    live.engine.start()
    fake_clock.advance(live.engine.seconds_total)
    live.engine.tick()

    assert live.finished is not None
    assert live.record().status is SessionStatus.COMPLETED


def test_the_end_answers_are_stored_with_the_advice_and_a_calm_doctor_line(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    record = run_instant_session(over(store), routine(hold(sets=1, seconds=10)), now=fake_clock.wall()).value

    result = answer_session_end(
        over(store), record.id, pain=4, warning_signs={"night_pain": True, "swelling": False}, note=" stairs "
    )

    end = result.value
    assert result.changes.sessions
    assert (end.record.pain, end.record.note) == (4, "stairs")
    assert end.record.warning_signs == (("night_pain", True), ("swelling", False))
    assert end.pain_advice == pain_advice(4)
    assert end.see_a_doctor == SEE_A_DOCTOR
    assert end.outcome is SessionOutcome.DONE


def test_no_warning_sign_means_no_doctor_line(store: AdherenceStore, fake_clock: FakeClock) -> None:
    record = run_instant_session(over(store), routine(hold(sets=1, seconds=10)), now=fake_clock.wall()).value

    end = answer_session_end(over(store), record.id, pain=None, warning_signs={"night_pain": False}).value

    assert end.see_a_doctor is None
    assert end.pain_advice is None


@pytest.mark.parametrize(
    ("pain", "signs"), [(11, None), (-1, None), (3, {"headache": True})], ids=["11", "-1", "unknown sign"]
)
def test_impossible_answers_are_refused_and_nothing_is_stored(
    store: AdherenceStore, fake_clock: FakeClock, pain: int, signs: dict[str, bool] | None
) -> None:
    record = run_instant_session(over(store), routine(hold(sets=1, seconds=10)), now=fake_clock.wall()).value

    with pytest.raises(Refused):
        answer_session_end(over(store), record.id, pain=pain, warning_signs=signs)

    assert store.session(record.id).pain is None


def test_recovery_offers_the_newest_open_session_and_closes_older_ones(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    plan = routine(reps(sets=2, reps=2))
    older = start_session(over(store, fake_clock), plan).value
    fake_clock.advance(60)
    newer = start_session(over(store, fake_clock), plan).value
    fake_clock.advance(LIVE_WITHIN.total_seconds())

    found = find_recovery(over(store, now=fake_clock.wall(), library=_library(plan)))

    assert found.value is not None
    assert found.value.record.id == newer.session_id
    assert found.value.why_not is None
    assert store.session(older.session_id).status is SessionStatus.STOPPED
    assert found.changes.sessions


def test_a_session_is_resumed_where_it_stopped(store: AdherenceStore, fake_clock: FakeClock) -> None:
    plan = routine(hold(sets=2, seconds=10, rest_seconds=5))
    crashed = start_session(over(store, fake_clock), plan).value
    crashed.engine.start()
    fake_clock.advance(sum(step.seconds for step in crashed.engine.steps[:3]))
    crashed.engine.tick()

    resumed = resume_session(over(store, fake_clock, library=_library(plan)), crashed.session_id).value

    assert resumed.resumed
    assert resumed.session_id == crashed.session_id
    assert resumed.engine.index > 0


def test_a_session_too_old_to_resume_is_refused_with_why(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    plan = routine(hold(sets=2, seconds=10))
    crashed = start_session(over(store, fake_clock), plan).value
    fake_clock.suspend(timedelta(days=2).total_seconds())

    with pytest.raises(Refused, match="too long ago"):
        resume_session(over(store, fake_clock, library=_library(plan)), crashed.session_id)

    closed = close_abandoned_session(over(store), crashed.session_id).value
    assert closed.status is SessionStatus.STOPPED
