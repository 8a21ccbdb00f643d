"""When the history cannot be opened at start, a window says why and what to do; never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from coach.cli import main
from coach.gui import app as app_module
from coach.gui.main import run_app
from tests.conftest import a_history


@pytest.fixture
def shown(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Qt.TextFormat]]:
    """What each start-up message box says (and how), instead of waiting for someone to press OK."""
    said: list[tuple[str, Qt.TextFormat]] = []

    def record(box: QMessageBox) -> int:
        said.append((box.text(), box.textFormat()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(app_module, "CoachApp", None)  # the app itself must not start
    return said


def test_a_damaged_history_is_moved_aside_and_said_in_a_window(
    data_dir: Path, shown: list[tuple[str, Qt.TextFormat]], capsys: pytest.CaptureFixture[str]
) -> None:
    database = data_dir / "coach.db"
    a_history(database, sessions=20)
    data = bytearray(database.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle + 100 : middle + 4096] = os.urandom(3996)
    database.write_bytes(bytes(data))

    assert run_app(["coach"]) == 1

    ((text, text_format),) = shown
    assert "moved aside to coach.db.damaged-1" in text
    assert "coach backup list" in text
    assert "Help → Backups" in text
    assert text_format is Qt.TextFormat.PlainText
    assert (data_dir / "coach.db.damaged-1").exists()
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.usefixtures("history_locked")
def test_a_history_locked_by_another_program_is_said_in_a_window(
    data_dir: Path, shown: list[tuple[str, Qt.TextFormat]]
) -> None:
    assert run_app(["coach"]) == 1

    ((text, _),) = shown
    assert "another program (perhaps a second Rehab Coach) kept the database busy" in text
    assert "nothing was lost" in text
    assert not list(data_dir.glob("coach.db.damaged-*")), "a busy file is not a damaged one"


def test_damage_done_after_the_days_check_is_said_alike_in_the_app_and_the_terminal(
    data_dir: Path, shown: list[tuple[str, Qt.TextFormat]], capsys: pytest.CaptureFixture[str]
) -> None:
    database = data_dir / "coach.db"
    a_history(database, sessions=20)
    assert main(["history"]) == 0  # today's check passes, and its stamp is left
    data = bytearray(database.read_bytes())
    data[3 * 4096 : 3 * 4096 + 2000] = os.urandom(2000)  # 2,000 bytes inside page 4, by an outside tool
    with open(database, "r+b") as same_file:
        same_file.write(bytes(data))

    assert run_app(["coach"]) == 1
    database.write_bytes(bytes(data))  # the same damage again, met by a command that would write
    capsys.readouterr()
    code = main(["run", "hip-strength", "--instant"])

    ((text, _),) = shown
    assert "moved aside to coach.db.damaged-1" in text
    err = capsys.readouterr().err
    assert code != 0
    assert err == f"coach: {text.replace('damaged-1', 'damaged-2')}\n"
    assert "Traceback" not in err
    assert (data_dir / "coach.db.damaged-2").read_bytes() == bytes(data), "nothing was written into it"


def test_a_data_folder_that_is_a_file_is_said_in_a_window(
    data_dir: Path, shown: list[tuple[str, Qt.TextFormat]]
) -> None:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("not a folder", encoding="utf-8")  # COACH_DATA_DIR names a file

    assert run_app(["coach"]) == 1

    ((text, text_format),) = shown
    assert str(data_dir) in text
    assert "Traceback" not in text
    assert text_format is Qt.TextFormat.PlainText
    assert data_dir.read_text(encoding="utf-8") == "not a folder"
