"""Starting the app as a person sees it: the main window paints first, everything else follows.

`coach.gui.main.run_app` checks for a running Rehab Coach (`hand_to_running_app`), shows the main window
on the routine library (`first_window`: no store, no services), and only after that first paint opens the
store, starts the services and wires the rest of the app. Nothing here knows the app (`coach.gui.app`).
The desktop services' D-Bus look-ups run on a worker thread at their first need: a slow or stuck session
bus never freezes the window, and an app that notifies nobody never loads D-Bus (`LaterNotifier`,
`LaterInhibitor`).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from coach.core.i18n import language
from coach.core.paths import Places
from coach.core.routines.library import Library, discover_routines
from coach.core.routines.library_cache import CACHE_FILE, library_stamp, load_library, save_library
from coach.core.runtime_place import nobody_listens
from coach.core.store.last_routine import last_routine_id
from coach.gui.identity import announce_identity
from coach.gui.main_window import MainWindow
from coach.gui.style import plain

if TYPE_CHECKING:
    from coach.core.requests import Request
    from coach.services.inhibit import Inhibitor
    from coach.services.notify import Notifier


def first_window(places: Places) -> MainWindow:
    """The main window on the routine library: all the first paint needs (no store, no services)."""
    library = _kept_library(places) or _read_library(places)
    announce_identity(places.assets)  # the app's name and icon, before its first window opens
    window = MainWindow(library)
    last = last_routine_id(places.database)  # opened on it at once, not moved to it after the store opens
    if last is not None:
        window.select_routine(last)
    return window


def _read_library(places: Places) -> Library:
    return discover_routines(places.bundled_routines, places.user_routines, places.assets, language())


def _kept_library(places: Places) -> Library | None:
    """The library the last start read, if no routine file and none of the reading code has changed."""
    stamp = library_stamp(places.bundled_routines, places.user_routines, places.assets)
    return load_library(places.data_dir / CACHE_FILE, stamp)


def _reread_library(places: Places, window: MainWindow) -> None:
    """After the first paint: read the routine files, show any difference, keep the library for next time."""
    reread = LibraryReread(places)
    reread.read()
    reread.keep()
    reread.show_in(window)


class LibraryReread:
    """The routine files read again after the first paint: `read` (any thread: the files and their parsing),
    `keep` the library for the next start (once the store has made the data folder private), and `show_in`
    the window (the GUI thread) if anything differs."""

    def __init__(self, places: Places) -> None:
        self.places = places
        self.stamp: list[Any] | None = None
        self.fresh: Library | None = None
        self.failure: BaseException | None = None

    def read(self) -> None:
        places = self.places
        try:
            self.stamp = library_stamp(places.bundled_routines, places.user_routines, places.assets)  # first
            self.fresh = _read_library(places)
        except BaseException as error:  # said in the GUI thread, where it would have been raised
            self.failure = error

    def keep(self) -> None:
        if self.failure is not None:
            raise self.failure
        if self.fresh is None or self.stamp is None:
            return
        cache = self.places.data_dir / CACHE_FILE
        if load_library(cache, self.stamp) != self.fresh:
            save_library(cache, self.stamp, self.fresh)

    def show_in(self, window: MainWindow) -> None:
        if self.fresh is not None and self.fresh != window.library:
            window.set_library(self.fresh)


def in_background(work: Callable[[], object], name: str) -> threading.Thread:
    """Run `work` on a daemon thread, started now; the start-up waits for it between turns of the loop."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread


def import_quietly(names: Iterable[str]) -> None:
    """Import each module ahead of its use; one that fails is left to be imported again and reported
    where it is used."""
    for name in names:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


