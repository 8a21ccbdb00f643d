"""The history's sentences in German: the pain rule's reasons and headings, the advice, the streak, running
and the outcome words (English stays as it was: the other tests compare it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from coach.core.clinical.pain_days import SessionPain
from coach.core.clinical.pain_rule import Progression, morning_advice, progression_rule
from coach.core.history.outcome import SessionOutcome
from coach.core.history.prescription import ProgrammeWeek
from coach.core.history.running_load import RunningStage, RunningWeek, describe_running_week
from coach.core.history.stats import StreakFigure, describe_streak
from coach.core.i18n import ENGLISH, _, use_language
from coach.core.paths import catalogues


@pytest.fixture
def german() -> Iterator[None]:
    use_language("de", catalogues())
    yield
    use_language(ENGLISH, None)


def settled(n: int) -> SessionPain:
    return SessionPain(fully_done=True, pain=2, morning_pain=1, day=date(2026, 3, n))


def test_the_pain_rule_gives_its_reasons_in_german(german: None) -> None:
    progress = progression_rule([settled(2), settled(3)])
    ease = progression_rule([settled(2), SessionPain(True, 6, 2, day=date(2026, 3, 3))])
    rising = progression_rule([settled(2), settled(3)], (1.0, 2.5))

    assert progress.outcome is Progression.PROGRESS
    assert progress.reason == (
        "Der Schmerz hatte sich am Morgen nach Ihren letzten zwei Einheiten beruhigt, und Sie haben beide "
        "vollständig gemacht."
    )
    assert ease.reason == (
        "Der Schmerz erreichte 6 von 10 während einer der letzten Einheiten; über 5 ist zu viel."
    )
    assert rising.reason == (
        "Der Morgenschmerz stieg im Durchschnitt von 1,0 auf 2,5 von 10, von Woche zu Woche."  # decimal comma
    )
    assert _(Progression.HOLD.heading) == "Diese Dosis vorerst beibehalten"
    assert morning_advice(1, before=2).startswith("Das Knie hat sich seit der Einheit beruhigt")


def test_history_figures_are_german(german: None) -> None:
    week = RunningWeek(date(2026, 3, 2), 75.5, 3, 12.3, 4, 2, None, 1)

    assert describe_streak(StreakFigure("week", 3, 5)) == "3 Wochen am Stück nach Plan · am längsten 5 Wochen"
    assert describe_streak(StreakFigure("day", 1, 1)) == "1 Tag am Stück nach Plan · am längsten 1 Tag"
    assert describe_running_week(week) == (
        "Woche ab 2. März: 3 Läufe, 75,5 Min., 12,3 km, 4 Übungseinheiten; "
        "Schmerz währenddessen höchstens 2, am nächsten Morgen höchstens 1"
    )
    assert str(RunningStage(1, None, date(2026, 3, 12))) == "Stufe 2 (letzter Lauf 12. März)"
    assert SessionOutcome.PARTLY_DONE.label == "teilweise erledigt"
    assert SessionOutcome.PARTLY_DONE.value == "partly done"  # CSV and JSON keep the English code
    assert str(ProgrammeWeek(7, 6, date(2026, 3, 2), "")) == (
        "Wochen 1–6 (2. März – 12. Apr. 2026), dann fortgesetzt (Woche 7)"
    )
