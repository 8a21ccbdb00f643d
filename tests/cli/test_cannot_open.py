"""A history another program holds locked is one sentence in the terminal, never a traceback or "damaged"."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.parser import EXIT_INVALID


@pytest.mark.usefixtures("history_locked")
def test_a_history_locked_by_another_program_is_one_sentence_in_the_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith("coach: ")
    assert "kept the database busy" in err
    assert err.count("\n") == 1
    assert not list(data_dir.glob("coach.db.damaged-*"))
