"""The About dialog: version, the code's licence, the data folder with Open, sources, asset licences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from coach import __version__
from coach.core.clinical.sources import NOT_A_CLINICIAN
from coach.core.licences import read_licences
from coach.core.paths import Places
from coach.gui.about import AboutDialog
from coach.gui.app import CoachApp
from tests.gui.driving import click


def texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [text(table, row, column) for column in range(table.columnCount())] for row in range(table.rowCount())
    ]


def text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no cell at {row}, {column}"
    return item.text()


def test_help_about_says_version_licence_folder_and_not_a_clinician(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    coach_app.window.about_action.trigger()

    dialog = coach_app.window.findChild(AboutDialog, "about")
    assert dialog is not None
    assert dialog.isVisible()
    shown = texts(dialog)
    assert f"Rehab Coach {__version__}" in shown
    assert "GPL-3.0-or-later" in shown
    assert NOT_A_CLINICIAN in shown
    assert str(coach_app.coach.places.data_dir) in shown
    assert "Hip and knee strength (weeks 3–6): Willy RW" in dialog.routine_sources.toPlainText()
    assert "Silbernagel KG" in dialog.sources.toPlainText()


def test_open_shows_the_data_folder(qtbot: QtBot, places: Places) -> None:
    opened: list[Path] = []

    def open_folder(folder: Path) -> bool:
        opened.append(folder)
        return True

    dialog = AboutDialog(places.data_dir, places.assets, open_folder=open_folder)
    qtbot.addWidget(dialog)

    click(dialog.open_button)

    assert opened == [places.data_dir]
    assert dialog.folder_problem.isHidden()


def test_a_folder_no_file_manager_opens_says_so(qtbot: QtBot, places: Places) -> None:
    dialog = AboutDialog(places.data_dir, places.assets, open_folder=lambda folder: False)
    qtbot.addWidget(dialog)

    click(dialog.open_button)

    assert not dialog.folder_problem.isHidden()
    assert "copy the path" in dialog.folder_problem.text()


def test_every_asset_licence_in_the_list_is_shown(qtbot: QtBot, places: Places) -> None:
    dialog = AboutDialog(places.data_dir, places.assets)
    qtbot.addWidget(dialog)

    listed = read_licences(places.assets).assets
    assert cells(dialog.asset_licences) == [[a.what, a.files, a.by, a.licence] for a in listed]
    assert len(listed) >= 5


def test_a_missing_licence_list_is_a_sentence_not_a_crash(
    qtbot: QtBot, places: Places, tmp_path: Path
) -> None:
    dialog = AboutDialog(places.data_dir, tmp_path)
    qtbot.addWidget(dialog)

    assert f"{tmp_path / 'LICENSES.toml'}: the licence list cannot be read" in texts(dialog)
