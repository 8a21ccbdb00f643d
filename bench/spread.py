"""What every benchmark row is made of: repeated timings summed up as min / median / max, and a ratio row."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Spread:
    """Repeated measurements of one thing, in one unit."""

    values: tuple[float, ...]

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    def as_json(self) -> dict[str, object]:
        return {"min": self.min, "median": self.median, "max": self.max, "runs": list(self.values)}


def timed(action: Callable[[], object], runs: int, *, warm_up: int = 1) -> Spread:
    """`action` timed `runs` times in this process (seconds), after `warm_up` untimed runs."""
    for _ in range(warm_up):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return Spread(tuple(times))


def timed_in_turns(
    actions: dict[str, Callable[[], object]], runs: int, *, warm_up: int = 2
) -> dict[str, Spread]:
    """Each of `actions` timed `runs` times in this process, taking turns (so that a machine that slows down
    or speeds up meanwhile weighs on all alike), after `warm_up` untimed turns."""
    for _ in range(warm_up):
        for action in actions.values():
            action()
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: Spread(tuple(found)) for name, found in times.items()}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: a figure, what it is compared with in the same run, and the target."""

    what: str
    unit: str  # "s", "ms", "MiB", "%", "/s"
    measured: Spread
    baseline: Spread | None  # None: the target is an absolute figure
    baseline_name: str
    limit: float  # the ratio (or, without a baseline, the figure) must stay at or under this
    strict: bool = False  # "under", not "at or under"

    @property
    def figure(self) -> float:
        """The ratio of medians, or the median itself where there is no baseline."""
        if self.baseline is None:
            return self.measured.median
        return self.measured.median / self.baseline.median if self.baseline.median else float("inf")

    @property
    def met(self) -> bool:
        return self.figure < self.limit if self.strict else self.figure <= self.limit

    def target_text(self) -> str:
        if math.isinf(self.limit):
            return "none (shown for what it tells)"
        sign = "<" if self.strict else "≤"
        return (
            f"{sign} {self.limit:g}×" if self.baseline is not None else f"{sign} {self.limit:g} {self.unit}"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "unit": self.unit,
            "measured": self.measured.as_json(),
            "baseline": self.baseline.as_json() if self.baseline else None,
            "baseline_name": self.baseline_name,
            "figure": self.figure,
            "ratio": self.baseline is not None,
            "target": self.target_text(),
            "met": self.met,
        }


def _show(spread: Spread, unit: str) -> str:
    scale = {"s": 1.0, "ms": 1.0, "MiB": 1.0, "%": 1.0, "/s": 1.0}[unit]
    digits = 3 if unit == "s" else 2
    low, mid, high = (v * scale for v in (spread.min, spread.median, spread.max))
    return f"{mid:.{digits}f} ({low:.{digits}f}–{high:.{digits}f}) {unit}"


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (median, then min–max), ready for bench/README.md."""
    lines = [
        "| what | measured: median (min–max) | baseline: median (min–max) | ratio or figure | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        baseline = (
            f"{row.baseline_name}: {_show(row.baseline, row.unit)}" if row.baseline else row.baseline_name
        )
        figure = f"{row.figure:.2f}×" if row.baseline is not None else f"{row.figure:.3g} {row.unit}"
        verdict = "—" if math.isinf(row.limit) else "met" if row.met else "**not met**"
        lines.append(
            f"| {row.what} | {_show(row.measured, row.unit)} | {baseline} | {figure} | {row.target_text()} "
            f"| {verdict} |"
        )
    return "\n".join(lines)
