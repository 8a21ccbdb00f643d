"""The report in German (issue 24: "the report exported with German selected is German, dates included")."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.history.period import Period
from coach.core.history.records import DayMarkKind
from coach.core.i18n import ENGLISH, use_language
from coach.core.operations import export_report
from coach.core.paths import catalogues
from coach.core.store.adherence import AdherenceStore
from coach.gui.report import draw_report
from tests.helpers import over
from tests.seeding import add_session

TODAY = date(2026, 3, 18)


@pytest.fixture
def german() -> Iterator[None]:
    use_language("de", catalogues())
    yield
    use_language(ENGLISH, None)


def words(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_the_report_exported_with_german_chosen_is_german_dates_included(
    qtbot: QtBot, store: AdherenceStore, tmp_path: Path, german: None
) -> None:
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 16)):
        add_session(store, day, pain=2, morning=1)
    add_session(store, date(2026, 3, 17), pain=6, signs={"night_pain": True, "swelling": False}, note="sore")
    marked_at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    store.add_day_mark(DayMarkKind.REST, date(2026, 3, 9), date(2026, 3, 15), "Urlaub", at=marked_at)
    target = tmp_path / "bericht.pdf"
    coach = over(store, now=datetime.combine(TODAY, time(12)).astimezone())

    export_report(coach, target, Period(date(2026, 3, 1), TODAY), draw_report)

    text = words(target)
    assert "Rehab Coach — Übungsbericht" in text
    assert "01.03.2026 bis 18.03.2026 · erstellt am 18.03.2026" in text  # Babel's medium German date
    for heading in (
        "Therapietreue",
        "Die Verordnung, wie sie befolgt wurde",
        "Einheiten mit Schmerz über der Grenze",
        "Jede Einheit (5 Einheiten)",
        "Einheiten pro Woche gegenüber dem Plan (4 Wochen)",
        "Gemachte Übungen, pro Seite",
        "Pausen- und Schubtage",
        "Notizen",
    ):
        assert heading in text
    assert "Geplante Pause, 09.03.2026 bis 15.03.2026: Urlaub" in text
    assert "17.03.2026 (Test routine): 6 von 10, über der Grenze von 5." in text
    for english in ("Adherence", "exercise report", "The prescription as followed", " to 18 Mar", "Notes"):
        assert english not in text
