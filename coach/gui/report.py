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
from coach.core.history.stats import streak_words
from coach.core.history.tension import NO_TENSION, TENSION_HEADING
from coach.core.i18n import _, format_date, format_decimal, ngettext, pgettext
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
    """'4 Dec 2026'; '04.12.2026' or '4 dic 2026' in the chosen language."""
    return format_date(day)


def _sessions(number: int) -> str:
    return ngettext("{count} session", "{count} sessions", number).format(count=number)


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
    outcomes = ", ".join(f"{n} {outcome.label}" for outcome, n in report.outcomes)
    streak = report.streak
    adherence = (
        _("nothing was planned in this period")
        if report.adherence is None
        else _("{percent} % of the planned sessions done (rest and flare-up days left out)").format(
            percent=f"{report.adherence:.0f}"
        )
    )
    weeks = "; ".join(f"{p.title}: {p.week}" for p in report.prescription if p.week is not None)
    figures = [
        (_("Adherence"), adherence),
        (_("Sessions"), f"{len(report.sessions)}: {outcomes}" if outcomes else _("none")),
    ]
    figures += [(_("Programme"), weeks)] if weeks else []
    figures += [(_("Running"), running)] if (running := running_figure(report)) else []
    icing = ngettext(
        "{count} time, {minutes} minutes in all", "{count} times, {minutes} minutes in all", report.icing
    ).format(count=report.icing, minutes=f"{report.icing_minutes:.0f}")
    return [
        *figures,
        (_("Plan"), _plan(report)),
        (
            _("Streak"),
            _("{current} now, longest {longest}").format(
                current=streak_words(streak.current, streak.unit),
                longest=streak_words(streak.longest, streak.unit),
            ),
        ),
        (_("Icing"), icing),
        (_("Pain during sessions"), _means(report)),
        (
            _("Marked days"),
            _("{rest} planned rest, {flare_up} flare-up").format(
                rest=report.marked.rest, flare_up=report.marked.flare_up
            ),
        ),
    ]


def _plan(report: PeriodReport) -> str:
    """The plan in force, and the first week's own, counted from the first session, as the chart draws it."""
    if not report.plan:
        return _("no plan yet")
    said = _("{count} sessions a week").format(count=report.plan)
    first = next((w for w in report.weeks if w.plan), None)
    if first is not None and 0 < first.planned < first.plan:
        said += " " + _("({count} in the first week, counted from the first session)").format(
            count=first.planned
        )
    return said


def _means(report: PeriodReport) -> str:
    first, last = report.pain_means
    if first is None and last is None:
        return _("not recorded")

    def said(value: float | None) -> str:
        return "—" if value is None else format_decimal(value, 1)

    return _("mean {first} of 10 in the first two weeks, {last} in the last two").format(
        first=said(first), last=said(last)
    )


def _first_page(pages: _Pages, report: PeriodReport, today: date) -> None:
    pages.text(_("Rehab Coach — exercise report"), size=22, bold=True)
    pages.space(4)
    if report.name:
        pages.text(report.name, size=15, bold=True)
    pages.text(
        _("{first} to {last} · made on {today} · Rehab Coach {version}").format(
            first=_day(report.first), last=_day(report.last), today=_day(today), version=__version__
        )
    )
    pages.space(6)
    pages.text(_(DISCLAIMER), size=10, grey=True)
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
    pages.heading(_("The prescription as followed"))
    if not report.prescription:
        pages.text(_("No routine of this period is in the library any more."), grey=True)
    for routine in report.prescription:
        week = f" — {routine.week}" if routine.week is not None else ""
        pages.text(f"{routine.title}{week}", bold=True)
        if routine.plan:
            pages.text(routine.plan, grey=True)
        for line in routine.exercises:
            pages.text(f"• {line}", indent=12)
        for change in routine.changes:
            if change.decision == "progress":
                said = _("{day}: {exercise} {before} → {after}, progressed by Rehab Coach. Why: {reason}")
            else:
                said = _("{day}: {exercise} {before} → {after}, eased by Rehab Coach. Why: {reason}")
            pages.text(
                said.format(
                    day=_day(change.changed_on),
                    exercise=change.exercise_name,
                    before=change.before,
                    after=change.after,
                    reason=change.reason,
                ),
                indent=12,
            )
        if not routine.changes:
            pages.text(_("No dose changes made by Rehab Coach in this period."), indent=12, grey=True)
        pages.space(4)


