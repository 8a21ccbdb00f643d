from __future__ import annotations

import dataclasses
import os
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.advice import routine_advice
from coach.core.history.progression import (
    advise,
    morning_means,
    propose,
    step_exercise,
    step_routine,
    user_copy_path,
    write_user_copy,
)
from coach.core.routines.library import Origin, discover_routines
from coach.core.routines.loader import RoutineError, load_routine
from coach.core.routines.model import ExerciseKind, ProgressionKind
from tests.conftest import REPO, write
from tests.core.history_builders import session_on
from tests.helpers import hold, reps, routine, timer

TODAY = date(2026, 3, 10)
ASSETS = REPO / "assets"
# Every bundled routine with something to step (the icing routine is a timer alone; the run-walk plan moves
# by the runners' rule, stage by stage).
BUNDLED = sorted(p for p in (REPO / "routines").glob("*.toml") if p.stem not in ("ice", "back-to-running"))
PROGRESS = ProgressionAdvice(
    Progression.PROGRESS, "Pain settled by the morning after your last two sessions."
)
EASE = ProgressionAdvice(Progression.EASE, "Pain reached 7 out of 10 during a recent session.")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_settled_full_sessions_of_this_routine_advise_progress() -> None:
    plan = dataclasses.replace(routine(reps()), content_hash="v2")
    sessions = [
        session_on(days_ago(4), pain=3, morning_pain=1, routine_id=plan.id, routine_hash="v2"),
        session_on(days_ago(2), pain=4, morning_pain=2, routine_id=plan.id, routine_hash="v2"),
    ]

    assert advise(sessions, plan, TODAY).outcome is Progression.PROGRESS


def test_sessions_of_an_earlier_version_demos_and_other_routines_do_not_count() -> None:
    plan = dataclasses.replace(routine(reps()), content_hash="v2")
    sessions = [
        session_on(days_ago(6), pain=3, morning_pain=1, routine_id=plan.id, routine_hash="v1"),
        session_on(days_ago(4), pain=3, morning_pain=1, routine_id="other"),
        session_on(days_ago(3), pain=3, morning_pain=1, routine_id=plan.id, simulated=True),
        session_on(days_ago(2), pain=4, morning_pain=2, routine_id=plan.id, routine_hash="v2"),
    ]

    advice = advise(sessions, plan, TODAY)

    assert advice.outcome is Progression.HOLD
    assert "two full sessions" in advice.reason


def test_high_pain_advises_easing() -> None:
    plan = routine(reps())
    sessions = [session_on(days_ago(2), pain=7, morning_pain=2, routine_id=plan.id)]

    assert advise(sessions, plan, TODAY).outcome is Progression.EASE


def test_the_same_mornings_answer_before_a_session_is_its_baseline() -> None:
    plan = routine(reps())
    # Each session leaves the knee at 4 the next morning: settled only where it was 4 that morning already
    last_two = [
        session_on(days_ago(4), pain=3, morning_pain=4, routine_id=plan.id),
        session_on(days_ago(3), pain=3, morning_pain=4, routine_id=plan.id),
    ]
    earlier = session_on(days_ago(5), pain=3, morning_pain=4, routine_id=plan.id)

    assert advise(last_two, plan, TODAY).outcome is Progression.EASE
    assert advise([earlier, *last_two], plan, TODAY).outcome is Progression.PROGRESS


def test_morning_means_compare_the_last_week_with_the_week_before() -> None:
    sessions = [session_on(days_ago(n), morning_pain=p) for n, p in ((12, 1), (10, 2), (5, 3), (3, 4))]

    assert morning_means(sessions, TODAY) == (1.5, 3.5)
    assert morning_means(sessions[:3], TODAY) == (1.5, None)  # one answer is too few


def test_one_step_is_two_reps_or_five_seconds_and_never_the_icing_timer() -> None:
    plan = routine(
        dataclasses.replace(reps(reps=12), reps_range=(10, 16)),
        dataclasses.replace(hold(seconds=30), hold_range=(20.0, 40.0), progression=ProgressionKind.HOLD),
        timer(minutes=20),
    )

    up = step_routine(plan, Progression.PROGRESS)
    down = step_routine(plan, Progression.EASE)

    assert [(e.reps, e.hold_seconds, e.timer_minutes) for e in up.exercises] == [
        (14, 0.0, 0.0),
        (None, 35.0, 0.0),
        (None, 0.0, 20.0),
    ]
    assert [(e.reps, e.hold_seconds) for e in down.exercises[:2]] == [(10, 0.0), (None, 25.0)]


