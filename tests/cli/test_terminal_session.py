"""A terminal session to its end, then the app's end-of-session questions, each answer stored at once."""

from __future__ import annotations

import io

from coach.cli.questions import Questions
from coach.cli.terminal_session import PAIN_NOW_QUESTION as PAIN_NOW_TEMPLATE
from coach.cli.terminal_session import PAIN_QUESTION as PAIN_TEMPLATE
from coach.cli.terminal_session import (
    ask_session_end,
    pain_before_prompt,
    pain_prompt,
    session_in_terminal,
)
from coach.core.clinical.safety import SEE_A_DOCTOR, SESSION_WARNING_SIGNS, pain_advice
from coach.core.history.outcome import SessionOutcome
from coach.core.operations import run_instant_session
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.cli.fakes import Unreadable, library, scripted_keys, typed
from tests.helpers import hold, over, routine, timer

PAIN_BEFORE_PROMPT = pain_before_prompt()
PAIN_QUESTION = pain_prompt(PAIN_TEMPLATE)
PAIN_NOW_QUESTION = pain_prompt(PAIN_NOW_TEMPLATE)

PLAN = routine(hold(sets=2, seconds=10, rest_seconds=5))


def test_after_the_player_come_the_questions_and_a_yes_brings_see_a_doctor(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    out = io.StringIO()
    no_to_the_rest = ["n"] * (len(SESSION_WARNING_SIGNS) - 1)
    questions = Questions(typed("2", "4", "y", *no_to_the_rest, "1", " stairs hurt "), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(PLAN)), PLAN, out, questions, scripted_keys(fake_clock)
    )

    text = out.getvalue()
    assert text.index(PAIN_BEFORE_PROMPT) < text.index("Calf Stretch, set 1 of 2") < text.index(PAIN_QUESTION)
    assert all(sign.question in text for sign in SESSION_WARNING_SIGNS)
    assert f"4 of 10: {pain_advice(4)}" in text
    assert text.count(SEE_A_DOCTOR) == 1
    record = store.session(end.record.id)
    assert (record.pain_before, record.pain, record.note) == (2, 4, "stairs hurt")
    assert record.hurt == {PLAN.exercises[0].id}  # "which hurt?" answered with its number
    assert record.warning_signs == tuple(
        (sign.key, index == 0) for index, sign in enumerate(SESSION_WARNING_SIGNS)
    )
    assert text.endswith("Session done: 2 of 2 steps done. Saved.\n")


def test_the_final_line_says_the_outcome_in_the_cores_word(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    out = io.StringIO()
    questions = Questions(Unreadable(), out, interactive=False)
    keys = scripted_keys(fake_clock, {10.0: "q", 11.0: "y"})

    end = session_in_terminal(over(store, fake_clock, library=library(PLAN)), PLAN, out, questions, keys)

    assert end.outcome is SessionOutcome.STOPPED_EARLY
    assert out.getvalue().endswith("Session stopped early: 0 of 2 steps done. Saved.\n")


def test_a_pain_off_the_scale_is_asked_again(store: AdherenceStore, fake_clock: FakeClock) -> None:
    session_id = run_instant_session(over(store), PLAN, now=fake_clock.wall()).value.id
    out = io.StringIO()

    end = ask_session_end(
        over(store), session_id, Questions(typed("11", "ten", "3"), out, interactive=True), out
    )

    assert out.getvalue().count(PAIN_QUESTION) == 3
    assert "pain is recorded on a scale from 0 to 10, got 11" in out.getvalue()
    assert "pain must be a whole number from 0 to 10" in out.getvalue()
    assert end.record.pain == 3


def test_pain_given_on_the_command_line_is_not_asked(store: AdherenceStore, fake_clock: FakeClock) -> None:
    session_id = run_instant_session(over(store), PLAN, now=fake_clock.wall()).value.id
    out = io.StringIO()

    end = ask_session_end(
        over(store), session_id, Questions(typed("", "", ""), out, interactive=True), out, pain=6
    )

    assert PAIN_QUESTION not in out.getvalue()
    assert f"6 of 10: {pain_advice(6)}" in out.getvalue()
    assert SESSION_WARNING_SIGNS[0].question in out.getvalue()
    assert end.record.pain == 6
    assert SEE_A_DOCTOR not in out.getvalue()


def test_without_a_terminal_only_the_flags_answer_and_nothing_waits(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    session_id = run_instant_session(over(store), PLAN, now=fake_clock.wall()).value.id
    out = io.StringIO()

    end = ask_session_end(
        over(store), session_id, Questions(Unreadable(), out, interactive=False), out, pain=2
    )

    assert out.getvalue() == f"2 of 10: {pain_advice(2)}\n"
    assert (end.record.pain, end.record.note) == (2, "")
    assert all(answer is None for _, answer in end.record.warning_signs)


def test_answers_given_before_the_input_ends_are_kept(store: AdherenceStore, fake_clock: FakeClock) -> None:
    session_id = run_instant_session(over(store), PLAN, now=fake_clock.wall()).value.id
    out = io.StringIO()

    ask_session_end(over(store), session_id, Questions(typed("5", "yes"), out, interactive=True), out)

    record = store.session(session_id)
    assert record.pain == 5
    assert dict(record.warning_signs)[SESSION_WARNING_SIGNS[0].key] is True
    assert SEE_A_DOCTOR in out.getvalue()


def test_the_pain_before_is_skippable_and_a_flag_answers_it(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    skipped = session_in_terminal(
        over(store, fake_clock, library=library(PLAN)),
        PLAN,
        io.StringIO(),
        Questions(typed(""), io.StringIO(), interactive=True),
        scripted_keys(fake_clock),
    )
    out = io.StringIO()
    given = session_in_terminal(
        over(store, fake_clock, library=library(PLAN)),
        PLAN,
        out,
        Questions(typed(""), out, interactive=True),
        scripted_keys(fake_clock),
        pain_before=5,
    )

    assert store.session(skipped.record.id).pain_before is None
    assert store.session(given.record.id).pain_before == 5
    assert PAIN_BEFORE_PROMPT not in out.getvalue()


def test_after_icing_alone_the_pain_asked_is_the_knees_now_without_exercise_advice(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    icing = routine(timer(minutes=1))
    out = io.StringIO()
    no_to_every_sign = ["n"] * len(SESSION_WARNING_SIGNS)
    questions = Questions(typed("4", *no_to_every_sign, ""), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(icing)), icing, out, questions, scripted_keys(fake_clock)
    )

    text = out.getvalue()
    assert PAIN_NOW_QUESTION in text
    assert PAIN_QUESTION not in text
    assert pain_advice(4) not in text
    assert store.session(end.record.id).pain == 4