def _warning_signs(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Warning signs"))
    asked = ngettext(
        "asked after {asked} of {count} session",
        "asked after {asked} of {count} sessions",
        len(report.sessions),
    ).format(asked=report.signs_asked, count=len(report.sessions))
    if not report.signs_asked:
        pages.text(_("Not asked in this period (no session's warning-sign questions were answered)."))
    elif not report.warning_signs:
        pages.text(_("None reported ({asked}).").format(asked=asked))
    else:
        reported = len(report.warning_signs)
        pages.text(
            ngettext(
                "Reported after {count} session ({asked}):",
                "Reported after {count} sessions ({asked}):",
                reported,
            ).format(count=reported, asked=asked)
        )
    for signs in report.warning_signs:
        pages.text(
            _("{day} ({routine}): {questions} Yes.").format(
                day=_day(signs.day),
                routine=signs.routine_title,
                questions=" ".join(_(q) for q in signs.questions),
            ),
            indent=12,
        )
    for urgent in report.urgent:
        pages.text(
            _(
                "URGENT, {day}: {questions} Told: {told} Sessions done after it in this period: {sessions}."
            ).format(
                day=_day(urgent.day),
                questions=" ".join(_(q) for q in urgent.questions),
                told=_(urgent.told),
                sessions=urgent.sessions_after,
            ),
            indent=12,
            bold=True,
        )


def _reviews(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Reviews by a clinician"))
    if not report.reviews:
        pages.text(_("None recorded in this period."))
    for review in report.reviews:
        day = _day(review.seen_at.astimezone().date())
        if review.note:
            said = _("{day}: seen; {said} ({note}).").format(day=day, said=review.said, note=review.note)
        else:
            said = _("{day}: seen; {said}.").format(day=day, said=review.said)
        pages.text(said, indent=12)


def _unaccepted(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Dose changes offered and not taken"))
    if not report.unaccepted:
        pages.text(_("None: every change Rehab Coach offered in this period was taken, or none was offered."))
    for offer in report.unaccepted:
        when = _day(offer.first)
        if offer.times > 1:
            when = _("{first} to {last} ({times} times)").format(
                first=when, last=_day(offer.last), times=offer.times
            )
        what = "; ".join(offer.changes)
        if offer.decision == "progress":
            said = _("{when} ({routine}): progress offered, {changes}. Why: {reason}")
        else:
            said = _("{when} ({routine}): ease offered, {changes}. Why: {reason}")
        pages.text(
            said.format(when=when, routine=offer.routine_title, changes=what, reason=offer.reason),
            indent=12,
        )


def _unsettled(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Mornings that had not settled"))
    if not report.unsettled:
        pages.text(
            _("None: each morning answered was back within the limit and the pain before the session.")
        )
    for s in report.unsettled:
        if s.pain_before is not None:
            said = _("{day} ({routine}): {pain} of 10 the next morning, {before} before the session.")
        else:
            said = _("{day} ({routine}): {pain} of 10 the next morning.")
        pages.text(
            said.format(
                day=_day(s.local_day()), routine=s.routine_title, pain=s.morning_pain, before=s.pain_before
            ),
            indent=12,
        )


def _session_table(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Each session ({sessions})").format(sessions=_sessions(len(report.lines))))
    header = (
        _("Date"),
        _("Routine"),
        pgettext("pain", "Before"),
        pgettext("pain", "During"),
        pgettext("pain", "Morning"),
        _("Signs yes"),
        pgettext("steps", "Done"),
    )
    rows = [
        (
            _day(line.day),
            line.routine_title,
            _pain(line.pain_before),
            _pain(line.pain),
            _pain(line.morning_pain),
            line.signs or _("not asked"),
            line.done,
        )
        for line in report.lines
    ]
    pages.rows([header, *rows], (0.13, 0.29, 0.10, 0.10, 0.10, 0.14, 0.14), header=True)


def _side(side: str | None) -> str:
    """A side as the table says it: 'left', 'right' (stored English), or a dash for no side."""
    if side is None:
        return "—"
    return {"left": pgettext("side", "left"), "right": pgettext("side", "right")}.get(side, side)


def _pain(value: int | None) -> str:
    return "—" if value is None else str(value)


def _pain_over_limit(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Sessions with pain above the limit"))
    if not report.over_limit:
        pages.text(_("None: pain stayed within each routine's limit (when it was given)."))
    for over in report.over_limit:
        pages.text(
            _("{day} ({routine}): {pain} of 10, above the limit of {limit}.").format(
                day=_day(over.day), routine=over.routine_title, pain=over.pain, limit=over.limit
            ),
            indent=12,
        )


def _charts(pages: _Pages, report: PeriodReport) -> None:
    weeks = report.weeks
    pages.heading(
        ngettext(
            "Sessions each week against the plan ({count} week)",
            "Sessions each week against the plan ({count} weeks)",
            len(weeks),
        ).format(count=len(weeks)),
        keep=CHART_HEIGHT,
    )
    chart = WeeklyDoseDrawing(dated=True)
    chart.set_data(weeks, report.changes, report.last)
    pages.chart(chart)
    days = report.pain
    pages.heading(
        ngettext("Pain, 0 to 10 ({count} day)", "Pain, 0 to 10 ({count} days)", len(days)).format(
            count=len(days)
        ),
        keep=CHART_HEIGHT,
    )
    pain = PainDrawing()
    pain.set_data(days, report.changes)
    pages.chart(pain)
    pages.text(
        _(PAIN_MODEL_SUMMARY),
        size=10,
        grey=True,
    )


def _details(pages: _Pages, report: PeriodReport) -> None:
    pages.heading(_("Exercises done, per side"))
    exercises: list[tuple[str, ...]] = [
        (_("Exercise"), _("Side"), pgettext("steps", "Done"), _("Planned"), _("Share"))
    ]
    exercises += [
        (c.exercise_name, _side(c.side), str(c.done), str(c.planned), f"{100 * c.share:.0f} %")
        for c in report.completion
    ]
    pages.rows(exercises, (0.4, 0.15, 0.15, 0.15, 0.15), header=True)
    pages.heading(_(TENSION_HEADING))
    if not report.tension:
        pages.text(_(NO_TENSION), grey=True)
    for dose in report.tension:
        pages.text(f"• {dose.sentence()}", indent=12)
    pages.heading(_("Sessions by routine"))
    shown = [o for o in SessionOutcome if o is not SessionOutcome.OPEN]
    routines: list[tuple[str, ...]] = [(_("Routine"), _("Total"), *(o.heading for o in shown))]
    routines += [(r.title, str(r.sessions), *(str(r.outcome(o)) for o in shown)) for r in report.routines]
    pages.rows(routines, (0.34, 0.09, 0.09, 0.13, 0.18, 0.17), header=True)
    if report.changes:
        pages.heading(_("Routine file versions"))
        for change in report.changes:
            pages.text(
                _("{day}: a new version of {routine} was first used.").format(
                    day=_day(change.since), routine=change.routine_title
                )
            )
    pages.heading(_("Rest and flare-up days"))
    if not report.marks:
        pages.text(_("None marked."))
    for mark in report.marks:
        kind = _(mark.kind.label)
        span = (
            _day(mark.first_day)
            if mark.last_day == mark.first_day
            else _("{first} to {last}").format(first=_day(mark.first_day), last=_day(mark.last_day))
        )
        pages.text(f"{kind}, {span}" + (f": {mark.reason}" if mark.reason else ""))
    pages.heading(_("Notes"))
    if not report.notes:
        pages.text(_("No notes in this period."))
    for day, note in report.notes:
        pages.text(f"{_day(day)}: {note}")


def draw_report(path: Path, report: PeriodReport, today: date) -> None:
    """Draw `report` as an A4 PDF at `path` (the core's export_report picks the path); needs a Qt app."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(_("Rehab Coach report, {first} to {last}").format(first=report.first, last=report.last))
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
        raise ExportError(_("cannot write a PDF at {path}").format(path=path))
    try:
        pages = _Pages(writer, painter)
        _first_page(pages, report, today)
        _charts(pages, report)
        _session_table(pages, report)
        running_section(pages, report)
        _details(pages, report)
    finally:
        painter.end()
