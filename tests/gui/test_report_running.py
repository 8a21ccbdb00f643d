"""The report's running: the period's runs, each week's running beside the sessions with its pain."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.history.period import Period
from coach.core.operations import export_report
from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.store.adherence import AdherenceStore
from coach.gui.report import draw_report
from tests.helpers import over
from tests.seeding import add_session

TODAY = date(2026, 3, 18)


def report_text(pdf: Path) -> str:
    """Every page's words, by poppler's pdftotext (installed by .ci/run), a table's row kept together."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_the_report_lists_the_runs_and_each_weeks_running_beside_the_sessions(
    qtbot: QtBot, store: AdherenceStore, tmp_path: Path
) -> None:
    for day in (date(2026, 3, 9), date(2026, 3, 11), date(2026, 3, 16)):
        add_session(store, day, pain=2, morning=1)
    store.record_run(
        NewRun(
            datetime(2026, 3, 10, 7, tzinfo=UTC), 24, RunSource.GPX, 4.0, 24, pain=RunPain(2, 1, 0), stage=1
        )
    )
    store.record_run(
        NewRun(datetime(2026, 3, 17, 7, tzinfo=UTC), 30, RunSource.LOGGED, pain=RunPain(3, None, None))
    )
    store.record_run(NewRun(datetime(2026, 2, 1, 7, tzinfo=UTC), 50, RunSource.FIT))  # before the period
    target = tmp_path / "report.pdf"
    coach = over(store, now=datetime.combine(TODAY, time(12)).astimezone())

    report = export_report(coach, target, Period(date(2026, 3, 1), TODAY), draw_report).value

    assert [r.minutes for r in report.runs] == [24, 30]
    text = report_text(target)
    assert (
        "Running 2 runs, 54 minutes in all, 4.0 km. Stage of the return to running at the end: stage 2"
        in text
    )
    assert "9 Mar 2026 24 min 1 2 2 1 0" in text  # the week: running, runs, sessions, pain
    assert "16 Mar 2026 30 min 1 1 3 — —" in text
    assert "Each run (2 runs)" in text
    assert "10 Mar 2026 24 4.00 6:00 min/km from a GPX" in text  # pdftotext writes "file" with a ligature
    assert "17 Mar 2026 30 logged by hand 3 — —" in text
    assert "1 Feb 2026" not in text
    assert "Running 2 runs, 54 minutes in all, 4.0 km." in text.split("The prescription as followed")[0]
