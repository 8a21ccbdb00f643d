"""Opening a routine in the editor: the file is read as the loader reads it, even if replaced since."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.core.operations.context import Coach
from coach.core.operations.routines import draft_routine
from coach.core.paths import resolve_places
from coach.core.refusal import Refused
from coach.core.session.clock import FakeClock
from tests.conftest import EXAMPLE, write


def test_a_routine_replaced_by_a_pipe_after_loading_is_refused_without_waiting(tmp_path: Path) -> None:
    own = write(tmp_path / "data" / "routines" / "knee.toml", EXAMPLE.read_text(encoding="utf-8"))
    coach = Coach(resolve_places({"COACH_DATA_DIR": str(tmp_path / "data")}), FakeClock())
    assert coach.library.find("knee-basics") is not None
    own.unlink()
    os.mkfifo(own)

    with pytest.raises(Refused, match=r"knee\.toml: this is not a plain file"):
        draft_routine(coach, "knee-basics")
