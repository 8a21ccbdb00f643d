"""Everything the history window and the physiotherapist's report show, computed once from stored rows.

The window and the report draw these values and decide nothing: a rule about streaks, plans or pain stays
in stats, dose_calendar, pain and progression. This module only picks the spans the views show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.core.clinical.safety import warning_sign_question
from coach.core.history.completion import ExerciseCompletion
from coach.core.history.dose_calendar import (
    CalendarDay,
    PlanChange,
    dose_calendar,
    plan_changes,
    twelve_months_before,
)
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.for_clinician import Review, SessionLine, UrgentSign
from coach.core.history.offers import UnacceptedOffer
from coach.core.history.outcome import SessionOutcome, session_outcome
from coach.core.history.pain import PainDay, pain_trend
from coach.core.history.period import Period
from coach.core.history.prescription import (
    PainOverLimit,
    PrescribedRoutine,
    pain_over_limit,
    prescribed_routines,
)
from coach.core.history.records import (
    DayMark,
    MarkedDayCount,
    SessionRecord,
    count_marked_days,
    marked_days,
)
from coach.core.history.running_load import RunningStage, RunningWeek
from coach.core.history.stats import (
    DAYS_PER_WEEK,
    LONG_WEEKS,
    SHORT_WEEKS,
    DoseDays,
    StreakFigure,
    Streaks,
    WeekDose,
    adherence_between,
    adherence_percent,
    current_plan,
    dose_sessions,
    doses_by_week,
    first_planned_day,
    icing_count,
    is_daily_plan,
    streak_figure,
    streaks,
    streaks_of,
    week_start,
    weekly_doses,
)
from coach.core.history.tension import TensionDose
from coach.core.routines.model import Routine
from coach.core.running.runs import Run

# The spans the history window shows (ours): half a year of weeks, three months of pain, and the two
# adherence windows (SHORT_WEEKS, LONG_WEEKS) kept in stats, where `coach history --json` reads them without
# importing this module.
WINDOW_WEEKS = 26
WINDOW_PAIN_DAYS = 90
# A report's charts show at most a year; longer periods keep their figures but chart only their last year.
REPORT_CHART_WEEKS = 52
REPORT_CHART_DAYS = 366
NO_MARKED_DAYS = MarkedDayCount(0, 0)


@dataclass(frozen=True, slots=True)
class HistoryOverview:
    """What the history window shows for `today`."""

    today: date
    sessions: tuple[SessionRecord, ...]  # those it was worked out from (the window: the days it shows)
    marks: tuple[DayMark, ...]
    calendar: tuple[CalendarDay, ...]
    weeks: tuple[WeekDose, ...]
    pain: tuple[PainDay, ...]
    changes: tuple[PlanChange, ...]
    streaks: Streaks
    plan: int  # sessions a week of the routine done last; 0 before any
    adherence_short: float | None  # percent over the last SHORT_WEEKS weeks (None: nothing planned)
    adherence_long: float | None  # percent over the last LONG_WEEKS weeks
    icing_short: int  # icing runs started in the last SHORT_WEEKS weeks

    @property
    def daily_plan(self) -> bool:
        """Whether streaks are told in days (a session every day) rather than in weeks."""
        return is_daily_plan(self.plan)

    @property
    def streak(self) -> StreakFigure:
        return streak_figure(self.streaks, self.plan)


def _days_back(today: date, weeks: int) -> date:
    return today - timedelta(days=DAYS_PER_WEEK * weeks - 1)


def _chart_end(last: date, today: date) -> date:
    """Where the weekly chart ends: this week is under way, so it is shown against its whole plan."""
    return week_start(today) + timedelta(days=DAYS_PER_WEEK - 1) if last >= today else last


def history_overview(
    sessions: Sequence[SessionRecord],
    marks: Sequence[DayMark],
    icing_starts: Sequence[datetime],
    today: date,
    tz: tzinfo | None = None,
    *,
    days: DoseDays | None = None,
    landmarks: Sequence[SessionRecord] = (),
) -> HistoryOverview:
    """The heat map's year, half a year of weekly doses, three months of pain, streaks and adherence.

    From every session; or, as the history window reads them, from the sessions of the days shown (at
    least SHOWN_DAYS back) with the dose days counted apart (`days`, from the store) and the sessions that
    plan changes look back to (`landmarks`, AdherenceStore.landmark_sessions): the figures are the same.
    """
    first_week = week_start(today) - timedelta(weeks=WINDOW_WEEKS - 1)
    days = days or DoseDays.of(sessions, tz)  # counted once for every figure below
    marked = marked_days(marks)
    return HistoryOverview(
        today=today,
        sessions=tuple(sessions),
        marks=tuple(marks),
        calendar=tuple(dose_calendar(sessions, today, marks, tz, plan_start=days.first_day)),
        weeks=tuple(doses_by_week(days, first_week, _chart_end(today, today), marked)),
        pain=tuple(pain_trend(sessions, today - timedelta(days=WINDOW_PAIN_DAYS - 1), today, tz)),
        changes=tuple(plan_changes(with_landmarks(sessions, landmarks), tz)),
        streaks=streaks_of(days, today, marked),
        plan=days.latest_plan,
        adherence_short=adherence_percent(doses_by_week(days, _days_back(today, SHORT_WEEKS), today, marked)),
        adherence_long=adherence_percent(doses_by_week(days, _days_back(today, LONG_WEEKS), today, marked)),
        icing_short=icing_count(icing_starts, _days_back(today, SHORT_WEEKS), today, tz),
    )


def shown_since(today: date) -> date:
    """The first local day whose sessions the history window reads: the heat map's twelve months, and the
    day before them (a next-morning answer belongs to the day after its session)."""
    return twelve_months_before(today) - timedelta(days=1)


def with_landmarks(sessions: Sequence[SessionRecord], others: Sequence[SessionRecord]) -> list[SessionRecord]:
    """`sessions` and `others` together, each once, in the store's order (started, then id)."""
    if not others:
        return list(sessions)
    merged = {s.id: s for s in others} | {s.id: s for s in sessions}
    return sorted(merged.values(), key=lambda s: (s.started_at, s.id))


