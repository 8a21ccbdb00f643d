"""Session ▸ Log a run…: a run done elsewhere, typed in or imported from its file, with the pain during it;
and the later questions (an hour after, the next morning) for the runs whose time has come.

Every field is reached with Tab and set with the keys; the pain boxes start unanswered ("–"), so that a 0
is always a 0 the person chose. The dialog shows the core's sentences as given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.safety import PAIN_MAX, PAIN_MIN
from coach.core.i18n import N_, _
from coach.core.operations import import_run_files, log_run
from coach.core.operations.runs import answer_run_questions
from coach.core.running.imports import RUN_MAX_KM, RUN_MAX_MINUTES
from coach.core.running.questions import (
    AFTER_HOUR_QUESTION,
    DURING_QUESTION,
    NEXT_MORNING_QUESTION,
    WaitingRun,
)
from coach.core.running.wording import run_line
from coach.gui import style
from coach.gui.operations import OperationRunner

# Translators: keep the patterns in brackets and the ";;" between the two kinds as they are.
RUN_FILES_FILTER = N_("Run files (*.gpx *.fit *.tcx *.GPX *.FIT *.TCX);;All files (*)")


class PainBox(QSpinBox):
    """Pain 0-10, starting unanswered ("–"): `pain()` is None until the person chose a number."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(PAIN_MIN - 1, PAIN_MAX)
        self.setSpecialValueText("–")
        self.setValue(PAIN_MIN - 1)
        self.setAccessibleName(name)
        self.setSuffix(_(" of 10"))

    def pain(self) -> int | None:
        value = self.value()
        return None if value < PAIN_MIN else value


class RunLogDialog(QDialog):
    """Minutes, distance, day and pain during a run; or files to import with the pain during them."""

    def __init__(self, runner: OperationRunner, parent: QWidget, files: Sequence[Path] = ()) -> None:
        super().__init__(parent)
        self.runner = runner
        self.files: list[Path] = list(files)
        self.setWindowTitle(_("Log a run"))
        today = runner.coach.today()[0]
        self.minutes = QSpinBox()
        self.minutes.setRange(1, RUN_MAX_MINUTES)
        self.minutes.setValue(30)
        self.minutes.setSuffix(_(" min"))
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0, RUN_MAX_KM)
        self.distance.setDecimals(2)
        self.distance.setSingleStep(0.5)
        self.distance.setSpecialValueText(_("not measured"))
        self.distance.setSuffix(_(" km"))
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.pain = PainBox(_("Knee pain during the run, 0 to 10"))
        self.form = QFormLayout()
        self.form.addRow(_("&Minutes:"), self.minutes)
        self.form.addRow(_("&Distance:"), self.distance)
        self.form.addRow(_("D&ay:"), self.day)
        self.form.addRow(_("&Pain during:"), self.pain)
        for field in (self.minutes, self.distance, self.day):
            label = self.form.labelForField(field)
            assert isinstance(label, QLabel)
            label.setBuddy(field)
        pain_label = self.form.labelForField(self.pain)
        assert isinstance(pain_label, QLabel)
        pain_label.setBuddy(self.pain)
        question = QLabel(_(DURING_QUESTION))
        style.plain(question)
        self.files_line = QLabel()
        style.plain(self.files_line)
        self.outcome = QLabel()
        style.plain(self.outcome)
        self.outcome.setAccessibleName(_("What became of the run"))
        self.later = QLabel(
            _("Later the app asks how the knee was an hour after the run, and the next morning.")
        )
        style.plain(self.later)
        self.save_button = QPushButton(_("&Save"))
        self.import_button = QPushButton(_("&Import file…"))
        self.import_button.setToolTip(_("A GPX, FIT or TCX file from your watch or running app"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._on_save)
        self.import_button.clicked.connect(self._on_import_file)
        buttons.rejected.connect(self.reject)
        self.pain.valueChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.files_line)
        layout.addLayout(self.form)
        layout.addWidget(self.later)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._show_files()
        self._update()

    def choose_files(self) -> list[Path]:
        """Ask for run files (a test answers instead)."""
        names = QFileDialog.getOpenFileNames(self, _("Import a run"), str(Path.home()), _(RUN_FILES_FILTER))[
            0
        ]
        return [Path(name) for name in names]

    def _show_files(self) -> None:
        importing = bool(self.files)
        for field in (self.minutes, self.distance, self.day):
            field.setVisible(not importing)
            label = self.form.labelForField(field)
            if label is not None:
                label.setVisible(not importing)
        self.files_line.setVisible(importing)
        names = ", ".join(path.name for path in self.files)
        self.files_line.setText(_("To import: {files}").format(files=names))
        self.save_button.setText(_("&Import") if importing else _("&Save"))
        self.pain.setFocus()

    def _update(self) -> None:
        self.save_button.setEnabled(self.pain.pain() is not None)
        self.save_button.setDefault(True)  # Enter saves, from any field (a disabled button loses it)

    def _on_import_file(self) -> None:
        chosen = self.choose_files()
        if chosen:
            self.files = chosen
            self.outcome.setText("")
            self._show_files()
            self._update()

    def _on_save(self) -> None:
        pain = self.pain.pain()
        if pain is None:
            return
        if self.files:
            self._import(pain)
            return
        distance = self.distance.value() or None
        minutes = float(self.minutes.value())
        chosen = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        run = self.runner.run(
            lambda coach: log_run(coach, minutes, pain, distance_km=distance, on=day),
            self,
            show_refusal=self.outcome.setText,
        )
        if run is not None:
            self.outcome.setText(_("Logged: {run}.").format(run=run_line(run)))
            self.accept()

    def _import(self, pain: int) -> None:
        files = self.files
        outcomes = self.runner.run(
            lambda coach: import_run_files(coach, files, pain), self, show_refusal=self.outcome.setText
        )
        if outcomes is None:
            return
        self.outcome.setText("\n".join(outcome.sentence() for outcome in outcomes))
        self.files = []
        self._show_files()
        self.cancel_button.setText(_("&Close"))
        if all(outcome.run is not None for outcome in outcomes):
            self.accept()


