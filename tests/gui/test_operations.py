"""The GUI's one way to the core: a refusal or a failure is said, never swallowed; changes are announced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach.core.operations import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from coach.gui.operations import OperationRunner
from tests.helpers import over


def refuse(coach: Coach) -> OpResult[int]:
    raise Refused("the span ends before it starts")


def fail(coach: Coach) -> OpResult[int]:
    raise StoreError("the database is locked")


def disk_full(coach: Coach) -> OpResult[int]:
    raise OSError(28, "No space left on device", str(Path("/data/settings.json")))


def test_a_value_comes_back_and_what_changed_is_announced(qtbot: QtBot, store: AdherenceStore) -> None:
    runner = OperationRunner(over(store))

    with qtbot.waitSignal(runner.changed) as announced:
        value = runner.run(lambda coach: OpResult(7, Changes(day_marks=True)))

    assert value == 7
    assert announced.args == [Changes(day_marks=True)]


def test_nothing_is_announced_when_nothing_changed(qtbot: QtBot, store: AdherenceStore) -> None:
    runner = OperationRunner(over(store))

    with qtbot.assertNotEmitted(runner.changed):
        assert runner.run(lambda coach: OpResult("done")) == "done"


def test_a_refusal_is_shown_in_a_message_and_nothing_is_announced(
    qtbot: QtBot, store: AdherenceStore
) -> None:
    runner, window = OperationRunner(over(store)), QWidget()
    qtbot.addWidget(window)

    with qtbot.assertNotEmitted(runner.changed), qtbot.waitSignal(runner.refused) as said:
        assert runner.run(refuse, window) is None

    assert said.args == ["the span ends before it starts"]
    box = runner.message_box
    assert isinstance(box, QMessageBox)
    assert box.text() == "the span ends before it starts"
    assert box.icon() is QMessageBox.Icon.Information
    box.close()


def test_a_refusal_can_be_said_in_the_asking_window_instead(qtbot: QtBot, store: AdherenceStore) -> None:
    runner, lines = OperationRunner(over(store)), list[str]()

    assert runner.run(refuse, show_refusal=lines.append) is None

    assert lines == ["the span ends before it starts"]
    assert runner.message_box is None


def test_a_store_failure_is_shown_as_a_warning(qtbot: QtBot, store: AdherenceStore) -> None:
    runner, window = OperationRunner(over(store)), QWidget()
    qtbot.addWidget(window)

    assert runner.run(fail, window) is None

    assert runner.message_box is not None
    assert runner.message_box.icon() is QMessageBox.Icon.Warning
    assert runner.message_box.text() == "the database is locked"
    runner.message_box.close()


def test_a_file_that_cannot_be_written_is_said_with_its_place(qtbot: QtBot, store: AdherenceStore) -> None:
    runner, window, lines = OperationRunner(over(store)), QWidget(), list[str]()
    qtbot.addWidget(window)

    assert runner.run(disk_full, window) is None
    assert runner.run(disk_full, show_refusal=lines.append) is None

    sentence = "Could not write /data/settings.json: No space left on device."
    assert runner.message_box is not None
    assert runner.message_box.text() == sentence
    assert lines == [sentence]
    runner.message_box.close()


def test_a_store_that_fails_while_a_window_reads_is_said_not_raised(
    qtbot: QtBot, store: AdherenceStore
) -> None:
    runner, window, drawn = OperationRunner(over(store)), QWidget(), []
    qtbot.addWidget(window)

    def draw() -> None:
        drawn.append("the streak")
        raise StoreError("the history file is damaged; it was moved aside")

    with runner.reading(window):
        draw()

    assert drawn == ["the streak"]
    assert runner.message_box is not None
    assert runner.message_box.text() == "the history file is damaged; it was moved aside"
    runner.message_box.close()
