"""The benchmark's own arithmetic and a tiny run of one measure; the benchmarks never run in the tests."""

from __future__ import annotations

from pathlib import Path

import bench.__main__ as bench_command
from bench.commit import p99, step_commits
from bench.spread import Row, Spread, table


def test_a_row_is_met_only_within_its_target_ratio_of_medians() -> None:
    baseline = Spread((1.0, 2.0, 9.0))  # median 2.0
    within = Row("start", "s", Spread((2.9, 3.0, 30.0)), baseline, "bare window", 1.5)
    over = Row("start", "s", Spread((3.1,)), baseline, "bare window", 1.5)
    absolute = Row("commit p99", "ms", Spread((5.0,)), None, "absolute", 5.0, strict=True)

    assert (within.figure, within.met) == (1.5, True)
    assert over.met is False
    assert absolute.met is False  # "under 5 ms", and 5 ms is not under
    text = table([within, over, absolute])
    assert "| 1.50× | ≤ 1.5× | met |" in text
    assert "| 1.55× | ≤ 1.5× | **not met** |" in text
    assert "| 5 ms | < 5 ms | **not met** |" in text


def test_step_commits_time_each_commit_as_the_store_runs_it(tmp_path: Path) -> None:
    latency, synchronous = step_commits(tmp_path / "coach.db", count=40)

    assert len(latency.values) == 40
    assert 0 < latency.min <= p99(latency) <= latency.max
    assert synchronous in (0, 1, 2, 3)  # OFF, NORMAL, FULL, EXTRA
    assert callable(bench_command.main)
