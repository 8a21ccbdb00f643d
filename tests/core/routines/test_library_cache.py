"""The library a start read, kept for the next start's first paint, and missed whenever anything changed."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from coach.core.paths import Places
from coach.core.routines.library import Library, discover_routines
from coach.core.routines.library_cache import CACHE_FILE, library_stamp, load_library, save_library
from tests.conftest import EXAMPLE


def _stamp(places: Places) -> list[object]:
    return library_stamp(places.bundled_routines, places.user_routines, places.assets)


def _read(places: Places) -> Library:
    return discover_routines(places.bundled_routines, places.user_routines, places.assets)


@pytest.fixture
def with_user_routines(places: Places) -> Places:
    """A person's routine folder with one good and one broken file, so both kinds go through the cache."""
    places.user_routines.mkdir(parents=True)
    mine = EXAMPLE.read_bytes().replace(b'image = "clamshell.svg"', b'image = "nowhere.svg"')  # a warning
    (places.user_routines / "mine.toml").write_bytes(mine)
    (places.user_routines / "broken.toml").write_text('title = "no id, no exercises"\n', encoding="utf-8")
    return places


def test_the_kept_library_is_the_library_that_was_read(with_user_routines: Places) -> None:
    places, cache = with_user_routines, with_user_routines.data_dir / CACHE_FILE
    library = _read(places)
    assert library.broken
    assert any(entry.warnings for entry in library.routines)  # problems of both kinds go through the cache

    save_library(cache, _stamp(places), library)

    assert load_library(cache, _stamp(places)) == library


@pytest.mark.parametrize("change", ["edited", "added", "removed"])
def test_any_change_to_a_routine_file_misses(with_user_routines: Places, change: str) -> None:
    places, cache = with_user_routines, with_user_routines.data_dir / CACHE_FILE
    save_library(cache, _stamp(places), _read(places))
    mine = places.user_routines / "mine.toml"

    if change == "edited":  # same size, same second: the nanoseconds still differ
        status = mine.stat()
        mine.write_bytes(mine.read_bytes().replace(b"knee", b"KNEE", 1))
        os.utime(mine, ns=(status.st_atime_ns, status.st_mtime_ns + 1))
    elif change == "added":
        (places.user_routines / "another.toml").write_bytes(EXAMPLE.read_bytes())
    else:
        mine.unlink()

    assert load_library(cache, _stamp(places)) is None


def test_a_damaged_or_foreign_cache_is_no_cache(places: Places) -> None:
    places.data_dir.mkdir(parents=True)
    cache = places.data_dir / CACHE_FILE
    save_library(cache, _stamp(places), _read(places))
    text = cache.read_text(encoding="utf-8")

    for damaged in (
        text[: len(text) // 2],
        "[]",
        '{"stamp": 1}',
        text.replace('"class": "Routine"', '"class": "os"'),
    ):
        cache.write_text(damaged, encoding="utf-8")
        assert load_library(cache, _stamp(places)) is None


def test_a_cache_that_cannot_be_written_is_not_kept(places: Places) -> None:
    places.data_dir.mkdir(parents=True)
    (places.data_dir / "cache").write_text("a file where the folder would go", encoding="utf-8")

    save_library(places.data_dir / CACHE_FILE, _stamp(places), _read(places))  # no error

    assert load_library(places.data_dir / CACHE_FILE, _stamp(places)) is None


def test_a_library_with_a_type_the_cache_does_not_know_is_refused(tmp_path: Path, places: Places) -> None:
    library = _read(places)
    odd = dataclasses.replace(library.routines[0], path=object())  # type: ignore[arg-type]

    with pytest.raises(TypeError, match="cannot keep"):
        save_library(tmp_path / "routines.json", [], Library((odd,), ()))
