"""Open every window and dialog on the screen this runs on and say which do not fit; save each as a PNG.

    xvfb-run -s "-screen 0 1024x600x24" .venv/bin/python docs/look_at_windows.py /tmp/look/1024x600
    QT_SCALE_FACTOR=2 xvfb-run -s "-screen 0 2560x1440x24" .venv/bin/python docs/look_at_windows.py /tmp/x
    LANGUAGE=de xvfb-run -s "-screen 0 1024x600x24" .venv/bin/python docs/look_at_windows.py /tmp/look/de

For looking at by eye (the README's pictures come from make_screenshots.py). Runs on a throw-away data
folder with a year of generated history and a FakeClock; exits 1 if a window is larger than the screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from bench.generate_history import generate
from coach.core.i18n import use_language
from coach.core.operations.context import Coach
from coach.core.paths import catalogues, resolve_places
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.check_in import MorningCheckIn
from coach.gui.language import speak_the_language
from coach.gui.recovery import RecoveryDialog

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def check(window: QWidget, name: str, out: Path) -> bool:
    """Show `window`, save it, and say whether its frame lies inside the screen's free area."""
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    fits = screen.contains(frame)
    hint = window.minimumSizeHint()
    print(
        f"{'fits' if fits else 'DOES NOT FIT':12} {name:14} {frame.width()}x{frame.height()} at "
        f"{frame.x()},{frame.y()} on {screen.width()}x{screen.height()} "
        f"(minimum {hint.width()}x{hint.height()})"
    )
    window.grab().save(str(out / f"{name}.png"))
    return fits


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/look")
    out.mkdir(parents=True, exist_ok=True)
    use_language(None, catalogues())  # LANGUAGE=de: the windows in German, as a German desktop shows them
    qt_app = QApplication(sys.argv)
    speak_the_language(qt_app)
    qt_app.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as data:
        os.environ["COACH_DATA_DIR"] = data
        places = resolve_places()
        generate(places.database, 1, today=MONDAY.date())
        clock = FakeClock(wall=MONDAY)
        coach = Coach(places, clock, store=AdherenceStore.open(places.database))
        app = CoachApp(coach, services=Services())
        record = coach.store.sessions()[-1]
        results = [check(app.window, "main", out)]
        app.ice.start(20)
        results.append(check(app.ice.icing_window, "icing", out))
        app.ice.edit_reminders()
        reminders = app.ice.reminder_dialog
        assert reminders is not None
        results.append(check(reminders, "reminders", out))
        reminders.reject()
        check_in = MorningCheckIn(record, app.runner, app.window)
        results.append(check(check_in, "check-in", out))
        results.append(check(RecoveryDialog(record, None, app.window), "recovery", out))
        results.append(check(app.show_about(), "about", out))
        history = app.show_history()
        results.append(check(history, "history", out))
        results.append(check(history.edit_marks(), "day-marks", out))
        coach.remember(coach.settings.replace(welcomed=False))
        from coach.core.operations import queries

        queries.routine_done_last = lambda coach: None  # look as a newcomer would
        welcome = app.offer_welcome()
        assert welcome is not None
        results.append(check(welcome, "welcome", out))
        player = app.sessions.start_routine("gentle-start")
        assert player is not None
        clock.advance(5 + 14 * 2 + 5)
        player.tick()
        app.window.showMaximized()
        results.append(check(app.window, "player", out))
        app.close()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
