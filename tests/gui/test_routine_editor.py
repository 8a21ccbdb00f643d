"""The routine editor: made with the keyboard alone, the validator's sentences beside the fields, comments
kept, a bundled routine saved as the person's own copy, and a size that fits a 1024×600 screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from coach.cli import main
from coach.gui.app import CoachApp
from coach.gui.routine_editor import RoutineEditor
from tests.gui.driving import key_click, type_text

COMMENTED = """# From my physiotherapist, 3 March: do these every other day.
format = 2
id = "physio-sheet"
title = "Physio sheet"  # as written on the sheet
sessions_per_week = 3

[[exercises]]
# Keep the knee over the toes.
id = "step-down"
name = "Step-down"
reps = 10  # "10, slowly"
sides = ["left", "right"]
"""

COMMENTED_3 = """# Vicenzino 2008, as my physiotherapist wrote it.
format = 3
id = "my-legs"
title = "My legs"
days = ["mon", "thu"]  # clinic days

[[exercises]]
# Slowly: up for 2, down for 3.
id = "squat"
name = "Squat"
sides = ["affected", "unaffected"]
sets = { affected = 3, unaffected = 1 }  # "3 × 10 on the affected leg, 1 × 10 on the other"
reps = 10
tempo = [2, 0, 3]  # "up for 2, down for 3"
"""


def _editor(qtbot: QtBot, coach_app: CoachApp) -> RoutineEditor:
    qtbot.waitUntil(lambda: coach_app.editing.editor is not None and coach_app.editing.editor.isVisible())
    editor = coach_app.editing.editor
    assert editor is not None
    return editor


def _type(qtbot: QtBot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    key_click(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        widget = QApplication.focusWidget()
        assert widget is not None
        key_click(widget, Qt.Key.Key_Tab)


def _retype(editor: RoutineEditor, rows: str, key: str, text: str) -> None:
    """Replace a line's value key by key, as a person would: the form hears it through its signal."""
    line = getattr(editor, rows)[key].editor
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.selectAll()
    type_text(line, text)


def _edit_own(coach_app: CoachApp, data_dir: Path, routine_id: str, text: str) -> tuple[RoutineEditor, Path]:
    """Put `text` in the person's routines folder as ROUTINE_ID.toml and open it in the editor."""
    own = data_dir / "routines"
    own.mkdir(parents=True, exist_ok=True)
    (own / f"{routine_id}.toml").write_text(text, encoding="utf-8")
    coach_app.coach.reload_library()
    coach_app.window.set_library(coach_app.coach.library)
    coach_app.window.select_routine(routine_id)
    editor = coach_app.editing.edit_chosen()
    assert editor is not None
    return editor, own / f"{routine_id}.toml"


