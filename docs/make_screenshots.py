"""Regenerate the README's screenshots: `.venv/bin/python docs/make_screenshots.py` (`--high-contrast`:
only the player and History under a high-contrast theme; `--language de` or `es`: the player, History and the
report's first page in that language, also at 1024×600, where German words are longest).

Runs Qt offscreen on a throw-away data folder and a FakeClock, so it needs no display, touches no real data
and gives the same pictures every time. Writes docs/screenshots/*.png, the icing ones through
make_icing_screenshots.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QWidget

from bench.generate_history import generate
from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.period import Period
from coach.core.history.progression import propose
from coach.core.i18n import use_language
from coach.core.operations import accept_progression, export_report
from coach.core.operations.context import Coach
from coach.core.paths import catalogues, resolve_places
from coach.core.routines.model import StepKind
from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.check_in import MorningCheckIn
from coach.gui.fit import fit_to_screen
from coach.gui.language import speak_the_language
from coach.gui.player import PlayerView
from coach.gui.report import draw_report
from coach.gui.session_end import SessionEndPage
from tests.gui.palettes import dark_palette, high_contrast_palette

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1100, 720)
# Extra sizes to look at while working on the player (not in the README): `--look` writes them too.
_LOOK = [(1024, 568, "1024x600"), (1366, 736, "1366x768"), (1920, 1050, "1920x1080")]
LOOK_SIZES = [(QSize(w, h), f"look-hold-{name}.png") for w, h, name in _LOOK] if "--look" in sys.argv else []
MONDAY = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    target = OUT / name
    widget.grab().save(str(target))
    print(f"wrote {target}")


def with_app(palette: QPalette, shoot: Callable[[CoachApp, FakeClock], None]) -> None:
    QApplication.setPalette(palette)
    with tempfile.TemporaryDirectory() as data:
        os.environ["COACH_DATA_DIR"] = data
        places = resolve_places()
        clock = FakeClock(wall=MONDAY - timedelta(hours=10))
        app = CoachApp(Coach(places, clock, store=AdherenceStore.open(places.database)), services=Services())
        app.window.resize(*SIZE)
        app.window.show()
        try:
            do_one_session(app, clock, "hip-strength")
            clock.advance(9 * 3600)
            app.refresh_summary()
            shoot(app, clock)
        finally:
            app.close()
            app.window.close()


def do_one_session(app: CoachApp, clock: FakeClock, routine_id: str) -> None:
    """A real session on the fake clock, so that the summary under the library has something to show."""
    player = app.sessions.start_routine(routine_id)
    assert player is not None
    while player.engine.state is EngineState.RUNNING:
        clock.advance(player.engine.remaining())
        player.tick()
    QApplication.processEvents()
    page = app.window.pages.currentWidget()
    assert isinstance(page, SessionEndPage)
    page.pain_slider.setValue(2)
    page.save()


def shoot_light(app: CoachApp, clock: FakeClock) -> None:
    app.window.select_routine("hip-strength")
    save(app.window, "main-window.png")
    shoot_editor(app, "editor-1024x600.png")
    shoot_check_in(app, clock)
    page = app.sessions.ask_before_start("hip-strength")
    assert page is not None
    save(app.window, "pain-before.png")
    page.skip()
    player = app.sessions.player
    assert isinstance(player, PlayerView)
    clock.advance(5 + 4 * 3 + 1.2)  # get ready, then into rep 5 of the first set
    player.tick()
    save(app.window, "player-set.png")
    player.pause_action.trigger()
    save(app.window, "player-paused.png")
    player.pause_action.trigger()
    while not player.headline.text().startswith("Switch to"):
        player.skip_action.trigger()
    clock.advance(2.4)
    player.tick()
    save(app.window, "player-side-switch.png")
    app.window.resize(1024, 568)  # a 1024×600 netbook with a panel
    save(app.window, "player-1024x600.png")
    app.window.resize(*SIZE)
    while player.headline.text() != "Rest":
        player.skip_action.trigger()
    clock.advance(22.4)
    player.tick()
    save(app.window, "player-rest.png")
    player.stop_action.trigger()
    player.stop_button.click()
    QApplication.processEvents()
    end = app.window.pages.currentWidget()
    assert isinstance(end, SessionEndPage)
    end.pain_slider.setValue(3)
    end.answers["night_pain"].button(0).setChecked(True)
    end.answers["swelling"].button(0).setChecked(True)
    next(iter(end.hurt.values())).setChecked(True)  # one exercise hurt: easing goes to it
    end.note.setText("Right knee a bit stiff on the stairs")
    save(app.window, "session-end.png")
    end.save()
    shoot_hold(app, clock)


def shoot_check_in(app: CoachApp, clock: FakeClock) -> None:
    """The next-morning check-in with the weekly warning-sign list (about the session done the day before)."""
    before = app.coach.store.sessions()[-1]
    dialog = MorningCheckIn(before, app.runner, app.window)
    dialog.show()
    dialog.slider.setValue(2)
    dialog.night_no.click()
    save(dialog, "check-in.png")
    dialog.close()


def shoot_hold(app: CoachApp, clock: FakeClock) -> None:
    """A rep with a hold (gentle start's inner-thigh squeeze), in the middle of its hold."""
    player = app.sessions.start_routine("gentle-start")
    assert isinstance(player, PlayerView)
    clock.advance(5 + 2 * 14 + 2 + 3.3)  # get ready, two 14 s reps, lift (2 s), then 3 s into the hold
    player.tick()
    save(app.window, "player-hold.png")
    for size, name in LOOK_SIZES:
        app.window.resize(size)
        save(app.window, name)
    app.window.resize(*SIZE)
    player.stop_action.trigger()
    player.stop_button.click()
    QApplication.processEvents()  # the end page comes while the store is still open
    shoot_icing_step(app, clock)


def shoot_icing_step(app: CoachApp, clock: FakeClock) -> None:
    """The bundled "Ice the knee" routine: its icing step runs as an icing run, with the icing advice."""
    player = app.sessions.start_routine("ice")
    assert isinstance(player, PlayerView)
    clock.advance(5 + 3 * 60 + 20.4)
    player.tick()
    save(app.window, "player-icing.png")
    player.stop_action.trigger()
    player.stop_button.click()
    QApplication.processEvents()
    shoot_tempo(app, clock)
    shoot_run_walk(app, clock)


# A format-3 routine of the person's own, as the routine editor writes it: "up for 2, hold 1, down for 3".
TEMPO_ROUTINE = """format = 3
id = "tempo-squats"
title = "Slow squats"

[[exercises]]
id = "mini-squat"
name = "Mini-squat"
instructions = ["Bend your knees to about 40 degrees, knees over your toes.", "Up for 2, hold, down for 3."]
image = "mini-squat.svg"
sets = 2
reps = 10
tempo = [2, 1, 3]
"""


def shoot_tempo(app: CoachApp, clock: FakeClock) -> None:
    """A rep with the sheet's tempo, on its way down (the second of its three phases done)."""
    app.coach.places.user_routines.mkdir(parents=True, exist_ok=True)
    (app.coach.places.user_routines / "tempo-squats.toml").write_text(TEMPO_ROUTINE, encoding="utf-8")
    app.coach.reload_library()
    app.window.set_library(app.coach.library)
    player = app.sessions.start_routine("tempo-squats")
    assert isinstance(player, PlayerView)
    clock.advance(5 + 6 + 2 + 1 + 1.4)  # get ready, one 6 s rep, then up, hold and into the way down
    player.tick()
    save(app.window, "player-tempo.png")
    player.stop_action.trigger()
    player.stop_button.click()
    QApplication.processEvents()


def shoot_run_walk(app: CoachApp, clock: FakeClock) -> None:
    """The bundled run-walk plan in its second RUN interval, with a cadence metronome the person added."""
    bundled = app.coach.places.bundled_routines / "back-to-running.toml"
    text = bundled.read_text(encoding="utf-8").replace(
        'image = "run-walk.svg"\n', 'image = "run-walk.svg"\ncadence_bpm = 170\n'
    )
    app.coach.places.user_routines.mkdir(parents=True, exist_ok=True)
    (app.coach.places.user_routines / "back-to-running.toml").write_text(text, encoding="utf-8")
    app.coach.reload_library()
    app.window.set_library(app.coach.library)
    player = app.sessions.start_routine("back-to-running")
    assert isinstance(player, PlayerView)
    clock.advance(5 + 60 + 60 + 17.4)  # get ready, the first run and walk, 17 s into the second run
    player.tick()
    save(app.window, "player-run-walk.png")
    player.metronome.timer.stop()
    player.stop_action.trigger()
    player.stop_button.click()
    QApplication.processEvents()


def shoot_editor(app: CoachApp, name: str) -> None:
    """The routine editor on a copy of a bundled routine, one field wrong: its sentence beside it."""
    app.window.select_routine("hip-strength")
    editor = app.editing.edit_chosen()
    assert editor is not None
    editor.resize(1000, 560)  # a 1024×600 screen with its panel
    editor.exercise_list.setCurrentRow(3)
    hold = editor.exercise_rows["hold_seconds"].editor
    assert isinstance(hold, QLineEdit)
    hold.selectAll()
    QTest.keyClicks(hold, "twenty")  # typed, as a person would: the sentence appears beside it
    scroll = editor.findChild(QScrollArea)
    assert scroll is not None
    QApplication.processEvents()
    scroll.ensureWidgetVisible(editor.exercise_rows["hold_seconds"].box)
    save(editor, name)
    editor.unsaved = False
    editor.close()


def shoot_dark(app: CoachApp, clock: FakeClock) -> None:
    shoot_editor(app, "editor-dark.png")
    player = app.sessions.start_routine("hip-and-knee")
    assert isinstance(player, PlayerView)
    while player.headline.text() != "Mini-squat":
        player.skip_action.trigger()
    clock.advance(5 + 4 * 5 + 2.5)
    player.tick()
    save(app.window, "player-dark.png")


def shoot_high_contrast(app: CoachApp, clock: FakeClock) -> None:
    """The player in the middle of a set under a high-contrast theme (white on black, yellow)."""
    player = app.sessions.start_routine("hip-strength")
    assert isinstance(player, PlayerView)
    clock.advance(5 + 4 * 3 + 1.2)  # get ready, then into rep 5 of the first set
    player.tick()
    save(app.window, "player-high-contrast.png")
    player.stop_action.trigger()
    player.stop_button.click()
    QApplication.processEvents()


def shoot_in_language(code: str) -> Callable[[CoachApp, FakeClock], None]:
    """The player in `code`: a set, then a side switch, each at the usual size and at 1024×600."""

    def shoot(app: CoachApp, clock: FakeClock) -> None:
        app.window.select_routine("hip-strength")
        page = app.sessions.ask_before_start("hip-strength")
        assert page is not None
        page.skip()
        player = app.sessions.player
        assert isinstance(player, PlayerView)
        clock.advance(5 + 4 * 3 + 1.2)  # get ready, then into rep 5 of the first set
        player.tick()
        save(app.window, f"player-{code}.png")
        app.window.resize(1024, 568)
        save(app.window, f"player-{code}-1024x600.png")
        app.window.resize(*SIZE)
        while player.engine.current_step.kind is not StepKind.SWITCH_SIDE:
            player.skip_action.trigger()
        clock.advance(2.4)
        player.tick()
        app.window.resize(1024, 568)
        save(app.window, f"player-{code}-side-switch-1024x600.png")
        app.window.resize(*SIZE)
        player.stop_action.trigger()
        player.stop_button.click()
        QApplication.processEvents()

    return shoot


def shoot_history(palette: QPalette, name: str, *, report: bool = False, narrow: str = "") -> None:
    """A year of generated history (rest weeks, flare-ups, pain), the window, and the report's first page."""
    QApplication.setPalette(palette)
    with tempfile.TemporaryDirectory() as data:
        os.environ["COACH_DATA_DIR"] = data
        places = resolve_places()
        generate(places.database, 1, today=MONDAY.date())
        clock = FakeClock(wall=MONDAY + timedelta(hours=3))
        app = CoachApp(Coach(places, clock, store=AdherenceStore.open(places.database)), services=Services())
        add_runs(app.coach.store)
        try:
            window = app.show_history()
            window.resize(1120, 860)
            save(window, name)
            if name == "history.png":  # the light run also shows History at 1366×768 (a 32-pixel panel)
                fit_to_screen(window, QSize(1120, 860), QRect(0, 0, 1366, 736))
                save(window, "history-1366x768.png")
            if narrow:  # a 1024×600 netbook with a panel
                fit_to_screen(window, QSize(1120, 860), QRect(0, 0, 1024, 568))
                save(window, narrow)
            if report:
                pdf = Path(data) / "report.pdf"
                first = MONDAY.date() - timedelta(weeks=13)
                add_a_dose_change(app, MONDAY.date() - timedelta(weeks=3))
                export_report(
                    app.coach,
                    pdf,
                    Period(first, MONDAY.date()),
                    draw_report,
                    routines=[e.routine for e in app.coach.library.routines],
                    name="Alex Example",
                )
                save_pdf_page(pdf, name.replace("history", "report").replace(".png", "-page1.png"))
        finally:
            app.close()
            app.window.close()


def add_runs(store: AdherenceStore) -> None:
    """Six weeks of a return to running: run-walks on alternate days, a stage up every week, one sore week."""
    sources = (RunSource.GUIDED, RunSource.GPX, RunSource.FIT)
    for week in range(6):
        for n, day in enumerate((0, 2, 4)):
            start = MONDAY - timedelta(weeks=6 - week, hours=11) + timedelta(days=day)
            sore = week == 3 and n == 1
            store.record_run(
                NewRun(
                    start,
                    16 + 3 * week + n,
                    sources[n],
                    round(1.8 + 0.45 * week + 0.1 * n, 2),
                    pain=RunPain(4 if sore else 1 + n % 2, 3 if sore else 1, 2 if sore else 0),
                    stage=min(week, 4) if sources[n] is RunSource.GUIDED else None,
                )
            )


def add_a_dose_change(app: CoachApp, day: date) -> None:
    """A progression the person accepted, as the report's prescription shows it (before → after, why)."""
    entry = app.coach.library.find("hip-strength")
    assert entry is not None
    advice = ProgressionAdvice(
        Progression.PROGRESS, "Pain settled by the morning after your last two sessions."
    )
    proposal = propose(entry.routine, advice)
    assert proposal is not None
    app.runner.run(lambda coach: accept_progression(coach.with_clock(_on(day)), proposal))


def _on(day: date) -> FakeClock:
    """A clock standing on `day` (the dose change is dated by the day it was accepted)."""
    return FakeClock(wall=datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC))


