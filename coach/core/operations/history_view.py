"""What the history window shows, read in one go: the days on screen, and short rows for the rest.

The window shows twelve months (the heat map; the weekly and pain charts are shorter), all-time streaks,
plan changes and programme weeks, and advice on the routine done last. Reading every session ever
recorded for that made its cost grow with the years; here the store gives the sessions of the days shown,
each dose session's day and plan for the all-time figures, the few older sessions that plan changes and
the advice look back to, and the routines' titles. The figures are those that every session would give
(tests/core/history/test_shown_days.py); the session table reads older days when it is scrolled to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from coach.core.history.advice import RoutineAdvice
from coach.core.history.overview import (
    HistoryOverview,
    history_overview,
    shown_since,
    with_landmarks,
)
from coach.core.history.prescription import ProgrammeWeek, programme_week
from coach.core.history.records import SessionRecord
from coach.core.history.running_load import RunningStage, RunningWeek, latest_stage, running_weeks
from coach.core.history.stats import DAYS_PER_WEEK, SHORT_WEEKS, DoseDays
from coach.core.history.tension import TensionDose
from coach.core.operations.context import Coach
from coach.core.operations.queries import ADVICE_LOOKBACK_DAYS, advice, dose_done
from coach.core.routines.model import Routine, is_icing_only

# The routine a library has under an id (None: no longer in it).
FindRoutine = Callable[[str], Routine | None]


@dataclass(frozen=True, slots=True)
class HistoryView:
    """Everything the history window shows for `overview.today`."""

    overview: HistoryOverview
    sessions: tuple[SessionRecord, ...]  # those of the days from `since` on, oldest first
    since: date  # sessions of earlier local days are read when the table is scrolled to them
    titles: dict[str, str]  # every routine done, its title, the one done last first
    routine: Routine | None  # the routine done last that the library still has
    advice: RoutineAdvice | None  # on `routine`
    programme: ProgrammeWeek | None  # of the routine done last, when its sheet gives weeks
    advices: tuple[RoutineAdvice, ...] = ()  # every exercise routine of the last two weeks, `advice` first
    running: tuple[RunningWeek, ...] = ()  # the chart's weeks: running beside the sessions done
    stage: RunningStage | None = None  # the return-to-running plan's stage, as the last guided run said
    # Time under tension done against prescribed per exercise, over the last SHORT_WEEKS weeks.
    tension: tuple[TensionDose, ...] = ()


def read_history(coach: Coach, find: FindRoutine | None = None) -> HistoryView:
    """Read and work out what the history window shows today; `find` looks routines up (default: in the
    context's library)."""
    store = coach.store
    today, tz = coach.today()

    def in_library(routine_id: str) -> Routine | None:
        entry = coach.library.find(routine_id)
        return entry.routine if entry is not None else None

    find = find or in_library

    since = shown_since(today)
    sessions = store.sessions_since(since)
    landmarks = store.landmark_sessions()
    icing = [run.started_at for run in store.icing_runs()]
    overview = history_overview(
        sessions,
        store.day_marks(),
        icing,
        today,
        tz,
        days=DoseDays.from_days(store.dose_days(tz)),
        landmarks=landmarks,
    )
    titles: dict[str, str] = {}  # each routine's latest session is a landmark: the latest first
    for session in reversed(landmarks):
        titles.setdefault(session.routine_id, session.routine_title)
    looked_back = with_landmarks(sessions, landmarks)
    last = find(next(iter(titles))) if titles else None
    following = find(last.next) if last is not None and last.next else None
    programme = (
        programme_week(looked_back, last, today, tz, following.title if following else "")
        if last is not None
        else None
    )
    # Advice for every exercise routine used in the last two weeks, the routine done last first; none for
    # icing alone, which the pain rule never changes (issue "a physiotherapist would sign it").
    known = [r for r in map(find, titles) if r is not None and not is_icing_only(r)]
    recent = {
        s.routine_id for s in sessions if s.local_day(tz) >= today - timedelta(days=ADVICE_LOOKBACK_DAYS)
    }
    advised = [r for index, r in enumerate(known) if index == 0 or r.id in recent]
    advices = tuple(advice(coach, r, shown=sessions) for r in advised)
    routine = advised[0] if advised else None
    first = advices[0] if advices else None
    runs = store.runs()
    recent_weeks = today - timedelta(days=DAYS_PER_WEEK * SHORT_WEEKS - 1)
    tension = dose_done(coach, [s.id for s in sessions if s.local_day(tz) >= recent_weeks])
    return HistoryView(
        overview,
        tuple(sessions),
        since,
        titles,
        routine,
        first,
        programme,
        advices,
        running=tuple(running_weeks(runs, overview.weeks, tz)) if runs else (),
        stage=latest_stage(runs, tz),
        tension=tuple(tension),
    )
