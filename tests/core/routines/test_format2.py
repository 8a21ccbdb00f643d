"""Routine format 2: what physiotherapy sheets say (frequency, ranges, pain limit, load, stages) loads,
every mistake is a `PATH:LINE` sentence, and format 1 files are untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.routines.library import discover_routines
from coach.core.routines.loader import RoutineError, check_routine_file, load_routine
from coach.core.routines.model import ProgressionKind, StepKind, Target, plan_steps
from coach.core.routines.wording import stage_line
from tests.conftest import REPO, write

SHEETS = REPO / "tests" / "data" / "sheets"
HEADER = 'format = 2\nid = "r"\ntitle = "R"\n'
ONE = '\n[[exercises]]\nid = "a"\nname = "A"\nreps = 5\n'


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = write(tmp_path / "r.toml", text)
    return [str(p).removeprefix(f"{path}:") for p in check_routine_file(path, REPO / "assets").problems]


def test_three_times_a_day_every_day_is_21_sessions_a_week_three_a_day() -> None:
    routine = load_routine(SHEETS / "trial-home-programme.toml", REPO / "assets")

    assert (routine.days_per_week, routine.times_per_day, routine.sessions_per_week) == (7, 3, 21)
    assert (routine.weeks, routine.pain_limit, routine.format) == (12, 3, 2)
    assert routine.education == ("Expect the effect over weeks of regular exercise, not days.",)


def test_the_trial_sheet_keeps_every_dose_load_and_range() -> None:
    routine = load_routine(SHEETS / "trial-home-programme.toml", REPO / "assets")
    squeeze, squat, step_up, balance = routine.exercises

    assert (squeeze.reps, squeeze.hold_seconds, squeeze.progresses_by) == (5, 5, ProgressionKind.NONE)
    assert (squat.sets, squat.reps) == (3, 5)
    assert (step_up.reps, step_up.sides) == (5, ("left", "right"))
    assert (balance.reps, balance.reps_range, balance.load) == (5, (5, 10), "theraband round the ankles")
    assert balance.rest_after_seconds == 60


def test_daily_stretches_and_strength_four_days_a_week_are_two_routines() -> None:
    strength = load_routine(SHEETS / "kingsland-knee-pain.toml", REPO / "assets")
    stretches = load_routine(SHEETS / "kingsland-stretches.toml", REPO / "assets")

    assert (strength.days_per_week, strength.sessions_per_week, strength.weeks) == (4, 4, 6)
    assert (stretches.days_per_week, stretches.sessions_per_week) == (7, 7)
    assert all(e.progresses_by is ProgressionKind.NONE for e in stretches.exercises)
    wall_sit = strength.exercises[1]
    assert (wall_sit.hold_seconds, wall_sit.hold_range, wall_sit.progresses_by) == (
        5,
        (5, 10),
        ProgressionKind.HOLD,
    )
    assert strength.exercises[2].load.startswith("no band yet")


def test_a_sheet_that_says_no_pain_at_all_has_a_limit_of_zero() -> None:
    routine = load_routine(SHEETS / "camden-msk-anterior-knee.toml", REPO / "assets")

    assert routine.pain_limit == 0
    assert [e.reps_range for e in routine.exercises[:2]] == [(10, 15), (10, 15)]
    assert routine.exercises[0].reps == 10  # a range starts at its bottom
    assert routine.exercises[2].progresses_by is ProgressionKind.NONE  # a stretch


@pytest.mark.parametrize("sheet", sorted(SHEETS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_test_sheet_is_clean_and_cites_its_leaflet(sheet: Path) -> None:
    checked = check_routine_file(sheet, REPO / "assets")

    assert checked.problems == ()
    assert checked.routine is not None
    assert checked.routine.source
    assert "https://" in sheet.read_text(encoding="utf-8")


def test_rest_after_an_exercise_comes_before_the_next_one() -> None:
    routine = load_routine(SHEETS / "kingsland-knee-pain.toml", REPO / "assets")
    steps = plan_steps(routine)

    wall_sit_end = max(s.index for s in steps if s.exercise_id == "wall-sit")
    rest = steps[wall_sit_end]
    assert (rest.kind, rest.seconds) == (StepKind.REST, 60)
    assert rest.describe() == "Rest before the next exercise"
    assert steps[wall_sit_end + 1].exercise_id == "side-lying-hip-abduction"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEADER + "pain_limit = 6\n" + ONE,
            "4: pain_limit must be at most 5, got 6: the pain-monitoring model",
        ),
        (HEADER + "pain_limit = -1\n" + ONE, "4: pain_limit must be at least 0, got -1"),
        (
            HEADER + "times_per_day = 7\ndays_per_week = 7\n" + ONE,
            "4: times_per_day must be at most 6, got 7",
        ),
        (HEADER + "days_per_week = 8\n" + ONE, "4: days_per_week must be at most 7, got 8"),
        (HEADER + "weeks = 53\n" + ONE, "4: weeks must be at most 52, got 53"),
        (HEADER + "times_per_day = 3\n" + ONE, "4: times_per_day goes with days_per_week"),
        (HEADER + "days_per_week = 3\nsessions_per_week = 3\n" + ONE, "4: give either days_per_week or"),
        (HEADER + 'next = "r"\n' + ONE, "4: next names this routine itself"),
        (HEADER + 'next = "Hip Work"\n' + ONE, "4: next must be a routine id"),
        (HEADER + ONE.replace("reps = 5", "reps = [15, 10]"), "8: a reps range must go from low to high"),
        (HEADER + ONE.replace("reps = 5", "reps = [10, 150]"), "8: a reps range must stay within 1–100"),
        (
            HEADER + ONE.replace("reps = 5", "reps = [10, 12, 15]"),
            "8: a reps range must be two whole numbers",
        ),
        (HEADER + ONE.replace("reps = 5", "reps = [10.5, 12]"), "8: a reps range must be two whole numbers"),
        (
            HEADER + ONE + 'progression = "more"\n',
            '9: progression must be one of "reps", "hold", "sets", "none"',
        ),
        (HEADER + ONE + "start_reps = 8\n", "9: start_reps goes with a reps range"),
        (
            HEADER + ONE.replace("reps = 5", "reps = [10, 15]\nstart_reps = 20"),
            "9: start_reps must be at most 15",
        ),
        (HEADER + ONE + 'load = "' + "x" * 61 + '"\n', "9: load may be at most 60 characters, got 61"),
        (
            HEADER + '\n[[exercises]]\nid = "w"\nname = "W"\ntimer_minutes = 5\nprogression = "reps"\n',
            '9: a timer (icing above all) is never progressed: progression must be "none"',
        ),
        (
            HEADER + '\n[[exercises]]\nid = "h"\nname = "H"\nhold_seconds = 5\nprogression = "reps"\n',
            '9: progression = "reps" needs an exercise done in reps',
        ),
    ],
)
def test_each_format_2_mistake_names_its_line(text: str, expected: str, tmp_path: Path) -> None:
    problems = problems_of(text, tmp_path)

    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("key_line", ["weeks = 8", "pain_limit = 3", 'next = "b"', "days_per_week = 7"])
def test_a_format_1_file_using_a_format_2_key_is_told_how_to_opt_in(key_line: str, tmp_path: Path) -> None:
    text = f'format = 1\nid = "r"\ntitle = "R"\n{key_line}\n' + ONE

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith("needs format 2: write 'format = 2' at the top of the file")
    assert problem.startswith("4: ")


def test_a_range_in_a_format_1_file_is_refused(tmp_path: Path) -> None:
    text = 'format = 1\nid = "r"\ntitle = "R"\n' + ONE.replace("reps = 5", "reps = [10, 15]")

    assert problems_of(text, tmp_path) == ["8: reps must be a whole number, got [10, 15]"]


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Cold pack on the knee", "Cold"),
        ("Knee cooling wrap", "cooling"),
        ("Cryotherapy", "Cryotherapy"),
        ("Ice the knee", "Ice"),
        ("Frozen peas", "Frozen"),
        ("Kühlpack auf das Knie", "Kühlpack"),
        ("Kälte", "Kälte"),
        ("Eis auflegen", "Eis"),
        ("Hielo en la rodilla", "Hielo"),
        ("Compresa fría", "Compresa fría"),
        ("FRIO", "FRIO"),
    ],
)
def test_a_plain_timer_that_looks_like_cold_treatment_over_20_minutes_is_an_error(
    name: str, word: str, tmp_path: Path
) -> None:
    text = (
        f'format = 1\nid = "r"\ntitle = "R"\n\n[[exercises]]\nid = "t"\nname = "{name}"\ntimer_minutes = 45\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert problem == (
        f"5: '{name}' looks like cold treatment (\"{word}\") and runs 45 minutes: icing is limited to 20 "
        "minutes because longer cold can injure skin and nerves; write 'icing = true' with at most 20 minutes"
    )
    with pytest.raises(RoutineError):
        load_routine(tmp_path / "r.toml")


def test_the_instructions_sets_and_sides_count_too(tmp_path: Path) -> None:
    text = (
        'format = 1\nid = "r"\ntitle = "R"\n\n[[exercises]]\nid = "t"\nname = "Rest the knee"\n'
        'instructions = ["Lay a bag of frozen peas on it."]\ntimer_minutes = 10\nsets = 3\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert problem.startswith("5: 'Rest the knee' looks like cold treatment (\"frozen\") and runs 30 minutes")


@pytest.mark.parametrize("name", ["Ice the knee", "Cold pack"])
def test_a_plain_timer_that_looks_like_icing_within_20_minutes_gets_a_warning(
    name: str, tmp_path: Path
) -> None:
    text = (
        f'format = 1\nid = "r"\ntitle = "R"\n\n[[exercises]]\nid = "t"\nname = "{name}"\ntimer_minutes = 15\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert problem == (
        f"5: warning: '{name}' looks like icing: add 'icing = true' so that the 20-minute cap "
        "and the skin advice apply"
    )


@pytest.mark.parametrize("name", ["Brisk walk", "Backpack walk", "Nice easy cycle", "Icelandic breathing"])
def test_words_inside_other_words_are_not_cold_treatment(name: str, tmp_path: Path) -> None:
    text = f'format = 1\nid = "r"\ntitle = "R"\n\n[[exercises]]\nid = "walk"\nname = "{name}"\n'
    text += "timer_minutes = 30\n"

    assert problems_of(text, tmp_path) == []


def test_a_walk_timer_gets_no_icing_warning(tmp_path: Path) -> None:
    text = 'format = 1\nid = "r"\ntitle = "R"\n\n[[exercises]]\nid = "walk"\nname = "Brisk walk"\n'
    text += "timer_minutes = 30\n"

    assert problems_of(text, tmp_path) == []


def test_the_bundled_stages_chain_and_combine_hip_and_knee_work_from_week_1() -> None:
    library = discover_routines(REPO / "routines", REPO / "no-user-routines", REPO / "assets")
    knee_work = {"quadriceps-hold", "wall-squat", "step-up", "mini-squat", "step-down"}
    stage = library.find("gentle-start")
    seen: list[str] = []
    while stage is not None:
        routine = stage.routine
        seen.append(routine.id)
        assert routine.weeks > 0
        assert routine.education
        assert knee_work & {e.id for e in routine.exercises}, routine.id
        assert all(e.progresses_by is ProgressionKind.NONE for e in routine.exercises if "stretch" in e.id)
        stage = library.find(routine.next) if routine.next else None

    assert seen == ["gentle-start", "hip-strength", "hip-and-knee"]
    assert not library.broken
    assert all(entry.warnings == () for entry in library.routines)


def test_a_hold_without_reps_named_anything_is_never_progressed(tmp_path: Path) -> None:
    text = HEADER + '\n[[exercises]]\nid = "h"\nname = "Hamstring lengthening"\nhold_seconds = 20\n'

    (exercise,) = load_routine(write(tmp_path / "r.toml", text)).exercises

    assert exercise.progression is None
    assert exercise.progresses_by is exercise.eases_by is ProgressionKind.NONE


def test_a_hold_range_without_a_progression_is_left_as_it_is_with_a_warning(tmp_path: Path) -> None:
    text = HEADER + '\n[[exercises]]\nid = "h"\nname = "Wall sit"\nhold_seconds = [20, 40]\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.startswith("5: warning: 'Wall sit' is a hold without reps, which the pain rule leaves")
    assert 'progression = "hold"' in problem


def test_targets_say_knee_or_hip_work(tmp_path: Path) -> None:
    text = HEADER + ONE + 'targets = "knee"\n' + ONE.replace('"a"', '"b"') + 'targets = "shoulder"\n'

    assert problems_of(text, tmp_path) == ['15: targets must be one of "knee", "hip", got "shoulder"']
    (exercise,) = load_routine(write(tmp_path / "k.toml", HEADER + ONE + 'targets = "knee"\n')).exercises
    assert exercise.targets is Target.KNEE


@pytest.mark.parametrize(
    ("dose", "problem"),
    [
        (
            "reps = 10\nprescribed_reps = 8",
            "9: prescribed_reps is the sheet's dose before it was eased, so at least",
        ),
        ("reps = [10, 15]\nprescribed_reps = 15", "9: prescribed_reps goes with a single number of reps"),
        ("reps = 5\nprescribed_hold_seconds = 10", "9: prescribed_hold_seconds goes with a single number"),
        ("reps = 5\nprescribed_sets = 0", "9: prescribed_sets must be at least 1, got 0"),
    ],
)
def test_the_sheets_dose_in_an_eased_copy_is_checked(dose: str, problem: str, tmp_path: Path) -> None:
    (found,) = problems_of(HEADER + ONE.replace("reps = 5", dose), tmp_path)

    assert found.startswith(problem)


def test_an_eased_copy_keeps_the_sheets_dose_and_says_so(tmp_path: Path) -> None:
    text = HEADER + ONE.replace("reps = 5", "sets = 3\nreps = 8\nprescribed_reps = 12")

    (exercise,) = load_routine(write(tmp_path / "r.toml", text)).exercises

    assert (exercise.reps, exercise.prescribed_reps, exercise.reps_range) == (8, 12, None)
    assert exercise.sheet_dose() == "3 × 12"


def test_a_sheet_without_a_pain_limit_is_shown_with_the_apps_default_as_the_apps(tmp_path: Path) -> None:
    given = load_routine(write(tmp_path / "g.toml", HEADER + "pain_limit = 5\nweeks = 4\n" + ONE))
    none = load_routine(write(tmp_path / "n.toml", HEADER + "weeks = 4\n" + ONE))

    assert (given.pain_limit, given.pain_limit_given, none.pain_limit, none.pain_limit_given) == (
        5,
        True,
        5,
        False,
    )
    assert stage_line(given) == "For 4 weeks · pain up to 5 out of 10 is acceptable"
    assert stage_line(none) == (
        "For 4 weeks · no pain limit on the sheet: Rehab Coach's default limit of 5 out of 10 applies"
    )
