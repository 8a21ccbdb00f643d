"""What the app loads before its first paint: only what the first window shows (never timed here)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.paths import Places
from coach.core.routines.library import Library, discover_routines
from coach.core.routines.library_cache import CACHE_FILE, library_stamp, load_library, save_library
from coach.gui.app import CoachApp
from coach.gui.start import (
    LaterInhibitor,
    LaterNotifier,
    _reread_library,
    find_desktop_services_when_needed,
    first_window,
)
from tests.helpers import scaled, scaled_ms

# Each is part of the app, and each waits until after the first paint or until it is asked for.
LATER = (
    "sqlite_utils",  # the store's library: the store opens just after the first paint
    "coach.core.store.adherence",
    "coach.core.operations",
    "coach.gui.history",
    "coach.gui.charts",
    "coach.gui.report",
    "coach.gui.check_in",
    "coach.gui.player",
    "coach.gui.icing",
    "coach.gui.tray",
    "coach.gui.help",
    "coach.services.voice",
    "PySide6.QtDBus",  # notifications and screen-sleep inhibition
    "PySide6.QtNetwork",  # the second-launch socket: asked over only when a socket file is there
    "coach.gui.instance",
    "coach.core.requests",  # what a launch asks of a running app, in JSON
    "coach.gui.stopping",  # SIGTERM and Ctrl-C close the app as Quit does once there is something to close
    "hashlib",  # OpenSSL, for hashing a few routine files (coach.core.digest does it without)
)


# The probe: a new Python, as a launch from the desktop, runs the app (run_app: the check for a running app,
# the first window) and lists the modules loaded when the main window first paints.
_PROBE = (
    "import sys\n"
    "from PySide6.QtCore import QEvent, QObject, QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "loaded = []\n"
    "class FirstPaint(QObject):\n"
    "    def eventFilter(self, watched, event):\n"
    "        if not loaded and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):\n"
    "            loaded.extend(sorted(sys.modules))\n"
    "            QTimer.singleShot(0, app.quit)\n"
    "        return False\n"
    "spy = FirstPaint()\n"
    "app.installEventFilter(spy)\n"
    "from coach.gui.main import run_app\n"
    "run_app(['coach'])\n"
    "import json\n"
    "print(json.dumps(loaded))\n"
)
# What reads routine files: loaded before the first paint only when the last start's library cannot be used.
READING = ("tomllib", "coach.core.routines.loader", "coach.core.routines.format2")


def _loaded_before_the_first_paint(data_dir: Path) -> set[str]:
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, env=env)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
def test_the_first_window_loads_nothing_it_does_not_show(data_dir: Path) -> None:
    # Given a first start: no library kept from an earlier one
    # When it checks for a running app and shows the first window
    loaded = _loaded_before_the_first_paint(data_dir)

    # Then nothing that only a later window, the store or a service needs is loaded yet; the files were read
    assert "coach.gui.main_window" in loaded
    assert [name for name in LATER if name in loaded] == []
    assert set(READING) <= loaded


@pytest.mark.slow
def test_a_later_start_paints_the_library_it_kept_without_reading_the_files(places: Places) -> None:
    # Given the library an earlier start read and kept, and nothing changed since
    places.data_dir.mkdir(parents=True)
    stamp = library_stamp(places.bundled_routines, places.user_routines, places.assets)
    save_library(places.data_dir / CACHE_FILE, stamp, _read(places))

    # When the next start shows its first window
    loaded = _loaded_before_the_first_paint(places.data_dir)

    # Then it has neither read a routine file nor loaded what reads them
    assert [name for name in (*LATER, *READING) if name in loaded] == []


def test_a_kept_library_that_is_out_of_date_is_shown_only_until_the_files_are_read(
    qtbot: QtBot, places: Places
) -> None:
    # Given a kept library whose stamp still matches but which says something the files do not
    places.data_dir.mkdir(parents=True)
    cache, real = places.data_dir / CACHE_FILE, _read(places)
    first = real.routines[0]
    renamed = dataclasses.replace(first, routine=dataclasses.replace(first.routine, title="An old title"))
    stamp = library_stamp(places.bundled_routines, places.user_routines, places.assets)
    save_library(cache, stamp, dataclasses.replace(real, routines=(renamed, *real.routines[1:])))

    # When a start paints from it, then reads the files after its first paint
    window = first_window(places)
    qtbot.addWidget(window)
    shown_first = [window.routine_list.item(row).text() for row in range(window.routine_list.count())]
    _reread_library(places, window)

    # Then the first paint showed the kept title, the window now shows the file's, and that is kept instead
    assert "An old title" in shown_first
    assert window.library == real
    assert first.routine.title in [
        window.routine_list.item(r).text() for r in range(window.routine_list.count())
    ]
    assert load_library(cache, stamp) == real


def _read(places: Places) -> Library:
    return discover_routines(places.bundled_routines, places.user_routines, places.assets)


class _Recorder:
    """A notifier and inhibitor that writes down what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def notify(self, title: str, body: str) -> None:
        self.calls.append(("notify", title, body))

    def inhibit(self, reason: str) -> None:
        self.calls.append(("inhibit", reason))

    def release(self) -> None:
        self.calls.append(("release",))


