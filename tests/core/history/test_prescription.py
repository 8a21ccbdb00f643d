"""The prescription as followed: the programme week, pain above a routine's limit, doses with their load."""

from __future__ import annotations

import dataclasses
from datetime import date

from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.prescription import (
    ProgrammeWeek,
    pain_over_limit,
    prescribed_routines,
    programme_week,
)
from coach.core.history.progression import propose
from coach.core.store.adherence import AdherenceStore
from tests.helpers import reps, routine
from tests.seeding import add_session

EIGHT_WEEKS = dataclasses.replace(
    routine(dataclasses.replace(reps(sets=3, reps=10), load="red band")),
    weeks=8,
    pain_limit=3,
    pain_limit_given=True,
    format=2,
)


def test_the_programme_week_counts_from_the_first_session(store: AdherenceStore) -> None:
    add_session(store, date(2026, 3, 2), EIGHT_WEEKS)
    sessions = store.sessions()

    assert programme_week(sessions, EIGHT_WEEKS, date(2026, 3, 8)) == ProgrammeWeek(1, 8, date(2026, 3, 2))
    assert str(programme_week(sessions, EIGHT_WEEKS, date(2026, 3, 16))) == "week 3 of 8"
    # A finished stage reads as one: the planned weeks with their dates, then what followed.
    finished = programme_week(sessions, EIGHT_WEEKS, date(2026, 4, 27))
    assert str(finished) == "weeks 1–8 (2 Mar – 26 Apr 2026), then carried on (week 9)"
    onwards = programme_week(sessions, EIGHT_WEEKS, date(2026, 4, 27), next_title="Return to running")
    assert str(onwards) == "weeks 1–8 (2 Mar – 26 Apr 2026), then Return to running"
    assert programme_week(sessions, routine(reps()), date(2026, 3, 16)) is None  # no weeks on the sheet
    assert programme_week([], EIGHT_WEEKS, date(2026, 3, 16)) is None


def test_pain_above_the_routines_own_limit_is_listed(store: AdherenceStore) -> None:
    add_session(store, date(2026, 3, 2), EIGHT_WEEKS, pain=3)
    add_session(store, date(2026, 3, 3), EIGHT_WEEKS, pain=4)
    add_session(store, date(2026, 3, 4), routine(reps()), pain=5)  # a format 1 routine: the limit is 5

    [over] = pain_over_limit(store.sessions())

    assert (over.day, over.pain, over.limit) == (date(2026, 3, 3), 4, 3)


def test_each_routine_done_shows_its_doses_with_the_load_and_its_changes(store: AdherenceStore) -> None:
    add_session(store, date(2026, 3, 2), EIGHT_WEEKS)
    change = RecordedDoseChange(
        date(2026, 3, 5),
        EIGHT_WEEKS.id,
        "Test routine",
        "clamshell",
        "Clamshell",
        "3 × 10",
        "3 × 12",
        "progress",
        "Settled.",
    )
    sessions = store.sessions()

    [done] = prescribed_routines(sessions, sessions, [EIGHT_WEEKS], [change], date(2026, 3, 16))

    assert done.exercises == ("Clamshell — 3 × 10, red band",)
    assert done.changes == (change,)
    assert "For 8 weeks · stop if pain is above 3 out of 10" in done.plan
    assert str(done.week) == "week 3 of 8"
    assert prescribed_routines(sessions, sessions, [], [change], date(2026, 3, 16)) == ()


def test_the_prescription_prints_only_the_sheets_ranges_and_the_sheets_dose_of_what_was_eased(
    store: AdherenceStore,
) -> None:
    six = routine(
        reps("clamshell", sets=3, reps=6), dataclasses.replace(reps("bridge", reps=10), reps_range=(10, 15))
    )
    eased = propose(six, ProgressionAdvice(Progression.EASE, "Pain reached 6."))
    assert eased is not None
    add_session(store, date(2026, 3, 2), six)
    sessions = store.sessions()

    [as_written] = prescribed_routines(sessions, sessions, [six], [], date(2026, 3, 16))
    [as_eased] = prescribed_routines(sessions, sessions, [eased.routine], [], date(2026, 3, 16))

    assert as_written.exercises == ("Clamshell — 3 × 6", "Bridge — 2 × 10 (the sheet's range: 10–15 reps)")
    assert as_eased.exercises[0] == "Clamshell — 3 × 4 (eased from the sheet's 3 × 6)"
    assert not any("6–15" in line or "3–6" in line for line in as_eased.exercises)


def test_a_sheet_without_a_pain_limit_shows_the_apps_default_as_the_apps(store: AdherenceStore) -> None:
    leaflet = dataclasses.replace(EIGHT_WEEKS, pain_limit=5, pain_limit_given=False)
    add_session(store, date(2026, 3, 2), leaflet)
    sessions = store.sessions()

    [done] = prescribed_routines(sessions, sessions, [leaflet], [], date(2026, 3, 16))

    assert "Rehab Coach's default limit of 5 out of 10" in done.plan
    assert "pain up to 5 out of 10 is acceptable" not in done.plan
