"""Before a terminal session: resume a session that did not finish, or close it as stopped early."""

from __future__ import annotations

import dataclasses
import io
from datetime import timedelta

from coach.cli.questions import Questions
from coach.cli.terminal_recovery import AGAIN, ASK, offer_recovery
from coach.cli.terminal_session import session_in_terminal
from coach.core.history.records import SessionStatus
from coach.core.operations import start_session
from coach.core.routines.model import Routine
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.cli.fakes import Unreadable, library, scripted_keys, typed
from tests.helpers import hold, over, routine

PLAN = routine(hold(sets=3, seconds=10, rest_seconds=5))


def crash(store: AdherenceStore, plan: Routine, clock: FakeClock, seconds: float) -> int:
    """A session that ran `seconds` and was never finished, as when the app or terminal died."""
    live = start_session(over(store, clock), plan).value
    live.engine.start()
    clock.advance(seconds)
    live.engine.tick()
    clock.advance(600)
    return live.session_id


def test_r_resumes_the_session_where_it_stopped_and_plays_it_to_the_end(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    crashed = crash(store, PLAN, fake_clock, 5 + 10 + 5 + 3)  # ready, set 1, rest, 3 s into set 2
    out = io.StringIO()
    questions = Questions(typed("r"), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(PLAN)), PLAN, out, questions, scripted_keys(fake_clock)
    )

    text = out.getvalue()
    assert "Your Test routine session from" in text
    assert "did not finish" in text
    assert "The 1 of 3 reps and holds you did are saved." in text
    assert ASK in text
    assert "carrying on where it stopped" in text
    assert end.record.id == crashed
    assert (end.record.status, end.record.steps_completed) == (SessionStatus.COMPLETED, 3)
    assert len(store.sessions()) == 1


def test_c_closes_it_as_stopped_early_and_the_asked_routine_starts(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    crashed = crash(store, PLAN, fake_clock, 20)
    out = io.StringIO()
    questions = Questions(typed("what", "c"), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(PLAN)), PLAN, out, questions, scripted_keys(fake_clock)
    )

    assert AGAIN in out.getvalue()
    assert "It is closed as stopped early." in out.getvalue()
    closed = store.session(crashed)
    assert (closed.status, closed.steps_completed) == (SessionStatus.STOPPED, 1)
    assert end.record.id != crashed
    assert end.record.status is SessionStatus.COMPLETED


def test_without_a_terminal_it_is_left_as_it_is_without_asking(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    crashed = crash(store, PLAN, fake_clock, 20)
    out = io.StringIO()

    live = offer_recovery(
        over(store, fake_clock, library=library(PLAN)), Questions(Unreadable(), out, interactive=False), out
    )

    assert live is None
    assert ASK not in out.getvalue()
    assert "It is left as it is" in out.getvalue()
    assert store.session(crashed).status is SessionStatus.OPEN


def test_a_session_running_elsewhere_is_neither_offered_nor_closed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    running = start_session(over(store, fake_clock), PLAN).value
    running.engine.start()
    fake_clock.advance(5 + 10)
    running.engine.tick()
    fake_clock.advance(30)
    out = io.StringIO()

    live = offer_recovery(
        over(store, fake_clock, library=library(PLAN)), Questions(typed("c"), out, interactive=True), out
    )

    assert live is None
    assert out.getvalue() == ""
    assert store.session(running.session_id).status is SessionStatus.OPEN


def test_one_that_cannot_be_resumed_says_why_and_is_closed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    crashed = crash(store, PLAN, fake_clock, 20)
    fake_clock.suspend(timedelta(days=2).total_seconds())
    out = io.StringIO()

    live = offer_recovery(
        over(store, fake_clock, library=library(PLAN)), Questions(Unreadable(), out, interactive=True), out
    )

    assert live is None
    assert "It cannot be resumed: it started too long ago to carry on." in out.getvalue()
    assert ASK not in out.getvalue()
    assert store.session(crashed).status is SessionStatus.STOPPED


def test_resuming_another_routine_than_the_one_asked_says_so(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    other = dataclasses.replace(routine(hold(sets=1, seconds=10), routine_id="other"), title="Other routine")
    crashed = crash(store, PLAN, fake_clock, 20)
    out = io.StringIO()
    questions = Questions(typed("r"), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(PLAN, other)),
        other,
        out,
        questions,
        scripted_keys(fake_clock),
    )

    assert "This carries on Test routine, not Other routine; start Other routine again after it." in (
        out.getvalue()
    )
    assert end.record.id == crashed
    assert [s.routine_id for s in store.sessions()] == [PLAN.id]


def test_nothing_to_recover_asks_nothing(store: AdherenceStore, fake_clock: FakeClock) -> None:
    out = io.StringIO()

    live = offer_recovery(
        over(store, fake_clock, library=library(PLAN)), Questions(Unreadable(), out, interactive=True), out
    )

    assert live is None
    assert out.getvalue() == ""
