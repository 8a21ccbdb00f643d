"""Routine files that change while the app runs, and "Open my routines folder"."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from coach.gui.app import CoachApp

MY_ROUTINE = """\
format = 1
id = "my-bridges"
title = "My bridges"

[[exercises]]
id = "bridge"
name = "Glute bridge"
reps = 10
"""


class OpenedUrls(QObject):
    """Stands in for the file manager: QDesktopServices hands it the file: URLs it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def file_manager() -> Iterator[OpenedUrls]:
    opened = OpenedUrls()
    # PySide6 takes the slot's name as text and refuses bytes, which its stub asks for
    QDesktopServices.setUrlHandler("file", opened, "open")  # type: ignore[arg-type]
    yield opened
    QDesktopServices.unsetUrlHandler("file")


def titles(coach_app: CoachApp) -> list[str]:
    return [entry.routine.title for entry in coach_app.coach.library.routines]


def test_a_routine_file_added_while_the_app_runs_appears_in_the_library(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    own = coach_app.coach.places.user_routines
    assert not own.exists()

    own.mkdir(parents=True)  # the folder's creation is noticed through its parent
    qtbot.waitUntil(lambda: str(own) in coach_app.routine_folders.watched, timeout=15_000)
    (own / "bridges.toml").write_text(MY_ROUTINE, encoding="utf-8")

    qtbot.waitUntil(lambda: "My bridges" in titles(coach_app), timeout=15_000)
    window_titles = [
        coach_app.window.routine_list.item(i).text() for i in range(coach_app.window.routine_list.count())
    ]
    assert any("My bridges" in title for title in window_titles)


def test_the_databases_own_files_changing_wake_no_timer(qtbot: QtBot, coach_app: CoachApp) -> None:
    """Until the routines folder exists its parent, the data folder, is watched to notice it being made;
    the database's files written there at every step are no routine change: no settle timer starts (an
    icing run's only wake-up stays its countdown's, once a second)."""
    own = coach_app.coach.places.user_routines
    assert not own.exists()
    folders = coach_app.routine_folders
    assert str(own.parent) in folders.watched

    with qtbot.waitSignal(folders.watcher.changed, timeout=15_000):
        (own.parent / "coach.db-journal").write_bytes(b"written")

    assert not folders.watcher.timer.isActive()

    with qtbot.waitSignal(folders.watcher.changed, timeout=15_000):
        own.mkdir()

    assert folders.watcher.timer.isActive()


def test_a_changed_routine_file_is_reloaded(qtbot: QtBot, coach_app: CoachApp) -> None:
    own = coach_app.coach.places.user_routines
    own.mkdir(parents=True)
    path = own / "bridges.toml"
    path.write_text(MY_ROUTINE, encoding="utf-8")
    qtbot.waitUntil(lambda: "My bridges" in titles(coach_app), timeout=15_000)

    path.write_text(MY_ROUTINE.replace("My bridges", "Bridges, slower"), encoding="utf-8")

    qtbot.waitUntil(lambda: "Bridges, slower" in titles(coach_app))


def test_open_my_routines_folder_makes_it_and_shows_it(
    qtbot: QtBot, coach_app: CoachApp, file_manager: OpenedUrls
) -> None:
    own: Path = coach_app.coach.places.user_routines
    assert not own.exists()
    assert coach_app.routine_folders.open_action in coach_app.window.session_menu.actions()

    coach_app.routine_folders.open_action.trigger()

    assert own.is_dir()
    assert [url.toLocalFile() for url in file_manager.urls] == [str(own)]


def test_closing_the_app_gives_its_file_watcher_back(qtbot: QtBot, coach_app: CoachApp) -> None:
    before = inotify_instances()

    coach_app.routine_folders.stop()

    assert inotify_instances() == before - 1
    assert coach_app.routine_folders.watched == []


def inotify_instances() -> int:
    """How many inotify instances this process holds (each watcher takes one of the user's 128)."""
    count = 0
    for descriptor in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            count += "inotify" in os.readlink(f"/proc/self/fd/{descriptor}")
    return count


def test_a_data_folder_that_goes_away_is_heard_though_its_own_files_are_not(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The system drops the watch of a folder that is removed or renamed: the settle that follows watches it
    again once it is back (a restore, a sync client), so its routines folder is still noticed when made."""
    from coach.gui.routine_folders import RoutineFolders

    data = tmp_path / "data"
    data.mkdir()
    folders = RoutineFolders([data / "routines"], data / "routines")
    assert folders.watched == [str(data)]

    with qtbot.waitSignal(folders.watcher.changed, timeout=15_000):
        (data / "coach.db").write_bytes(b"a step")
    assert not folders.watcher.timer.isActive()

    with qtbot.waitSignal(folders.watcher.changed, timeout=15_000):
        (data / "coach.db").unlink()
        data.rmdir()
    assert folders.watcher.timer.isActive()
    folders.stop()
