"""Every word a person reads comes through the message catalogue: the windows and the command line run in a
pseudo-language in which each catalogue string is bracketed, and nothing may be left outside the brackets
(docs/find_untranslated.py; a sentence built in English or glued from pieces fails here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import scaled

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "docs" / "find_untranslated.py"


@pytest.mark.slow
@pytest.mark.parametrize("face", ["windows", "command line"])
def test_every_word_on_screen_or_printed_comes_from_the_catalogue(face: str, tmp_path: Path) -> None:
    arguments = ["--cli"] if face == "command line" else []
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "COACH_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, str(TOOL), *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=scaled(240),
        check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " hold words that are not from the catalogue" in done.stdout
