"""The report's running (issue 23): the period's runs in all, the plan's stage, each week's running beside the
exercise sessions with the highest pain the runs gave (pain against running load, as a table), and each run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from coach.core.history.overview import PeriodReport
from coach.core.i18n import _, format_date, format_decimal, ngettext, pgettext
from coach.core.running.wording import SOURCE_WORDS, pace_text


class ReportPages(Protocol):
    """What the report's page cursor offers (coach/gui/report.py's _Pages)."""

    def heading(self, words: str, *, keep: float = 60) -> None: ...

    def text(
        self, words: str, *, size: float = ..., bold: bool = ..., grey: bool = ..., indent: float = ...
    ) -> None: ...

    def rows(
        self, rows: Sequence[Sequence[str]], widths: Sequence[float], *, header: bool = False
    ) -> None: ...

    def space(self, pixels: float) -> None: ...


def _day(day: date) -> str:
    return format_date(day)


def _runs(number: int) -> str:
    return ngettext("{count} run", "{count} runs", number).format(count=number)


def _pain(value: int | None) -> str:
    return "—" if value is None else str(value)


def running_figure(report: PeriodReport) -> str:
    """The period's running in one line for the first page ('' with no run): runs, minutes, km, stage."""
    runs = report.runs
    if not runs:
        return ""
    minutes = sum(run.minutes for run in runs)
    km = sum(run.distance_km or 0 for run in runs)
    if km:
        said = _("{runs}, {minutes} minutes in all, {km} km.").format(
            runs=_runs(len(runs)), minutes=f"{minutes:.0f}", km=format_decimal(km, 1)
        )
    else:
        said = _("{runs}, {minutes} minutes in all.").format(runs=_runs(len(runs)), minutes=f"{minutes:.0f}")
    if not report.stage:
        return said
    return _("{figure} Stage of the return to running at the end: {stage}.").format(
        figure=said, stage=report.stage
    )


def running_section(pages: ReportPages, report: PeriodReport) -> None:
    """The runs of the period, or one line saying there were none."""
    pages.heading(_("Running"))
    runs = report.runs
    if not runs:
        pages.text(_("No runs recorded in this period."))
        return
    pages.text(running_figure(report))
    pages.text(
        _("Pain is 0 to 10, the highest answer of the week's runs: during, an hour after, the next morning."),
        grey=True,
    )
    pages.space(4)
    header = (
        _("Week of"),
        pgettext("column", "Running"),
        _("Runs"),
        _("Exercise sessions"),
        pgettext("pain", "During"),
        _("Hour after"),
        _("Next morning"),
    )
    weeks = [
        (
            _day(week.monday),
            _("{minutes} min").format(minutes=f"{week.minutes:.0f}"),
            str(week.runs),
            str(week.sessions),
            _pain(week.pain_during),
            _pain(week.pain_after_hour),
            _pain(week.pain_next_morning),
        )
        for week in report.running
        if week.runs
    ]
    pages.rows([header, *weeks], (0.16, 0.13, 0.08, 0.19, 0.12, 0.14, 0.18), header=True)
    pages.heading(_("Each run ({runs})").format(runs=_runs(len(runs))))
    run_header = (
        _("Date"),
        _("Minutes"),
        "km",
        _("Pace"),
        pgettext("run source", "From"),
        pgettext("pain", "During"),
        _("Hour after"),
        pgettext("pain", "Morning"),
    )
    rows = [
        (
            _day(run.started_at.astimezone().date()),
            f"{run.minutes:.0f}",
            "" if not run.distance_km else format_decimal(run.distance_km, 2),
            "" if run.pace_min_per_km is None else pace_text(run.pace_min_per_km),
            _(SOURCE_WORDS[run.source.value]),
            _pain(run.pain.during),
            _pain(run.pain.after_hour),
            _pain(run.pain.next_morning),
        )
        for run in runs
    ]
    pages.rows([run_header, *rows], (0.14, 0.09, 0.08, 0.13, 0.2, 0.1, 0.12, 0.14), header=True)
