"""`coach new` writes a commented starter (or a copy) that `coach validate` accepts; `coach settings
--affected-side` keeps the person's leg."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.settings import load_settings
from tests.conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_coach_new_writes_a_commented_starter_that_validates(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new", "my-knee")

    path = Path(out.strip())
    assert code == 0
    assert path == data_dir / "routines" / "my-knee.toml"
    assert path.read_text(encoding="utf-8").startswith(
        "# A routine of your own for Rehab Coach, in format 3."
    )
    assert run(capsys, "validate", str(path))[0] == 0


def test_coach_new_from_an_existing_routine_keeps_its_comments(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = REPO / "tests" / "data" / "sheets" / "trial-home-programme.toml"

    code, out, _ = run(capsys, "new", "my-copy", "--from", str(sheet))

    text = Path(out.strip()).read_text(encoding="utf-8")
    assert code == 0
    assert 'id = "my-copy"' in text
    assert "# A patient's typing of a published physiotherapy programme's home exercises" in text
    assert run(capsys, "validate", out.strip())[0] == 0


def test_coach_new_refuses_an_id_already_there_and_a_bad_id(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "new", "mine")

    again, _, said = run(capsys, "new", "mine")
    bad, _, said_bad = run(capsys, "new", "My Knee")

    assert (again, bad) == (1, 1)
    assert "already exists" in said
    assert "is not a routine id" in said_bad


def test_coach_settings_keeps_the_affected_side(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "settings", "--affected-side", "right")

    assert (code, out) == (0, "affected side: right\n")
    assert load_settings(data_dir).affected_side == "right"
    assert run(capsys, "settings")[1] == "affected side: right\n"


def test_coach_new_from_a_pipe_is_refused_at_once(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "pipe.toml")

    code = main(["new", "copy", "--from", str(tmp_path / "pipe.toml")])

    assert code == 1
    pipe = tmp_path / "pipe.toml"
    assert capsys.readouterr().err.startswith(f"coach: {pipe}: this is not a plain file (a folder, a pipe")
    assert not (data_dir / "routines" / "copy.toml").exists()


def test_coach_settings_keeps_the_language_and_the_next_command_speaks_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "settings", "--language", "de")

    assert (code, out) == (0, "affected side: not said\nlanguage: Deutsch\n")
    assert load_settings(data_dir).language == "de"
    assert run(capsys, "--lang", "es", "settings", "--language", "desktop")[1] == (
        "lado afectado: no indicado\nidioma: el del escritorio\n"  # said in the language asked for
    )
    assert load_settings(data_dir).language == ""

    run(capsys, "settings", "--language", "es")
    with pytest.raises(SystemExit):
        run(capsys, "--help")
    assert capsys.readouterr().out.startswith("uso: coach")
