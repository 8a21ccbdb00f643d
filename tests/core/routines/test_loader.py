from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.clinical.safety import ICING_MAX_MINUTES
from coach.core.routines.loader import (
    EXERCISE_KEYS,
    ROUTINE_KEYS,
    RoutineError,
    check_routine_file,
    check_routine_text,
    load_routine,
)
from coach.core.routines.model import ExerciseKind, StepKind, plan_steps
from tests.conftest import EXAMPLE, REPO, write

HEADER = 'format = 1\nid = "r"\ntitle = "R"\n'


def problems_of(text: str, tmp_path: Path, name: str = "r.toml") -> list[str]:
    path = write(tmp_path / name, text)
    return [str(p) for p in check_routine_file(path, REPO / "assets").problems]


def test_the_example_from_the_issue_loads_unchanged() -> None:
    routine = load_routine(EXAMPLE, REPO / "assets")

    assert routine.id == "knee-basics"
    assert routine.sessions_per_week == 3
    clamshell, bridge, stretch, ice = routine.exercises
    assert (clamshell.kind, clamshell.sets, clamshell.reps, clamshell.sides) == (
        ExerciseKind.REPS,
        3,
        12,
        ("left", "right"),
    )
    assert (bridge.rep_seconds, bridge.hold_seconds) == (2, 2)
    assert (stretch.kind, stretch.hold_seconds) == (ExerciseKind.HOLD, 30)
    assert (ice.kind, ice.icing, ice.timer_minutes) == (ExerciseKind.TIMER, True, 20)


@pytest.mark.parametrize("path", sorted((REPO / "routines").glob("*.toml")), ids=lambda p: p.name)
def test_bundled_routines_are_valid_and_cite_a_source(path: Path) -> None:
    checked = check_routine_file(path, REPO / "assets")

    assert checked.errors == ()
    assert checked.routine is not None
    assert checked.routine.source


def test_negative_reps_names_the_line(tmp_path: Path) -> None:
    text = HEADER + '\n[[exercises]]\nid = "a"\nname = "A"\nreps = -5\n'

    assert problems_of(text, tmp_path) == [f"{tmp_path / 'r.toml'}:8: reps must be at least 1, got -5"]


def test_absurd_reps_are_refused(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 1200\n'

    assert problems_of(text, tmp_path) == [f"{tmp_path / 'r.toml'}:7: reps must be at most 100, got 1200"]


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\nrest_secs = 30\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":8: unknown exercise key 'rest_secs'; did you mean 'rest_seconds'?")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = HEADER + 'sesions_per_week = 3\n[[exercises]]\nid = "a"\nname = "A"\nreps = 5\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":4: unknown routine key 'sesions_per_week'; did you mean 'sessions_per_week'?")


