"""Routine files cost bounded work whatever they hold: special files, huge files, amplified plans, fuzz."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.routines.bounds import LINK_OUT, MAX_PLANNED_STEPS
from coach.core.routines.library import discover_routines
from coach.core.routines.loader import check_routine_file, check_routine_text
from tests.conftest import EXAMPLE, REPO, write

POSIX = os.name == "posix"


@pytest.mark.skipif(not POSIX, reason="FIFOs are POSIX")
def test_a_fifo_in_the_routines_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")

    library = discover_routines(REPO / "routines", tmp_path)

    (broken,) = library.broken
    assert "not a plain file" in broken.problems[0].message
    assert library.routines  # the bundled routines still load


@pytest.mark.skipif(not POSIX, reason="symbolic links to devices are POSIX")
def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    inside = write(tmp_path / "real" / "knee.toml", EXAMPLE.read_text(encoding="utf-8"))
    (tmp_path / "real" / "again.toml").symlink_to(inside.name)  # a link inside the folder is fine... once

    library = discover_routines(tmp_path / "none", tmp_path)

    assert [b.problems[0].message for b in library.broken] == [LINK_OUT]
    assert "not a plain file" in check_routine_file(tmp_path / "zero.toml").errors[0].message


def test_a_huge_sparse_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB of nothing, on most file systems no space at all

    (problem,) = check_routine_file(path).errors

    assert problem.message == "the file is 3221225472 bytes; a routine file may be at most 1000000"


def test_an_amplified_routine_is_refused_with_its_count_and_line(tmp_path: Path) -> None:
    text = (
        'format = 1\nid = "big"\ntitle = "Big"\n\n[[exercises]]\nid = "a"\nname = "A"\nreps = 1\n'
        '\n[[exercises]]\nid = "b"\nname = "B"\nsets = 20\nreps = 100\nsides = ["left", "right"]\n'
        '\n[[exercises]]\nid = "c"\nname = "C"\nsets = 20\nreps = 100\nsides = ["left", "right"]\n'
    )

    (problem,) = check_routine_text(text, tmp_path / "big.toml").errors

    assert problem.line == 10
    assert problem.message == (
        f"this routine plans 8,001 reps, holds and timers; a routine may plan at most {MAX_PLANNED_STEPS:,}"
        " (fewer sets or reps)"
    )


VALID = EXAMPLE.read_text(encoding="utf-8")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid routine with a few lines swapped, cut, duplicated or rewritten, or odd line ends put in."""
    lines = VALID.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "copy", "text", "number", "ending"]))
        if how == "drop":
            lines.pop(at)
        elif how == "copy":
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        elif how == "text":
            lines[at] = draw(st.text(max_size=40))
        elif how == "number":
            key = lines[at].split("=")[0].strip() or "reps"
            lines[at] = f"{key} = {draw(st.sampled_from(['9' * 5000, '-1', '1e400', '0', 'nan', '10_000']))}"
        else:
            lines[at] += draw(st.sampled_from(["\r", "\u2028", "\x0b", "\x0c", "\x85"]))
        if not lines:
            lines = [""]
    return "\n".join(lines)


def check_mutated(text: str, folder: Path) -> None:
    path = folder / "r.toml"
    path.write_text(text, encoding="utf-8", newline="")

    checked = check_routine_file(path)  # never raises

    last_line = max(1, text.count("\n") + 1)
    for problem in checked.problems:
        assert 1 <= problem.line <= last_line, (problem, last_line)
        assert "could not be checked" not in problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_routine_files_give_problems_on_lines_inside_the_file(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    check_mutated(text, tmp_path_factory.mktemp("fuzz"))


@pytest.mark.long
@settings(max_examples=12_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_twelve_thousand_mutated_routine_files(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    check_mutated(text, tmp_path_factory.mktemp("fuzz"))
