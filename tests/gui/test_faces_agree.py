"""One sentence, both faces: the end page and the terminal, given the same answers, show the core's words
as given, the second "yes" in a row's firmer wording included (the end page once showed the milder one)."""

from __future__ import annotations

import io

from pytestqt.qtbot import QtBot

from coach.cli.questions import Questions
from coach.cli.terminal_session import ask_session_end
from coach.core.clinical.safety import SEE_A_DOCTOR_AGAIN, SESSION_WARNING_SIGNS
from coach.core.operations import answer_session_end, start_session
from coach.core.operations.sessions import hurt_choices
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.operations import OperationRunner
from coach.gui.session_end import SessionEndPage
from tests.cli.fakes import typed
from tests.gui.driving import click
from tests.helpers import hold, over, reps, routine

PLAN = routine(hold(sets=1, seconds=10))
PAIN = 6  # above the default limit: the pain advice has its own sentence


def test_the_end_page_and_the_terminal_show_the_same_sentences(
    qtbot: QtBot, store: AdherenceStore, fake_clock: FakeClock
) -> None:
    coach = over(store, fake_clock)
    first = start_session(coach, PLAN).value  # the first "yes"
    answer_session_end(coach, first.session_id, pain=2, warning_signs={"night_pain": True, "swelling": False})
    answers = ["y"] + ["n"] * (len(SESSION_WARNING_SIGNS) - 1)  # a second "yes" in a row

    # The terminal
    fake_clock.advance(3600)
    in_terminal = start_session(coach, PLAN).value
    out = io.StringIO()
    ask_session_end(
        coach, in_terminal.session_id, Questions(typed(*answers, ""), out, interactive=True), out, pain=PAIN
    )
    said = out.getvalue()

    # The end page, the same answers
    fake_clock.advance(3600)
    in_app = start_session(coach, PLAN).value
    page = SessionEndPage(store.session(in_app.session_id), OperationRunner(coach))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.pain_slider.setValue(PAIN)
    page._on_pain_touched()
    for sign, answer in zip(SESSION_WARNING_SIGNS, answers, strict=True):
        click(page.answers[sign.key].button(1 if answer == "y" else 0))

    shown = page.pain_advice.text(), page.doctor.text()
    assert all(shown), shown
    assert page.doctor.text() == SEE_A_DOCTOR_AGAIN  # the firmer wording, not the milder one
    assert f"{PAIN} of 10: {page.pain_advice.text()}" in said
    assert page.doctor.text() in said


def test_the_exercises_that_hurt_are_asked_on_the_end_page_and_stored(
    qtbot: QtBot, store: AdherenceStore, fake_clock: FakeClock
) -> None:
    plan = routine(hold(sets=1, seconds=10), reps(exercise_id="squat"))
    coach = over(store, fake_clock)
    live = start_session(coach, plan).value
    page = SessionEndPage(
        store.session(live.session_id), OperationRunner(coach), exercises=hurt_choices(plan)
    )
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)

    click(page.hurt["squat"])

    assert store.session(live.session_id).hurt == {"squat"}