def test_a_routine_made_with_keystrokes_only_is_saved_and_validates(
    qtbot: QtBot, coach_app: CoachApp, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coach_app.window.activateWindow()
    key_click(coach_app.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New routine…
    editor = _editor(qtbot, coach_app)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.routine_rows["title"].editor)

    _type(qtbot, "Morning knee work")
    _tab(qtbot)
    _type(qtbot, "morning-knee")
    key_click(_focus(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Add exercise
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.exercise_rows["name"].editor)
    _type(qtbot, "Quadriceps hold")
    _tab(qtbot, 2)  # past the id to the instructions
    type_text(_focus(), "Tighten the front of the thigh and hold.")
    _tab(qtbot)
    _type(qtbot, "2")  # sets
    _tab(qtbot)
    _type(qtbot, "10")  # reps
    key_click(_focus(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = data_dir / "routines" / "morning-knee.toml"
    qtbot.waitUntil(saved.is_file)
    text = saved.read_text(encoding="utf-8")
    assert 'title = "Morning knee work"' in text
    assert 'name = "Quadriceps hold"' in text
    assert "sets = 2" in text
    assert main(["validate", str(saved)]) == 0
    assert "ok (morning-knee, 2 exercises)" in capsys.readouterr().out
    qtbot.waitUntil(lambda: coach_app.coach.library.find("morning-knee") is not None)  # in the library


def test_the_validators_sentence_stands_beside_the_field_and_save_waits(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    editor = coach_app.editing.new_routine()
    reps = editor.exercise_rows["reps"].editor
    assert isinstance(reps, QLineEdit)

    reps.setFocus()
    reps.selectAll()
    type_text(reps, "ten")

    sentence = 'reps must be a whole number, got "ten"'
    assert editor.problems_for(("exercises", 0, "reps")) == (sentence,)
    assert editor.exercise_rows["reps"].problem.text() == f"Problem: {sentence}"
    assert editor.exercise_rows["reps"].problem.isVisible()
    assert not editor.save_button.isEnabled()

    reps.selectAll()
    type_text(reps, "10-15")  # a range, as the README writes it
    assert editor.save_button.isEnabled()
    assert "1 × 10" in editor.preview.toPlainText()
    editor.unsaved = False


def test_editing_a_commented_file_keeps_its_comments(
    qtbot: QtBot, coach_app: CoachApp, data_dir: Path
) -> None:
    editor, path = _edit_own(coach_app, data_dir, "physio-sheet", COMMENTED)

    _retype(editor, "exercise_rows", "reps", "12")
    assert editor.save()

    text = path.read_text(encoding="utf-8")
    for comment in (
        "# From my physiotherapist, 3 March: do these every other day.",
        "# as written on the sheet",
        "# Keep the knee over the toes.",
    ):
        assert comment in text
    assert text == COMMENTED.replace("reps = 10", "reps = 12")  # only the value changed, its comment kept


def test_a_bundled_routine_is_saved_as_the_persons_own_copy(
    qtbot: QtBot, coach_app: CoachApp, data_dir: Path
) -> None:
    coach_app.window.select_routine("hip-strength")
    editor = coach_app.editing.edit_chosen()
    assert editor is not None
    bundled = coach_app.coach.places.bundled_routines / "hip-strength.toml"
    before = bundled.read_bytes()

    _retype(editor, "routine_rows", "title", "Hip strength, my way")
    assert editor.save()

    assert bundled.read_bytes() == before  # the bundled file is never touched
    mine = data_dir / "routines" / "hip-strength.toml"
    assert 'title = "Hip strength, my way"' in mine.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: coach_app.window.selected_routine() is not None)
    entry = coach_app.coach.library.find("hip-strength")
    assert entry is not None
    assert entry.routine.title == "Hip strength, my way"


def test_a_new_routine_cannot_take_a_bundled_routines_id(qtbot: QtBot, coach_app: CoachApp) -> None:
    editor = coach_app.editing.new_routine()
    _retype(editor, "routine_rows", "id", "hip-strength")

    assert not editor.save()
    assert "already used by a bundled routine" in editor.status.text()
    editor.unsaved = False


def test_the_editor_fits_a_1024_by_600_screen(qtbot: QtBot, coach_app: CoachApp) -> None:
    editor = coach_app.editing.new_routine()
    hint = editor.minimumSizeHint()

    assert hint.width() <= 1024
    assert hint.height() <= 568  # less a 32-pixel panel
    assert editor.width() <= 1024
    assert editor.height() <= 568


def test_a_format_3_routine_made_with_keystrokes_only_has_a_tempo_and_sets_by_side(
    qtbot: QtBot, coach_app: CoachApp, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coach_app.window.activateWindow()
    key_click(coach_app.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New routine…
    editor = _editor(qtbot, coach_app)
    rows = editor.exercise_rows
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.routine_rows["title"].editor)
    _type(qtbot, "Tempo squats")
    _tab(qtbot)
    _type(qtbot, "tempo-squats")
    key_click(_focus(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Add exercise
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rows["name"].editor)
    _type(qtbot, "Squat")
    _tab(qtbot, 3)  # past the id and the instructions to the sets
    assert _focus() is rows["sets"].editor
    _type(qtbot, "affected = 3, unaffected = 1")
    _tab(qtbot)
    _type(qtbot, "10")  # reps
    _tab(qtbot, 2)  # past "until"
    assert _focus() is rows["tempo"].editor
    _type(qtbot, "2, 0, 3")
    _tab(qtbot, 5)  # past seconds a rep, hold, timer and icing
    assert _focus() is rows["sides"].editor
    key_click(_focus(), Qt.Key.Key_Down)
    key_click(_focus(), Qt.Key.Key_Down)  # affected and unaffected
    assert rows["sides"].text() == "affected and unaffected"
    assert editor.save_button.isEnabled()
    key_click(_focus(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = data_dir / "routines" / "tempo-squats.toml"
    qtbot.waitUntil(saved.is_file)
    text = saved.read_text(encoding="utf-8")
    assert "format = 3" in text
    assert "tempo = [2, 0, 3]" in text
    assert "sets = {affected = 3, unaffected = 1}" in text
    assert 'sides = ["affected", "unaffected"]' in text
    assert main(["validate", str(saved)]) == 0
    assert "ok (tempo-squats, 2 exercises)" in capsys.readouterr().out


def test_editing_a_commented_format_3_file_keeps_its_comments(
    qtbot: QtBot, coach_app: CoachApp, data_dir: Path
) -> None:
    editor, path = _edit_own(coach_app, data_dir, "my-legs", COMMENTED_3)
    assert editor.exercise_rows["sets"].text() == "affected = 3, unaffected = 1"
    assert editor.exercise_rows["tempo"].text() == "2, 0, 3"
    assert editor.routine_rows["days"].text() == "mon, thu"

    _retype(editor, "exercise_rows", "tempo", "2, 1, 3")
    assert editor.save()

    text = path.read_text(encoding="utf-8")
    assert text == COMMENTED_3.replace("tempo = [2, 0, 3]", "tempo = [2, 1, 3]")  # only the value changed


def test_a_format_3_fields_sentence_stands_beside_it_as_you_type(qtbot: QtBot, coach_app: CoachApp) -> None:
    editor = coach_app.editing.new_routine()
    tempo = editor.exercise_rows["tempo"].editor
    assert isinstance(tempo, QLineEdit)

    tempo.setFocus()
    type_text(tempo, "2, 1")

    sentence = "tempo must be three numbers of seconds [UP, HOLD, DOWN], got [2, 1]"
    assert editor.problems_for(("exercises", 0, "tempo")) == (sentence,)
    assert editor.exercise_rows["tempo"].problem.text() == f"Problem: {sentence}"
    assert not editor.save_button.isEnabled()

    type_text(tempo, ", 3")
    assert editor.save_button.isEnabled()
    assert "up 2 s, hold 1 s, down 3 s" in editor.preview.toPlainText()
    editor.unsaved = False


def test_the_editor_knows_a_run_walk_plan_and_saves_a_cadence_typed_in(
    qtbot: QtBot, coach_app: CoachApp, data_dir: Path
) -> None:
    coach_app.window.select_routine("back-to-running")
    editor = coach_app.editing.edit_chosen()
    assert editor is not None
    editor.exercise_list.setCurrentRow(0)

    stages = editor.exercise_rows["stages"].text().splitlines()
    assert stages[:2] == ["60, 60, 5", "60, 60, 10"]
    assert stages[-1] == "1800, 0, 1"
    assert editor.routine_rows["requires"].text() == "hip-strength, 3"
    _retype(editor, "exercise_rows", "cadence_bpm", "400")
    assert "cadence_bpm must be at most 220" in editor.exercise_rows["cadence_bpm"].problem.text()
    _retype(editor, "exercise_rows", "cadence_bpm", "170")
    assert editor.save()

    mine = (data_dir / "routines" / "back-to-running.toml").read_text(encoding="utf-8")
    assert "cadence_bpm = 170" in mine
    assert "{ run_seconds = 1800, walk_seconds = 0, repeats = 1 }" in mine  # the stages kept as written
    entry = coach_app.coach.library.find("back-to-running")
    assert entry is not None
    assert entry.routine.exercises[0].cadence_bpm == 170
