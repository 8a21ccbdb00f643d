"""What the pain rule reads: each session's pains, and the sessions of one day taken together.

A sheet that says "3 times a day" is one dose a day in three parts, and the morning check-in asks once a
day, so the rule works per day (CLINICAL.md "Several times a day"): the day's highest pain during a
session, the one morning answer for the day, the pain before the day's first session. A routine done once a
day has one session a day, and its days are its sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class SessionPain:
    """What the pain-monitoring rule needs to know about one session."""

    fully_done: bool
    pain: int | None  # during the session, 0-10; None: not recorded
    morning_pain: int | None  # the next morning; None: not (yet) answered
    baseline: int | None = None  # the morning answer given the same day before the session, if any
    pain_before: int | None = None  # the one-tap score just before the session
    day: date | None = None  # the local day; None: a day of its own
    hurt: frozenset[str] = frozenset()  # the ids of the exercises the person said hurt


@dataclass(frozen=True, slots=True)
class DayPain:
    """One day of a routine as the rule reads it: its sessions taken together, oldest first."""

    sessions: int
    done_in_full: int  # how many of them were done in full
    pain: int | None  # the highest pain during a session that day (None: none recorded)
    morning_pain: int | None  # the next morning's answer (the highest, if more than one was given)
    baseline: int | None  # that day's own morning answer, given before its sessions
    pain_before: int | None  # before the day's first session that has the score
    hurt: frozenset[str]


def _highest(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _first(values: Sequence[int | None]) -> int | None:
    return next((v for v in values if v is not None), None)


def _day(sessions: Sequence[SessionPain]) -> DayPain:
    return DayPain(
        sessions=len(sessions),
        done_in_full=sum(1 for s in sessions if s.fully_done),
        pain=_highest([s.pain for s in sessions]),
        morning_pain=_highest([s.morning_pain for s in sessions]),
        baseline=_first([s.baseline for s in sessions]),
        pain_before=_first([s.pain_before for s in sessions]),
        hurt=frozenset().union(*(s.hurt for s in sessions)),
    )


def pain_days(sessions: Sequence[SessionPain]) -> list[DayPain]:
    """The sessions (oldest first) grouped by their local day; a session without a day stands alone."""
    groups: list[list[SessionPain]] = []
    for session in sessions:
        if groups and session.day is not None and groups[-1][-1].day == session.day:
            groups[-1].append(session)
        else:
            groups.append([session])
    return [_day(group) for group in groups]
