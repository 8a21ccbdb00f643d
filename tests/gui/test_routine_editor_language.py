"""The routine editor in another language: its labels, help, choices, buttons and the validator's sentence
beside a field all come through the catalogue (issue 24)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QScrollArea
from pytestqt.qtbot import QtBot

from coach.core.i18n import _, use_language
from coach.core.paths import catalogues as catalogue_folder
from coach.gui.app import CoachApp
from tests.gui.driving import type_text


def test_the_editors_labels_buttons_and_choices_are_spanish(qtbot: QtBot, coach_app: CoachApp) -> None:
    use_language("es", catalogue_folder())
    editor = coach_app.editing.new_routine()

    parent = editor.routine_rows["title"].box.parentWidget()
    assert parent is not None
    form = parent.layout()
    assert isinstance(form, QFormLayout)
    label = form.labelForField(editor.routine_rows["title"].box)
    assert isinstance(label, QLabel)
    assert label.text() == "Título"
    assert editor.windowTitle() == "Editor de rutinas"
    assert editor.add_button.text() == "&Añadir ejercicio"
    assert [b.text() for b in (editor.remove_button, editor.up_button, editor.down_button)] == [
        "&Quitar",
        "S&ubir",
        "&Bajar",
    ]
    sets = editor.exercise_rows["sets"].editor
    assert sets.accessibleName() == "Series"
    assert sets.toolTip().startswith("Por defecto 1: cada serie se repite")
    sides = editor.exercise_rows["sides"].editor
    assert isinstance(sides, QComboBox)
    shown = [sides.itemText(i) for i in range(sides.count())]
    assert shown == ["(sin indicar)", "izquierdo y derecho", "afectado y no afectado"]
    editor.unsaved = False


def test_a_fields_problem_is_said_in_spanish_and_the_value_written_stays_the_files(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    use_language("es", catalogue_folder())
    editor = coach_app.editing.new_routine()
    reps = editor.exercise_rows["reps"].editor
    assert isinstance(reps, QLineEdit)

    reps.setFocus()
    reps.selectAll()
    type_text(reps, "ten")

    sentence = 'reps debe ser un número entero, recibido: "ten"'
    assert editor.problems_for(("exercises", 0, "reps")) == (sentence,)
    assert editor.exercise_rows["reps"].problem.text() == f"Problema: {sentence}"
    assert editor.status.text() == "Corrija los problemas de arriba para guardar."

    sides = editor.exercise_rows["sides"].editor
    assert isinstance(sides, QComboBox)
    sides.setCurrentIndex(1)  # "izquierdo y derecho"
    assert 'sides = ["left", "right"]' in editor.draft.text()  # the file keeps its own words
    editor.unsaved = False


def test_the_editors_preview_speaks_german(qtbot: QtBot, coach_app: CoachApp) -> None:
    use_language("de", catalogue_folder())
    editor = coach_app.editing.new_routine()

    assert editor.preview.toPlainText().splitlines()[-1] == "Etwa 1 Min. insgesamt."
    assert editor.problems.toPlainText() == "Keine."
    progression = editor.exercise_rows["progression"].editor
    assert isinstance(progression, QComboBox)
    assert progression.itemText(5) == "Wiederholungen, dann Belastung (reps-then-load)"
    progression.setCurrentIndex(5)
    assert 'progression = "reps-then-load"' in editor.draft.text()  # written in the file's own word
    assert _("Save the changes to this routine?") == "Die Änderungen an dieser Routine speichern?"
    editor.unsaved = False


def test_a_new_routine_is_named_in_spanish_and_keeps_english_ids(qtbot: QtBot, coach_app: CoachApp) -> None:
    use_language("es", catalogue_folder())
    editor = coach_app.editing.new_routine()

    assert editor.draft.text_of(("title",)) == "Mi rutina"
    assert editor.draft.exercise_name(0) == "Primer ejercicio"
    assert editor.draft.text_of(("exercises", 0, "id")) == "first-exercise"
    editor.add_exercise()
    assert editor.draft.text_of(("exercises", 1, "id")) == "ejercicio-nuevo"
    editor.unsaved = False


@pytest.mark.parametrize("code", ["de", "es"])
def test_the_form_in_german_or_spanish_is_never_wider_than_its_scroll_area(
    qtbot: QtBot, coach_app: CoachApp, code: str
) -> None:
    """German labels are long ("Nächste Stufe nach schmerzfreien Wiederholungen"): such a label goes above
    its field rather than pushing the fields off the right edge at 1024×600."""
    use_language(code, catalogue_folder())
    editor = coach_app.editing.new_routine()
    editor.show()
    qtbot.waitExposed(editor)
    scroll = editor.findChild(QScrollArea)
    assert scroll is not None

    form = scroll.widget()
    assert form is not None
    assert form.minimumSizeHint().width() <= scroll.viewport().width()
    assert editor.minimumSizeHint().width() <= 1024
    editor.unsaved = False
