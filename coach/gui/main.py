"""The app's entry point: paint the first window (`start`), then open the store and wire the app (`app`).

`run_app` hands the request to a Rehab Coach that is already running, or starts one: the main window paints
first; after that paint the store opens, the services start, `CoachApp` is wired from one Coach context,
and the launch's request is carried out by the same table as a second launch's (`flows.requests`).
"""

from __future__ import annotations

import linecache
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from coach.core.i18n import N_, _
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
    LibraryReread,
    _AfterFirstPaint,
    find_desktop_services_when_needed,
    first_window,
    hand_to_running_app,
    import_quietly,
    in_background,
    say_cannot_open,
)

# What a person without a display can do instead (each command that opens a window says its own).
WITHOUT_A_DISPLAY = N_(
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
        print(f"coach: {missing}; {_(instead)}", file=sys.stderr)  # `instead` may be N_-marked English
        return 2
    prepare_identity()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(qt_arguments(argv or sys.argv))
    speak_the_language(qt_app)
    places = resolve_places()
    window = first_window(places)
    started: list[tuple[CoachApp, InstanceServer]] = []
    stoppers: list[StopOnSignal] = []

    def after_first_paint() -> None:
        pieces = _finish_start(places, window, name, request, routine, stoppers)

        def next_piece() -> None:
            # One piece of the start-up a turn of the event loop: the window answers (and paints) between;
            # a piece may hand back a worker thread, and the next waits for it without holding the loop.
            try:
                made = next(pieces)
            except StopIteration:
                # PySide's import hook reads the source of every module imported (to see whether it uses
                # PySide: shibokensupport's feature.py) and linecache keeps it: ~2 MiB of text by now that
                # nothing needs; a traceback reads again what it shows.
                linecache.clearcache()
                return
            if isinstance(made, threading.Thread):
                _after(made, next_piece)
                return
            if made is not None:
                started.append(made)
            QTimer.singleShot(_BETWEEN_PIECES_MS, next_piece)

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


# Between two pieces of the start-up: a timer, not a zero one, so that every timer due (a paint, a person's
# key, the benchmark's tick) has its turn between them.
_BETWEEN_PIECES_MS = 1
_POLL_MS = 4

# What the pieces after the paint use, imported a module a turn of the event loop while the window answers
# (leaves first, so that no one import is long).
_AFTER_PAINT_MODULES = (
    "coach.gui.stopping",
    "coach.core.requests",
    "coach.core.operations.context",
    # The store, its parts first: a module a turn of the event loop, none long.
    "coach.core.history.records",
    "coach.core.store.clinical_rows",
    "coach.core.store.damage",
    "coach.core.store.day_rows",
    "coach.core.store.export_rows",
    "coach.core.store.history_rows",
    "coach.core.store.icing_rows",
    "coach.core.running.runs",
    "coach.core.store.run_rows",
    "coach.core.store.schema",
    "coach.core.files",
    "coach.core.store.backup_checks",
    "coach.core.store.adherence",
    "coach.core.store.opening",
    "coach.core.store.backups",
    "coach.core.store.leftovers",
    "tomllib",
    "coach.core.routines.format2",
    "coach.core.routines.format3",
    "coach.core.routines.run_walk_keys",
    "coach.core.routines.toml_lines",
    "coach.core.routines.loader",
    "coach.core.operations",
    "coach.core.clinical.pain_days",
    "coach.core.clinical.pain_rule",
    "coach.core.history.stats",
    "coach.core.operations.queries",
    "coach.services.sound",
    "coach.services.voice",
    "coach.services.autostart",
    "coach.services.screen_reader",
    "coach.gui.operations",
    "coach.gui.flows.session",
    "coach.core.settings",
    "coach.gui.reminders",
    "coach.gui.flows.icing",
    "coach.gui.flows.editing",
    "coach.gui.run_folder",
    "coach.gui.flows.runs",
    "coach.gui.app",
    "coach.gui.routine_folders",
    "coach.gui.start_at_login",
    "coach.gui.instance",
    "coach.gui.unix_listener",
)


def _after(worker: threading.Thread, then: Callable[[], None]) -> None:
    """Call `then` from the event loop once `worker` has finished, looking every few milliseconds."""

    def look() -> None:
        if worker.is_alive():
            QTimer.singleShot(_POLL_MS, look)
        else:
            then()

    look()


def _finish_start(
    places: Places,
    window: MainWindow,
    name: str,
    asked: Request | None,
    routine: Routine | None,
    stoppers: list[StopOnSignal],
) -> Iterator[tuple[CoachApp, InstanceServer] | threading.Thread | None]:
    """After the first paint: open the store, start the services, wire the app, then do what was asked;
    a piece at a time (each yield a turn of the event loop), the app and its server yielded once made.
    The modules load a few milliseconds at a time between turns; reading the routine files runs on a
    worker thread, yielded."""
    # On the GUI thread: modules imported on a worker stay in that thread's own malloc arena for good
    # (about 1.7 MiB held once started); a module a turn, none long, and every due timer runs between.
    for module in _AFTER_PAINT_MODULES:
        import_quietly((module,))
        yield None
    # The routine files (reading them needs no store; keeping the cache does): what it makes is dropped.
    reread = LibraryReread(places)
    yield in_background(reread.read, "coach-start-routines")
    # SIGTERM (log-out, `kill`) and Ctrl-C in the terminal that started it close the app as Quit does,
    # without asking: what runs is saved as stopped early, then the socket and the store are closed.
    # Watched from here on: before the first paint nothing is open yet, and SIGTERM ends the process as
    # it ends any (Ctrl-C then is the command line's "interrupted"), which saves loading the watcher.
    from coach.gui.stopping import StopOnSignal

    qt_app = QApplication.instance()
    stoppers.append(StopOnSignal(lambda number: qt_app.exit(128 + number) if qt_app else None, parent=window))
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
    reread.keep()  # the store has made the data folder private, where the cache goes
    reread.show_in(window)
    yield None
    from coach.services.sound import make_sound_player
    from coach.services.voice import LaterVoice

    # Neither loads anything yet: sound at the first cue, speech then or when the Sound menu opens.
    sound, voice = make_sound_player(places.assets / "sounds"), LaterVoice()
    from coach.gui.app import CoachApp, Services
    from coach.gui.instance import InstanceServer
    from coach.services.autostart import make_autostart
    from coach.services.screen_reader import QtAnnouncer

    notifier, inhibitor = LaterNotifier(), LaterInhibitor()
    find_desktop_services_when_needed(notifier, inhibitor)
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
    if app.ice.running:
        app.ice.show_window()  # resumed after a crash or a restart
    if routine is not None:
        app.sessions.ask_pain_before(routine)
    elif request.command != "show":
        app.handle_request(request)  # the table a second launch's request goes through
    elif app.offer_welcome() is None:
        app.sessions.offer_recovery()
        app.sessions.offer_morning_check_in()
        app.runs.offer_questions()  # after the check-in, when one is asked