@dataclass(frozen=True, slots=True)
class ReportedSigns:
    """The warning signs answered 'yes' after one session, as the questions were asked."""

    day: date
    routine_title: str
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoutineCount:
    """How one routine's sessions in the period ended."""

    title: str
    sessions: int
    dose: int  # counted towards the weekly dose (most of the work done)
    stopped: int
    outcomes: tuple[tuple[SessionOutcome, int], ...] = ()  # every outcome, in the vocabulary's order

    def outcome(self, outcome: SessionOutcome) -> int:
        return dict(self.outcomes).get(outcome, 0)


@dataclass(frozen=True, slots=True)
class PeriodReport:
    """What the report for the physiotherapist says about the local days `first`..`last`."""

    first: date
    last: date
    sessions: tuple[SessionRecord, ...]  # those in the period, oldest first
    marks: tuple[DayMark, ...]  # those touching the period
    adherence: float | None  # percent of the planned sessions done (None: nothing planned)
    streaks: Streaks  # as of `last`
    plan: int
    weeks: tuple[WeekDose, ...]  # the period's last REPORT_CHART_WEEKS weeks at most
    pain: tuple[PainDay, ...]  # the period's last REPORT_CHART_DAYS days at most
    changes: tuple[PlanChange, ...]  # those inside the period
    warning_signs: tuple[ReportedSigns, ...]
    notes: tuple[tuple[date, str], ...]
    completion: tuple[ExerciseCompletion, ...]
    routines: tuple[RoutineCount, ...]
    icing: int
    marked: MarkedDayCount = NO_MARKED_DAYS  # days of the period marked rest or flare-up
    signs_asked: int = 0  # sessions of the period whose warning-sign questions were answered
    prescription: tuple[PrescribedRoutine, ...] = ()  # each routine done, its doses and the app's changes
    over_limit: tuple[PainOverLimit, ...] = ()  # sessions with pain above the routine's limit
    name: str = ""  # whose report it is, when the person chose to say
    # What the receiving physiotherapist reads beyond the totals (history/for_clinician.py).
    lines: tuple[SessionLine, ...] = ()
    unsettled: tuple[SessionRecord, ...] = ()  # mornings that had not settled
    reviews: tuple[Review, ...] = ()
    urgent: tuple[UrgentSign, ...] = ()
    unaccepted: tuple[UnacceptedOffer, ...] = ()  # dose changes offered and not taken
    pain_means: tuple[float | None, float | None] = (None, None)  # first and last two weeks
    icing_minutes: float = 0.0
    # Running (issue 23): the period's runs, oldest first, each chart week's running beside the sessions,
    # and the plan's stage as the last guided run of the period recorded it.
    runs: tuple[Run, ...] = ()
    running: tuple[RunningWeek, ...] = ()
    stage: RunningStage | None = None
    tension: tuple[TensionDose, ...] = ()  # time under tension done against prescribed, per exercise

    @property
    def outcomes(self) -> tuple[tuple[SessionOutcome, int], ...]:
        """How the period's sessions ended, each outcome with its count (those with none left out)."""
        totals = {o: sum(r.outcome(o) for r in self.routines) for o in SessionOutcome}
        return tuple((o, n) for o, n in totals.items() if n)

    @property
    def streak(self) -> StreakFigure:
        return streak_figure(self.streaks, self.plan)

    @property
    def daily_plan(self) -> bool:
        return is_daily_plan(self.plan)