def test_the_desktop_services_are_found_off_the_gui_thread_at_their_first_need(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    # Given desktop services whose look-up blocks until we let it go
    found, release_lookup = _Recorder(), threading.Event()
    threads: list[str] = []

    def slow_lookup() -> _Recorder:
        threads.append(threading.current_thread().name)
        assert release_lookup.wait(scaled(10))
        return found

    monkeypatch.setattr("coach.services.notify.make_notifier", slow_lookup)
    monkeypatch.setattr("coach.services.inhibit.make_inhibitor", slow_lookup)
    notifier, inhibitor = LaterNotifier(), LaterInhibitor()
    find_desktop_services_when_needed(notifier, inhibitor)
    assert threads == []  # nothing is looked up (nor D-Bus loaded) before it is needed

    # When the app asks for things before the look-up ends
    notifier.notify("Icing done", "Take the ice off.")
    inhibitor.inhibit("Guided exercise session")
    release_lookup.set()

    # Then the GUI thread never waited, one look-up ran, and what was asked meanwhile is done once it ends
    qtbot.waitUntil(lambda: len(found.calls) == 2, timeout=scaled_ms(10))
    notifier.notify("Icing done", "again")
    assert len(threads) == 2
    assert threading.main_thread().name not in threads
    assert sorted(found.calls[:2]) == [
        ("inhibit", "Guided exercise session"),
        ("notify", "Icing done", "Take the ice off."),
    ]
    assert found.calls[2:] == [("notify", "Icing done", "again")]


def test_a_screen_kept_awake_and_let_go_before_the_service_came_is_left_alone() -> None:
    inhibitor, found = LaterInhibitor(), _Recorder()

    inhibitor.inhibit("Guided exercise session")
    inhibitor.release()
    inhibitor.arrive(found)
    inhibitor.inhibit("again")

    assert found.calls == [("inhibit", "again")]


# The probe for what follows the paint: the app settles (store open, the app wired), idles a while, and
# lists what it loaded of what only a session, a notification or a write needs.
_SETTLED = (
    "import json, sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    "ticks = []\n"
    "def look():\n"
    "    if 'coach.gui.instance' in sys.modules:\n"
    "        ticks.append(1)\n"
    "    if len(ticks) == 100:\n"
    "        print(json.dumps(sorted(sys.modules)))\n"
    "        app.quit()\n"
    "watch = QTimer()\n"
    "watch.timeout.connect(look)\n"
    "watch.start(5)\n"
    "QTimer.singleShot(int(sys.argv[1]), app.quit)\n"
    "from coach.gui.main import run_app\n"
    "run_app(['coach'])\n"
)

# Loaded at their first need, never by an app that has only started: each costs megabytes.
AT_FIRST_NEED = (
    "sqlite_utils",  # the store's writing library: when a session is asked for, or at the first write
    "PySide6.QtDBus",  # notifications and keeping the screen awake
    "PySide6.QtMultimedia",  # the beeps: at the first cue
    "PySide6.QtTextToSpeech",  # spoken cues: at the first cue, or when the Sound menu opens
    "tomlkit",  # writing a dose change into a routine file
    "coach.core.history.progression",  # the dose advice: History, the end of a session, a dose change
    # The second-launch socket on POSIX is Python's own (coach.gui.unix_listener); Windows uses QtNetwork.
    *(("PySide6.QtNetwork",) if os.name == "posix" else ()),
)


@pytest.mark.slow
def test_an_app_that_has_started_and_idles_has_not_loaded_what_only_later_needs(tmp_path: Path) -> None:
    # Given a history made and checked today (opening it needs no schema step, nothing is written)
    from datetime import UTC, datetime

    from coach.core.store.adherence import AdherenceStore

    AdherenceStore.open(tmp_path / "coach.db", now=datetime.now(UTC)).close()
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}

    # When the app starts and nobody does anything for 100 turns of a 5 ms timer after it is wired
    done = subprocess.run(
        [sys.executable, "-c", _SETTLED, str(scaled_ms(20))],
        capture_output=True,
        text=True,
        env=env,
        timeout=scaled(60),
    )

    # Then none of what a session, a notification or a write needs is loaded
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    loaded = set(json.loads(lines[-1]))
    assert "coach.gui.app" in loaded
    assert [name for name in AT_FIRST_NEED if name in loaded] == []


def test_asking_for_a_session_loads_the_writing_library_beside_the_pain_question(
    coach_app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("coach.core.store.connection.preload_writer", lambda: asked.append("preload"))

    coach_app.sessions.ask_before_start("hip-strength")

    assert asked == ["preload"]