class _AfterFirstPaint(QObject):
    """Calls `then` once, from the event loop, just after `window` has painted for the first time."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # A zero timer: the paint finishes and reaches the screen before the rest of the app is built.
            QTimer.singleShot(0, self._then)
        return False


def hand_to_running_app(name: str, request: Request | None) -> int | None:
    """The exit code once a running Rehab Coach has taken `request` (None: show the window); None when none
    runs (start one then).

    Most launches find no socket at all and never load QtNetwork (about 10 ms and three dozen Qt enums
    before the first paint); only when one may be there does the request go over QLocalSocket.
    """
    if nobody_listens(name):
        return None
    from coach.core.requests import Request
    from coach.gui.instance import InstanceError, hand_over

    try:
        answer = hand_over(name, request or Request("show"))
    except InstanceError as error:
        print(f"coach: {error}", file=sys.stderr)
        return 1
    if answer is None:
        return None
    print(
        answer.message if answer.ok else f"coach: {answer.message}",
        file=sys.stdout if answer.ok else sys.stderr,
    )
    return 0 if answer.ok else 2


def say_cannot_open(sentence: str, parent: QWidget | None = None) -> None:
    """Why the history cannot be opened (damaged and moved aside, busy, read-only…), in a window."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, "Rehab Coach", sentence, QMessageBox.StandardButton.Ok, parent
    )
    plain(box)  # the sentence holds a path, which may hold anything
    label = box.findChild(QLabel, "qt_msgbox_label")
    screen = QApplication.primaryScreen()
    if label is not None and screen is not None:  # lines of about 60 characters, not a narrow column
        room = screen.availableGeometry().width() * 2 // 3
        label.setMinimumWidth(min(label.fontMetrics().averageCharWidth() * 60, room))
    box.exec()


class LaterNotifier(QObject):
    """Passes each notification on to the desktop's notifier once it is found (on a worker thread, at the
    first notification); the one asked for before that is shown when it arrives."""

    _arrived = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.target: Notifier | None = None
        self.lookup: Callable[[], object] | None = None  # starts the look-up; called at the first need
        self._waiting: tuple[str, str] | None = None
        self._found: Notifier | None = None
        # The worker hands the notifier over through a queued signal: it makes its D-Bus objects in the
        # GUI thread, at the first notification it sends.
        self._arrived.connect(self._on_arrived)

    def notify(self, title: str, body: str) -> None:
        if self.target is not None:
            self.target.notify(title, body)
            return
        self._waiting = (title, body)
        lookup, self.lookup = self.lookup, None
        if lookup is not None:
            lookup()

    def arrive(self, target: Notifier) -> None:
        """The service was found (any thread): from now on it shows each, starting with the one waiting."""
        self._found = target
        self._arrived.emit()

    def _on_arrived(self) -> None:
        self.target = target = self._found
        waiting, self._waiting = self._waiting, None
        if target is not None and waiting is not None:
            target.notify(*waiting)


class LaterInhibitor:
    """Keeps the screen awake through the desktop's service once found; asked before that, asks it then.

    The look-up starts at the first need (`lookup`), on a worker thread."""

    def __init__(self) -> None:
        self.target: Inhibitor | None = None
        self.lookup: Callable[[], object] | None = None
        self._reason: str | None = None  # asked for before the service was found
        self._lock = threading.Lock()

    def inhibit(self, reason: str) -> None:
        with self._lock:
            self._reason = reason
            target = self.target
            lookup, self.lookup = self.lookup, None
        if target is not None:
            target.inhibit(reason)
        elif lookup is not None:
            lookup()

    def release(self) -> None:
        with self._lock:
            self._reason = None
            target = self.target
        if target is not None:
            target.release()

    def arrive(self, target: Inhibitor) -> None:
        """The service was found: from now on it does the work, starting with what was asked meanwhile."""
        with self._lock:
            self.target = target
            reason = self._reason
        if reason is not None:
            target.inhibit(reason)


def find_desktop_services_when_needed(notifier: LaterNotifier, inhibitor: LaterInhibitor) -> None:
    """Look for the desktop services (D-Bus: its module and connection cost memory and time) at the first
    notification or the first request to keep the screen awake, whichever comes first; both, once."""
    started: list[threading.Thread] = []

    def lookup() -> None:
        if not started:
            started.append(find_desktop_services(notifier, inhibitor))

    notifier.lookup = inhibitor.lookup = lookup


def find_desktop_services(notifier: LaterNotifier, inhibitor: LaterInhibitor) -> threading.Thread:
    """Look for the notification and screen-saver services on a worker thread; hand each over when found.

    The look-ups are blocking D-Bus calls (a stuck bus waits out their timeout); QDBusConnection may be
    used from any thread, and what they return creates its D-Bus objects on first use, in the GUI thread.
    """
    from coach.services.inhibit import make_inhibitor
    from coach.services.notify import make_notifier

    def work() -> None:
        notifier.arrive(make_notifier())
        inhibitor.arrive(make_inhibitor())

    worker = threading.Thread(target=work, name="desktop services", daemon=True)
    worker.start()
    return worker
