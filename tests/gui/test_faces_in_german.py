"""With German chosen, About, the reminders, the run log and the icing advice read in it; the icing advice
keeps its numbers (the 5-minute skin check, the 2-hour gap) in every language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.core.clinical import safety
from coach.core.clinical.pain_before import pain_before_advice
from coach.core.clinical.safety import (
    DISCLAIMER,
    ICING_END_ADVICE,
    ICING_REPEAT_GAP_MINUTES,
    ICING_SKIN_CHECK_ADVICE,
    ICING_SKIN_CHECK_CUE,
    ICING_SKIN_CHECK_MINUTES,
    ICING_START_ADVICE,
    ICING_WHO_SHOULD_NOT,
    icing_repeat_warning,
    pain_advice,
    warning_sign_advice,
)
from coach.core.i18n import _, use_language
from coach.core.paths import Places, catalogues
from coach.core.settings import Settings
from coach.gui.about import AboutDialog
from coach.gui.app import CoachApp
from coach.gui.reminders import ReminderDialog, ReminderPrompt
from coach.gui.run_log import RunLogDialog


@pytest.fixture
def german() -> None:
    use_language("de", catalogues())  # the suite's `english` fixture brings English back after the test


def labels(widget: object) -> str:
    assert hasattr(widget, "findChildren")
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


@pytest.mark.usefixtures("german")
def test_about_is_german(qtbot: QtBot, places: Places) -> None:
    dialog = AboutDialog(places.data_dir, places.assets)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "Über Rehab Coach"
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Über", "Klinische Quellen", "Lizenzen"]
    shown = labels(dialog)
    assert "Rehab Coach ersetzt keine ärztliche oder physiotherapeutische Betreuung." in shown
    assert _(DISCLAIMER) in shown
    assert DISCLAIMER not in shown
    assert "Ihr Datenordner:" in shown
    assert dialog.open_button.text() == "Ö&ffnen"


@pytest.mark.usefixtures("german")
def test_the_reminder_and_its_settings_are_german(qtbot: QtBot) -> None:
    prompt = ReminderPrompt()
    qtbot.addWidget(prompt)
    prompt.show_for(datetime(2026, 3, 2, 17, 0).astimezone(), "2 of 3 today")
    assert prompt.message.text().startswith("Es ist ")
    assert prompt.start_button.text() == "Jetzt &starten (2 of 3 today)"
    assert prompt.snooze_buttons[10].text() == "10 Min."
    assert prompt.dismiss_button.text() == "&Ausblenden"

    dialog = ReminderDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Erinnerungen"
    assert "Mich an diesen Tagen zu dieser Uhrzeit an meine Routine erinnern:" in labels(dialog)


@pytest.mark.usefixtures("german")
def test_the_run_log_is_german(qtbot: QtBot, coach_app: CoachApp) -> None:
    dialog = RunLogDialog(coach_app.runner, coach_app.window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Lauf eintragen"
    shown = labels(dialog)
    assert "Wie sehr hat das Knie während des Laufs geschmerzt?" in shown
    assert "&Minuten:" in shown
    assert dialog.save_button.text() == "S&peichern"

    importing = RunLogDialog(coach_app.runner, coach_app.window, [Path("lauf.fit")])
    qtbot.addWidget(importing)
    assert importing.files_line.text() == "Zu importieren: lauf.fit"
    assert importing.save_button.text() == "Im&portieren"


def test_each_icing_sentence_says_the_numbers_of_the_rule() -> None:
    """The sentences are catalogue ids, so they hold the number: it must be the rule's own."""
    assert f"{ICING_SKIN_CHECK_MINUTES} minutes" in ICING_SKIN_CHECK_ADVICE
    assert ICING_SKIN_CHECK_CUE.startswith(f"{ICING_SKIN_CHECK_MINUTES} minutes:")
    assert f"less than {ICING_REPEAT_GAP_MINUTES // 60} hours ago" in safety.ICING_REPEAT_WARNING
    assert f"up to {safety.PAIN_ACCEPTABLE_MAX} out of 10" in safety.PAIN_MODEL_SUMMARY
    assert f"up to {safety.PAIN_ACCEPTABLE_MAX} out of 10" in safety.PAIN_LIMIT_REASON
    assert safety.icing_limit_reason() == safety.ICING_LIMIT_REASON


