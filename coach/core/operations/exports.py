"""Exports for the physiotherapist: the CSV files, and the PDF report (drawn by a face that can paint)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from coach.core.export import CsvExport, ExportError, Progress, export_csv
from coach.core.files import WriteError, not_replaceable, remove_drafts, write_whole
from coach.core.history.completion import exercise_completion
from coach.core.history.for_clinician import (
    Review,
    pain_means,
    session_lines,
    unsettled_mornings,
    urgent_signs,
)
from coach.core.history.offers import unaccepted_offers
from coach.core.history.overview import PeriodReport, period_report, report_period
from coach.core.history.period import Period
from coach.core.history.running_load import latest_stage, running_weeks
from coach.core.i18n import _
from coach.core.operations.changes import OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.operations.queries import dose_done
from coach.core.routines.model import Routine

# Draws `report` (for `today`) as a PDF at the given path; the GUI's painter does it, the core cannot.
DrawReport = Callable[[Path, PeriodReport, date], None]


def export_csv_files(
    coach: Coach,
    folder: Path,
    period: Period | None = None,
    *,
    overwrite: bool = False,
    include_simulated: bool = False,
    progress: Progress | None = None,
) -> OpResult[CsvExport]:
    """Write sessions.csv and steps.csv into `folder`; ExportError (a refusal) when it may not.

    `progress(fraction)` is told after each page read and written; ExportCancelled raised from it ends
    the export with nothing written (a refusal: "cancelled; nothing was written").
    """
    tz = coach.today()[1]
    try:
        done = export_csv(
            coach.store,
            folder,
            period,
            tz,
            overwrite=overwrite,
            include_simulated=include_simulated,
            progress=progress,
        )
    except WriteError as failure:
        raise Refused(_("The CSV files were not written: {failure}").format(failure=failure)) from failure
    return OpResult(done)


def _whole_pdf(path: Path) -> str | None:
    """A PDF ends with %%EOF; Qt's writer reports no errors, so a full disk shows only in the file."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 32))
        tail = handle.read()
    return None if size > 0 and b"%%EOF" in tail else _("the PDF came out incomplete (is the disk full?)")


def export_report(
    coach: Coach,
    path: Path,
    period: Period | None,
    draw: DrawReport,
    *,
    overwrite: bool = True,
    include_simulated: bool = False,
    name: str = "",
    routines: Sequence[Routine] | None = None,
) -> OpResult[PeriodReport]:
    """Write the report for `period` (open ends: from the first session, to today) as a PDF at `path`;
    the library's routines give the prescription as followed, `name` an optional name line.

    The file appears whole or not at all: it is drawn beside its place and moved there at the end.
    """
    if path.exists() and not overwrite:
        raise ExportError(
            _("{path} already exists; choose another name or overwrite it").format(path=path), exists=True
        )
    if path.is_dir():
        raise ExportError(_("{path} is a folder; give the PDF a file name").format(path=path))
    problem = not_replaceable(path)
    if problem:
        raise ExportError(problem)
    if not path.parent.is_dir():
        raise ExportError(_("there is no folder {folder}").format(folder=path.parent))
    remove_drafts(path)  # an earlier export of this file that was killed while drawing it
    today = coach.today()[0]
    report = read_period_report(
        coach, period or Period(), include_simulated=include_simulated, name=name, routines=routines
    )
    try:
        write_whole(path, lambda temporary: draw(temporary, report, today), check=_whole_pdf)
    except WriteError as failure:
        raise Refused(_("The report was not written: {failure}").format(failure=failure)) from failure
    return OpResult(report)


def read_period_report(
    coach: Coach,
    period: Period,
    *,
    include_simulated: bool = False,
    name: str = "",
    routines: Sequence[Routine] | None = None,
) -> PeriodReport:
    """Read what the report needs for `period` (open ends: the first session, today) from the store;
    `routines` (default: the library's) give the prescription as followed, `name` the name line."""
    store = coach.store
    today, tz = coach.today()
    if routines is None:
        routines = [entry.routine for entry in coach.library.routines]
    everything = store.sessions(include_simulated=include_simulated)
    marks = store.day_marks()
    days = report_period(everything, period, today, tz, marks)
    first, last = days.first or today, days.last or today
    ids = [s.id for s in everything if first <= s.local_day(tz) <= last]
    report = period_report(
        everything,
        marks,
        days,
        today,
        tz,
        completion=exercise_completion(store.planned_work(ids), store.work_counts(ids)),
        icing_starts=[run.started_at for run in store.icing_runs(include_simulated=include_simulated)],
        dose_changes=store.dose_changes(),
        routines=routines,
        name=name,
    )
    shown = report.sessions
    reviews = tuple(
        Review(seen, answer, note)
        for seen, answer, note in store.clinician_reviews()
        if report.first <= seen.astimezone(tz).date() <= report.last
    )
    icing_minutes = sum(
        run.actual_minutes or 0.0
        for run in store.icing_runs(include_simulated=include_simulated)
        if report.first <= run.started_at.astimezone(tz).date() <= report.last
    )
    runs = tuple(
        run
        for run in store.runs(include_simulated=include_simulated)
        if report.first <= run.started_at.astimezone(tz).date() <= report.last
    )
    return dataclasses.replace(
        report,
        lines=session_lines(shown, tz),
        unsettled=unsettled_mornings(shown),
        reviews=reviews,
        urgent=urgent_signs(shown, tz),
        unaccepted=unaccepted_offers(
            everything,
            routines,
            report.first,
            report.last,
            tz,
            [review.seen_at for review in reviews if review.answer == "cleared"],
            store.dose_changes(),
            include_simulated=include_simulated,
        ),
        pain_means=pain_means(shown, report.first, report.last, tz),
        icing_minutes=icing_minutes,
        runs=runs,
        running=tuple(running_weeks(runs, report.weeks, tz)) if runs else (),
        stage=latest_stage(runs, tz),
        tension=tuple(dose_done(coach, ids)),
    )