def save_pdf_page(pdf: Path, name: str) -> None:
    """The first page as a PNG, by poppler's pdftoppm (`apt install poppler-utils`) when it is there."""
    if shutil.which("pdftoppm") is None:
        print(f"skipped {name}: pdftoppm (poppler-utils) is not installed")
        return
    target = OUT / name
    command = [
        "pdftoppm",
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(pdf),
        str(target.with_suffix("")),
    ]
    subprocess.run(command, check=True)
    print(f"wrote {target}")


def main() -> int:
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    OUT.mkdir(parents=True, exist_ok=True)
    light = QApplication.palette()
    if "--language" in sys.argv:  # the player, History and the report in one language (issue 24)
        code = sys.argv[sys.argv.index("--language") + 1]
        use_language(code, catalogues())
        speak_the_language(app)  # Qt's own words (key names, dialog buttons) as the app shows them
        with_app(light, shoot_in_language(code))
        subprocess.run([sys.executable, __file__, "--history-in", code], check=True)
        return 0
    if "--history-in" in sys.argv:
        code = sys.argv[sys.argv.index("--history-in") + 1]
        use_language(code, catalogues())
        speak_the_language(app)
        shoot_history(light, f"history-{code}.png", report=True, narrow=f"history-{code}-1024x600.png")
        return 0
    if "--run-walk" in sys.argv:  # only the run-walk player (issue 23)
        with_app(light, shoot_run_walk)
        return 0
    if "--high-contrast" in sys.argv:
        with_app(high_contrast_palette(), shoot_high_contrast)
        shoot_history(high_contrast_palette(), "history-high-contrast.png")
        return 0
    if "--history" in sys.argv:
        shoot_history(light, "history.png", report=True)
        shoot_history(dark_palette(), "history-dark.png")
        return 0
    with_app(light, shoot_light)
    with_app(dark_palette(), shoot_dark)
    # History in a fresh process: PySide crashed building a third app's windows in this one (on main too).
    subprocess.run([sys.executable, __file__, "--history"], check=True)
    subprocess.run([sys.executable, __file__, "--high-contrast"], check=True)
    # The icing window and the tray menu have their own script (it can also run on a real X server).
    icing = Path(__file__).with_name("make_icing_screenshots.py")
    return subprocess.run([sys.executable, str(icing)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
