"""History on years of data: the core work behind the history window, and the window itself.

`history_view` does what HistoryWindow.refresh asks of the core (sessions, marks, icing runs, the overview
of charts, streaks and adherence, the progression advice); `history_window` opens the window offscreen on
an open store and paints each chart once; `open_store` opens the store, checks and all. All run in the
benchmark's own process, timed repeatedly after a warm-up; `coach history --json` is timed as whole
processes by bench/__main__.py.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.operations.context import Coach
from coach.core.operations.history_view import read_history
from coach.core.paths import resolve_places
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def history_view(store: AdherenceStore, today: date) -> int:
    """Everything the history window shows, read from the open store and computed; returns the sessions read.

    The store is open already, as it is in the app (opening it is timed apart: `open_store`); the routine
    the advice is about is loaded here each time, as the window's library would have it.
    """
    places = resolve_places({})
    routine = load_routine(places.bundled_routines / "hip-strength.toml", places.assets)
    tz = datetime.now().astimezone().tzinfo
    coach = Coach(
        places, FakeClock(datetime.combine(today, time(12), tz)), store=store, backups=False, zone=tz
    )
    view = read_history(coach, lambda routine_id: routine if routine_id == routine.id else None)
    return len(view.sessions)


def open_store(database: Path) -> None:
    """Open and close the store, as `coach history` and the app's start do (with the store's checks).

    With the time, as they give it: the whole-file check then runs on the first open of the day only.
    """
    AdherenceStore.open(database, now=datetime.now(UTC)).close()


def qt_application() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])


def history_window(store: AdherenceStore, today: date) -> None:
    """Open the history window on the open store (it reads and computes once) and paint each chart once."""
    from coach.core.routines.library import discover_routines
    from coach.core.session.clock import FakeClock
    from coach.gui.history import HistoryWindow
    from coach.gui.operations import OperationRunner

    places = resolve_places({})
    library = discover_routines(places.bundled_routines, places.user_routines, places.assets)
    clock = FakeClock(wall=datetime.combine(today, datetime.min.time()).astimezone())
    coach = Coach(places, clock, store=store, library=library, backups=False)
    runner = OperationRunner(coach)
    window = HistoryWindow(runner)
    window.resize(1120, 860)
    layout = window.layout()
    assert layout is not None
    layout.activate()
    for chart in (window.heat_map, window.weekly, window.pain):
        chart.grab()
    window.deleteLater()
    runner.deleteLater()
    _delete_now()


def _delete_now() -> None:
    """Delete what deleteLater queued, now: no event loop runs between the benchmark's runs."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
