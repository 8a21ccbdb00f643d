"""The editor's draft: a starter that validates, values typed as text, problems placed beside their field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.core.routines.bounds import UnreadableRoutineError
from coach.core.routines.editing import GENERAL, RoutineDraft, place_problems
from coach.core.routines.loader import check_routine_text
from coach.core.routines.values import Problem

HERE = Path("/nowhere/my-routine.toml")


def test_a_new_draft_is_a_valid_routine() -> None:
    draft = RoutineDraft.new("knee", "Knee")

    checked = draft.check(HERE)

    assert checked.valid
    assert checked.by_field == {}
    assert draft.exercise_count == 1


def test_typed_values_become_toml_values() -> None:
    draft = RoutineDraft.new()
    draft.set_text(("exercises", 0, "reps"), "10–15")  # an en dash, as a sheet writes it
    draft.set_text(("exercises", 0, "rep_seconds"), "2,5")
    draft.set_text(("exercises", 0, "sides"), "left and right")
    draft.set_text(("exercises", 0, "instructions"), "Lie down.\n\nLift the leg.\n")
    draft.set_text(("description",), "   ")  # empty: an optional key is left out

    text = draft.text()

    assert "reps = [10, 15]" in text
    assert "rep_seconds = 2.5" in text
    assert 'sides = ["left", "right"]' in text
    assert "description" not in text
    assert draft.text_of(("exercises", 0, "instructions")) == "Lie down.\nLift the leg."
    assert draft.text_of(("exercises", 0, "reps")) == "10-15"
    assert draft.check(HERE).valid


def test_a_problem_is_placed_beside_the_key_on_its_line() -> None:
    text = 'format = 2\nid = "x"\ntitle = "X"\n\n[[exercises]]\nid = "a"\nname = "A"\nreps = "ten"\n'
    checked = check_routine_text(text, HERE)

    placed = place_problems(text, checked.problems)

    assert placed == {("exercises", 0, "reps"): ('reps must be a whole number, got "ten"',)}


def test_a_line_inside_a_multi_line_value_belongs_to_its_key_and_others_are_general() -> None:
    text = 'education = [\n  "one",\n  "two",\n]\n# a comment\n'

    placed = place_problems(text, (_problem(3), _problem(5)))

    assert placed == {("education",): ("wrong",), GENERAL: ("wrong",)}


def test_exercises_move_and_are_removed_and_new_ids_are_unique() -> None:
    draft = RoutineDraft.new()
    second = draft.add_exercise("First exercise")
    assert draft.text_of(("exercises", second, "id")) == "first-exercise-2"
    draft.set_text(("exercises", second, "name"), "Second")

    assert draft.move_exercise(second, -1) == 0
    assert [draft.exercise_name(i) for i in range(2)] == ["Second", "First exercise"]
    draft.remove_exercise(0)
    assert [draft.exercise_name(i) for i in range(draft.exercise_count)] == ["First exercise"]


def _problem(line: int) -> Problem:
    return Problem(HERE, line, "wrong")


FORMAT_2 = """format = 2  # the sheet of 3 March
id = "sheet"
title = "Sheet"

[[exercises]]
id = "a"
name = "A"
reps = 10
"""


def test_a_new_draft_is_written_as_format_3() -> None:
    draft = RoutineDraft.new("knee", "Knee")

    assert draft.text().splitlines()[1] == "format = 3"


def test_an_existing_file_keeps_its_format_until_a_format_3_key_is_set() -> None:
    draft = RoutineDraft(FORMAT_2)
    draft.set_text(("exercises", 0, "rest_after_seconds"), "60")  # a format-2 key
    assert draft.text().startswith("format = 2  # the sheet of 3 March\n")

    draft.set_text(("exercises", 0, "tempo"), "2, 1, 3")

    assert draft.text().startswith("format = 3  # the sheet of 3 March\n")  # its comment kept
    assert "tempo = [2, 1, 3]" in draft.text()
    assert draft.check(HERE).valid


def test_format_3_values_are_written_as_the_readme_shows_them() -> None:
    draft = RoutineDraft.new()
    where = ("exercises", 0)
    typed = {
        "sides": "affected and unaffected",
        "sets": "affected = 3, unaffected = 1",
        "reps": "20-40",
        "tempo": "2, 0, 3",
        "load": "no weight\n0.5 kg ankle weight\n1 kg ankle weight\n",
        "progression": "reps-then-load",
        "reps_after_load": "20",
        "pain_limit": "0",
        "progress_after_weeks": "2",
    }
    for key, text in typed.items():
        draft.set_text((*where, key), text)
    draft.set_text(("sessions_per_week",), "")
    draft.set_text(("days",), "Mon, thu")  # gives the days a week

    text = draft.text()

    assert 'sides = ["affected", "unaffected"]' in text
    assert "sets = {affected = 3, unaffected = 1}" in text
    assert "tempo = [2, 0, 3]" in text
    assert 'load = [\n    "no weight",\n    "0.5 kg ankle weight",\n    "1 kg ankle weight",\n]' in text
    assert 'days = ["mon", "thu"]' in text
    assert draft.check(HERE).by_field == {}
    assert draft.check(HERE).valid
    for key, text in typed.items():
        assert draft.text_of((*where, key)) == text.strip(), key


def test_levels_go_one_a_line_and_the_level_progression_validates() -> None:
    draft = RoutineDraft.new()
    draft.set_text(("exercises", 0, "reps"), "5-10")
    draft.set_text(("exercises", 0, "levels"), "step-down from 10 cm\nstep-down from 20 cm")
    draft.set_text(("exercises", 0, "progression"), "level")
    draft.set_text(("exercises", 0, "level_up_after_pain_free_reps"), "5")

    assert draft.check(HERE).valid
    assert draft.text_of(("exercises", 0, "levels")) == "step-down from 10 cm\nstep-down from 20 cm"


def test_a_value_by_side_without_the_persons_legs_gets_the_validators_sentence() -> None:
    draft = RoutineDraft.new()
    draft.set_text(("exercises", 0, "sets"), "affected = 3, unaffected = 1")

    placed = draft.check(HERE).by_field

    assert placed == {
        ("exercises", 0, "sets"): (
            'sets by side goes with sides = ["affected", "unaffected"], the person\'s legs',
        )
    }


def test_the_editor_reads_a_file_as_the_loader_does_bounded_and_plain(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")  # a plain read_text would wait for a writer for ever
    with (tmp_path / "huge.toml").open("wb") as sparse:
        sparse.truncate(3 * 1024**3)
    (tmp_path / "latin.toml").write_bytes('title = "Genou \u00e9"\n'.encode("latin-1"))

    with pytest.raises(UnreadableRoutineError, match="not a plain file"):
        RoutineDraft.read(tmp_path / "pipe.toml")
    with pytest.raises(UnreadableRoutineError, match="may be at most"):
        RoutineDraft.read(tmp_path / "huge.toml")
    with pytest.raises(UnreadableRoutineError, match="not UTF-8"):
        RoutineDraft.read(tmp_path / "latin.toml")
