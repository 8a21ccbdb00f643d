"""The guided player, driven through the real widgets and keys on a FakeClock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTransform
from pytestqt.qtbot import QtBot

from coach.core.history.records import SessionStatus
from coach.core.routines.model import GET_READY_SECONDS
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.session.timer import countdown_text
from coach.gui.app import CoachApp, Services
from coach.gui.player_widgets import Illustration
from coach.gui.session_end import SessionEndPage
from coach.services.sound import Cue
from tests.gui.driving import (
    advance,
    answer_stop,
    click,
    finish_a_session,
    key_click,
    press,
    start_from_the_window,
    state_of,
    type_text,
)
from tests.gui.fakes import RecordingInhibitor, RecordingSound, RecordingVoice

# hip-strength.toml: clamshells 3 × 12 each side, 3 s a rep, 60 s rest.
REP_SECONDS = 3.0


@pytest.fixture
def services() -> Services:
    return Services(sound=RecordingSound(), voice=RecordingVoice(), inhibitor=RecordingInhibitor())


def test_start_shows_the_first_exercise_and_records_an_open_session(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")

    assert player.headline.text() == "Clamshells"
    assert player.position_label.text() == "Get ready · Set 1 of 3 · Left side"
    assert player.countdown.text() == "5"
    assert player.next_label.text() == "Next up: Clamshells, set 1 of 3, left side"
    assert player.illustration.shown is not None
    assert player.illustration.shown.name == "clamshell.svg"
    assert "Lie on your side" in player.instructions.text()
    [record] = coach_app.coach.store.sessions()
    assert (record.routine_id, record.status) == ("hip-strength", SessionStatus.OPEN)

    advance(player, fake_clock, GET_READY_SECONDS + 2 * REP_SECONDS + 1)

    assert player.position_label.text() == "Set 1 of 3 · Left side · Rep 3 of 12"
    assert player.countdown.text() == "3"  # the rep, large; the set's time is in the caption
    set_left = int(12 * REP_SECONDS - 2 * REP_SECONDS - 1)
    assert player.countdown_caption.text() == f"of 12 reps · set ends in 0:{set_left:02d}"
    assert player.next_label.text() == "Next up: Switch to the right side"
    assert coach_app.coach.store.done_step_indexes(record.id) == [0, 1, 2]


def test_space_pauses_and_resumes(qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    advance(player, fake_clock, 2)

    press(qtbot, player, Qt.Key.Key_Space)
    advance(player, fake_clock, 30)

    assert state_of(player) is EngineState.PAUSED
    assert player.state_label.isVisible()
    assert player.state_label.text() == "Paused — press Space to carry on"
    assert player.countdown.text() == "3"
    assert player.buttons[player.pause_action].text() == "Resume  [Space]"

    press(qtbot, player, Qt.Key.Key_Space)
    advance(player, fake_clock, 1)

    assert state_of(player) is EngineState.RUNNING
    assert not player.state_label.isVisible()
    assert player.countdown.text() == "2"


def test_right_skips_the_set_and_left_goes_back(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    advance(player, fake_clock, GET_READY_SECONDS + 1)  # in rep 1, left side

    press(qtbot, player, Qt.Key.Key_Right)

    assert player.headline.text() == "Switch to the right side"
    session_id = coach_app.coach.store.sessions()[0].id
    assert coach_app.coach.store.done_step_indexes(session_id) == list(range(13))  # get ready + 12 reps

    press(qtbot, player, Qt.Key.Key_Left)  # just begun: back to the previous block, the left side

    assert player.position_label.text() == "Set 1 of 3 · Left side · Rep 1 of 12"
    assert player.countdown.text() == "1"
    assert player.countdown_caption.text().endswith(f"set ends in 0:{int(12 * REP_SECONDS):02d}")


def test_esc_asks_first_and_keep_going_carries_on(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")

    press(qtbot, player, Qt.Key.Key_Escape)

    assert state_of(player) is EngineState.PAUSED
    answer_stop(qtbot, player, stop=False)
    assert state_of(player) is EngineState.RUNNING
    assert not player.confirm_bar.isVisible()
    assert coach_app.window.pages.currentWidget() is player


def test_while_asking_to_stop_the_other_keys_do_nothing(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    press(qtbot, player, Qt.Key.Key_Escape)

    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Right):
        press(qtbot, player, key)

    assert player.engine.index == 0
    assert player.confirm_bar.isVisible()
    assert coach_app.coach.store.sessions()[0].status is SessionStatus.OPEN


def test_holding_a_key_is_one_press(qtbot: QtBot, coach_app: CoachApp) -> None:
    # A held → must not run through the session (Qt repeats a shortcut unless told not to; QTest cannot
    # send the repeated key events, so the setting itself is what is checked).
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")

    actions = [player.back_action, player.pause_action, player.skip_action, player.mute_action]
    assert [a.autoRepeat() for a in (*actions, player.stop_action)] == [False] * 5


def test_esc_then_stop_saves_the_session_as_stopped_early(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, services: Services
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    advance(player, fake_clock, GET_READY_SECONDS + 3 * REP_SECONDS + 1)

    press(qtbot, player, Qt.Key.Key_Escape)
    answer_stop(qtbot, player, stop=True)

    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    [record] = coach_app.coach.store.sessions()
    assert record.status is SessionStatus.STOPPED
    assert record.steps_completed == 3
    page = coach_app.window.pages.currentWidget()
    assert isinstance(page, SessionEndPage)
    assert page.heading.text() == "Session stopped early — everything you did is saved"
    assert coach_app.sessions.player is None
    assert isinstance(services.inhibitor, RecordingInhibitor)
    assert services.inhibitor.calls == ["inhibit", "release"]


def test_the_end_of_a_session_stores_pain_note_and_warning_signs(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    page = finish_a_session(qtbot, coach_app, fake_clock)
    assert page.heading.text() == "Well done — session complete"

    page.pain_slider.setValue(6)
    assert page.pain_advice.text().startswith("Above 5 is too much")
    assert not page.doctor.isVisible()
    click(page.answers["night_pain"].button(1))
    click(page.answers["swelling"].button(0))
    assert page.doctor.isVisible()
    assert "talk to a doctor" in page.doctor.text()
    type_text(page.note, "stairs were hard")
    click(page.save_button)

    [record] = coach_app.coach.store.sessions()
    assert record.status is SessionStatus.COMPLETED
    assert (record.pain, record.note) == (6, "stairs were hard")
    assert record.warning_signs == (("night_pain", True), ("swelling", False))
    assert coach_app.window.pages.currentWidget() is coach_app.window.library_page
    assert coach_app.window.summary.text().startswith("This week:")


def test_skipping_the_questions_stores_no_answers(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    page = finish_a_session(qtbot, coach_app, fake_clock)

    click(page.skip_button)

    [record] = coach_app.coach.store.sessions()
    assert record.pain is None
    assert record.warning_signs == (("night_pain", None), ("swelling", None))


def test_cues_sound_and_speak_and_m_mutes_them(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, services: Services
) -> None:
    sound, voice = services.sound, services.voice
    assert isinstance(sound, RecordingSound)
    assert isinstance(voice, RecordingVoice)
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")

    assert sound.played == [Cue.GET_READY]
    assert voice.said == ["Get ready. Clamshells, left side, set 1 of 3."]
    advance(player, fake_clock, 2.5)
    assert sound.played == [Cue.GET_READY, Cue.TICK]  # 3, 2, 1 before the first rep
    advance(player, fake_clock, 2.6)
    assert voice.said[-1] == "1"

    press(qtbot, player, Qt.Key.Key_M)
    advance(player, fake_clock, 12 * REP_SECONDS)

    assert player.headline.text() == "Switch to the right side"
    assert sound.played[-1] is Cue.REP  # the first rep's beep; nothing since: no switch-side sound
    assert voice.said[-1] == "1"
    assert player.buttons[player.mute_action].text() == "Unmute  [M]"


@pytest.mark.parametrize("services", [Services()], ids=["null services"])
def test_a_whole_session_runs_to_the_end_on_null_services(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Gentle start: hip and knee holds (weeks 1–2)")
    while state_of(player) is EngineState.RUNNING:
        advance(player, fake_clock, min(player.engine.remaining(), 7.0))

    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    [record] = coach_app.coach.store.sessions()
    assert record.status is SessionStatus.COMPLETED
    assert record.steps_completed == record.steps_total


def test_the_player_wakes_once_per_shown_second(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    advance(player, fake_clock, 0.3)

    assert player.countdown.text() == "5"
    assert 700 <= player.timer_interval_ms <= 710  # when 4.7 s left turns to 4 shown


def test_a_running_session_is_not_started_twice(qtbot: QtBot, coach_app: CoachApp) -> None:
    start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")

    assert not coach_app.window.start_action.isEnabled()
    assert coach_app.sessions.start_routine("gentle-start") is None
    assert len(coach_app.coach.store.sessions()) == 1


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0"), (0.2, "1"), (5, "5"), (59.5, "1:00"), (61, "1:01"), (1200, "20:00")]
)
def test_countdown_text(seconds: float, shown: str) -> None:
    assert countdown_text(seconds, pad_minutes=False, bare_seconds=True) == shown


def test_answers_are_kept_when_the_page_is_left_with_esc(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    page = finish_a_session(qtbot, coach_app, fake_clock)
    page.pain_slider.setValue(7)
    click(page.answers["night_pain"].button(1))

    page.setFocus()
    key_click(page, Qt.Key.Key_Escape)

    [record] = coach_app.coach.store.sessions()
    assert record.pain == 7
    assert record.warning_signs_reported == ("night_pain",)
    assert coach_app.window.pages.currentWidget() is coach_app.window.library_page


def test_skipping_through_to_the_end_is_not_called_complete(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    while state_of(player) is EngineState.RUNNING:
        press(qtbot, player, Qt.Key.Key_Right)

    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    page = coach_app.window.pages.currentWidget()
    assert isinstance(page, SessionEndPage)
    assert page.heading.text() == "Session finished — most of it was skipped"
    assert coach_app.window.pages.count() == 2  # the library and this page: the player is gone


def test_closing_the_window_during_a_session_asks_first(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")

    coach_app.window.close()

    assert coach_app.window.isVisible()
    assert player.confirm_bar.isVisible()
    press(qtbot, player, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    assert coach_app.coach.store.sessions()[0].status is SessionStatus.STOPPED
    coach_app.window.close()
    assert not coach_app.window.isVisible()


def test_the_side_is_a_large_word_and_work_rest_and_pause_say_what_they_are(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    assert player.phase_label.text() == "GET READY"
    advance(player, fake_clock, GET_READY_SECONDS + 1)

    assert (player.phase_label.text(), player.side_label.text()) == ("WORK", "LEFT")
    assert player.side_label.font().pointSizeF() > 2 * player.instructions.font().pointSizeF()
    press(qtbot, player, Qt.Key.Key_Space)
    assert player.phase_label.text() == "PAUSED"
    press(qtbot, player, Qt.Key.Key_Space)
    while player.headline.text() != "Switch to the right side":
        player.skip_action.trigger()
    assert (player.phase_label.text(), player.side_label.text()) == ("SWITCH SIDES", "RIGHT")
    while player.headline.text() != "Rest":
        player.skip_action.trigger()
    assert player.phase_label.text() == "REST"
    assert player.side_label.isHidden()


def test_the_picture_is_mirrored_for_the_right_side(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    illustration = player.illustration
    assert not _mirrored(illustration)  # left side: the picture as drawn
    left = illustration.grab().toImage()

    while not player.headline.text().startswith("Switch to"):
        press(qtbot, player, Qt.Key.Key_Right)

    assert _mirrored(illustration)  # switching to the right side already shows it mirrored
    right = illustration.grab().toImage()
    flipped = left.transformed(QTransform().scale(-1, 1))
    assert _unlike(right, left) > 0.02  # a different picture…
    assert _unlike(right, flipped) < 0.01  # …the same one mirrored (up to a pixel of antialiasing)


def _mirrored(illustration: Illustration) -> bool:
    return illustration.mirrored


def _unlike(a: QImage, b: QImage) -> float:
    """The share of sampled pixels whose colours differ clearly."""
    points = [(x, y) for x in range(0, a.width(), 4) for y in range(0, a.height(), 4)]

    def apart(x: int, y: int) -> bool:
        one, two = a.pixelColor(x, y), b.pixelColor(x, y)
        return (
            max(abs(one.red() - two.red()), abs(one.green() - two.green()), abs(one.blue() - two.blue())) > 60
        )

    return sum(1 for x, y in points if apart(x, y)) / len(points)


def test_an_exercise_without_a_picture_shows_its_name_not_a_figure(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    while player.headline.text() != "Wall squat":  # no picture of its own in the bundled files once
        press(qtbot, player, Qt.Key.Key_Right)
    player.illustration.show_image(None, name="Wall squat")

    assert not player.illustration.has_picture
    assert player.illustration.name == "Wall squat"
    assert not player.illustration.grab().isNull()
