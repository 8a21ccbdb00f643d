"""The launcher file: valid for desktop-file-validate, with the icing action wired to `coach ice`."""

from __future__ import annotations

import configparser
import shutil
import subprocess

import pytest

from tests.conftest import REPO

DESKTOP_FILE = REPO / "packaging" / "rehab-coach.desktop"


def test_the_desktop_file_offers_start_icing() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP_FILE, encoding="utf-8")

    assert entry["Desktop Entry"]["Actions"] == "start-icing;"
    assert entry["Desktop Action start-icing"]["Name"] == "Start icing timer"
    assert entry["Desktop Action start-icing"]["Exec"] == "coach ice"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)
def test_desktop_file_validate_passes() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", "no warnings either"
