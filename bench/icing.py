"""The icing timer's cost: CPU and wake-ups while it runs, against a bare window and the idle app.

    python -m bench.icing --child baseline|app|icing --seconds N      (run by `python3 dev.py bench`)

Each kind runs in its own child process, offscreen, all side by side (each mostly sleeps, so they hardly
disturb each other), measured from inside the child over its event loop only (start-up not counted):
CPU seconds (time.process_time), the icing timer's ticks, every Qt timer event the GUI thread handled
(an event filter on the application sees each one, whichever object's timer it is: the icing timer's,
Qt's own housekeeping timers such as the pixmap cache's), and, as the system counts them, the times any
thread of the process went to sleep and woke again (voluntary context switches, all threads): the
wake-ups a laptop's battery pays for, including any a thread's own event loop or a library causes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.processes import ROOT, child_env

KINDS = {"baseline": "bare QWidget", "app": "app, idle", "icing": "app, icing timer running"}


def _child(kind: str, seconds: float) -> dict[str, float]:
    """Run one measured event loop in this process and return what it used."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    qt_app = QApplication([sys.argv[0]])
    keep: list[Any] = []
    counts = {"ticks": 0, "timer_events": 0}
    wakes: list[float] = []

    class TimerEvents(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Timer:
                counts["timer_events"] += 1
                wakes.append(time.monotonic())
            return False

    if kind in ("icing", "app"):
        from coach.core.operations.context import Coach
        from coach.core.paths import resolve_places
        from coach.core.session.clock import SystemClock
        from coach.gui.app import CoachApp, Services

        app = CoachApp(Coach(resolve_places(), SystemClock()), Services())
        app.window.show()
        if kind == "icing":
            app.ice.start(20)
        app.ice.controller.changed.connect(lambda: counts.__setitem__("ticks", counts["ticks"] + 1))
        keep.append(app)
    else:
        widget = QWidget()
        widget.resize(460, 320)
        widget.show()
        keep.append(widget)
    qt_app.processEvents()
    spy = TimerEvents()
    qt_app.installEventFilter(spy)
    QTimer.singleShot(int(seconds * 1000), qt_app.quit)
    slept = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw  # every thread's, on Linux and macOS
    cpu, wall = time.process_time(), time.monotonic()
    qt_app.exec()
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    slept = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw - slept - 1  # less the wake-up that quits
    keep[0].close()
    counts["timer_events"] -= 1  # the single shot that ends the measurement is not the app's
    wakes = wakes[:-1]
    # Wake-ups a second from the first wake-up to the last: the icing timer fires on the countdown's whole
    # seconds, so a count over a window that is not a whole number of seconds long would read a little
    # over one a second. The shortest gap shows a timer that fires twice for one second shown.
    gaps = [later - earlier for earlier, later in itertools.pairwise(wakes)]
    steady = len(gaps) / (wakes[-1] - wakes[0]) if gaps else 0.0
    figures = {
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "wakeups_per_second": steady,
        "shortest_gap_ms": 1000 * min(gaps) if gaps else 0.0,
        "thread_wakeups_per_second": max(0, slept) / wall,
    }
    return figures | {k: float(v) for k, v in counts.items()}


def measure_icing(seconds: float) -> dict[str, dict[str, float]]:
    """Run every kind at once for `seconds`; what each used."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-icing-") as data:
        children = {}
        for kind in KINDS:
            children[kind] = subprocess.Popen(
                [sys.executable, "-m", "bench.icing", "--child", kind, "--seconds", str(seconds)],
                cwd=ROOT,
                env=child_env(Path(data) / kind),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,  # Qt's offscreen chatter; shown only if a child fails
                text=True,
            )
        results = {}
        for kind, child in children.items():
            out, err = child.communicate()
            if child.returncode != 0:
                raise SystemExit(f"bench: the {kind} child failed (exit {child.returncode}):\n{err}")
            results[kind] = json.loads(out.strip().splitlines()[-1])
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.icing", description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=list(KINDS), required=True)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    print(json.dumps(_child(args.child, args.seconds)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
