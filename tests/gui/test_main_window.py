from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coach.core.operations.context import Coach
from coach.core.paths import Places
from coach.core.session.clock import FakeClock
from coach.core.settings import Settings, load_settings
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.start import first_window
from coach.services.sound import NullSound
from coach.services.voice import NullVoice
from tests.conftest import write
from tests.gui.driving import key_click


def test_the_window_lists_routines_and_shows_the_chosen_one(coach_app: CoachApp) -> None:
    window = coach_app.window

    titles = [window.routine_list.item(i).text() for i in range(window.routine_list.count())]
    assert "Hip and knee strength (weeks 3–6)" in titles

    window.routine_list.setCurrentRow(titles.index("Hip and knee strength (weeks 3–6)"))

    text = window.details.text()
    assert "3 sessions a week" in text
    assert "Clamshells — 3 × 12 each side" in text
    assert "Source: Willy RW et al." in text


def test_the_running_plan_says_what_must_go_well_first_and_its_stages(coach_app: CoachApp) -> None:
    window = coach_app.window

    window.select_routine("back-to-running")

    text = window.details.text()
    first = "Start this once “Hip and knee strength (weeks 3–6)” is going well"
    assert f"{first}: pain during its sessions at most 3 out of 10" in text
    assert "Run-walk — 1 min run, 1 min walk, 5 times" in text
    assert "3 days a week" in text


def test_a_broken_routine_is_listed_with_its_error(
    qtbot: QtBot, places: Places, data_dir: Path, fake_clock: FakeClock
) -> None:
    write(
        data_dir / "routines" / "mine.toml",
        'format = 1\nid = "mine"\ntitle = "Mine"\n[[exercises]]\nid = "a"\nname = "A"\nreps = -3\n',
    )
    store = AdherenceStore.open(places.database)
    app = CoachApp(Coach(places, fake_clock, store=store), services=Services())
    window = app.window
    qtbot.addWidget(window)

    last = window.routine_list.count() - 1
    assert window.routine_list.item(last).text() == "Broken: mine.toml"
    window.routine_list.setCurrentRow(last)

    assert (
        window.details.text() == f"{data_dir / 'routines' / 'mine.toml'}:7: reps must be at least 1, got -3"
    )
    app.close()


def test_beeps_and_voice_choices_persist(qtbot: QtBot, coach_app: CoachApp, places: Places) -> None:
    coach_app.sound_menu.voice_action.trigger()  # off

    assert load_settings(places.data_dir) == Settings(voice=False, beeps=True)
    again = CoachApp(
        Coach(places, coach_app.coach.clock, store=AdherenceStore.open(places.database)), services=Services()
    )
    qtbot.addWidget(again.window)
    try:
        assert not again.sound_menu.voice_action.isChecked()
        assert again.sound_menu.beeps_action.isChecked()
        player = again.sessions.start_routine("hip-strength")
        assert player is not None
        assert (player.speak, player.beeps) == (False, True)
    finally:
        again.close()


def test_f1_shows_the_warning_signs(qtbot: QtBot, coach_app: CoachApp) -> None:
    key_click(coach_app.window, Qt.Key.Key_F1)

    box = coach_app.window.findChild(QMessageBox, "warning-signs")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Numbness, tingling, or a cold or pale foot." in box.text()
    assert "Go to urgent care" in box.text()


def test_every_action_has_a_shortcut(coach_app: CoachApp) -> None:
    window = coach_app.window
    actions = (window.start_action, window.ice_action, window.history_action, window.quit_action)
    for action in (*actions, window.full_screen_action, window.warning_signs_action):
        assert not action.shortcut().isEmpty(), action.text()


