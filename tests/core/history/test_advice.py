"""The advice for a routine (issue 19): what moves, what an ease goes to, a review that resets the count,
two eases that stop, a sheet done three times a day, an urgent sign."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta

from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.advice import AT_THE_STEP_BOUND, NOTHING_TO_STEP, routine_advice
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.progression import ease_targets, eases_in_a_row, propose
from coach.core.routines.loader import load_routine
from tests.conftest import REPO
from tests.core.history_builders import session_on
from tests.helpers import hold, reps, routine

TODAY = date(2026, 3, 10)
HIP_STRENGTH = load_routine(REPO / "routines" / "hip-strength.toml", REPO / "assets")
TRIAL = load_routine(REPO / "tests" / "data" / "sheets" / "trial-home-programme.toml", REPO / "assets")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_at_pain_6_the_wall_squat_and_step_up_are_eased_not_the_hip_work_nor_the_stretch() -> None:
    sessions = [
        session_on(days_ago(3), pain=3, morning_pain=1, routine_id=HIP_STRENGTH.id),
        session_on(days_ago(2), pain=6, morning_pain=2, routine_id=HIP_STRENGTH.id),
    ]
    # The wall squat starts at the bottom of its range: a copy one step up shows it being eased.
    higher = propose(HIP_STRENGTH, ProgressionAdvice(Progression.PROGRESS, "settled"))
    assert higher is not None

    advice = routine_advice(sessions, higher.routine, TODAY)

    assert advice.decision is Progression.EASE
    assert advice.proposal is not None
    assert [c.exercise_id for c in advice.proposal.changes] == ["wall-squat", "step-up"]


def test_easing_goes_first_to_the_exercises_that_hurt_then_the_loaded_ones_never_to_stretches() -> None:
    banded = dataclasses.replace(reps("side-step", reps=10), load="red band")
    plan = routine(reps("clamshell", reps=12), banded, hold("calf-stretch"))

    assert ease_targets(plan, {"clamshell"}) == {"clamshell"}
    assert ease_targets(plan) == {"side-step"}
    assert ease_targets(plan, {"calf-stretch"}) == {"side-step"}  # a stretch is never eased
    assert ease_targets(routine(hold("calf-stretch"))) == frozenset()


def test_the_exercises_said_to_hurt_are_the_ones_eased() -> None:
    sessions = [
        session_on(days_ago(3), pain=3, morning_pain=1, routine_id=HIP_STRENGTH.id),
        session_on(
            days_ago(2), pain=6, morning_pain=2, routine_id=HIP_STRENGTH.id, hurt=frozenset({"clamshell"})
        ),
    ]

    advice = routine_advice(sessions, HIP_STRENGTH, TODAY)

    assert advice.proposal is not None
    assert [c.exercise_id for c in advice.proposal.changes] == ["clamshell"]


def test_a_routine_of_single_numbers_never_invents_a_ceiling_it_says_ask_for_a_range() -> None:
    plan = routine(reps(reps=12), hold(seconds=20))
    sessions = [session_on(days_ago(n), pain=2, morning_pain=1, routine_id=plan.id) for n in (3, 2)]

    advice = routine_advice(sessions, plan, TODAY)

    assert advice.decision is Progression.PROGRESS
    assert advice.proposal is None
    assert advice.reason.endswith("ask your physiotherapist for a range or the next stage.")
    assert "15" not in advice.reason


def test_stretches_alone_have_nothing_the_rule_changes() -> None:
    plan = routine(hold("hamstring-lengthening", seconds=20))
    sessions = [session_on(days_ago(n), pain=2, morning_pain=1, routine_id=plan.id) for n in (3, 2)]

    advice = routine_advice(sessions, plan, TODAY)

    assert advice.proposal is None
    assert advice.reason.endswith(NOTHING_TO_STEP)


def test_after_a_review_only_the_sessions_after_it_count_towards_a_change() -> None:
    plan = routine(dataclasses.replace(reps(reps=10), reps_range=(10, 15)))
    flagged = [
        session_on(days_ago(n), pain=2, morning_pain=1, routine_id=plan.id, signs=(("swelling", True),))
        for n in (5, 4)
    ]
    seen = datetime.combine(days_ago(3), time(9), UTC)

    right_after = routine_advice(flagged, plan, TODAY, UTC, seen)
    one_later = routine_advice(
        [*flagged, session_on(days_ago(2), pain=2, morning_pain=1, routine_id=plan.id)],
        plan,
        TODAY,
        UTC,
        seen,
    )

    assert right_after.decision is Progression.HOLD
    assert "Do two full sessions" in right_after.reason
    assert one_later.decision is Progression.HOLD
    two_later = [
        *flagged,
        *(session_on(days_ago(n), pain=2, morning_pain=1, routine_id=plan.id) for n in (2, 1)),
    ]
    assert routine_advice(two_later, plan, TODAY, UTC, seen).decision is Progression.PROGRESS


def change(day: date, decision: str, routine_id: str = "test-routine") -> RecordedDoseChange:
    return RecordedDoseChange(day, routine_id, "Test", "a", "A", "3 × 10", "3 × 8", decision, "why")


def test_eases_are_counted_in_a_row_since_the_last_progression_or_review() -> None:
    changes = [change(days_ago(9), "ease"), change(days_ago(8), "progress"), change(days_ago(6), "ease")]
    changes += [
        change(days_ago(4), "ease"),
        change(days_ago(4), "ease"),
        change(days_ago(4), "ease", "other"),
    ]

    assert eases_in_a_row(changes, "test-routine") == 2  # one a day: the rows of one change count once
    assert eases_in_a_row(changes, "test-routine", since=days_ago(5)) == 1
    assert eases_in_a_row(changes, "other") == 1
    assert eases_in_a_row([], "test-routine") == 0


def test_two_eases_taken_and_pain_still_above_the_limit_stop_and_ask_for_a_review() -> None:
    plan = routine(reps("wall-squat", reps=8), reps("clamshell"))
    sessions = [
        session_on(days_ago(3), pain=3, morning_pain=1, routine_id=plan.id),
        session_on(days_ago(2), pain=7, morning_pain=3, routine_id=plan.id, hurt=frozenset({"wall-squat"})),
    ]
    taken = [change(days_ago(8), "ease"), change(days_ago(5), "ease")]

    advice = routine_advice(sessions, plan, TODAY, dose_changes=taken)

    assert advice.decision is Progression.STOP_AND_REVIEW
    assert advice.proposal is None
    assert "stop the exercises that hurt and ask your physiotherapist for a review" in advice.reason
    assert advice.reason.endswith("You said these hurt: Wall Squat.")
    assert routine_advice(sessions, plan, TODAY, dose_changes=taken[:1]).decision is Progression.EASE


def test_a_sheet_done_three_times_a_day_can_progress() -> None:
    sessions = []
    for n in (3, 2):
        for hour in (8, 13, 18):
            morning = 1 if hour == 18 else None  # the morning check-in asks about the day's last session
            sessions.append(
                session_on(days_ago(n), hour=hour, pain=2, morning_pain=morning, routine_id=TRIAL.id)
            )

    advice = routine_advice(sessions, TRIAL, TODAY, UTC)

    assert advice.decision is Progression.PROGRESS
    assert advice.proposal is not None
    assert [c.exercise_id for c in advice.proposal.changes] == ["standing-balance"]


def test_an_urgent_sign_is_reported_as_urgent_with_the_urgent_care_words() -> None:
    plan = routine(reps())
    calf = session_on(days_ago(2), pain=2, routine_id=plan.id, signs=(("swelling", False), ("calf", True)))
    swelling = session_on(days_ago(2), pain=2, routine_id=plan.id, signs=(("swelling", True),))

    urgent = routine_advice([calf], plan, TODAY, UTC)
    calm = routine_advice([swelling], plan, TODAY, UTC)

    assert (urgent.decision, urgent.urgent) == (Progression.SEE_CLINICIAN, True)
    assert "urgent care" in urgent.reason
    assert "before changing the dose" not in urgent.reason
    assert (calm.decision, calm.urgent) == (Progression.SEE_CLINICIAN, False)


def test_at_the_planned_steps_bound_no_change_is_offered_and_the_advice_says_so() -> None:
    # 3 exercises × 20 sets × 2 sides × 40 reps = 4,800 steps; 42 reps would plan 5,040, over the 5,000
    # the loader accepts, so the accepted copy would leave the library.
    side_steps = [
        dataclasses.replace(
            reps(f"side-step-{n}", sets=20, reps=40, sides=("left", "right")), reps_range=(40, 50)
        )
        for n in range(3)
    ]
    plan = routine(*side_steps)
    sessions = [session_on(days_ago(n), pain=2, morning_pain=1, routine_id=plan.id) for n in (3, 2)]

    advice = routine_advice(sessions, plan, TODAY)

    assert advice.decision is Progression.PROGRESS
    assert advice.proposal is None
    assert advice.reason.endswith(AT_THE_STEP_BOUND.format(steps="5,000"))
    assert "5,000 reps, holds and timers" in advice.reason
