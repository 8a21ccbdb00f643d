"""Start-up as a person sees it: a whole new process, until the main window has painted once, then quit.

    python -m bench.startup app|bare      (run by bench/__main__.py, one process per run)

`app` runs `coach` exactly as the desktop launcher does (run_app: the second-launch check, the store, the
services, the main window), on the data folder in COACH_DATA_DIR; `bare` shows a PySide6 QMainWindow with
one label, the least any Qt app can do. Either way an event filter quits at the first paint of the main
window, and the child prints one line of JSON: the seconds from the moment the parent started it
(BENCH_SPAWNED_AT, time.time()) to that first paint, and its peak resident memory then and at exit (by
then the app has also built what it starts after the first paint).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def peak_rss_kib() -> int:
    """The peak resident memory of this process so far, in KiB.

    On Linux from /proc (VmHWM): getrusage's ru_maxrss keeps the peak of the process that forked us across
    exec, so a child of a big benchmark process would report the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _spawned_at() -> float:
    return float(os.environ.get("BENCH_SPAWNED_AT", time.time()))


def main(kind: str) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    qt_app = QApplication([sys.argv[0]])
    painted: list[float] = []
    at_paint: list[int] = []  # peak resident memory so far, KiB on Linux

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if not painted and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                painted.append(time.time())
                at_paint.append(peak_rss_kib())
                QTimer.singleShot(0, qt_app.quit)
            return False

    spy = FirstPaint()
    qt_app.installEventFilter(spy)
    if kind == "bare":
        window = QMainWindow()
        window.setCentralWidget(QLabel("Rehab Coach"))
        window.resize(960, 620)
        window.show()
        qt_app.exec()
    else:
        from coach.gui.main import run_app

        run_app([sys.argv[0]])
    at_exit = peak_rss_kib()
    figures = {
        "first_paint_s": painted[0] - _spawned_at() if painted else float("nan"),
        "peak_rss_at_first_paint_mib": (at_paint[0] if at_paint else at_exit) / 1024,
        "peak_rss_at_exit_mib": at_exit / 1024,
    }
    print(json.dumps(figures))
    return 0 if painted else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "app"))