def test_easing_without_a_range_stops_at_half_the_prescribed_dose() -> None:
    held = dataclasses.replace(hold(seconds=7), progression=ProgressionKind.HOLD)
    assert step_exercise(reps(reps=2), Progression.EASE).reps == 1
    assert step_exercise(reps(reps=1), Progression.EASE).reps == 1
    assert step_exercise(held, Progression.EASE).hold_seconds == 4.0
    eased = step_exercise(step_exercise(reps(reps=12), Progression.EASE), Progression.EASE)
    # The sheet's dose is kept beside the eased one, never written as a range the sheet did not give.
    assert (eased.reps, eased.reps_range, eased.prescribed_reps) == (8, None, 12)
    floor = step_exercise(step_exercise(eased, Progression.EASE), Progression.EASE)
    assert floor.reps == 6  # half the sheet's dose, never half of the eased dose


def test_a_single_number_is_a_fixed_dose_never_raised_past_the_sheets() -> None:
    assert step_exercise(reps(reps=14), Progression.PROGRESS) == reps(reps=14)
    by_hold = dataclasses.replace(hold(seconds=45), progression=ProgressionKind.HOLD)
    assert step_exercise(by_hold, Progression.PROGRESS) == by_hold
    by_sets = dataclasses.replace(reps(sets=4), progression=ProgressionKind.SETS)
    assert step_exercise(by_sets, Progression.PROGRESS) == by_sets


def test_an_eased_single_number_comes_back_up_to_the_sheets_dose_and_no_further() -> None:
    eased = step_exercise(step_exercise(reps(reps=12), Progression.EASE), Progression.EASE)

    back = step_exercise(step_exercise(eased, Progression.PROGRESS), Progression.PROGRESS)

    assert back == reps(reps=12)  # the sheet's own dose, nothing of the easing left
    assert step_exercise(back, Progression.PROGRESS) == back


def test_a_hold_without_reps_is_never_moved_unless_the_sheet_says_so_whatever_its_name() -> None:
    lengthening = dataclasses.replace(hold("hamstring-lengthening", seconds=20), name="Hamstring lengthening")
    ranged = dataclasses.replace(lengthening, hold_range=(20.0, 30.0))

    for exercise in (lengthening, ranged):
        assert exercise.progresses_by is exercise.eases_by is ProgressionKind.NONE
        assert step_exercise(exercise, Progression.PROGRESS) == exercise
        assert step_exercise(exercise, Progression.EASE) == exercise
    by_sheet = dataclasses.replace(ranged, progression=ProgressionKind.HOLD)
    assert step_exercise(by_sheet, Progression.PROGRESS).hold_seconds == 25.0


def test_a_loaded_exercise_is_eased_by_reps_but_raised_by_reps_only_where_the_sheet_says() -> None:
    banded = dataclasses.replace(reps(reps=10), reps_range=(8, 15), load="red band")

    assert step_exercise(banded, Progression.PROGRESS) == banded
    assert step_exercise(banded, Progression.EASE).reps == 8
    by_reps = dataclasses.replace(banded, progression=ProgressionKind.REPS)
    assert step_exercise(by_reps, Progression.PROGRESS).reps == 12


@given(st.integers(1, 98), st.integers(5, 595).map(float))
def test_within_the_bounds_a_progression_followed_by_an_easing_returns_the_original_dose(
    rep_count: int, seconds: float
) -> None:
    plan = routine(
        dataclasses.replace(reps(reps=rep_count), reps_range=(1, 100)),
        dataclasses.replace(hold(seconds=seconds), hold_range=(1.0, 600.0)),
    )

    assert step_routine(step_routine(plan, Progression.PROGRESS), Progression.EASE) == plan


def test_hold_proposes_nothing_and_a_proposal_lists_the_changes() -> None:
    plan = routine(reps(reps=12, sets=3, sides=("left", "right")), timer())

    assert propose(plan, ProgressionAdvice(Progression.HOLD, "keep going")) is None
    proposal = propose(plan, EASE)
    assert proposal is not None
    assert [(c.exercise_id, c.before, c.after) for c in proposal.changes] == [
        ("clamshell", "3 × 12 each side", "3 × 10 each side")
    ]


def test_nothing_to_ease_proposes_nothing() -> None:
    assert propose(routine(timer()), EASE) is None


