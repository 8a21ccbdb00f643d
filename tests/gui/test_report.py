"""The physiotherapist's PDF report: what it says about a period, and that it is a whole PDF."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import NIGHT_PAIN_QUESTION
from coach.core.export import ExportError
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.period import Period
from coach.core.history.records import DayMarkKind
from coach.core.operations import export_report
from coach.core.operations.context import Coach
from coach.core.routines.loader import load_routine
from coach.core.store.adherence import AdherenceStore
from coach.gui.report import draw_report
from tests.conftest import REPO
from tests.helpers import hold, over, reps, routine
from tests.seeding import add_session

TODAY = date(2026, 3, 18)


def at_today(store: AdherenceStore) -> Coach:
    """The store as the app sees it at noon on TODAY, in the system's zone."""
    return over(store, now=datetime.combine(TODAY, time(12)).astimezone())


SHEETS = REPO / "tests" / "data" / "sheets"

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

    report = export_report(at_today(seeded), target, Period(date(2026, 3, 1), TODAY), draw_report).value

    assert target.read_bytes().startswith(b"%PDF-")
    assert pages(target) == 2
    assert (report.first, report.last, len(report.sessions)) == (date(2026, 3, 1), TODAY, 5)
    assert report.adherence == pytest.approx(100.0)
    assert (report.streaks.current_weeks, report.streaks.longest_days) == (1, 3)  # this week is under way
    [signs] = report.warning_signs
    assert (signs.day, signs.questions) == (date(2026, 3, 17), (NIGHT_PAIN_QUESTION,))
    assert report.notes == ((date(2026, 3, 17), "sore"),)
    assert [(c.exercise_id, c.done, c.planned) for c in report.completion] == [("clamshell", 10, 10)]
    assert [w.done for w in report.weeks] == [0, 3, 0, 2]  # the period starts on a Sunday


def test_open_ends_run_from_the_first_session_to_today(
    qtbot: QtBot, seeded: AdherenceStore, tmp_path: Path
) -> None:
    report = export_report(at_today(seeded), tmp_path / "all.pdf", None, draw_report).value

    assert (report.first, report.last) == (date(2026, 3, 2), TODAY)


def test_an_existing_file_is_kept_unless_overwriting(
    qtbot: QtBot, seeded: AdherenceStore, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"mine")

    with pytest.raises(ExportError, match="already exists"):
        export_report(at_today(seeded), target, None, draw_report, overwrite=False)

    assert target.read_bytes() == b"mine"
    assert not list(tmp_path.glob(".report-*"))  # no temporary file left behind


def first_page_text(pdf: Path) -> str:
    """The first page's words, by poppler's pdftotext (installed by .ci/run), on one line."""
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_the_first_page_carries_the_prescription_the_signs_and_the_pain_above_the_limit(
    qtbot: QtBot, store: AdherenceStore, tmp_path: Path
) -> None:
    sheet = load_routine(SHEETS / "trial-home-programme.toml", REPO / "assets")
    add_session(store, date(2026, 3, 2), sheet, pain=2)
    add_session(store, date(2026, 3, 10), sheet, pain=5)  # above the sheet's own limit of 3
    add_session(store, date(2026, 3, 17), sheet, pain=1, signs={"night_pain": False, "swelling": True})
    add_session(store, date(2026, 3, 18), sheet)  # its questions never answered
    store.record_dose_changes(
        [
            RecordedDoseChange(
                date(2026, 3, 12),
                sheet.id,
                sheet.title,
                "half-squat",
                "Half squat",
                "3 × 5",
                "3 × 4",
                "ease",
                "Pain reached 5 out of 10, above this routine's limit of 3.",
            )
        ]
    )
    target = tmp_path / "report.pdf"

    report = export_report(
        at_today(store), target, None, draw_report, routines=[sheet], name="  Alex Example "
    ).value

    text = first_page_text(target)
    assert report.name == "Alex Example"
    assert text.index("Alex Example") < text.index("The prescription as followed")
    assert "4: 4 done" in text  # the outcomes add up to the total
    assert f"{sheet.title} — week 3 of 12" in text
    assert "theraband round the ankles" in text  # the load, beside its dose
    assert "12 Mar 2026: Half squat 3 × 5 → 3 × 4, eased by Rehab Coach. Why: Pain reached 5" in text
    assert "Reported after 1 session (asked after 1 of 4 sessions)" in text
    assert "Is there swelling around the knee cap? Yes." in text
    assert (
        "10 Mar 2026 (Home programme, three times a day (trial sheet)): 5 of 10, above the limit of 3."
        in text
    )


def test_days_marked_before_the_first_session_count(
    qtbot: QtBot, store: AdherenceStore, tmp_path: Path
) -> None:
    store.add_day_mark(DayMarkKind.FLARE_UP, date(2026, 2, 23), date(2026, 2, 25), "sore", at=MARKED_AT)
    add_session(store, date(2026, 3, 2), pain=2)

    report = export_report(at_today(store), tmp_path / "all.pdf", None, draw_report).value

    assert report.first == date(2026, 2, 23)
    assert report.marked.flare_up == 3
    assert [m.reason for m in report.marks] == ["sore"]


@pytest.mark.slow
def test_the_report_says_the_dose_done_under_tension_in_the_cores_words(
    qtbot: QtBot, store: AdherenceStore, tmp_path: Path
) -> None:
    # Given two sessions of two 30 s wall squats: one whole, one with only the first done
    squats = routine(hold("wall-squat", sets=2, seconds=30), reps("bridge", sets=1, reps=2))
    add_session(store, date(2026, 3, 2), squats)
    add_session(store, date(2026, 3, 4), squats, done=1)
    target = tmp_path / "report.pdf"

    report = export_report(at_today(store), target, None, draw_report, routines=[squats]).value

    # Then the report's model and its page carry the one sentence the core words (the bridge, reps without a
    # tempo, has nothing under tension to count)
    assert [d.sentence() for d in report.tension] == ["Wall Squat: 1 min 30 s of 2 min under tension (75 %)"]
    done = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True)
    text = " ".join(done.stdout.split())
    assert "Dose done: time under tension against prescribed" in text
    assert "Wall Squat: 1 min 30 s of 2 min under tension (75 %)" in text
