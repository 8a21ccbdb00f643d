"""Routine format 3: per-exercise frequency and pain limits, tempo, sets until tired, sides by the affected
leg, steps of load and levels; every mistake a `PATH:LINE` sentence, formats 1 and 2 untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.routines.loader import check_routine_file, load_routine
from coach.core.routines.model import ProgressionKind, SideDose, StepKind, due_exercises, plan_steps
from coach.core.routines.validation import field_problems
from tests.conftest import REPO, write

HEADER = 'format = 3\nid = "r"\ntitle = "R"\ndays_per_week = 7\ntimes_per_day = 2\n'


def exercise(*lines: str) -> str:
    return '\n[[exercises]]\nid = "a"\nname = "A"\n' + "\n".join(lines) + "\n"


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = write(tmp_path / "r.toml", text)
    return [str(p).removeprefix(f"{path}:") for p in check_routine_file(path, REPO / "assets").problems]


def loaded(text: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_routine(write(tmp_path / "r.toml", text), REPO / "assets")


def test_an_exercise_has_its_own_frequency_days_and_pain_limit(tmp_path: Path) -> None:
    text = HEADER + exercise("reps = 10", "times_per_day = 1", "days = ['mon', 'Thursday']", "pain_limit = 0")

    routine = loaded(text, tmp_path)
    (saq,) = routine.exercises

    assert (saq.times_per_day, saq.days, saq.pain_limit) == (1, ("mon", "thu"), 0)
    assert saq.pain_limit_in(routine) == 0
    assert routine.times_per_day == 2


def test_short_arc_quad_twice_a_day_the_others_once(tmp_path: Path) -> None:
    text = (
        HEADER
        + exercise("reps = 10")
        + '\n[[exercises]]\nid = "b"\nname = "B"\nreps = 10\ntimes_per_day = 1\ndays = ["mon", "thu"]\n'
    )
    routine = loaded(text, tmp_path)

    assert [e.id for e in due_exercises(routine, weekday=0, dose=1).exercises] == ["a", "b"]
    assert [e.id for e in due_exercises(routine, weekday=0, dose=2).exercises] == ["a"]
    assert [e.id for e in due_exercises(routine, weekday=1, dose=1).exercises] == ["a"]


def test_routine_days_give_its_days_per_week(tmp_path: Path) -> None:
    text = 'format = 3\nid = "r"\ntitle = "R"\ndays = ["tue", "fri"]\n' + exercise("reps = 5")

    routine = loaded(text, tmp_path)

    assert (routine.days, routine.days_per_week, routine.sessions_per_week) == (("tue", "fri"), 2, 2)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("reps = 5", "times_per_day = 3"), "11: times_per_day may be at most the routine's (2), got 3"),
        (("reps = 5", "days = ['mon', 'funday']"), '11: "funday" is not a weekday'),
        (("reps = 5", "days = ['mon', 'mon']"), "11: days lists the same day twice"),
        (
            ("reps = 5", "days = ['mon']", "days_per_week = 2"),
            "11: days names 1 days but days_per_week says 2",
        ),
        (("reps = 5", "pain_limit = 6"), "11: pain_limit must be at most 5, got 6"),
        (("reps = 5", "tempo = [2, 1]"), "11: tempo must be three numbers of seconds [UP, HOLD, DOWN]"),
        (("reps = 5", "tempo = [2, 1, 3]", "rep_seconds = 4"), "11: tempo already gives each rep's time"),
        (("hold_seconds = 5", "tempo = [2, 1, 3]"), "11: tempo is the time of each rep: it goes with reps"),
        (("reps = 5", "until = 'tired'"), '11: until = "tired" goes with the expected range of reps'),
        (("reps = [5, 10]", "until = 'bored'"), '11: until must be "tired"'),
        (("reps = 5", "sets = { affected = 3, unaffected = 1 }"), "11: sets by side goes with sides"),
        (
            ("reps = 5", "sides = ['affected', 'unaffected']", "sets = { affected = 3 }"),
            "12: sets by side must give both affected and unaffected",
        ),
        (
            ("reps = 5", "sides = ['affected', 'unaffected']", "sets = { affected = 0, unaffected = 1 }"),
            "12: sets.affected must be at least 1, got 0",
        ),
        (("reps = [5, 10]", "load = ['none']"), "11: load steps must be 2 to 10 texts in quotes"),
        (
            ("reps = [5, 10]", "load = ['a', 'b']", "start_load = 3"),
            "12: start_load must be at most 2, got 3",
        ),
        (
            ("reps = [5, 10]", "load = ['a', 'b']", "progression = 'reps-then-load'", "reps_after_load = 12"),
            "13: reps_after_load must be within the range of reps 5–10, got 12",
        ),
        (
            ("reps = 5", "load = ['a', 'b']", "progression = 'reps-then-load'"),
            '12: progression = "reps-then-load" needs a range',
        ),
        (("reps = 5", "progression = 'level'"), '11: progression = "level" needs levels'),
        (
            ("reps = 5", "level_up_after_pain_free_reps = 5"),
            '11: level_up_after_pain_free_reps goes with progression = "level"',
        ),
        (("reps = 5", "progress_after_weeks = 0"), "11: progress_after_weeks must be at least 1, got 0"),
    ],
)
def test_each_format_3_mistake_is_a_sentence_on_its_line(
    tmp_path: Path, lines: tuple[str, ...], expected: str
) -> None:
    found = problems_of(HEADER + exercise(*lines), tmp_path)

    assert any(expected in problem for problem in found), found


def test_format_3_keys_in_a_format_2_file_say_how_to_opt_in(tmp_path: Path) -> None:
    text = 'format = 2\nid = "r"\ntitle = "R"\n' + exercise(
        "reps = [5, 10]", "tempo = [2, 1, 2]", "load = ['a', 'b']", "progression = 'level'"
    )

    found = problems_of(text, tmp_path)

    assert "9: 'tempo' needs format 3: write 'format = 3' at the top of the file" in found
    assert "10: steps of load need format 3: write 'format = 3' at the top of the file" in found
    assert any(p.startswith('11: progression = "level" needs format 3') for p in found)


def test_tempo_times_each_rep_and_places_its_hold(tmp_path: Path) -> None:
    routine = loaded(HEADER + exercise("reps = 2", "tempo = [2, 1, 3]"), tmp_path)

    rep = next(s for s in plan_steps(routine) if s.kind is StepKind.REP)

    assert (rep.seconds, rep.hold_seconds, rep.tempo) == (6, 1, (2, 1, 3))
    assert (rep.hold_starts_after, rep.hold_ends_after) == (2, 3)
    assert routine.exercises[0].prescription() == "1 × 2, up 2 s, hold 1 s, down 3 s"


def test_until_tired_plans_one_open_ended_step_a_set(tmp_path: Path) -> None:
    routine = loaded(HEADER + exercise("sets = 2", "reps = [10, 15]", "until = 'tired'"), tmp_path)

    work = [s for s in plan_steps(routine) if s.kind.is_work]

    assert [(s.set_number, s.open_ended, s.reps_range) for s in work] == [
        (1, True, (10, 15)),
        (2, True, (10, 15)),
    ]
    assert work[0].describe() == "A, set 1 of 2, until tired, about 10–15 reps"
    assert routine.exercises[0].prescription() == "2 × until tired (10–15)"


def test_sides_by_the_affected_leg_resolve_to_left_and_right(tmp_path: Path) -> None:
    text = HEADER + exercise(
        "reps = 10", "sides = ['affected', 'unaffected']", "sets = { affected = 3, unaffected = 1 }"
    )
    routine = loaded(text, tmp_path)
    (inner,) = routine.exercises

    assert inner.side_doses == (SideDose("affected", 3, 10, 0.0), SideDose("unaffected", 1, 10, 0.0))
    assert inner.prescription() == "3 × 10 affected, 1 × 10 unaffected"
    sides = [(s.side, s.set_number) for s in plan_steps(routine, affected_side="right") if s.rep == 1]
    assert sides == [("right", 1), ("left", 1), ("right", 2), ("right", 3)]
    unknown = {s.side for s in plan_steps(routine) if s.kind is StepKind.REP}
    assert unknown == {"affected", "unaffected"}


def test_steps_of_load_with_reps_then_load(tmp_path: Path) -> None:
    text = HEADER + exercise(
        "sets = 3",
        "reps = [20, 40]",
        "load = ['no weight', '1 lb ankle weight']",
        "start_load = 2",
        "progression = 'reps-then-load'",
        "reps_after_load = 20",
    )
    (saq,) = loaded(text, tmp_path).exercises

    assert (saq.loads, saq.load_step, saq.load, saq.reps_after_load) == (
        ("no weight", "1 lb ankle weight"),
        1,
        "1 lb ankle weight",
        20,
    )
    assert saq.progresses_by is ProgressionKind.REPS_THEN_LOAD
    assert saq.prescription() == "3 × 20, 1 lb ankle weight"


def test_levels_with_a_pain_free_criterion(tmp_path: Path) -> None:
    text = HEADER + exercise(
        "reps = 10",
        "levels = ['step-down from 10 cm', 'step-down from 20 cm']",
        "progression = 'level'",
        "level_up_after_pain_free_reps = 5",
        "progress_after_weeks = 2",
    )
    (step_down,) = loaded(text, tmp_path).exercises

    assert (step_down.level, step_down.level_up_after_pain_free_reps) == ("step-down from 10 cm", 5)
    assert step_down.progress_after_weeks == 2
    assert "Level: step-down from 10 cm" in step_down.directions
    assert step_down.prescription() == "1 × 10, step-down from 10 cm"


def test_a_format_4_file_needs_a_newer_rehab_coach(tmp_path: Path) -> None:
    found = problems_of(HEADER.replace("format = 3", "format = 4") + exercise("reps = 5"), tmp_path)

    assert found == ["1: format 4 needs a newer Rehab Coach: this one reads formats 1 to 3"]


def test_field_problems_place_each_sentence_on_its_key() -> None:
    document = {
        "format": 3,
        "id": "r",
        "title": "",
        "exercises": [{"id": "a", "name": "A", "reps": [10, 15], "until": "bored"}],
    }

    found = {(p.key_path, p.message) for p in field_problems(document)}

    assert (("title",), "title must not be empty") in found
    assert (
        ("exercises", 0, "until"),
        'until must be "tired" (each set until you are tired), got "bored"',
    ) in found


def test_field_problems_of_broken_toml_point_at_the_whole_file() -> None:
    (problem,) = field_problems('format = 3\nid = "r\n')

    assert problem.key_path == ()
    assert problem.message.startswith("this is not valid TOML")
