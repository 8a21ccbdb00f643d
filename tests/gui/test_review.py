"""Recording a review in History asks what the clinician said; only "yes, I may continue" lifts the pause."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coach.core.operations import answer_session_end, start_session
from coach.core.operations.pause import open_sign
from coach.gui.app import CoachApp


@pytest.mark.parametrize(("answer", "paused"), [("cleared", False), ("not-cleared", True), ("unsure", True)])
def test_the_review_asks_and_only_a_yes_lifts_the_pause(
    coach_app: CoachApp, qtbot: QtBot, answer: str, paused: bool
) -> None:
    coach = coach_app.coach
    entry = coach.library.find("hip-strength")
    assert entry is not None
    live = start_session(coach, entry.routine).value
    answer_session_end(coach, live.session_id, pain=2, warning_signs={"night_pain": False, "swelling": True})
    history = coach_app.show_history()
    panel = history.advice
    assert panel.seen_button.isVisibleTo(history)

    box = panel.ask_review()
    assert isinstance(box, QMessageBox)
    button = next(b for b, said in panel.review_answers.items() if said == answer)
    button.click()

    assert (open_sign(coach) is not None) is paused
    assert panel.result.text()  # the core's sentence for that answer
    assert ("stays paused" in panel.result.text()) is paused
