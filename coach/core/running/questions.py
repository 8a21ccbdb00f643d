"""The three pain questions every run asks, and when each is due.

The runners' pain rule (issue 23) reads pain during a run, an hour after it and the next morning. The first
is asked with the run; the others only once their time has come: an hour after the run ended, and on the
next local day. A question still unanswered a week later is no longer asked *(ours)*: an answer that late
says little about that run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.core.i18n import N_, _
from coach.core.running.runs import Run

ASK_FOR_DAYS = 7  # (ours)
DURING_QUESTION = N_("How much did the knee hurt during the run?")
AFTER_HOUR_QUESTION = N_("How much did the knee hurt an hour after the run?")
NEXT_MORNING_QUESTION = N_("How is the knee the morning after the run?")


@dataclass(frozen=True, slots=True)
class WaitingRun:
    """A run with the questions whose time has come and that are still unanswered."""

    run: Run
    after_hour: bool
    next_morning: bool
    during: bool = False  # an imported run whose pain during was not given with it


def run_end(run: Run) -> datetime:
    return run.started_at + timedelta(minutes=run.minutes)


def local_day(run: Run, zone: tzinfo | None) -> date:
    return run.started_at.astimezone(zone).date()


def after_hour_due(run: Run, now: datetime) -> bool:
    return now >= run_end(run) + timedelta(hours=1)


def next_morning_due(run: Run, now: datetime, zone: tzinfo | None) -> bool:
    return now.astimezone(zone).date() > local_day(run, zone)


def waiting(run: Run, now: datetime, zone: tzinfo | None) -> WaitingRun | None:
    """The questions `run` is waiting on now (None: none is due, all are answered, or it is too late)."""
    if now.astimezone(zone).date() - local_day(run, zone) > timedelta(days=ASK_FOR_DAYS):
        return None
    after = run.pain.after_hour is None and after_hour_due(run, now)
    morning = run.pain.next_morning is None and next_morning_due(run, now, zone)
    during = run.pain.during is None
    return WaitingRun(run, after, morning, during) if after or morning or during else None


def not_yet(
    run: Run, now: datetime, zone: tzinfo | None, *, after_hour: bool, next_morning: bool
) -> str | None:
    """Why an answer given cannot be taken yet (its time has not come), or None."""
    if after_hour and not after_hour_due(run, now):
        at = (run_end(run) + timedelta(hours=1)).astimezone(zone)
        return _("the after-an-hour question for run {id} comes at {time}, an hour after it ended").format(
            id=run.id, time=f"{at:%H:%M}"
        )
    if next_morning and not next_morning_due(run, now, zone):
        return _("the next-morning question for run {id} comes tomorrow morning").format(id=run.id)
    return None
