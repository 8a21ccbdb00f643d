"""No file, argument or environment that can hurt the command line: a sentence and an exit code, never a
traceback (issue 25)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run


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
