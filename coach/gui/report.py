"""The report for the physiotherapist as a PDF. The first page: the name line, the period, adherence, the
sessions (their outcomes add up to the total), the programme week, the prescription as followed with every
dose change the app made, the warning signs asked and reported, and sessions with pain above the limit.
Then the weekly-dose chart (dated weeks), the pain trend, per-exercise completion (per side), the dose done
(time under tension against prescribed, per exercise), marked days and notes.

Drawn with QPdfWriter and QPainter on A4 at 300 dpi. Everything is laid out in logical pixels of a 96-dpi
page, as on a screen, and the painter scales them to the page: the charts are the history window's own
`paint`, so the report shows what the window shows. The file is written next to its place and moved there
when whole, so a failed export never leaves half a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter

from coach import __version__
from coach.core.clinical.safety import DISCLAIMER, PAIN_MODEL_SUMMARY
from coach.core.export import ExportError
from coach.core.history.outcome import SessionOutcome
from coach.core.history.overview import PeriodReport
from coach.core.history.tension import NO_TENSION, TENSION_HEADING
from coach.core.i18n import _
from coach.core.words import count
from coach.gui.charts import Drawing, PainDrawing, WeeklyDoseDrawing
from coach.gui.report_running import running_figure, running_section

RESOLUTION = 300
LOGICAL_DPI = 96
MARGIN_MM = 16
CHART_HEIGHT = 230
_BODY_PX = 12


def print_palette() -> QPalette:
    """Black on white whatever the desktop's colours: paper is white."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#ffffff"),
        (roles.Base, "#ffffff"),
        (roles.WindowText, "#1a1a1a"),
        (roles.Text, "#1a1a1a"),
        (roles.Mid, "#9a9a9a"),
        (roles.PlaceholderText, "#5a5a5a"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


class _Pages:
    """A cursor that flows blocks of text and charts down A4 pages, starting a new page when one is full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.painter = writer, painter
        scale = writer.resolution() / LOGICAL_DPI
        painter.scale(scale, scale)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width = page.width() / scale
        self.height = page.height() / scale
        self.y = 0.0
        self.palette = print_palette()
        self.pages = 1

    def _font(self, pixels: float, *, bold: bool = False) -> None:
        font = self.painter.font()
        font.setPixelSize(round(pixels))
        font.setBold(bold)
        self.painter.setFont(font)

    def ensure(self, height: float) -> None:
        if self.y + height > self.height and self.y > 0:
            self.writer.newPage()
            self.pages += 1
            self.y = 0.0

    def text(
        self, words: str, *, size: float = _BODY_PX, bold: bool = False, grey: bool = False, indent: float = 0
    ) -> None:
        self._font(size, bold=bold)
        role = QPalette.ColorRole.PlaceholderText if grey else QPalette.ColorRole.WindowText
        self.painter.setPen(self.palette.color(role))
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        box = self.painter.boundingRect(QRectF(indent, 0, self.width - indent, 10_000), flags, words)
        self.ensure(box.height())
        self.painter.drawText(QRectF(indent, self.y, self.width - indent, box.height()), flags, words)
        self.y += box.height()

    def heading(self, words: str, *, keep: float = 60) -> None:
        """A section heading, kept on the page with at least `keep` pixels of what follows."""
        self.space(10)
        self._font(15, bold=True)
        self.ensure(22 + keep)
        self.text(words, size=15, bold=True)
        self.space(4)

    def rows(self, rows: Sequence[Sequence[str]], widths: Sequence[float], *, header: bool = False) -> None:
        """A simple table: each row's cells at fractions `widths` of the line; a long cell wraps (a report
        never cuts a word off: what the physiotherapist reads is whole)."""
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for n, row in enumerate(rows):
            self._font(_BODY_PX, bold=header and n == 0)
            cells = list(zip(row, (self.width * f for f in widths), strict=True))
            height = max(
                18.0,
                *(
                    self.painter.boundingRect(QRectF(0, 0, w - 6, 10_000), flags, c).height() + 3
                    for c, w in cells
                ),
            )
            self.ensure(height)
            self.painter.setPen(self.palette.color(QPalette.ColorRole.WindowText))
            x = 0.0
            for cell, width in cells:
                self.painter.drawText(QRectF(x, self.y + 1.5, width - 6, height), flags, cell)
                x += width
            self.y += height

    def chart(self, chart: Drawing, height: float = CHART_HEIGHT) -> None:
        self.ensure(height)
        self.painter.save()
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart.paint(self.painter, QRectF(0, self.y, self.width, height), self.palette)
        self.painter.restore()
        self.y += height

    def space(self, pixels: float) -> None:
        self.y += pixels


def _figures(report: PeriodReport) -> list[tuple[str, str]]:
    outcomes = ", ".join(f"{n} {outcome.value}" for outcome, n in report.outcomes)
    streak = report.streak
    adherence = (
        "nothing was planned in this period"
        if report.adherence is None
        else f"{report.adherence:.0f} % of the planned sessions done (rest and flare-up days left out)"
    )
    weeks = "; ".join(f"{p.title}: {p.week}" for p in report.prescription if p.week is not None)
    figures = [
        ("Adherence", adherence),
        ("Sessions", f"{len(report.sessions)}: {outcomes}" if outcomes else "none"),
    ]
    figures += [("Programme", weeks)] if weeks else []
    figures += [("Running", running)] if (running := running_figure(report)) else []
    return [
        *figures,
        ("Plan", _plan(report)),
        ("Streak", f"{count(streak.current, streak.unit)} now, longest {count(streak.longest, streak.unit)}"),
        ("Icing", f"{count(report.icing, 'time')}, {report.icing_minutes:.0f} minutes in all"),
        ("Pain during sessions", _means(report)),
        ("Marked days", f"{report.marked.rest} planned rest, {report.marked.flare_up} flare-up"),
    ]


def _plan(report: PeriodReport) -> str:
    """The plan in force, and the first week's own, counted from the first session, as the chart draws it."""
    if not report.plan:
        return "no plan yet"
    said = f"{report.plan} sessions a week"
    first = next((w for w in report.weeks if w.plan), None)
    if first is not None and 0 < first.planned < first.plan:
        said += f" ({first.planned} in the first week, counted from the first session)"
    return said


