from __future__ import annotations

from pathlib import Path

from coach.core.routines.library import Origin, discover_routines
from tests.conftest import REPO, write


def routine_text(routine_id: str, title: str = "T", reps: int = 5) -> str:
    return (
        f'format = 1\nid = "{routine_id}"\ntitle = "{title}"\n'
        f'[[exercises]]\nid = "a"\nname = "A"\nreps = {reps}\n'
    )


def test_bundled_routines_are_found() -> None:
    library = discover_routines(REPO / "routines", Path("/nonexistent"), REPO / "assets")

    ids = {entry.routine.id for entry in library.routines}
    assert {"gentle-start", "hip-strength", "hip-and-knee", "ice"} <= ids
    assert library.broken == ()
    assert all(entry.origin is Origin.BUNDLED for entry in library.routines)


def test_a_user_routine_replaces_the_bundled_one_with_its_id(tmp_path: Path) -> None:
    bundled = write(tmp_path / "bundled" / "hip.toml", routine_text("hip", "Bundled"))
    mine = write(tmp_path / "user" / "my-hip.toml", routine_text("hip", "Mine"))

    library = discover_routines(tmp_path / "bundled", tmp_path / "user")

    (entry,) = library.routines
    assert (entry.routine.title, entry.origin, entry.path, entry.replaces) == (
        "Mine",
        Origin.USER,
        mine,
        bundled,
    )


def test_two_user_files_with_one_id_are_both_broken(tmp_path: Path) -> None:
    write(tmp_path / "bundled" / "hip.toml", routine_text("hip", "Bundled"))
    write(tmp_path / "user" / "a.toml", routine_text("hip", "A"))
    write(tmp_path / "user" / "b.toml", routine_text("hip", "B"))

    library = discover_routines(tmp_path / "bundled", tmp_path / "user")

    assert [b.path.name for b in library.broken] == ["a.toml", "b.toml"]
    assert "routine id 'hip' is also used by b.toml" in str(library.broken[0].problems[0])
    assert str(library.broken[0].problems[0]).startswith(f"{tmp_path / 'user' / 'a.toml'}:2: ")
    (entry,) = library.routines
    assert entry.routine.title == "Bundled"


def test_one_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "user" / "good.toml", routine_text("good"))
    write(tmp_path / "user" / "bad.toml", routine_text("bad", reps=-1))
    write(tmp_path / "user" / "worse.toml", "this is [not toml")

    library = discover_routines(tmp_path / "bundled", tmp_path / "user")

    assert [e.routine.id for e in library.routines] == ["good"]
    assert sorted(b.path.name for b in library.broken) == ["bad.toml", "worse.toml"]


def test_find_by_id(tmp_path: Path) -> None:
    write(tmp_path / "user" / "x.toml", routine_text("x"))
    library = discover_routines(tmp_path / "bundled", tmp_path / "user")

    assert library.find("x") is not None
    assert library.find("y") is None