@pytest.mark.usefixtures("german")
def test_the_icing_advice_is_german_and_keeps_its_numbers() -> None:
    assert _(ICING_START_ADVICE) == "Legen Sie ein dünnes, feuchtes Tuch zwischen das Eis und Ihre Haut."
    assert _(ICING_END_ADVICE) == "Nehmen Sie das Eis ab und kontrollieren Sie Ihre Haut."
    assert _(ICING_SKIN_CHECK_ADVICE) == "Kontrollieren Sie Ihre Haut nach etwa 5 Minuten."
    assert _(ICING_SKIN_CHECK_CUE).startswith("5 Minuten: Heben Sie das Eis an")
    assert "Raynaud" in _(ICING_WHO_SHOULD_NOT)
    assert _(safety.ICING_LIMIT_REASON) == safety.icing_limit_reason()
    assert safety.icing_limit_reason().startswith("Kühlen ist auf 20 Minuten begrenzt")
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    warning = icing_repeat_warning(now - timedelta(minutes=30), now)
    assert warning == (
        "Sie haben vor weniger als 2 Stunden gekühlt. Lassen Sie die Haut ganz warm werden, bevor Sie "
        "wieder kühlen, und kontrollieren Sie sie vorher."
    )


@pytest.mark.usefixtures("german")
def test_the_pain_advice_and_the_doctor_are_german() -> None:
    assert pain_advice(2) == "0–3 ist unbedenklich."
    assert pain_advice(9).startswith("9 von 10 ist viel zu viel. Hören Sie für heute auf;")
    assert pain_advice(4, 3).startswith("Über 3 ist mehr, als diese Routine erlaubt.")
    assert (warning_sign_advice(["swelling"]) or "").startswith("Bitte setzen Sie diese Übungen vorerst aus")
    assert (warning_sign_advice(["calf"]) or "").startswith("Bitte holen Sie sich heute ärztliche Hilfe")
    advice = pain_before_advice(4, 3).advice or ""
    assert advice.startswith("4 von 10 vor dem Beginn liegt über der Grenze dieser Routine von 3.")


def test_the_pain_advice_is_english_as_it_was() -> None:
    assert pain_advice(4, 3) == (
        "Above 3 is more than this routine allows. Next time, stop an exercise that hurts this much, and "
        "tell your physiotherapist."
    )
    assert pain_before_advice(6).advice == (
        "6 out of 10 before you start is above the limit of 5. The dose will not be raised until the knee is "
        "back within the limit before a session; tell your physiotherapist."
    )
    assert pain_before_advice(4, 3).advice == (
        "4 out of 10 before you start is above this routine's limit of 3. The dose will not be raised until "
        "the knee is back within the limit before a session; tell your physiotherapist."
    )


@pytest.mark.usefixtures("german")
def test_the_icing_window_gives_its_advice_in_german(qtbot: QtBot, coach_app: CoachApp) -> None:
    coach_app.window.ice_button.click()

    window = coach_app.ice.icing_window
    assert coach_app.ice.controller.running
    assert window.advice.text() == (
        "Legen Sie ein dünnes, feuchtes Tuch zwischen das Eis und Ihre Haut. "
        "Kontrollieren Sie Ihre Haut nach etwa 5 Minuten."
    )
    assert window.help.text().startswith("Kühlen Sie nicht, wo Sie Wärme und Kälte nicht spüren")
    assert "Kühlen ist auf 20 Minuten begrenzt" in window.minutes.toolTip()
