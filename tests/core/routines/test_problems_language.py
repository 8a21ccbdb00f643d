"""A routine file's problems in the chosen language, each with its English kept for `--json` and logs."""

from __future__ import annotations

from pathlib import Path

from coach.core.i18n import use_language
from coach.core.paths import catalogues as catalogue_folder
from coach.core.routines.bounds import LINK_LOOP
from coach.core.routines.library import discover_routines
from coach.core.routines.loader import check_routine_text
from tests.conftest import REPO

BROKEN = """\
format = 3
id = "knee"
title = "Knee"

[[exercises]]
id = "squat"
name = "Squat"
reps = 10
sets = 0
days = ["mon", "tue"]
days_per_week = 3
"""


def test_each_problem_is_said_in_german_and_kept_in_english(tmp_path: Path) -> None:
    use_language("de", catalogue_folder())
    path = tmp_path / "knee.toml"

    problems = check_routine_text(BROKEN, path).problems

    assert [str(p) for p in problems] == [
        f"{path}:9: sets muss mindestens 1 sein, erhalten: 0",
        f"{path}:10: days nennt 2 Tage, aber days_per_week sagt 3; geben Sie nur eines davon an",
    ]
    assert [p.in_english() for p in problems] == [
        f"{path}:9: sets must be at least 1, got 0",
        f"{path}:10: days names 2 days but days_per_week says 3; give one of them",
    ]


def test_in_english_a_problem_has_one_sentence(tmp_path: Path) -> None:
    problem = check_routine_text(BROKEN, tmp_path / "knee.toml").problems[0]

    assert (problem.message, problem.english) == ("sets must be at least 1, got 0", "")
    assert problem.in_english() == str(problem)


def test_a_looping_link_is_said_in_spanish_and_kept_in_english(tmp_path: Path) -> None:
    use_language("es", catalogue_folder())
    (tmp_path / "self.toml").symlink_to("self.toml")

    broken = discover_routines(REPO / "routines", tmp_path).broken

    assert [b.problems[0].message for b in broken] == [
        "esto es un enlace que lleva a sí mismo (un bucle de enlaces); no se leyó"
    ]
    assert broken[0].problems[0].english == LINK_LOOP


def test_a_run_walk_in_a_problem_is_said_in_german_and_kept_in_english(tmp_path: Path) -> None:
    use_language("de", catalogue_folder())
    text = """\
format = 3
id = "run"
title = "Run"

[[exercises]]
id = "run-walk"
name = "Run-walk"
run_walk = { run_seconds = 120, walk_seconds = 60, repeats = 8 }
stages = [
  { run_seconds = 60, walk_seconds = 60, repeats = 5 },
  { run_seconds = 60, walk_seconds = 60, repeats = 10 },
]
"""
    problem = check_routine_text(text, tmp_path / "run.toml").problems[0]

    assert problem.message == (
        "run_walk muss eine der Stufen sein (wo der Plan beginnt), erhalten: "
        "2 Min. laufen, 1 Min. gehen, 8-mal"
    )
    assert problem.english == (
        "run_walk must be one of the stages (where the plan starts), got 2 min run, 1 min walk, 8 times"
    )
