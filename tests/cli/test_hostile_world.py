"""No file, argument or environment that can hurt the command line: a sentence and an exit code, never a
traceback (issue 25)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import EXAMPLE, write


def test_a_loop_of_links_in_the_routines_folder_is_listed_as_broken_and_run_still_works(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "routines").mkdir(parents=True)
    (data_dir / "routines" / "self.toml").symlink_to("self.toml")

    code, out, err = run(capsys, "routines")
    assert code == 0
    assert "self.toml" in out + err
    assert "loop" in out + err

    code, out, _ = run(capsys, "run", "gentle-start", "--instant")
    assert code == 0


def test_a_title_with_terminal_escapes_reaches_the_terminal_as_plain_text(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = EXAMPLE.read_text(encoding="utf-8").replace(
        "Runner's knee: hip and calf basics", "Knee\\u001b[2J\\u001b]0;pwned\\u0007 basics"
    )
    path = write(data_dir / "routines" / "knee.toml", hostile)

    code, out, err = run(capsys, "routines")
    assert code == 0
    assert "Knee[2J]0;pwned basics" in out
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0
    assert f"{path}:3: warning: title held control characters" in out + err
    code, out, err = run(capsys, "run", str(path), "--instant")
    _, out, err = run(capsys, "history", "--include-simulated")
    assert "pwned" in out
    for said in (out, err):
        assert not any(ord(c) < 0x20 and c not in "\t\n" for c in said)
