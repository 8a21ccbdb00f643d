"""What the app loads before its first paint: only what the first window shows (never timed here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from coach.gui.start import LaterInhibitor, LaterNotifier, find_desktop_services

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
    "json",
    "hashlib",  # OpenSSL, for hashing a few routine files (coach.core.digest does it without)
)


def test_the_first_window_loads_nothing_it_does_not_show(data_dir: Path) -> None:
    # Given a new Python, as a launch from the desktop
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from coach.gui.app import first_window, run_app\n"
        "from coach.gui.start import hand_to_running_app\n"
        "from coach.core.paths import resolve_places\n"
        "from coach.core.runtime_place import socket_path\n"
        "assert hand_to_running_app(socket_path(resolve_places().data_dir), None) is None\n"
        "app = QApplication([])\n"
        "window = first_window(resolve_places())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "loaded = sorted(sys.modules)\n"
        "import json\n"
        "print(json.dumps(loaded))\n"
    )
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}

    # When it checks for a running app and shows the first window, as run_app does before the first paint
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)

    # Then nothing that only a later window, the store or a service needs is loaded yet
    loaded = set(json.loads(done.stdout))
    assert "coach.gui.main_window" in loaded
    assert [name for name in LATER if name in loaded] == []


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


def test_the_desktop_services_are_found_off_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given desktop services whose look-up blocks until we let it go
    found, release_lookup = _Recorder(), threading.Event()
    threads: list[str] = []

    def slow_lookup() -> _Recorder:
        threads.append(threading.current_thread().name)
        assert release_lookup.wait(10)
        return found

    monkeypatch.setattr("coach.services.notify.make_notifier", slow_lookup)
    monkeypatch.setattr("coach.services.inhibit.make_inhibitor", slow_lookup)
    notifier, inhibitor = LaterNotifier(), LaterInhibitor()

    # When the look-up starts and the app asks for things before it ends
    worker = find_desktop_services(notifier, inhibitor)
    notifier.notify("Icing done", "too early: dropped")
    inhibitor.inhibit("Guided exercise session")
    release_lookup.set()
    worker.join(10)
    notifier.notify("Icing done", "Take the ice off.")

    # Then the GUI thread never waited, and the screen is kept awake as asked once the service is there
    assert len(threads) == 2
    assert threading.main_thread().name not in threads
    assert found.calls == [
        ("inhibit", "Guided exercise session"),
        ("notify", "Icing done", "Take the ice off."),
    ]


def test_a_screen_kept_awake_and_let_go_before_the_service_came_is_left_alone() -> None:
    inhibitor, found = LaterInhibitor(), _Recorder()

    inhibitor.inhibit("Guided exercise session")
    inhibitor.release()
    inhibitor.arrive(found)
    inhibitor.inhibit("again")

    assert found.calls == [("inhibit", "again")]
