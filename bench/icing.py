"""Benchmarks: `python3 dev.py bench [--seconds N]`, and `python3 dev.py bench history [--years N]`.

icing-cpu: how much CPU the app uses while an icing timer runs, against a bare PySide6 window and the
idle app over the same time in the same run. Each runs in its own child process, offscreen, side by side,
and is measured from inside the child (time.process_time over the event loop only, so start-up is not
counted). Figures depend on the machine, so they are printed, not stored; the ratios travel better.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_PERCENT = 0.5  # of one core, while a timer runs (issue 5)


def _child(kind: str, seconds: float) -> dict[str, float]:
    """Run one measured event loop in this process and return what it used."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    qt_app = QApplication([sys.argv[0]])
    keep: list[object] = []
    ticks = [0]
    if kind in ("icing", "app"):
        from coach.core.paths import resolve_places
        from coach.core.session.clock import SystemClock
        from coach.core.store.adherence import AdherenceStore
        from coach.gui.app import CoachApp, Services

        places = resolve_places()
        app = CoachApp(places, AdherenceStore.open(places.database), clock=SystemClock(), services=Services())
        app.window.show()
        if kind == "icing":
            app.start_icing(20)
        app.icing.changed.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
        keep.append(app)
    else:
        widget = QWidget()
        widget.resize(460, 320)
        widget.show()
        keep.append(widget)
    qt_app.processEvents()
    QTimer.singleShot(int(seconds * 1000), qt_app.quit)
    cpu, wall = time.process_time(), time.monotonic()
    qt_app.exec()
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    if kind != "baseline":
        keep[0].close()  # type: ignore[attr-defined]
    return {"cpu_seconds": cpu, "wall_seconds": wall, "ticks": float(ticks[0])}


KINDS = {"baseline": "bare QWidget", "app": "app, idle", "icing": "app, icing timer running"}


def _measure_side_by_side(seconds: float) -> dict[str, dict[str, float]]:
    """Run every child at once (each mostly sleeps, so they hardly disturb each other)."""
    with tempfile.TemporaryDirectory() as data:
        children = {}
        for kind in KINDS:
            folder = Path(data) / kind
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACH_DATA_DIR": str(folder)}
            children[kind] = subprocess.Popen(
                [sys.executable, "-m", "bench", "--child", kind, "--seconds", str(seconds)],
                cwd=ROOT,
                env=env,
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
    if argv[:1] == ["history"]:
        from bench.history import main as history

        return history(argv[1:])
    parser = argparse.ArgumentParser(prog="dev.py bench", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each child runs (default 60)")
    parser.add_argument("--child", choices=list(KINDS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.seconds)))
        return 0
    print(f"icing-cpu: {args.seconds:g} s, offscreen, one child process each, side by side\n")
    rows = _measure_side_by_side(args.seconds)
    print(f"{'child':<28} {'CPU s':>8} {'% of one core':>14} {'timer ticks/s':>14}")
    for kind, label in KINDS.items():
        row = rows[kind]
        percent = 100 * row["cpu_seconds"] / row["wall_seconds"]
        wakes = f"{row['ticks'] / row['wall_seconds']:.2f}" if kind == "icing" else "-"
        print(f"{label:<28} {row['cpu_seconds']:>8.3f} {percent:>14.3f} {wakes:>14}")
    icing = rows["icing"]
    percent = 100 * icing["cpu_seconds"] / icing["wall_seconds"]
    print()
    for kind in ("baseline", "app"):
        print(f"icing / {KINDS[kind]}: {_ratio(icing, rows[kind])} CPU")
    if icing["ticks"]:
        extra = icing["cpu_seconds"] - rows["app"]["cpu_seconds"]
        print(f"icing: {1000 * extra / icing['ticks']:.2f} ms of CPU per tick above the idle app")
    verdict = "under" if percent < TARGET_PERCENT else "OVER"
    print(f"icing: {percent:.3f} % of one core, {verdict} the {TARGET_PERCENT} % target")
    return 0 if percent < TARGET_PERCENT else 1


def _ratio(numerator: dict[str, float], denominator: dict[str, float]) -> str:
    if denominator["cpu_seconds"] <= 0:
        return "n/a (the other used no measurable CPU)"
    return f"{numerator['cpu_seconds'] / denominator['cpu_seconds']:.1f}x"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