class RunQuestionsDialog(QDialog):
    """The later pain questions of the runs whose time has come: Save stores those answered; Later leaves
    the rest to be asked again."""

    def __init__(self, waiting: Sequence[WaitingRun], runner: OperationRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(_("How was the knee after your run?"))
        self.boxes: dict[int, dict[str, PainBox]] = {}
        layout = QVBoxLayout(self)
        for item in waiting:
            heading = QLabel(run_line(item.run))
            style.plain(heading)
            style.scale_font(heading, 1.0, bold=True)
            layout.addWidget(heading)
            form = QFormLayout()
            boxes: dict[str, PainBox] = {}
            for key, due, question in (
                ("during", item.during, DURING_QUESTION),
                ("after_hour", item.after_hour, AFTER_HOUR_QUESTION),
                ("next_morning", item.next_morning, NEXT_MORNING_QUESTION),
            ):
                if due:
                    box = PainBox(_(question))
                    label = QLabel(_(question))
                    label.setBuddy(box)
                    form.addRow(label, box)
                    boxes[key] = box
            layout.addLayout(form)
            self.boxes[item.run.id] = boxes
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(_("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _on_save(self) -> None:
        for run_id, boxes in self.boxes.items():
            answers = {key: box.pain() for key, box in boxes.items()}
            if any(pain is not None for pain in answers.values()):
                during, after, morning = (answers.get(k) for k in ("during", "after_hour", "next_morning"))
                self.runner.run(
                    partial(
                        answer_run_questions,
                        run_id=run_id,
                        during=during,
                        after_hour=after,
                        next_morning=morning,
                    ),
                    self,
                )
        self.accept()
