"""Start-up as a person sees it: a whole new process, until the main window has painted, and 2 s after.

    python -m bench.startup app|bare      (run by bench/__main__.py, one process per run)

`app` runs `coach` exactly as the desktop launcher does (run_app: the second-launch check, the store, the
services, the main window), on the data folder in COACH_DATA_DIR; `bare` shows a PySide6 QMainWindow with
one label, the least any Qt app can do. Either way an event filter quits at the first paint of the main
window, and the child prints one line of JSON: the seconds from the moment the parent started it
(BENCH_SPAWNED_AT, time.time()) to that first paint, and its peak resident memory then and at exit (by
then the app has also built what it starts after the first paint).

For `AFTER_PAINT_S` (2 s) after the first paint it stays: a precise timer ticks every `TICK_MS`, and the
longest gap between two ticks beyond the tick is the longest the event loop was held (what the app does
after its paint runs in that loop: a long piece of it is a window that does not answer); then its
resident memory (VmRSS) is read, what the process holds once started, and it quits.
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


AFTER_PAINT_S = 2.0
TICK_MS = 5


def rss_kib() -> int:
    """The resident memory of this process now, in KiB (VmRSS; elsewhere the peak, ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _spawned_at() -> float:
    return float(os.environ.get("BENCH_SPAWNED_AT", time.time()))


def main(kind: str) -> int:
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    qt_app = QApplication([sys.argv[0]])
    painted: list[float] = []
    at_paint: list[int] = []  # peak resident memory so far, KiB on Linux
    after: dict[str, float] = {"longest_stall_ms": 0.0}
    ticks = QTimer()
    ticks.setTimerType(Qt.TimerType.PreciseTimer)
    ticks.setInterval(TICK_MS)
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        after["longest_stall_ms"] = max(after["longest_stall_ms"], (now - last[0]) * 1000 - TICK_MS)
        last[0] = now

    def stayed() -> None:
        ticks.stop()
        after["rss_after_paint_mib"] = rss_kib() / 1024
        qt_app.quit()

    ticks.timeout.connect(tick)
    end = QTimer()
    end.setSingleShot(True)
    end.setTimerType(Qt.TimerType.PreciseTimer)
    end.setInterval(round(AFTER_PAINT_S * 1000))
    end.timeout.connect(stayed)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if not painted and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                painted.append(time.time())
                at_paint.append(peak_rss_kib())
                last[0] = time.perf_counter()
                ticks.start()
                end.start()
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
        **after,
    }
    print(json.dumps(figures))
    return 0 if painted else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "app"))
