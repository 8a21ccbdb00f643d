"""How history scales: ten years of daily history against an empty database, as ratios.

    python -m bench.history [--years 10] [--runs 7]      (also: python3 dev.py bench history)

Three measurements, each the median of several runs, on a generated database (bench/generate_history.py)
and on an empty one:
- `coach history --json` as a person runs it: a new process each time, so Python's start-up is included;
- the history view's core work in this process: read sessions, marks and a year of work counts, then the
  summary, the 12-month heat map, the weekly doses since the start, the pain trend, streaks, per-exercise
  completion and the progression advice: everything the history window draws from;
- the history window itself, offscreen: opened on the store (reading and computing once), then one paint of
  the heat map, the weekly doses and the pain trend.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench.generate_history import generate
from coach.core.history.completion import exercise_completion
from coach.core.history.dose_calendar import dose_calendar, twelve_months_before
from coach.core.history.pain import pain_trend
from coach.core.history.progression import advise
from coach.core.history.stats import first_planned_day, streaks, summarize, weekly_doses
from coach.core.paths import resolve_places
from coach.core.routines.loader import load_routine
from coach.core.store.adherence import AdherenceStore

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

RESULTS = Path(__file__).resolve().parent / "results"


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cli_history(data_dir: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "coach", "history", "--json"]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def history_view(database: Path, today: date) -> int:
    """Everything the history window shows, computed from the database; returns the sessions read."""
    places = resolve_places({})
    routine = load_routine(places.bundled_routines / "hip-strength.toml", places.assets)
    store = AdherenceStore.open(database)
    try:
        sessions = store.sessions()
        marks = store.day_marks()
        year = twelve_months_before(today)
        recent = [s.id for s in sessions if s.local_day() >= year]
        work, planned = store.work_counts(recent), store.planned_work(recent)
    finally:
        store.close()
    summarize(sessions, today, marks=marks)
    dose_calendar(sessions, today, marks)
    weekly_doses(sessions, first_planned_day(sessions) or today, today, marks)
    pain_trend(sessions, year, today)
    streaks(sessions, today, marks)
    exercise_completion(planned, work)
    advise(sessions, routine, today)
    return len(sessions)


def _qt_application() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])


def history_window(database: Path, today: date) -> None:
    """Open the history window on `database` (it reads and computes once) and paint each chart once."""
    from coach.core.routines.library import discover_routines
    from coach.core.session.clock import FakeClock
    from coach.gui.history import HistoryWindow

    places = resolve_places({})
    library = discover_routines(places.bundled_routines, places.user_routines, places.assets)
    clock = FakeClock(wall=datetime.combine(today, datetime.min.time()).astimezone())
    store = AdherenceStore.open(database)
    try:
        window = HistoryWindow(store, clock, library, places)
        window.resize(1120, 860)
        window.layout().activate()
        for chart in (window.heat_map, window.weekly, window.pain):
            chart.grab()
        window.deleteLater()
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="history on years of data against an empty database")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    qt_app = _qt_application()
    today = datetime.now().astimezone().date()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
        empty, full = Path(folder) / "empty", Path(folder) / "full"
        AdherenceStore.open(empty / "coach.db").close()
        full.mkdir()
        count = generate(full / "coach.db", args.years, today=today)
        figures = {
            "years": args.years,
            "sessions": count,
            "cli_history_json_empty_s": _median_seconds(lambda: _cli_history(empty), args.runs),
            "cli_history_json_full_s": _median_seconds(lambda: _cli_history(full), args.runs),
            "history_view_empty_s": _median_seconds(
                lambda: history_view(empty / "coach.db", today), args.runs
            ),
            "history_view_full_s": _median_seconds(lambda: history_view(full / "coach.db", today), args.runs),
            "history_window_empty_s": _median_seconds(
                lambda: history_window(empty / "coach.db", today), args.runs
            ),
            "history_window_full_s": _median_seconds(
                lambda: history_window(full / "coach.db", today), args.runs
            ),
        }
        qt_app.processEvents()  # the deleted windows go
    figures["cli_ratio"] = figures["cli_history_json_full_s"] / figures["cli_history_json_empty_s"]
    figures["view_ratio"] = figures["history_view_full_s"] / figures["history_view_empty_s"]
    figures["window_ratio"] = figures["history_window_full_s"] / figures["history_window_empty_s"]
    print(f"{args.years} years, {count} sessions; medians of {args.runs} runs")
    print(
        f"coach history --json: {figures['cli_history_json_full_s']:.3f} s vs "
        f"{figures['cli_history_json_empty_s']:.3f} s empty = {figures['cli_ratio']:.2f}x"
    )
    print(
        f"history view (core):  {figures['history_view_full_s']:.3f} s vs "
        f"{figures['history_view_empty_s']:.4f} s empty = {figures['view_ratio']:.1f}x"
    )
    print(
        f"history window:       {figures['history_window_full_s']:.3f} s vs "
        f"{figures['history_window_empty_s']:.3f} s empty = {figures['window_ratio']:.1f}x"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "history.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
