"""Running beside the exercise dose: each week's running minutes, runs and distance next to the sessions done,
with the highest pain the runs gave (during, an hour after, the next morning), and the plan's stage as the
last guided run recorded it. The figures History, the report and `coach history` show; computed here, shown
by the faces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from coach.core.history.stats import WeekDose, week_start
from coach.core.i18n import _, format_moment, language, ngettext
from coach.core.running.runs import Run


@dataclass(frozen=True, slots=True)
class RunningWeek:
    """One ISO week of running beside the exercise sessions done that week."""

    monday: date
    minutes: float
    runs: int
    distance_km: float | None  # None: no run of the week had a distance
    sessions: int  # exercise (dose) sessions done that week
    pain_during: int | None  # the week's highest answer; None: none answered
    pain_after_hour: int | None
    pain_next_morning: int | None


@dataclass(frozen=True, slots=True)
class RunningStage:
    """The plan's stage (0-based) the latest guided run that recorded one followed."""

    stage: int
    routine_id: str | None
    day: date

    def __str__(self) -> str:
        return _("stage {stage} (last run {day})").format(stage=self.stage + 1, day=_day_month(self.day))


def _day_month(day: date) -> str:
    """'02 Mar' as English writes it; '2. März', '2 mar' in the chosen language."""
    return format_moment(day, "%d %b", "dMMM", time=False)


def _number(value: float) -> str:
    """12.3, 30: as few digits as the value needs, with the language's decimal sign."""
    shown = f"{value:g}"
    return shown if language() == "en" else shown.replace(".", ",")


def _sessions(number: int) -> str:
    return ngettext("{count} exercise session", "{count} exercise sessions", number).format(count=number)


def _highest(values: Iterable[int | None]) -> int | None:
    answered = [v for v in values if v is not None]
    return max(answered) if answered else None


def running_weeks(runs: Sequence[Run], doses: Sequence[WeekDose], tz: tzinfo | None) -> list[RunningWeek]:
    """A RunningWeek for each week of `doses` (its Monday, sessions done), with the runs started in it."""
    by_week: dict[date, list[Run]] = {}
    for run in runs:
        by_week.setdefault(week_start(run.started_at.astimezone(tz).date()), []).append(run)
    weeks = []
    for dose in doses:
        found = by_week.get(dose.monday, [])
        distances = [r.distance_km for r in found if r.distance_km]
        weeks.append(
            RunningWeek(
                monday=dose.monday,
                minutes=round(sum(r.minutes for r in found), 1),
                runs=len(found),
                distance_km=round(sum(distances), 2) if distances else None,
                sessions=dose.done,
                pain_during=_highest(r.pain.during for r in found),
                pain_after_hour=_highest(r.pain.after_hour for r in found),
                pain_next_morning=_highest(r.pain.next_morning for r in found),
            )
        )
    return weeks


def latest_stage(runs: Sequence[Run], tz: tzinfo | None) -> RunningStage | None:
    """The stage of the latest run that recorded one (the plan computes stages; this only reads them)."""
    staged = [r for r in runs if r.stage is not None]
    if not staged:
        return None
    last = max(staged, key=lambda r: (r.started_at, r.id))
    assert last.stage is not None
    return RunningStage(last.stage, last.routine_id, last.started_at.astimezone(tz).date())


def describe_running_week(week: RunningWeek) -> str:
    """One week in words, the charts' and tables' text alternative: "Week of 2 Mar: 3 runs, 75 min, 12.3 km,
    4 exercise sessions; pain during at most 2, next morning at most 1"."""
    runs = ngettext("{count} run", "{count} runs", week.runs).format(count=week.runs)
    parts = [_("Week of {day}: {runs}").format(day=_day_month(week.monday), runs=runs)]
    if week.runs:
        parts.append(_("{minutes} min").format(minutes=_number(week.minutes)))
        if week.distance_km:
            parts.append(_("{km} km").format(km=_number(week.distance_km)))
    parts.append(_sessions(week.sessions))
    pains = [
        words.format(value=value)
        for words, value in (
            (_("pain during at most {value}"), week.pain_during),
            (_("an hour after at most {value}"), week.pain_after_hour),
            (_("next morning at most {value}"), week.pain_next_morning),
        )
        if value is not None
    ]
    return ", ".join(parts) + (f"; {', '.join(pains)}" if pains else "")


def running_summary(this_week: RunningWeek, stage: RunningStage | None) -> str:
    """History's line: "This week: 30 min of running, 1 exercise session. Stage of the return to running:
    stage 2 (last run 12 Mar)."."""
    line = _("This week: {minutes} min of running, {sessions}.").format(
        minutes=_number(this_week.minutes), sessions=_sessions(this_week.sessions)
    )
    if not stage:
        return line
    return _("{line} Stage of the return to running: {stage}.").format(line=line, stage=stage)
