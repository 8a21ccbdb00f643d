"""A shared routine file with hostile text: shown as plain text, never loaded as images or styles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from coach.core.paths import Places
from coach.core.routines.loader import load_routine
from coach.core.routines.values import MAX_NAME_CHARACTERS
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.session_end import SessionEndPage
from tests.conftest import write
from tests.gui.driving import advance

IMAGE = '<img src="{image}" width=4000 height=4000>'
STYLED = '<h1 style="font-size:200px">Rehab Coach has stopped</h1>'


def hostile_routine(folder: Path, name: str, title: str = "Hip work") -> Path:
    return write(
        folder / "hostile.toml",
        f"""format = 1
id = "hostile"
title = '{title}'

[[exercises]]
id = "clamshells"
name = '{name}'
reps = 2
sets = 1
instructions = ['{STYLED}']
""",
    )


def labels_showing(widget: object, fragment: str) -> list[QLabel]:
    assert hasattr(widget, "findChildren")
    return [label for label in widget.findChildren(QLabel) if fragment in label.text()]


def test_markup_in_a_routine_is_shown_as_written_in_the_player_and_at_the_end(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, tmp_path: Path
) -> None:
    image = tmp_path / "big.png"
    image.write_bytes(b"\x89PNG not really")
    name = IMAGE.format(image=image) + "Clamshells"
    routine = load_routine(hostile_routine(tmp_path / "shared", name, title=STYLED))

    player = coach_app.sessions.play_routine(routine)
    assert player is not None
    advance(player, fake_clock, 5.01)  # past "get ready": the exercise's name and instructions show

    shown = labels_showing(player, "<img") + labels_showing(player, "<h1")
    assert {label.accessibleName() for label in shown} >= {"Exercise", "Instructions"}
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in shown)
    assert max(label.sizeHint().height() for label in shown) < 400  # no 4000-pixel image, no 200px type

    advance(player, fake_clock, player.engine.seconds_total)
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    end = coach_app.window.pages.currentWidget()
    shown = labels_showing(end, "<h1")
    assert shown
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in shown)


@pytest.fixture
def long_words(places: Places) -> Path:
    """A routine of the person's own whose title and exercise are one word each, as long as may be."""
    return hostile_routine(places.user_routines, "W" * MAX_NAME_CHARACTERS, title="T" * MAX_NAME_CHARACTERS)


def test_a_very_long_word_does_not_widen_the_window(
    long_words: Path, qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    window = coach_app.window
    window.resize(1024, 600)
    window.routine_list.setCurrentRow(window.routine_list.count() - 1)  # its title shows beside the list
    assert window.title.text().startswith("TTT")

    player = coach_app.sessions.start_routine("hostile")
    assert player is not None
    advance(player, fake_clock, 5.01)
    QApplication.processEvents()  # let the layouts settle once

    assert player.headline.text().startswith("WWW")
    assert window.width() <= 1024
    assert window.pages.minimumSizeHint().width() < 1024  # what would stretch the window


def test_direction_overrides_are_taken_out_of_names_and_titles(tmp_path: Path) -> None:
    routine = load_routine(hostile_routine(tmp_path, "Clam\u202eshells", title="\u2067Hip\u2069 work\u200f"))

    assert routine.title == "Hip work"
    assert routine.exercises[0].name == "Clamshells"


@pytest.fixture
def hostile_files(places: Places) -> Path:
    """A FIFO, a link to /dev/zero, a link to itself and an amplified routine among the person's own."""
    folder = places.user_routines
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "self.toml").symlink_to("self.toml")
    big = "".join(
        f'\n[[exercises]]\nid = "e{n}"\nname = "E"\nsets = 20\nreps = 100\nsides = ["left", "right"]\n'
        for n in range(3)
    )
    write(folder / "big.toml", 'format = 1\nid = "big"\ntitle = "Big"\n' + big)
    return folder


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and device links are POSIX")
def test_the_app_starts_beside_a_fifo_a_device_link_a_link_loop_and_an_amplified_file(
    hostile_files: Path, coach_app: CoachApp
) -> None:
    broken = {b.path.name for b in coach_app.coach.library.broken}

    assert broken == {"pipe.toml", "zero.toml", "self.toml", "big.toml"}
    assert coach_app.window.isVisible()
    assert coach_app.coach.library.find("big") is None