@pytest.mark.parametrize("bundled", BUNDLED, ids=lambda p: p.stem)
def test_the_users_copy_of_a_bundled_routine_loads_and_keeps_everything_else(
    bundled: Path, tmp_path: Path
) -> None:
    original = load_routine(bundled, ASSETS)
    before = bundled.read_bytes()
    proposal = propose(original, EASE)
    assert proposal is not None
    user_dir = tmp_path / "routines"

    written = write_user_copy(proposal, user_dir, TODAY, ASSETS)
    copy = load_routine(written, ASSETS)

    assert written == user_dir / f"{original.id}.toml"
    assert bundled.read_bytes() == before
    assert copy.exercises == tuple(
        dataclasses.replace(e, line=c.line)
        for e, c in zip(proposal.routine.exercises, copy.exercises, strict=True)
    )
    assert (copy.id, copy.title, copy.description, copy.source, copy.sessions_per_week) == (
        original.id,
        original.title,
        original.description,
        original.source,
        original.sessions_per_week,
    )
    assert all(e.image is None or e.image.is_relative_to(ASSETS) for e in copy.exercises)
    # An eased single number keeps the sheet's dose (`prescribed_*`), which only format 2 can say.
    assert tomllib.loads(written.read_text(encoding="utf-8"))["format"] == 2
    text = written.read_text(encoding="utf-8")
    assert text.startswith(f"# Your own copy of {bundled}, ")
    assert f"on {TODAY.isoformat()}" in text
    assert "# Why: " in text


def test_the_copy_takes_the_bundled_routines_place_in_the_library(tmp_path: Path) -> None:
    original = load_routine(REPO / "routines" / "hip-strength.toml", ASSETS)
    proposal = propose(original, PROGRESS)
    assert proposal is not None
    user_dir = tmp_path / "routines"

    write_user_copy(proposal, user_dir, TODAY, ASSETS)
    library = discover_routines(REPO / "routines", user_dir, ASSETS)

    entry = library.find("hip-strength")
    assert entry is not None
    assert (entry.origin, entry.replaces) == (Origin.USER, REPO / "routines" / "hip-strength.toml")
    # Only the wall squat has a range on the sheet: 20 → 25 s; the single numbers stay as written.
    assert [e.hold_seconds for e in entry.routine.exercises if e.id == "wall-squat"] == [25.0]
    assert [e.reps for e in entry.routine.exercises[:3]] == [12, 12, 12]
    assert not library.broken


def test_adjusting_the_users_own_routine_rewrites_that_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    user_dir = tmp_path / "routines"
    mine = write(
        user_dir / "my-knee.toml",
        'format = 1\nid = "knee"\ntitle = "Mine"\n[[exercises]]\nid = "a"\nname = "A"\nreps = 10\n',
    )
    proposal = propose(load_routine(mine), EASE)
    assert proposal is not None

    written = write_user_copy(proposal, user_dir, TODAY)

    assert written == mine == user_copy_path(proposal.routine, user_dir)
    assert (load_routine(mine).exercises[0].reps, load_routine(mine).exercises[0].prescribed_reps) == (8, 10)
    assert "reps = 10" in (user_dir / "my-knee.toml.bak").read_text(encoding="utf-8")
    assert not discover_routines(tmp_path / "none", user_dir).broken


def test_an_original_replaced_by_a_pipe_since_it_loaded_is_a_routine_error_not_a_hang(tmp_path: Path) -> None:
    user_dir = tmp_path / "routines"
    mine = write(
        user_dir / "my-knee.toml",
        'format = 1\nid = "knee"\ntitle = "Mine"\n[[exercises]]\nid = "a"\nname = "A"\nreps = 10\n',
    )
    proposal = propose(load_routine(mine), EASE)
    assert proposal is not None
    mine.unlink()
    os.mkfifo(mine)

    with pytest.raises(RoutineError, match="not a plain file"):
        write_user_copy(proposal, user_dir, TODAY)

    assert sorted(p.name for p in user_dir.iterdir()) == ["my-knee.toml"]


def test_an_image_kept_beside_the_original_is_copied_beside_the_users_copy(tmp_path: Path) -> None:
    folder = tmp_path / "from-physio"
    write(folder / "pics" / "lunge.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    source = write(
        folder / "plan.toml",
        'format = 1\nid = "plan"\ntitle = "Plan"\n[[exercises]]\nid = "a"\nname = "A"\nreps = 10\n'
        'image = "pics/lunge.svg"\n',
    )
    proposal = propose(load_routine(source), EASE)
    assert proposal is not None

    copy = load_routine(write_user_copy(proposal, tmp_path / "routines", TODAY))

    assert copy.exercises[0].image == (tmp_path / "routines" / "pics" / "lunge.svg").resolve()


