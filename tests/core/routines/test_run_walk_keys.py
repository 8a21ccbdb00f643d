"""Format 3's back-to-running keys: `run_walk`, `stages`, `cadence_bpm` on an exercise and `requires` on the
routine; each mistake a `PATH:LINE` sentence, and format 2 files told how to opt in."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.routines.loader import check_routine_file, load_routine
from coach.core.routines.model import (
    ExerciseKind,
    ProgressionKind,
    Requirement,
    RunWalk,
    StepKind,
    plan_steps,
)
from tests.conftest import REPO, write

HEADER = 'format = 3\nid = "run"\ntitle = "Run"\ndays_per_week = 3\npain_limit = 3\n'
STAGES = (
    "stages = [\n"
    "  { run_seconds = 60, walk_seconds = 60, repeats = 10 },\n"
    "  { run_seconds = 120, walk_seconds = 60, repeats = 8 },\n"
    "  { run_seconds = 1800, walk_seconds = 0, repeats = 1 },\n"
    "]"
)


def exercise(*lines: str) -> str:
    return '\n[[exercises]]\nid = "run-walk"\nname = "Run-walk"\n' + "\n".join(lines) + "\n"


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = write(tmp_path / "r.toml", text)
    return [str(p).removeprefix(f"{path}:") for p in check_routine_file(path, REPO / "assets").errors]


def test_a_run_walk_with_stages_starts_at_the_first_and_plans_run_and_walk_intervals(tmp_path: Path) -> None:
    routine = load_routine(write(tmp_path / "r.toml", HEADER + exercise(STAGES, "cadence_bpm = 170")))
    (run,) = routine.exercises

    assert run.kind is ExerciseKind.RUN_WALK
    assert run.stages[-1] == RunWalk(1800, 0, 1)
    assert (run.run_walk, run.stage, run.cadence_bpm) == (RunWalk(60, 60, 10), 0, 170)
    assert run.prescription() == "1 min run, 1 min walk, 10 times"
    assert run.progresses_by is ProgressionKind.NONE  # the runners' rule moves stages, not the dose rule
    steps = plan_steps(routine)
    assert [s.kind for s in steps[:4]] == [StepKind.GET_READY, StepKind.RUN, StepKind.WALK, StepKind.RUN]
    assert [(s.repeat, s.repeats_total, s.seconds) for s in steps[1:3]] == [(1, 10, 60), (1, 10, 60)]
    assert steps[1].cadence_bpm == 170  # the metronome ticks only while running
    assert steps[2].cadence_bpm is None
    assert sum(s.kind is StepKind.RUN for s in steps) == 10


def test_run_walk_names_where_in_the_stages_the_plan_starts(tmp_path: Path) -> None:
    text = HEADER + exercise(STAGES, "run_walk = { run_seconds = 120, walk_seconds = 60, repeats = 8 }")

    (run,) = load_routine(write(tmp_path / "r.toml", text)).exercises

    assert (run.stage, run.run_walk) == (1, RunWalk(120, 60, 8))


def test_a_run_walk_alone_is_one_stage(tmp_path: Path) -> None:
    text = HEADER + exercise("run_walk = { run_seconds = 60, walk_seconds = 90, repeats = 5 }")

    (run,) = load_routine(write(tmp_path / "r.toml", text)).exercises

    assert run.stages == (RunWalk(60, 90, 5),)
    assert run.prescription() == "1 min run, 1.5 min walk, 5 times"


def test_a_continuous_run_reads_as_one(tmp_path: Path) -> None:
    assert RunWalk(1800, 0, 1).describe() == "30 min run"
    assert RunWalk(45, 15, 1).describe() == "45 s run, 15 s walk, once"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("run_walk = { run_seconds = 60, walk_seconds = 60 }",), "10: run_walk must be { run_seconds = N"),
        (
            ("run_walk = { run_seconds = 5, walk_seconds = 60, repeats = 2 }",),
            "10: run_walk.run_seconds must be at least 10, got 5",
        ),
        (
            ("run_walk = { run_seconds = 60, walk_seconds = 60, repeats = 1.5 }",),
            "10: run_walk.repeats must be a whole number",
        ),
        (
            ("run_walk = { run_seconds = 3600, walk_seconds = 600, repeats = 30 }",),
            "10: run_walk takes 2100 minutes: at most 120",
        ),
        (
            ("stages = [{ run_seconds = 60, walk_seconds = 60, repeats = 10 }]",),
            "10: stages must be a list of 2 to 20",
        ),
        (
            (
                "stages = [{ run_seconds = 120, walk_seconds = 60, repeats = 8 },"
                " { run_seconds = 60, walk_seconds = 60, repeats = 10 }]",
            ),
            "10: stage 2 runs less than stage 1 (1 min run, 1 min walk, 10 times after 2 min run",
        ),
        (
            (STAGES, "run_walk = { run_seconds = 90, walk_seconds = 60, repeats = 8 }"),
            "15: run_walk must be one of the stages",
        ),
        (
            ("run_walk = { run_seconds = 60, walk_seconds = 60, repeats = 2 }", "reps = 10"),
            "11: a run-walk is one block of intervals: remove reps",
        ),
        (
            ("run_walk = { run_seconds = 60, walk_seconds = 60, repeats = 2 }", "cadence_bpm = 400"),
            "11: cadence_bpm must be at most 220, got 400",
        ),
        (
            ("reps = 10", "cadence_bpm = 170"),
            "11: cadence_bpm is the metronome of a run-walk: it goes with run_walk",
        ),
    ],
)
def test_each_mistake_is_a_sentence_with_its_line(
    lines: tuple[str, ...], expected: str, tmp_path: Path
) -> None:
    found = problems_of(HEADER + exercise(*lines), tmp_path)

    assert any(p.startswith(expected) for p in found), found


def test_a_format_2_file_is_told_to_opt_in(tmp_path: Path) -> None:
    text = HEADER.replace("format = 3", "format = 2") + exercise(
        "run_walk = { run_seconds = 60, walk_seconds = 60, repeats = 10 }"
    )

    assert "10: 'run_walk' needs format 3: write 'format = 3' at the top of the file" in problems_of(
        text, tmp_path
    )


def test_requires_names_the_stage_and_the_pain_condition(tmp_path: Path) -> None:
    text = HEADER + 'requires = { routine = "hip-strength", pain_at_most = 2 }\n' + exercise(STAGES)

    routine = load_routine(write(tmp_path / "r.toml", text))

    assert routine.requires == Requirement("hip-strength", 2)
    assert "pain during its sessions at most 2 out of 10" in routine.requires.sentence()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"hip-strength"', '6: requires must be { routine = "ID", pain_at_most = N }'),
        (
            '{ routine = "hip-strength", pain_at_most = 7 }',
            "6: requires.pain_at_most must be at most 5, got 7",
        ),
        ("{ routine = 3, pain_at_most = 2 }", "6: requires must be { routine"),
    ],
)
def test_a_bad_requires_is_a_sentence(value: str, expected: str, tmp_path: Path) -> None:
    found = problems_of(HEADER + f"requires = {value}\n" + exercise(STAGES), tmp_path)

    assert any(p.startswith(expected) for p in found), found


def test_the_editor_reads_and_writes_run_walks_as_a_person_types_them() -> None:
    from coach.core.routines.form_fields import EXERCISE_FIELDS_BY_KEY, ROUTINE_FIELDS_BY_KEY
    from coach.core.routines.form_fields import text_of_value as shown
    from coach.core.routines.form_fields import value_of_text as typed

    stages, run_walk = EXERCISE_FIELDS_BY_KEY["stages"], EXERCISE_FIELDS_BY_KEY["run_walk"]
    requires = ROUTINE_FIELDS_BY_KEY["requires"]

    assert typed(run_walk, "60, 60, 10") == {"run_seconds": 60, "walk_seconds": 60, "repeats": 10}
    assert [dict(t) for t in typed(stages, "60, 60, 10\n1800 0 1\n")] == [
        {"run_seconds": 60, "walk_seconds": 60, "repeats": 10},
        {"run_seconds": 1800, "walk_seconds": 0, "repeats": 1},
    ]
    assert typed(run_walk, "a minute") == "a minute"  # as typed: the validator's sentence says why
    assert shown(stages, typed(stages, "60, 60, 10\n120, 60, 8")) == "60, 60, 10\n120, 60, 8"
    assert typed(requires, "hip-strength, 3") == {"routine": "hip-strength", "pain_at_most": 3}
    assert shown(requires, {"routine": "hip-strength", "pain_at_most": 3}) == "hip-strength, 3"