def _means(report: PeriodReport) -> str:
    first, last = report.pain_means
    if first is None and last is None:
        return "not recorded"

    def said(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}"

    return f"mean {said(first)} of 10 in the first two weeks, {said(last)} in the last two"


def _first_page(pages: _Pages, report: PeriodReport, today: date) -> None:
    pages.text("Rehab Coach — exercise report", size=22, bold=True)
    pages.space(4)
    if report.name:
        pages.text(report.name, size=15, bold=True)
    pages.text(
        f"{_day(report.first)} to {_day(report.last)} · made on {_day(today)} · Rehab Coach {__version__}"
    )
    pages.space(6)
    pages.text(DISCLAIMER, size=10, grey=True)
    pages.space(8)
    pages.rows(_figures(report), (0.2, 0.8))
    _prescription(pages, report)
    _warning_signs(pages, report)
    _reviews(pages, report)
    _unaccepted(pages, report)
    _pain_over_limit(pages, report)
    _unsettled(pages, report)


def _prescription(pages: _Pages, report: PeriodReport) -> None:
    """Each routine's doses as followed now, and every change the app made to them, before → after."""
    pages.heading("The prescription as followed")
    if not report.prescription:
        pages.text("No routine of this period is in the library any more.", grey=True)
    for routine in report.prescription:
        week = f" — {routine.week}" if routine.week is not None else ""
        pages.text(f"{routine.title}{week}", bold=True)
        if routine.plan:
            pages.text(routine.plan, grey=True)
        for line in routine.exercises:
            pages.text(f"• {line}", indent=12)
        for change in routine.changes:
            verb = "progressed" if change.decision == "progress" else "eased"
            pages.text(
                f"{_day(change.changed_on)}: {change.exercise_name} {change.before} → {change.after}, "
                f"{verb} by Rehab Coach. Why: {change.reason}",
                indent=12,
            )
        if not routine.changes:
            pages.text("No dose changes made by Rehab Coach in this period.", indent=12, grey=True)
        pages.space(4)


def _warning_signs(pages: _Pages, report: PeriodReport) -> None:
    pages.heading("Warning signs")
    asked = f"asked after {report.signs_asked} of {count(len(report.sessions), 'session')}"
    if not report.signs_asked:
        pages.text("Not asked in this period (no session's warning-sign questions were answered).")
    elif not report.warning_signs:
        pages.text(f"None reported ({asked}).")
    else:
        pages.text(f"Reported after {count(len(report.warning_signs), 'session')} ({asked}):")
    for signs in report.warning_signs:
        pages.text(f"{_day(signs.day)} ({signs.routine_title}): {' '.join(signs.questions)} Yes.", indent=12)
    for urgent in report.urgent:
        pages.text(
            f"URGENT, {_day(urgent.day)}: {' '.join(urgent.questions)} Told: {urgent.told} "
            f"Sessions done after it in this period: {urgent.sessions_after}.",
            indent=12,
            bold=True,
        )


def _reviews(pages: _Pages, report: PeriodReport) -> None:
    pages.heading("Reviews by a clinician")
    if not report.reviews:
        pages.text("None recorded in this period.")
    for review in report.reviews:
        note = f" ({review.note})" if review.note else ""
        pages.text(f"{_day(review.seen_at.astimezone().date())}: seen; {review.said}{note}.", indent=12)


def _unaccepted(pages: _Pages, report: PeriodReport) -> None:
    pages.heading("Dose changes offered and not taken")
    if not report.unaccepted:
        pages.text("None: every change Rehab Coach offered in this period was taken, or none was offered.")
    for offer in report.unaccepted:
        when = _day(offer.first)
        if offer.times > 1:
            when = f"{when} to {_day(offer.last)} ({offer.times} times)"
        what = "; ".join(offer.changes)
        pages.text(
            f"{when} ({offer.routine_title}): {offer.decision} offered, {what}. Why: {offer.reason}",
            indent=12,
        )