def test_the_original_files_notes_follow_the_copy(tmp_path: Path) -> None:
    original = load_routine(REPO / "routines" / "gentle-start.toml", ASSETS)
    proposal = propose(original, EASE)
    assert proposal is not None

    text = write_user_copy(proposal, tmp_path, TODAY, ASSETS).read_text(encoding="utf-8")

    assert "# Notes from the original file:\n# Gentle start, stage 1 of 3" in text
    assert "Bolgla LA & Boling MC" in text


def test_the_icing_routine_is_never_stepped() -> None:
    ice = load_routine(REPO / "routines" / "ice.toml", ASSETS)

    assert all(e.kind is ExerciseKind.TIMER for e in ice.exercises)
    assert step_routine(ice, Progression.PROGRESS) == step_routine(ice, Progression.EASE) == ice


def test_progression_moves_within_the_sheets_range_and_never_past_its_ends() -> None:
    ranged = dataclasses.replace(reps(reps=13), reps_range=(10, 15))

    assert step_exercise(ranged, Progression.PROGRESS).reps == 15
    assert step_exercise(dataclasses.replace(ranged, reps=15), Progression.PROGRESS).reps == 15
    assert step_exercise(dataclasses.replace(ranged, reps=11), Progression.EASE).reps == 10
    assert step_exercise(dataclasses.replace(ranged, reps=10), Progression.EASE).reps == 10
    held = dataclasses.replace(hold(seconds=8), hold_range=(5.0, 10.0), progression=ProgressionKind.HOLD)
    assert step_exercise(held, Progression.PROGRESS).hold_seconds == 10.0


def test_stretches_and_icing_are_never_progressed_or_eased() -> None:
    stretch = dataclasses.replace(hold(seconds=30), progression=ProgressionKind.NONE)

    assert step_exercise(stretch, Progression.PROGRESS) == stretch
    assert step_exercise(stretch, Progression.EASE) == stretch
    assert step_exercise(timer(), Progression.PROGRESS) == timer()


def test_sets_ease_one_at_a_time_to_half_and_come_back_to_the_sheets_sets() -> None:
    by_sets = dataclasses.replace(reps(sets=4), progression=ProgressionKind.SETS)

    eased = step_exercise(by_sets, Progression.EASE)
    assert (eased.sets, eased.prescribed_sets) == (3, 4)
    assert step_exercise(step_exercise(eased, Progression.EASE), Progression.EASE).sets == 2
    assert step_exercise(eased, Progression.PROGRESS) == by_sets


def test_at_the_top_the_advice_names_the_next_stage() -> None:
    top = dataclasses.replace(
        routine(dataclasses.replace(reps(reps=15), reps_range=(10, 15))), next="stage-2"
    )
    sessions = [
        session_on(days_ago(4), pain=2, morning_pain=1, routine_id=top.id),
        session_on(days_ago(2), pain=2, morning_pain=1, routine_id=top.id),
    ]

    advice = routine_advice(sessions, top, TODAY)

    assert advice.decision is Progression.PROGRESS
    assert advice.proposal is None
    assert "at the top of the sheet's range: move on to the next stage, 'stage-2'," in advice.reason


def test_at_the_bottom_the_advice_suggests_a_review() -> None:
    bottom = routine(dataclasses.replace(reps(reps=10), reps_range=(10, 15)))
    sessions = [session_on(days_ago(2), pain=7, morning_pain=1, routine_id=bottom.id)]

    advice = routine_advice(sessions, bottom, TODAY)

    assert advice.decision is Progression.EASE
    assert advice.proposal is None
    assert advice.reason.endswith("ask your physiotherapist to review the programme.")


def test_a_ranged_copy_is_written_in_format_2_and_loads_back_the_same(tmp_path: Path) -> None:
    sheet = REPO / "tests" / "data" / "sheets" / "trial-home-programme.toml"
    original = load_routine(sheet, ASSETS)
    proposal = propose(original, PROGRESS)
    assert proposal is not None

    copy = load_routine(write_user_copy(proposal, tmp_path, TODAY, ASSETS), ASSETS)

    assert (copy.times_per_day, copy.days_per_week, copy.pain_limit, copy.weeks) == (3, 7, 3, 12)
    assert copy.education == original.education
    balance = copy.exercises[3]
    assert (balance.reps, balance.reps_range, balance.load) == (7, (5, 10), "theraband round the ankles")
