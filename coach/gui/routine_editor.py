"""The routine editor: a form for every key of a routine file, the validator's own sentences beside each
field as you type, a preview of the session (its steps and their times), and Save into your routines folder.

Session ▸ New routine… (Ctrl+N) starts from a valid starter; Session ▸ Edit routine… (Ctrl+E) opens the
chosen routine: your own file as it is, comments and layout kept (tomlkit), or a bundled one as a copy that
is saved as your own. Everything is reachable with the keyboard: Tab through the fields, Alt+ the underlined
letter, Ctrl+S saves, Esc closes (asking first when something is unsaved). It fits a 1024×600 screen: the
form scrolls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coach.core.i18n import _, pgettext
from coach.core.operations.routines import draft_target, save_routine
from coach.core.routines.editing import GENERAL, CheckedDraft, KeyPath, RoutineDraft
from coach.core.routines.form_fields import EXERCISE_FIELDS, ROUTINE_FIELDS, Field, FieldKind
from coach.core.routines.model import estimated_minutes
from coach.core.routines.wording import exercise_line
from coach.gui.operations import OperationRunner

# A field's editor: something that shows text and says when it changed.
_Editor = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox


def shown_choice(choice: str) -> str:
    """A choice of a list as the editor shows it, in the chosen language: "(not given)" for none, the sides,
    what an exercise works; a value the help quotes ("reps-then-load", "tired") keeps the file's word beside
    its translation. The file is always written with the file's own word."""
    words = {
        "": _("(not given)"),
        "left and right": _("left and right"),
        "affected and unaffected": _("affected and unaffected"),
        "tired": pgettext("until", "tired"),
        "knee": pgettext("what an exercise works", "knee"),
        "hip": pgettext("what an exercise works", "hip"),
        "reps": pgettext("progression", "reps"),
        "hold": pgettext("progression", "hold"),
        "sets": pgettext("progression", "sets"),
        "none": pgettext("progression", "none"),
        "reps-then-load": pgettext("progression", "reps-then-load"),
        "level": pgettext("progression", "level"),
    }
    return words.get(choice, choice)


class _FieldRow:
    """One field: its editor and the line under it where the validator's sentence goes."""

    def __init__(self, field: Field, on_change: Callable[[], None]) -> None:
        self.field = field
        self.editor: _Editor
        if field.kind in (FieldKind.LINES, FieldKind.STEPS, FieldKind.INTERVALS):
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)  # Tab leaves the box: the form stays keyboard-friendly
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
            editor.textChanged.connect(on_change)
            self.editor = editor
        elif field.kind is FieldKind.CHOICE:
            combo = QComboBox()
            combo.addItems([shown_choice(choice) for choice in field.choices])
            combo.currentIndexChanged.connect(on_change)
            self.editor = combo
        elif field.kind is FieldKind.FLAG:
            box = QCheckBox(_(field.help))
            box.toggled.connect(on_change)
            self.editor = box
        else:
            line = QLineEdit()
            line.textEdited.connect(on_change)
            self.editor = line
        self.editor.setAccessibleName(_(field.label))
        self.editor.setAccessibleDescription(_(field.help))
        self.editor.setToolTip(_(field.help))
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # the validator quotes the file's own text
        self.problem.setWordWrap(True)
        font = self.problem.font()
        font.setBold(True)  # stands out by weight and its "Problem:" word, not by colour alone
        self.problem.setFont(font)
        self.problem.hide()
        self.box = QWidget()
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.editor)
        if field.kind is not FieldKind.FLAG:
            hint = QLabel(_(field.help))
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setWordWrap(True)  # in the text's colour: the placeholder grey reads under 4.5:1 on light
            column.addWidget(hint)
        column.addWidget(self.problem)

    def text(self) -> str:
        editor = self.editor
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return self.field.choices[editor.currentIndex()]
        if isinstance(editor, QCheckBox):
            return "true" if editor.isChecked() else ""
        return editor.text()

    def show_text(self, text: str) -> None:
        editor = self.editor
        editor.blockSignals(True)
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(self.field.choices.index(text) if text in self.field.choices else 0)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(text == "true")
        else:
            editor.setText(text)
        editor.blockSignals(False)

    def show_problems(self, sentences: tuple[str, ...]) -> None:
        self.problem.setText("\n".join(_("Problem: {problem}").format(problem=s) for s in sentences))
        self.problem.setVisible(bool(sentences))
        self.editor.setAccessibleDescription(" ".join((*sentences, _(self.field.help))))