def test_wrong_types_are_named(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = "12"\nsets = 2.5\nsides = "left"\n'

    found = problems_of(text, tmp_path)

    assert [p.split(":", 2)[1:] for p in found] == [
        ["7", ' reps must be a whole number, got "12"'],
        ["8", " sets must be a whole number, got 2.5"],
        ["9", ' sides must be a list of names such as ["left", "right"], got "left"'],
    ]


def test_booleans_are_not_numbers(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = true\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":7: reps must be a whole number, got true")


def test_icing_over_twenty_minutes_is_refused_with_the_reason(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\ntimer_minutes = 25\n'

    (problem,) = problems_of(text, tmp_path)

    assert ":8: an icing timer of 25 minutes is too long" in problem
    assert "skin and nerves" in problem


def test_icing_without_minutes_is_an_error(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":7: an icing exercise needs timer_minutes (at most 20)")


@pytest.mark.parametrize(
    ("sides", "says"),
    [
        ('["left", "rigth"]', "'rigth' is not a side the app knows; did you mean 'right'?"),
        ('["each leg"]', "'each leg' is not a side the app knows; sides are left, right, affected, other"),
        ('["Left", "left"]', "sides lists the same side twice: ['Left', 'left']"),
    ],
)
def test_sides_must_be_names_the_app_knows(tmp_path: Path, sides: str, says: str) -> None:
    text = HEADER + f'[[exercises]]\nid = "c"\nname = "C"\nreps = 5\nsides = {sides}\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(f":8: {says}")


def test_sides_are_read_whatever_their_case(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "c"\nname = "C"\nreps = 5\nsides = ["Left", "RIGHT"]\n'
    path = write(tmp_path / "r.toml", text)

    (exercise,) = load_routine(path, REPO / "assets").exercises

    assert exercise.sides == ("left", "right")


def test_rest_suggests_rest_seconds_not_reps(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "c"\nname = "C"\nreps = 5\nrest = 30\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":8: unknown exercise key 'rest'; did you mean 'rest_seconds'?")


def test_icing_with_reps_is_refused(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\ntimer_minutes = 10\nreps = 3\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":4: an icing exercise is a plain timer: give timer_minutes, not reps or holds")


def test_duplicate_exercise_ids(tmp_path: Path) -> None:
    text = (
        HEADER
        + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\n[[exercises]]\nid = "a"\nname = "B"\nreps = 5\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":9: exercise id 'a' is used twice (first at line 5)")


def test_toml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = HEADER + "[[exercises]]\nid = \nname = 'A'\n"

    (problem,) = problems_of(text, tmp_path)

    assert problem.startswith(f"{tmp_path / 'r.toml'}:5: this is not valid TOML:")


def test_image_that_leaves_the_folder_is_refused(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\nimage = "../../etc/passwd"\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(
        ":8: image '../../etc/passwd' points outside the routine's folder; keep images beside the file"
    )


def test_absolute_image_path_is_refused(tmp_path: Path) -> None:
    inside = write(tmp_path / "pic.svg", "<svg/>")
    text = HEADER + f'[[exercises]]\nid = "a"\nname = "A"\nreps = 5\nimage = "{inside.as_posix()}"\n'

    (problem,) = problems_of(text, tmp_path)

    assert "points outside the routine's folder" in problem


def test_missing_image_is_only_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.toml", HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\nimage = "nope.svg"\n'
    )

    checked = check_routine_file(path, REPO / "assets")

    assert checked.routine is not None
    assert checked.routine.exercises[0].image is None
    (warning,) = checked.warnings
    assert str(warning).endswith(
        ":8: warning: image 'nope.svg' is neither beside the routine nor among the bundled illustrations; "
        "none is shown"
    )


def test_image_beside_the_routine_is_found_before_the_bundled_one(tmp_path: Path) -> None:
    beside = write(tmp_path / "clamshell.svg", "<svg/>")
    assets = tmp_path / "assets"
    write(assets / "illustrations" / "clamshell.svg", "<svg/>")
    path = write(
        tmp_path / "r.toml",
        HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\nimage = "clamshell.svg"\n',
    )

    assert load_routine(path, assets).exercises[0].image == beside.resolve()


def test_image_among_bundled_illustrations_is_found(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    bundled = write(assets / "illustrations" / "bridge.svg", "<svg/>")
    path = write(
        tmp_path / "mine" / "r.toml",
        HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\nimage = "bridge.svg"\n',
    )

    assert load_routine(path, assets).exercises[0].image == bundled.resolve()


def test_newer_format_is_refused(tmp_path: Path) -> None:
    text = 'format = 4\nid = "r"\ntitle = "R"\n[[exercises]]\nid = "a"\nname = "A"\nreps = 5\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(":1: format 4 needs a newer Rehab Coach: this one reads formats 1 to 3")


def test_missing_required_keys_are_all_reported(tmp_path: Path) -> None:
    found = problems_of('[[exercises]]\nname = "A"\n', tmp_path)

    assert [p.split(": ", 1)[1] for p in found] == [
        "the file must say which format it uses: add 'format = 1' at the top",
        "'id' is missing",
        "'title' is missing",
        "'id' is missing",
        "the exercise needs reps, hold_seconds or timer_minutes to say how it is done",
    ]


def test_exercise_with_both_timer_and_reps_is_refused(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 5\ntimer_minutes = 2\n'

    (problem,) = problems_of(text, tmp_path)

    assert "either a timer or reps/holds" in problem


def test_bad_id_is_refused(tmp_path: Path) -> None:
    text = 'format = 1\nid = "My Routine"\ntitle = "R"\n[[exercises]]\nid = "a"\nname = "A"\nreps = 5\n'

    (problem,) = problems_of(text, tmp_path)

    assert problem.endswith(
        ":2: the routine id 'My Routine' may use only lowercase letters, digits, '-' and '_' (at most 64)"
    )


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    (problem,) = problems_of_missing(tmp_path / "gone.toml")

    assert problem.startswith(f"{tmp_path / 'gone.toml'}:1: cannot read the file")


def problems_of_missing(path: Path) -> list[str]:
    return [str(p) for p in check_routine_file(path).problems]


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(b'format = 1\ntitle = "\xff"\n')

    (problem,) = [str(p) for p in check_routine_file(path).problems]

    assert problem.endswith(":2: the file is not UTF-8 text")


def test_load_routine_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "r.toml", HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 0\nsets = 0\n')

    with pytest.raises(RoutineError) as raised:
        load_routine(path)

    assert raised.value.line == 7
    assert len(raised.value.problems) == 2


def test_keys_inside_multiline_strings_do_not_confuse_line_numbers(tmp_path: Path) -> None:
    text = (
        'format = 1\nid = "r"\ntitle = "R"\ndescription = """\nreps = 3\nsets = 9\n"""\n'
        '[[exercises]]\nid = "a"\nname = "A"\nsets = 2\nreps = 0\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert ":12: reps must be at least 1" in problem


_toml_values = st.recursive(
    st.one_of(
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
    ),
    lambda children: st.lists(children, max_size=4),
    max_leaves=8,
)
_keys = st.sampled_from(sorted({*ROUTINE_KEYS, *EXERCISE_KEYS, "weird"}))


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {float("inf"): "inf", float("-inf"): "-inf"}.get(
            value, "nan" if value != value else repr(value)
        )
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    top=st.dictionaries(_keys, _toml_values, max_size=5),
    exercises=st.lists(st.dictionaries(_keys, _toml_values, max_size=8), max_size=3),
)
def test_no_document_crashes_the_loader(top: dict[str, object], exercises: list[dict[str, object]]) -> None:
    lines = [f"{key} = {_toml(value)}" for key, value in top.items()]
    for table in exercises:
        lines.append("[[exercises]]")
        lines += [f"{key} = {_toml(value)}" for key, value in table.items()]

    checked = check_routine_text("\n".join(lines) + "\n", Path("fuzz/r.toml"))

    assert (checked.routine is None) == bool(checked.errors)
    assert all(p.line >= 1 for p in checked.problems)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_no_text_crashes_the_loader(text: str) -> None:
    checked = check_routine_text(text, Path("fuzz/r.toml"))

    assert checked.routine is not None or checked.errors


def test_spaces_inside_the_table_brackets_keep_line_numbers(tmp_path: Path) -> None:
    text = HEADER + '[[ exercises ]]\nid = "a"\nname = "A"\nreps = 0\n'

    (problem,) = problems_of(text, tmp_path)

    assert ":7: reps must be at least 1" in problem


def test_quotes_in_comments_and_strings_keep_line_numbers(tmp_path: Path) -> None:
    text = (
        "format = 1 # don't use ''' here\n"
        'id = "r"\ntitle = "R"\ndescription = """a \'\'\' b"""\n'
        '[[exercises]]\nid = "a"\nname = "A # not a comment"\n'
        'instructions = [\n  "one = two",  # a comment with """\n  \'three\',\n]\nreps = 0\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert ":12: reps must be at least 1" in problem


def test_a_dotted_key_and_a_sub_table_are_reported_on_their_own_lines(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 3\npace.up = 2\n[exercises.extra]\nx = 1\n'

    found = problems_of(text, tmp_path)

    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in found] == ["8", "9"]
    assert "unknown exercise key 'pace'" in found[0]
    assert "unknown exercise key 'extra'" in found[1]


def test_an_error_at_the_end_of_a_file_without_a_final_newline(tmp_path: Path) -> None:
    (problem,) = problems_of('format = 1\nid = "r"\ntitle = "R', tmp_path)

    assert problem.startswith(f"{tmp_path / 'r.toml'}:3: this is not valid TOML")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(("\ufeff" + HEADER + '[[exercises]]\nid = "a"\nname = "A"\nreps = 3\n').encode())

    assert load_routine(path).id == "r"


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("a\\u0000b.svg", 'image "a\x00b.svg" is not a usable file name'),
        ("x" * 5000, "is not a usable file name"),
    ],
)
def test_unusable_image_names_are_errors_not_crashes(tmp_path: Path, image: str, message: str) -> None:
    text = HEADER + f'[[exercises]]\nid = "a"\nname = "A"\nreps = 3\nimage = "{image}"\n'

    (problem,) = problems_of(text, tmp_path)

    assert ":8: " in problem
    assert message in problem


def test_deeply_nested_values_are_an_error_not_a_crash(tmp_path: Path) -> None:
    (problem,) = problems_of("x = " + "[" * 200_000 + "\n", tmp_path)

    assert problem.startswith(f"{tmp_path / 'r.toml'}:1: ")


def test_icing_cannot_be_repeated_past_twenty_minutes(tmp_path: Path) -> None:
    text = HEADER + '[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\ntimer_minutes = 20\nsets = 3\n'

    (problem,) = problems_of(text, tmp_path)

    assert ":4: the icing in this routine adds up to 60 minutes" in problem


def test_two_icing_timers_cannot_add_up_past_twenty_minutes(tmp_path: Path) -> None:
    text = HEADER + (
        '[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\ntimer_minutes = 15\n'
        '[[exercises]]\nid = "ice2"\nname = "Ice again"\nicing = true\ntimer_minutes = 10\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert ":9: the icing in this routine adds up to 25 minutes" in problem
    assert "skin and nerves" in problem


def test_a_routine_carries_the_hash_of_its_files_bytes(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    same = write(tmp_path / "same.toml", text)
    changed = write(tmp_path / "changed.toml", text.replace("reps = 12", "reps = 14"))

    original = load_routine(EXAMPLE).content_hash

    assert len(original) == 64
    assert load_routine(same).content_hash == original
    assert load_routine(changed).content_hash != original


def test_icing_on_each_side_counts_every_side(tmp_path: Path) -> None:
    text = HEADER + (
        '[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\ntimer_minutes = 20\n'
        'sides = ["left", "right"]\n'
    )

    (problem,) = problems_of(text, tmp_path)

    assert ":4: the icing in this routine adds up to 40 minutes" in problem


@given(
    minutes=st.integers(min_value=1, max_value=20),
    sets=st.integers(min_value=1, max_value=4),
    sides=st.integers(min_value=0, max_value=4),
)
def test_no_loaded_routine_plans_more_than_twenty_minutes_of_icing(
    minutes: int, sets: int, sides: int
) -> None:
    names = ", ".join(f'"{name}"' for name in ["left", "right", "affected", "other"][:sides])
    text = HEADER + (
        f'[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\ntimer_minutes = {minutes}\nsets = {sets}\n'
        + (f"sides = [{names}]\n" if sides else "")
    )

    checked = check_routine_text(text, Path("r.toml"))

    if checked.routine is not None:
        planned = sum(s.seconds for s in plan_steps(checked.routine) if s.kind is StepKind.TIMER)
        assert planned <= ICING_MAX_MINUTES * 60
