"""Each sheet typed in format 3, run through a whole simulated programme: every progression the pain rule
could offer is accepted and written back into the person's copy (with tomlkit, comments kept) until nothing
can move; the reps climb to the top, the load or the level steps up and the reps start again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.progression import held_back, propose, step_exercise, write_user_copy
from coach.core.routines.loader import load_routine
from coach.core.routines.model import Exercise, Routine
from tests.conftest import REPO, write

SHEETS = REPO / "tests" / "data" / "sheets"
ASSETS = REPO / "assets"
TODAY = date(2026, 3, 10)
PROGRESS = ProgressionAdvice(
    Progression.PROGRESS, "Pain settled by the morning after your last two sessions."
)
EASE = ProgressionAdvice(Progression.EASE, "Pain reached 7 out of 10 during a recent session.")


def programme(path: Path, user_dir: Path, exercise_id: str) -> tuple[list[tuple[int | None, str]], Routine]:
    """Accept every progression until none is left; the exercise's (reps, load or level) after each."""
    routine = load_routine(path, ASSETS)
    seen = [_dose(routine, exercise_id)]
    for _ in range(60):
        proposal = propose(routine, PROGRESS)
        if proposal is None:
            return seen, routine
        routine = load_routine(write_user_copy(proposal, user_dir, TODAY, ASSETS), ASSETS)
        seen.append(_dose(routine, exercise_id))
    raise AssertionError("the programme never reached its top")


def _dose(routine: Routine, exercise_id: str) -> tuple[int | None, str]:
    exercise = _find(routine, exercise_id)
    return exercise.reps, exercise.level or exercise.load


def _find(routine: Routine, exercise_id: str) -> Exercise:
    return next(e for e in routine.exercises if e.id == exercise_id)


COMMENTED = """# Short-arc quads from a clinic's sheet: "at 3 x 40 add a 1 lb weight, start again at 3 x 20".
format = 3
id = "saq"
title = "Short-arc quads"
days_per_week = 7  # every day

[[exercises]]
id = "short-arc-quad"
name = "Short-arc quad"
# The towel roll under the knee stays.
sets = 3
reps = [20, 40]  # the sheet's range
load = ["no weight", "1 lb ankle weight", "2 lb ankle weight"]
progression = "reps-then-load"
reps_after_load = 20
"""


def test_reps_climb_to_the_top_then_the_next_load_starts_again_and_comments_survive(tmp_path: Path) -> None:
    sheet = write(tmp_path / "sheet" / "saq.toml", COMMENTED)

    seen, last = programme(sheet, tmp_path / "routines", "short-arc-quad")

    first_load = [reps for reps, load in seen if load == "no weight"]
    assert first_load == list(range(20, 41, 2))
    assert seen[11] == (20, "1 lb ankle weight")
    assert seen[-1] == (40, "2 lb ankle weight")
    text = (tmp_path / "routines" / "saq.toml").read_text(encoding="utf-8")
    for comment in (
        "days_per_week = 7  # every day",
        "# The towel roll under the knee stays.",
        "reps = [20, 40]  # the sheet's range",
        "# Notes from the original file:\n# Short-arc quads from a clinic's sheet",
    ):
        assert comment in text
    assert "start_load = 3" in text
    assert _find(last, "short-arc-quad").load_step == 2


def test_easing_at_the_bottom_of_a_load_goes_back_to_the_load_before() -> None:
    saq = _find(load_routine(SHEETS / "kingsland-knee-pain-format3.toml", ASSETS), "side-lying-hip-abduction")
    banded = step_exercise(saq, Progression.PROGRESS)

    eased = step_exercise(banded, Progression.EASE)

    assert (banded.load, banded.reps) == ("red band", 8)
    assert (eased.load, eased.reps) == ("no band", 8)


def test_kingsland_in_format_3_adds_the_red_band_after_3_x_8(tmp_path: Path) -> None:
    seen, _ = programme(SHEETS / "kingsland-knee-pain-format3.toml", tmp_path, "side-lying-hip-abduction")

    assert seen[0] == (8, "no band")
    assert (8, "red band") in seen


def test_vicenzino_step_downs_go_from_10_to_20_cm_and_the_quads_dose_stays_by_side(tmp_path: Path) -> None:
    seen, last = programme(SHEETS / "vicenzino-2008-crossley-format3.toml", tmp_path, "step-down")

    assert seen == [(5, "step-down from 10 cm"), (5, "step-down from 20 cm")]
    quads = _find(last, "inner-quadriceps")
    assert quads.prescription() == "3 × 10 affected, 1 × 10 unaffected"
    assert _find(last, "step-down").level_up_after_pain_free_reps == 5
    eased = step_exercise(_find(last, "step-down"), Progression.EASE)
    assert eased.level == "step-down from 10 cm"


def test_camden_in_format_3_never_moves_a_set_until_tired_by_its_reps(tmp_path: Path) -> None:
    seen, last = programme(SHEETS / "camden-msk-anterior-knee-format3.toml", tmp_path, "straight-leg-raise")

    assert seen == [(10, "")]  # the 10-15 is what "tired" is expected to be, not a dose to raise
    assert step_exercise(_find(last, "straight-leg-raise"), Progression.EASE) == _find(
        last, "straight-leg-raise"
    )
    raise_ = _find(last, "straight-leg-raise")
    assert (raise_.until_tired, raise_.sides) == (True, ("affected",))
    assert raise_.prescription() == "3 × until tired (10–15)"


def test_the_trial_sheet_holds_the_balance_work_for_its_first_four_weeks() -> None:
    routine = load_routine(SHEETS / "trial-home-programme-format3.toml", ASSETS)

    held = held_back([], routine, TODAY)

    assert held == {"standing-balance"}
    assert _find(routine, "step-up").pain_limit_in(routine) == 3
    proposal = propose(routine, PROGRESS, held)
    assert proposal is None or all(c.exercise_id != "standing-balance" for c in proposal.changes)


def test_every_format_3_sheet_keeps_what_its_format_2_typing_said() -> None:
    for new in SHEETS.glob("*-format3.toml"):
        old_path = SHEETS / new.name.replace("-format3", "")
        if not old_path.exists():
            continue
        old, now = load_routine(old_path, ASSETS), load_routine(new, ASSETS)
        assert (now.title, now.source, now.pain_limit, now.education) == (
            old.title,
            old.source,
            old.pain_limit,
            old.education,
        )
        assert [(e.id, e.name, e.instructions, e.rest_seconds) for e in now.exercises] == [
            (e.id, e.name, e.instructions, e.rest_seconds) for e in old.exercises
        ]