def report_period(
    sessions: Sequence[SessionRecord],
    period: Period,
    today: date,
    tz: tzinfo | None,
    marks: Sequence[DayMark] = (),
) -> Period:
    """`period` with its open ends closed: from the first session or the first marked day (a rest marked
    before starting counts), whichever is earlier, else today; to today."""
    starts = [first_planned_day(sessions, tz) or min((s.local_day(tz) for s in sessions), default=today)]
    first = period.first or min(starts + [m.first_day for m in marks])
    last = period.last or today
    return Period(min(first, last), last)


def _routine_counts(sessions: Sequence[SessionRecord]) -> tuple[RoutineCount, ...]:
    dose = {s.id for s in dose_sessions(sessions)}
    titles: dict[str, list[SessionRecord]] = {}
    for s in sessions:
        titles.setdefault(s.routine_title, []).append(s)
    return tuple(
        RoutineCount(
            title,
            len(group),
            sum(1 for s in group if s.id in dose),
            sum(1 for s in group if not s.completed),
            tuple((o, sum(1 for s in group if session_outcome(s) is o)) for o in SessionOutcome),
        )
        for title, group in titles.items()
    )


def _signs(sessions: Sequence[SessionRecord], tz: tzinfo | None) -> tuple[ReportedSigns, ...]:
    return tuple(
        ReportedSigns(
            s.local_day(tz),
            s.routine_title,
            tuple(warning_sign_question(key) for key in s.warning_signs_reported),
        )
        for s in sessions
        if s.warning_signs_reported
    )


def period_report(
    everything: Sequence[SessionRecord],
    marks: Sequence[DayMark],
    days: Period,
    today: date,
    tz: tzinfo | None = None,
    *,
    completion: Sequence[ExerciseCompletion] = (),
    icing_starts: Sequence[datetime] = (),
    dose_changes: Sequence[RecordedDoseChange] = (),
    routines: Sequence[Routine] = (),
    name: str = "",
) -> PeriodReport:
    """What the report says about `days` (closed by `report_period`) from every stored session and mark;
    `completion` is the period's per-exercise work, `routines` (the library's) give the prescription as
    followed, `name` the name line."""
    first, last = days.first or today, days.last or today
    inside = [s for s in everything if first <= s.local_day(tz) <= last]
    chart_first = max(first, week_start(last) - timedelta(weeks=REPORT_CHART_WEEKS - 1))
    return PeriodReport(
        first=first,
        last=last,
        sessions=tuple(inside),
        marks=tuple(m for m in marks if m.last_day >= first and m.first_day <= last),
        adherence=adherence_between(everything, first, last, marks, tz),
        streaks=streaks(everything, last, marks, tz),
        plan=current_plan(inside or everything),
        weeks=tuple(weekly_doses(everything, chart_first, _chart_end(last, today), marks, tz)),
        pain=tuple(
            pain_trend(everything, max(first, last - timedelta(days=REPORT_CHART_DAYS - 1)), last, tz)
        ),
        changes=tuple(c for c in plan_changes(everything, tz) if first <= c.since <= last),
        warning_signs=_signs(inside, tz),
        notes=tuple((s.local_day(tz), s.note) for s in inside if s.note.strip()),
        completion=tuple(completion),
        routines=_routine_counts(inside),
        icing=icing_count(icing_starts, first, last, tz),
        marked=count_marked_days(marks, first, last),
        signs_asked=sum(1 for s in inside if any(answer is not None for _, answer in s.warning_signs)),
        prescription=prescribed_routines(
            inside,
            everything,
            routines,
            [c for c in dose_changes if first <= c.changed_on <= last],
            last,
            tz,
        ),
        over_limit=pain_over_limit(inside, tz),
        name=name.strip(),
    )
