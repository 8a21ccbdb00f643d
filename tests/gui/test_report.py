"""The physiotherapist's PDF report: what it says about a period, and that it is a whole PDF."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.export import ExportError, Period
from coach.core.history.records import DayMarkKind
from coach.core.operations import export_report
from coach.core.store.adherence import AdherenceStore
from coach.gui.report import draw_report
from tests.seeding import add_session

TODAY = date(2026, 3, 18)

MARKED_AT = datetime(2026, 3, 1, 9, tzinfo=UTC)


def pages(pdf: Path) -> int:
    """The page objects in a PDF (`/Type /Page`, not `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


@pytest.fixture
def seeded(store: AdherenceStore) -> AdherenceStore:
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 16)):
        add_session(store, day, pain=2, morning=1)
    add_session(store, date(2026, 3, 17), pain=6, signs={"night_pain": True, "swelling": False}, note="sore")
    store.add_day_mark(DayMarkKind.REST, date(2026, 3, 9), date(2026, 3, 15), "holiday", at=MARKED_AT)
    return store


def test_the_report_is_a_pdf_of_two_pages_with_the_periods_figures(
    qtbot: QtBot, seeded: AdherenceStore, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"

    report = export_report(seeded, target, Period(date(2026, 3, 1), TODAY), TODAY, draw_report).value

    assert target.read_bytes().startswith(b"%PDF-")
    assert pages(target) == 2
    assert (report.first, report.last, len(report.sessions)) == (date(2026, 3, 1), TODAY, 5)
    assert report.adherence == pytest.approx(100.0)
    assert (report.streaks.current_weeks, report.streaks.longest_days) == (1, 3)  # this week is under way
    [signs] = report.warning_signs
    assert (signs.day, signs.questions) == (date(2026, 3, 17), ("Have you had knee pain at night?",))
    assert report.notes == ((date(2026, 3, 17), "sore"),)
    assert [(c.exercise_id, c.done, c.planned) for c in report.completion] == [("clamshell", 10, 10)]
    assert [w.done for w in report.weeks] == [0, 3, 0, 2]  # the period starts on a Sunday


def test_open_ends_run_from_the_first_session_to_today(
    qtbot: QtBot, seeded: AdherenceStore, tmp_path: Path
) -> None:
    report = export_report(seeded, tmp_path / "all.pdf", None, TODAY, draw_report).value

    assert (report.first, report.last) == (date(2026, 3, 2), TODAY)


def test_an_existing_file_is_kept_unless_overwriting(
    qtbot: QtBot, seeded: AdherenceStore, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"mine")

    with pytest.raises(ExportError, match="already exists"):
        export_report(seeded, target, None, TODAY, draw_report, overwrite=False)

    assert target.read_bytes() == b"mine"
    assert not list(tmp_path.glob(".report-*"))  # no temporary file left behind