class RoutineEditor(QDialog):
    """Edits one draft; `saved(path)` when it was written into the person's routines folder."""

    saved = Signal(object)  # Path

    def __init__(self, draft: RoutineDraft, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft, self.runner = draft, runner
        self.unsaved = False
        self.checked: CheckedDraft | None = None
        self.setWindowTitle(_("Routine editor"))
        self.setAccessibleName(_("Routine editor"))
        self.routine_rows = {f.key: _FieldRow(f, self._on_routine_field) for f in ROUTINE_FIELDS}
        self.exercise_rows = {f.key: _FieldRow(f, self._on_exercise_field) for f in EXERCISE_FIELDS}
        self._build()
        self._show_routine()
        self._select_exercise(0)
        self._check()
        self.resize(980, 560)  # a 1024×600 screen with its panel
        self.routine_rows["title"].editor.setFocus()

    # -- building ----------------------------------------------------------------------------------------

    def _build(self) -> None:
        routine_box = QGroupBox(_("Routine"))
        routine_form = QFormLayout(routine_box)
        # A label too long beside its field (German has some) goes above it: the form stays on screen.
        routine_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for row in self.routine_rows.values():
            routine_form.addRow(_(row.field.label), row.box)
        self.exercise_list = QListWidget()
        self.exercise_list.setAccessibleName(_("Exercises"))
        self.exercise_list.setMaximumHeight(140)
        self.exercise_list.currentRowChanged.connect(self._select_exercise)
        self.add_button = QPushButton(_("&Add exercise"))
        self.add_button.clicked.connect(self.add_exercise)
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.clicked.connect(self.remove_exercise)
        self.up_button = QPushButton(_("Move &up"))
        self.up_button.clicked.connect(lambda: self.move_exercise(-1))
        self.down_button = QPushButton(_("Move &down"))
        self.down_button.clicked.connect(lambda: self.move_exercise(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.exercise_box = QGroupBox(_("Exercise"))
        exercise_form = QFormLayout(self.exercise_box)
        exercise_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for row in self.exercise_rows.values():
            exercise_form.addRow(_(row.field.label), row.box)
        exercises_box = QGroupBox(_("Exercises"))
        exercises = QVBoxLayout(exercises_box)
        exercises.addWidget(self.exercise_list)
        exercises.addLayout(buttons)
        form = QWidget()
        column = QVBoxLayout(form)
        column.addWidget(routine_box)
        column.addWidget(exercises_box)
        column.addWidget(self.exercise_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(_("The routine and its exercises"))
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("Preview of the session"))
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(_("Problems"))
        self.problems.setMaximumHeight(120)
        side = QWidget()
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.addWidget(QLabel(_("Preview")))
        side_column.addWidget(self.preview, 1)
        side_column.addWidget(QLabel(_("Problems")))
        side_column.addWidget(self.problems)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        kinds = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(kinds.Save | kinds.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.close)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    # -- showing the draft -------------------------------------------------------------------------------

    def _show_routine(self) -> None:
        for key, row in self.routine_rows.items():
            row.show_text(self.draft.text_of((key,)))
        self._fill_exercise_list()

    def _fill_exercise_list(self, current: int = 0) -> None:
        self.exercise_list.blockSignals(True)
        self.exercise_list.clear()
        for index in range(self.draft.exercise_count):
            self.exercise_list.addItem(self.draft.exercise_name(index))
        self.exercise_list.blockSignals(False)
        if self.draft.exercise_count:
            self.exercise_list.setCurrentRow(min(current, self.draft.exercise_count - 1))

    @property
    def exercise_index(self) -> int:
        return self.exercise_list.currentRow()

    def _select_exercise(self, index: int) -> None:
        present = 0 <= index < self.draft.exercise_count
        self.exercise_box.setEnabled(present)
        for key, row in self.exercise_rows.items():
            row.show_text(self.draft.text_of(("exercises", index, key)) if present else "")
        self._show_problems()

    # -- changes -----------------------------------------------------------------------------------------

    def _on_routine_field(self) -> None:
        for key, row in self.routine_rows.items():
            self.draft.set_text((key,), row.text())
        self._changed()

    def _on_exercise_field(self) -> None:
        index = self.exercise_index
        if not 0 <= index < self.draft.exercise_count:
            return
        for key, row in self.exercise_rows.items():
            self.draft.set_text(("exercises", index, key), row.text())
        item = self.exercise_list.item(index)
        if item is not None:
            item.setText(self.draft.exercise_name(index))
        self._changed()

    def add_exercise(self) -> None:
        index = self.draft.add_exercise(_("New exercise"))
        self._fill_exercise_list(index)
        self._changed()
        name = self.exercise_rows["name"].editor
        name.setFocus()
        if isinstance(name, QLineEdit):
            name.selectAll()

    def remove_exercise(self) -> None:
        index = self.exercise_index
        self.draft.remove_exercise(index)
        self._fill_exercise_list(max(0, index - 1))
        self._select_exercise(self.exercise_index)
        self._changed()

    def move_exercise(self, by: int) -> None:
        index = self.draft.move_exercise(self.exercise_index, by)
        self._fill_exercise_list(index)
        self._changed()

    def _changed(self) -> None:
        self.unsaved = True
        self._check()

    def _check(self) -> None:
        """Validate the draft as it stands: the sentences beside their fields, the preview, Save."""
        target = draft_target(self.runner.coach, self.draft)
        self.checked = self.draft.check(target, self.runner.coach.places.assets)
        self._show_problems()
        routine = self.checked.checked.routine
        if routine is None:
            self.preview.setPlainText(_("The preview appears when the routine is valid."))
        else:
            lines = [exercise_line(e) for e in routine.exercises]
            minutes = estimated_minutes(routine)
            lines += ["", _("About {minutes} min in all.").format(minutes=max(1, round(minutes)))]
            self.preview.setPlainText("\n".join(lines))
        self.save_button.setEnabled(self.checked.valid)
        self.status.setText("" if self.checked.valid else _("Fix the problems above to save."))

    def _show_problems(self) -> None:
        if self.checked is None:
            return
        placed = self.checked.by_field
        for key, row in self.routine_rows.items():
            row.show_problems(placed.get((key,), ()))
        index = self.exercise_index
        for key, row in self.exercise_rows.items():
            row.show_problems(placed.get(("exercises", index, key), ()))
        everything = [
            (_("line {line}: Note: {problem}") if p.warning else _("line {line}: {problem}")).format(
                line=p.line, problem=p.message
            )
            for p in self.checked.checked.problems
        ]
        self.problems.setPlainText("\n".join(everything) if everything else _("None."))
        general = placed.get(GENERAL, ())
        if general:
            self.status.setText("\n".join(general))

    def problems_for(self, path: KeyPath) -> tuple[str, ...]:
        """The sentences shown beside the field at `path` (for tests)."""
        return () if self.checked is None else self.checked.by_field.get(path, ())

    # -- saving and closing ------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.checked is None or not self.checked.valid:
            self.status.setText(_("Fix the problems above to save."))
            return False
        draft, say = self.draft, self.status.setText
        path = self.runner.run(lambda coach: save_routine(coach, draft), self, show_refusal=say)
        if path is None:
            return False
        self.unsaved = False
        self.status.setText(_("Saved as {path}.").format(path=path))
        self.saved.emit(path)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.unsaved and not self._may_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        self.close()

    def _may_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save the changes to this routine?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard
