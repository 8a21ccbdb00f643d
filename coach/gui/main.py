"""The app's entry point: paint the first window (`start`), then open the store and wire the app (`app`).

`run_app` hands the request to a Rehab Coach that is already running, or starts one: the main window paints
first; after that paint the store opens, the services start, `CoachApp` is wired from one Coach context,
and the launch's request is carried out by the same table as a second launch's (`flows.requests`).
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from coach.core.paths import Places, resolve_places
from coach.core.routines.model import Routine
from coach.core.runtime_place import socket_path
from coach.core.session.clock import SystemClock
from coach.gui.display import missing_display
from coach.gui.identity import prepare_identity, qt_arguments
from coach.gui.language import speak_the_language
from coach.gui.main_window import MainWindow
from coach.gui.start import (
    LaterInhibitor,
    LaterNotifier,
    _AfterFirstPaint,
    _reread_library,
    find_desktop_services,
    first_window,
    hand_to_running_app,
    say_cannot_open,
)

# What a person without a display can do instead (each command that opens a window says its own).
WITHOUT_A_DISPLAY = (
    "in a terminal, `coach run ROUTINE --terminal`, `coach ice --terminal` and `coach history` work "
    "(`coach --help` lists every command)"
)

if TYPE_CHECKING:
    from coach.core.requests import Request
    from coach.gui.app import CoachApp
    from coach.gui.instance import InstanceServer
    from coach.gui.stopping import StopOnSignal


def run_app(
    argv: list[str] | None = None,
    *,
    request: Request | None = None,
    routine: Routine | None = None,
    instead: str = WITHOUT_A_DISPLAY,
) -> int:
    """Hand `request` (default: show the window) to a running Rehab Coach, or start one and carry it out.

    With `routine`, a new app goes straight into its guided session. The main window paints first; the
    store, the services and the rest of the app follow at once (`_finish_start`). Where no window can be
    shown, one sentence says so and what works `instead` (exit 2), before Qt would abort.
    """
    name = socket_path(resolve_places().data_dir)  # requests.server_name, without its JSON and dataclasses
    handed = hand_to_running_app(name, request)  # a running app may take it, display or not
    if handed is not None:
        return handed
    existing = QApplication.instance()
    missing = None if existing is not None else missing_display()
    if missing is not None:
        print(f"coach: {missing}; {instead}", file=sys.stderr)
        return 2
    prepare_identity()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(qt_arguments(argv or sys.argv))
    speak_the_language(qt_app)
    places = resolve_places()
    window = first_window(places)
    started: list[tuple[CoachApp, InstanceServer]] = []
    stoppers: list[StopOnSignal] = []

    def after_first_paint() -> None:
        # SIGTERM (log-out, `kill`) and Ctrl-C in the terminal that started it close the app as Quit does,
        # without asking: what runs is saved as stopped early, then the socket and the store are closed.
        # Watched from here on: before the first paint nothing is open yet, and SIGTERM ends the process as
        # it ends any (Ctrl-C then is the command line's "interrupted"), which saves loading the watcher.
        from coach.gui.stopping import StopOnSignal

        stoppers.append(StopOnSignal(lambda number: qt_app.exit(128 + number), parent=window))
        pieces = _finish_start(places, window, name, request, routine)

        def next_piece() -> None:
            # One piece of the start-up a turn of the event loop: the window answers (and paints) between.
            try:
                made = next(pieces)
            except StopIteration:
                # sqlite-utils (the store's writing wrapper, ~50-100 ms to import) loads beside the event
                # loop, so that neither the window nor the first step recorded waits for it.
                threading.Thread(
                    target=importlib.import_module, args=("sqlite_utils",), name="coach-preload", daemon=True
                ).start()
                return
            if made is not None:
                started.append(made)
            QTimer.singleShot(0, next_piece)

        QTimer.singleShot(0, next_piece)

    _AfterFirstPaint(window, after_first_paint)
    window.show()
    try:
        return int(qt_app.exec())
    finally:
        for stopper in stoppers:
            stopper.uninstall()
        for app, server in started:
            server.close()  # removes the socket file
            app.close()


def _finish_start(
    places: Places, window: MainWindow, name: str, asked: Request | None, routine: Routine | None
) -> Iterator[tuple[CoachApp, InstanceServer] | None]:
    """After the first paint: open the store, start the services, wire the app, then do what was asked;
    a piece at a time (each yield a turn of the event loop), the app and its server yielded once made."""
    from coach.core.operations.context import Coach
    from coach.core.requests import Request
    from coach.core.store.errors import StoreError

    request = asked or Request("show")
    coach = Coach(places, SystemClock(), library=window.library)
    try:
        coach.store  # noqa: B018 (opened now, today's backup first: a failure is said before anything else)
    except StoreError as error:
        say_cannot_open(str(error), window)
        QApplication.exit(1)
        return
    yield None
    _reread_library(places, window)  # the store has made the data folder private, where the cache goes
    yield None
    from coach.services.sound import make_sound_player
    from coach.services.voice import make_voice

    sound, voice = make_sound_player(places.assets / "sounds"), make_voice()  # voice: a QObject, GUI thread
    yield None
    from coach.gui.app import CoachApp, Services
    from coach.gui.instance import InstanceServer
    from coach.services.autostart import make_autostart
    from coach.services.screen_reader import QtAnnouncer

    notifier, inhibitor = LaterNotifier(), LaterInhibitor()
    find_desktop_services(notifier, inhibitor)
    services = Services(
        sound=sound,
        voice=voice,
        notifier=notifier,
        inhibitor=inhibitor,
        autostart=make_autostart(),
        announcer=QtAnnouncer(),
    )
    yield None
    app = CoachApp(coach, services, window)
    server = InstanceServer(name, app.handle_request, parent=app)
    if not server.listen():
        print("coach: cannot listen for a second launch; it will open a second window", file=sys.stderr)
    yield app, server
    if app.ice.controller.running:
        app.ice.show_window()  # resumed after a crash or a restart
    if routine is not None:
        app.sessions.ask_pain_before(routine)
    elif request.command != "show":
        app.handle_request(request)  # the table a second launch's request goes through
    elif app.offer_welcome() is None:
        app.sessions.offer_recovery()
        app.sessions.offer_morning_check_in()