def _unsettled(pages: _Pages, report: PeriodReport) -> None:
    pages.heading("Mornings that had not settled")
    if not report.unsettled:
        pages.text("None: each morning answered was back within the limit and the pain before the session.")
    for s in report.unsettled:
        before = f", {s.pain_before} before the session" if s.pain_before is not None else ""
        pages.text(
            f"{_day(s.local_day())} ({s.routine_title}): {s.morning_pain} of 10 the next morning{before}.",
            indent=12,
        )


def _session_table(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(f"Each session ({count(len(report.lines), 'session')})")
    header = ("Date", "Routine", "Before", "During", "Morning", "Signs yes", "Done")
    rows = [
        (
            _day(line.day),
            line.routine_title,
            _pain(line.pain_before),
            _pain(line.pain),
            _pain(line.morning_pain),
            line.signs or "not asked",
            line.done,
        )
        for line in report.lines
    ]
    pages.rows([header, *rows], (0.13, 0.32, 0.09, 0.09, 0.09, 0.14, 0.14), header=True)


def _pain(value: int | None) -> str:
    return "—" if value is None else str(value)


def _pain_over_limit(pages: _Pages, report: PeriodReport) -> None:
    pages.heading("Sessions with pain above the limit")
    if not report.over_limit:
        pages.text("None: pain stayed within each routine's limit (when it was given).")
    for over in report.over_limit:
        pages.text(
            f"{_day(over.day)} ({over.routine_title}): {over.pain} of 10, above the limit of {over.limit}.",
            indent=12,
        )


def _charts(pages: _Pages, report: PeriodReport) -> None:
    weeks = report.weeks
    pages.heading(f"Sessions each week against the plan ({count(len(weeks), 'week')})", keep=CHART_HEIGHT)
    chart = WeeklyDoseDrawing(dated=True)
    chart.set_data(weeks, report.changes, report.last)
    pages.chart(chart)
    days = report.pain
    pages.heading(f"Pain, 0 to 10 ({count(len(days), 'day')})", keep=CHART_HEIGHT)
    pain = PainDrawing()
    pain.set_data(days, report.changes)
    pages.chart(pain)
    pages.text(
        PAIN_MODEL_SUMMARY,
        size=10,
        grey=True,
    )


def _details(pages: _Pages, report: PeriodReport) -> None:
    pages.heading("Exercises done, per side")
    exercises: list[tuple[str, ...]] = [("Exercise", "Side", "Done", "Planned", "Share")]
    exercises += [
        (c.exercise_name, c.side or "—", str(c.done), str(c.planned), f"{100 * c.share:.0f} %")
        for c in report.completion
    ]
    pages.rows(exercises, (0.4, 0.15, 0.15, 0.15, 0.15), header=True)
    pages.heading(_(TENSION_HEADING))
    if not report.tension:
        pages.text(_(NO_TENSION), grey=True)
    for dose in report.tension:
        pages.text(f"• {dose.sentence()}", indent=12)
    pages.heading("Sessions by routine")
    shown = [o for o in SessionOutcome if o is not SessionOutcome.OPEN]
    routines: list[tuple[str, ...]] = [("Routine", "Total", *(o.value.capitalize() for o in shown))]
    routines += [(r.title, str(r.sessions), *(str(r.outcome(o)) for o in shown)) for r in report.routines]
    pages.rows(routines, (0.34, 0.09, 0.09, 0.13, 0.18, 0.17), header=True)
    if report.changes:
        pages.heading("Routine file versions")
        for change in report.changes:
            pages.text(f"{_day(change.since)}: a new version of {change.routine_title} was first used.")
    pages.heading("Rest and flare-up days")
    if not report.marks:
        pages.text("None marked.")
    for mark in report.marks:
        kind = mark.kind.label
        span = _day(mark.first_day) + (
            "" if mark.last_day == mark.first_day else f" to {_day(mark.last_day)}"
        )
        pages.text(f"{kind}, {span}" + (f": {mark.reason}" if mark.reason else ""))
    pages.heading("Notes")
    if not report.notes:
        pages.text("No notes in this period.")
    for day, note in report.notes:
        pages.text(f"{_day(day)}: {note}")


def draw_report(path: Path, report: PeriodReport, today: date) -> None:
    """Draw `report` as an A4 PDF at `path` (the core's export_report picks the path); needs a Qt app."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"Rehab Coach report, {report.first} to {report.last}")
    writer.setCreator(f"Rehab Coach {__version__}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"cannot write a PDF at {path}")
    try:
        pages = _Pages(writer, painter)
        _first_page(pages, report, today)
        _charts(pages, report)
        _session_table(pages, report)
        running_section(pages, report)
        _details(pages, report)
    finally:
        painter.end()
