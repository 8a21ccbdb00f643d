"""Every file the app reads is bounded: plain files only, size first, loops of links a broken entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.core.routines.bounds import LINK_LOOP, MAX_IMAGE_BYTES, read_illustration
from coach.core.routines.library import discover_routines
from coach.core.routines.library_cache import load_library
from coach.core.routines.loader import check_routine_file
from coach.core.settings import SETTINGS_FILE, Settings, load_settings
from tests.conftest import EXAMPLE, REPO, write

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and device links are POSIX")


def test_a_loop_of_links_in_the_routines_folder_is_a_broken_entry_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "self.toml").symlink_to("self.toml")
    (tmp_path / "a.toml").symlink_to("b.toml")
    (tmp_path / "b.toml").symlink_to("a.toml")

    library = discover_routines(REPO / "routines", tmp_path)

    assert sorted(b.path.name for b in library.broken) == ["a.toml", "b.toml", "self.toml"]
    assert {b.problems[0].message for b in library.broken} == {LINK_LOOP}
    assert library.routines  # the bundled routines still load


def test_an_image_name_that_loops_is_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "loop.svg").symlink_to("loop.svg")
    text = EXAMPLE.read_text(encoding="utf-8").replace('image = "clamshell.svg"', 'image = "loop.svg"')
    path = write(tmp_path / "knee.toml", text)

    checked = check_routine_file(path)

    assert checked.routine is not None
    assert any("loop" in w.message for w in checked.warnings)


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_settings_that_are_not_a_small_plain_file_are_the_defaults(tmp_path: Path, kind: str) -> None:
    make_hostile(tmp_path / SETTINGS_FILE, kind)

    assert load_settings(tmp_path) == Settings()


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_a_library_cache_that_is_not_a_small_plain_file_is_not_used(tmp_path: Path, kind: str) -> None:
    make_hostile(tmp_path / "routines.json", kind)

    assert load_library(tmp_path / "routines.json", []) is None


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_an_illustration_that_is_not_a_small_plain_file_is_not_read(tmp_path: Path, kind: str) -> None:
    make_hostile(tmp_path / "big.svg", kind)

    assert read_illustration(tmp_path / "big.svg") == b""


def test_a_huge_illustration_beside_a_routine_is_a_warning_and_not_shown(tmp_path: Path) -> None:
    make_hostile(tmp_path / "big.svg", "huge")
    text = EXAMPLE.read_text(encoding="utf-8").replace('image = "clamshell.svg"', 'image = "big.svg"')
    path = write(tmp_path / "knee.toml", text)

    checked = check_routine_file(path)

    assert checked.routine is not None
    assert checked.routine.exercises[0].image is None
    assert any(f"an illustration may be at most {MAX_IMAGE_BYTES:,}" in w.message for w in checked.warnings)


def make_hostile(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)  # opened for reading with no writer: blocks forever unless refused
    elif kind == "zero":
        path.symlink_to("/dev/zero")  # never ends
    else:
        with path.open("wb") as handle:
            handle.truncate(2_500_000_000)  # 2.5 GB of nothing: sparse, costs no space