def test_spoken_cues_that_cannot_load_say_why_in_the_menu_and_the_player(
    qtbot: QtBot, places: Places, fake_clock: FakeClock
) -> None:
    reason = "libspeechd.so.2 is not installed (apt install speech-dispatcher)"
    app = CoachApp(
        Coach(places, fake_clock, store=AdherenceStore.open(places.database)),
        services=Services(voice=NullVoice(reason)),
    )
    qtbot.addWidget(app.window)
    try:
        assert not app.sound_menu.voice_action.isEnabled()
        assert reason in app.sound_menu.voice_action.text()

        player = app.sessions.start_routine("hip-strength")

        assert player is not None
        assert not player.voice_note.isHidden()
        assert reason in player.voice_note.text()
    finally:
        app.close()


def test_beeps_that_cannot_play_say_why_and_the_player_does_not_claim_them(
    qtbot: QtBot, places: Places, fake_clock: FakeClock
) -> None:
    silent = "no sound server (PulseAudio, PipeWire) and no sound card found"
    app = CoachApp(
        Coach(places, fake_clock, store=AdherenceStore.open(places.database)),
        services=Services(sound=NullSound(silent), voice=NullVoice("no text-to-speech engine")),
    )
    qtbot.addWidget(app.window)
    try:
        assert not app.sound_menu.beeps_action.isEnabled()
        assert silent in app.sound_menu.beeps_action.text()

        player = app.sessions.start_routine("hip-strength")

        assert player is not None
        assert not player.beeps
        assert "Beeps" not in player.voice_note.text()
        assert "The screen still guides you." in player.voice_note.text()
    finally:
        app.close()


def test_no_note_when_the_voice_is_turned_off_by_choice(coach_app: CoachApp) -> None:
    player = coach_app.sessions.start_routine("hip-strength")

    assert player is not None
    assert player.voice_note.isHidden()
    assert coach_app.sound_menu.voice_action.isEnabled()


def test_the_first_window_opens_on_the_routine_done_last_before_the_store_opens(
    qtbot: QtBot, places: Places, fake_clock: FakeClock
) -> None:
    # Given a session of the hip-strength routine in the store (the list's first routine is another one)
    store = AdherenceStore.open(places.database)
    app = CoachApp(Coach(places, fake_clock, store=store), services=Services())
    qtbot.addWidget(app.window)
    app.sessions.start_routine("hip-strength")
    app.close()

    # When the app's first window is built, as run_app paints it before it opens the store
    window = first_window(places)
    qtbot.addWidget(window)

    # Then it is already on that routine: nothing moves once the rest of the app arrives
    selected = window.selected_routine()
    assert selected is not None
    assert selected.routine.id == "hip-strength"
    assert window.routine_list.currentRow() != 0


def test_beeps_found_silent_at_the_first_cue_stop_being_claimed_and_the_menu_says_why(
    qtbot: QtBot, places: Places, fake_clock: FakeClock
) -> None:
    from coach.services.sound import EffectsPlayer
    from coach.services.voice import LaterVoice

    silent = "Qt finds no audio output"
    sound = EffectsPlayer(places.assets / "sounds", load=lambda wavs: silent)
    voice = LaterVoice(lambda: NullVoice("no text-to-speech engine"))
    app = CoachApp(
        Coach(places, fake_clock, store=AdherenceStore.open(places.database)),
        services=Services(sound=sound, voice=voice),
    )
    qtbot.addWidget(app.window)
    try:
        assert app.sound_menu.beeps_action.isEnabled()  # nothing is known before the first cue
        loaded_with_the_app = voice.loaded  # speech loads at its first need, not with the app

        player = app.sessions.start_routine("hip-strength")  # the first cue: "get ready"

        assert player is not None
        assert (loaded_with_the_app, voice.loaded) == (False, True)
        assert not player.beeps
        assert "Beeps" not in player.voice_note.text()
        assert "The screen still guides you." in player.voice_note.text()
        app.window.sound_menu.aboutToShow.emit()
        assert not app.sound_menu.beeps_action.isEnabled()
        assert silent in app.sound_menu.beeps_action.text()
        assert "no text-to-speech engine" in app.sound_menu.voice_action.text()
    finally:
        app.close()
