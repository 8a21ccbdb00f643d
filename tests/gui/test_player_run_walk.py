"""The player in a run-walk: RUN and WALK badges, a cue and words at each change, the last 10 seconds counted,
and the cadence metronome (no drift over 30 minutes on the fake clock; M silences it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.paths import Places
from coach.core.routines.model import GET_READY_SECONDS, Step, StepKind
from coach.core.session.clock import FakeClock
from coach.core.session.engine import SessionEngine
from coach.gui.app import CoachApp, Services
from coach.gui.metronome import MetronomeDriver
from coach.gui.player import PlayerView
from coach.services.sound import Cue
from tests.conftest import REPO
from tests.gui.driving import advance, press, start_from_the_window, title_of
from tests.gui.fakes import RecordingInhibitor, RecordingSound, RecordingVoice

CADENCE = 180


@pytest.fixture
def services() -> Services:
    return Services(sound=RecordingSound(), voice=RecordingVoice(), inhibitor=RecordingInhibitor())


@pytest.fixture
def with_cadence(places: Places) -> Path:
    """The person's own copy of the bundled plan, with their physiotherapist's cadence added."""
    text = (REPO / "routines" / "back-to-running.toml").read_text(encoding="utf-8")
    text = text.replace('image = "run-walk.svg"\n', f'image = "run-walk.svg"\ncadence_bpm = {CADENCE}\n')
    folder = places.data_dir / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "back-to-running.toml"
    path.write_text(text, encoding="utf-8")
    return path


def start_running(qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock) -> PlayerView:
    player = start_from_the_window(qtbot, coach_app, title_of(coach_app, "back-to-running"))
    advance(player, fake_clock, GET_READY_SECONDS + 0.5)
    return player


def sounds(coach_app: CoachApp) -> RecordingSound:
    sound = coach_app.services.sound
    assert isinstance(sound, RecordingSound)
    return sound


def said(coach_app: CoachApp) -> list[str]:
    voice = coach_app.services.voice
    assert isinstance(voice, RecordingVoice)
    return voice.said


def test_the_player_shows_run_then_walk_with_a_cue_and_words_at_each_change(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_running(qtbot, coach_app, fake_clock)

    assert player.phase_label.text() == "RUN"
    assert player.position_label.text() == "Run 1 of 5"
    assert player.countdown_caption.text() == "of running left"
    assert player.next_label.text() == "Next up: Walk 1 minute"
    assert Cue.RUN in sounds(coach_app).played
    assert "Run, 1 minute." in said(coach_app)

    advance(player, fake_clock, 60)

    assert player.phase_label.text() == "WALK"
    assert player.position_label.text() == "Walk 1 of 5"
    assert sounds(coach_app).played[-1] is Cue.WALK
    assert said(coach_app)[-1] == "Walk, 1 minute."


def test_the_last_10_seconds_of_an_interval_are_counted(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_running(qtbot, coach_app, fake_clock)
    advance(player, fake_clock, 48)
    before = len(said(coach_app))

    shown = []
    for _ in range(12):
        advance(player, fake_clock, 1)
        shown.append(player.countdown.text())

    counted = said(coach_app)[before:]
    assert counted[:10] == ["10", "9", "8", "7", "6", "5", "4", "3", "2", "1"]
    assert shown[:10] == ["11", "10", "9", "8", "7", "6", "5", "4", "3", "2"]
    assert sounds(coach_app).played.count(Cue.TICK) == 10
    assert player.phase_label.text() == "WALK"


def test_the_metronome_clicks_at_the_cadence_and_m_silences_it_alone(
    qtbot: QtBot, with_cadence: Path, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_running(qtbot, coach_app, fake_clock)
    assert player.buttons[player.mute_action].text() == "Mute metronome  [M]"
    driver = player.metronome

    beat_through(driver, fake_clock, until=fake_clock.monotonic() + 10)

    assert sounds(coach_app).played.count(Cue.CLICK) == pytest.approx(CADENCE / 6, abs=1)
    press(qtbot, player, Qt.Key.Key_M)
    clicks = sounds(coach_app).played.count(Cue.CLICK)
    assert player.buttons[player.mute_action].text() == "Unmute metronome  [M]"
    assert not driver.timer.isActive()

    advance(player, fake_clock, 60)

    assert sounds(coach_app).played.count(Cue.CLICK) == clicks
    assert sounds(coach_app).played[-1] is Cue.WALK  # the change of pace is still heard
    player.metronome.timer.stop()


def beat_through(driver: MetronomeDriver, clock: FakeClock, *, until: float, late: float = 0.004) -> None:
    """Wake the metronome as its timer would, each time `late` after the interval it asked for."""
    while driver.timer.isActive() and clock.monotonic() + driver.timer.interval() / 1000 < until:
        clock.advance(driver.timer.interval() / 1000 + late)
        driver.on_beat()


def test_the_metronome_does_not_drift_over_a_30_minute_run(qtbot: QtBot, fake_clock: FakeClock) -> None:
    run = Step(
        0, StepKind.RUN, "run-walk", "Run-walk", 1800.0, repeat=1, repeats_total=1, cadence_bpm=CADENCE
    )
    engine = SessionEngine((run,), fake_clock)
    sound = RecordingSound()
    driver = MetronomeDriver(engine, sound)
    started = fake_clock.monotonic()
    engine.start()
    driver.follow()

    beat_through(driver, fake_clock, until=started + 1800)

    assert sound.played.count(Cue.CLICK) == 30 * CADENCE  # beats 0 … 5399, each heard once
    assert driver.metronome is not None
    assert driver.metronome.next_at == pytest.approx(started + 1800)  # still on time after 30 minutes
    driver.timer.stop()
