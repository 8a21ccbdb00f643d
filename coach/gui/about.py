"""The About dialog: the version, the licences, the data folder, the clinical sources and what the app is not.

Every bundled asset's licence comes from the one list beside the assets (assets/LICENSES.toml).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach import __version__
from coach.core.clinical.safety import DISCLAIMER, PROGRAMME_ADVICE
from coach.core.clinical.sources import CLINICAL_SOURCES, NOT_A_CLINICIAN
from coach.core.i18n import _
from coach.core.licences import CODE_LICENCE, LicenceListError, Licences, read_licences
from coach.gui import style


def _open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    """What Rehab Coach is and is not, where its records are, what it stands on, and whose work it carries."""

    def __init__(
        self,
        data_dir: Path,
        assets: Path,
        routine_sources: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        *,
        open_folder: Callable[[Path], bool] = _open_folder,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(_("About Rehab Coach"))
        self.data_dir = data_dir
        self._open_folder = open_folder
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("About Rehab Coach"))
        self.tabs.addTab(self._build_about(), _("About"))
        self.tabs.addTab(self._build_sources(routine_sources), _("Clinical sources"))
        self.tabs.addTab(self._build_licences(assets), _("Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def _build_about(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(style.SPACING)
        title = _plain(_("Rehab Coach {version}").format(version=__version__))
        style.scale_font(title, style.HEADING, bold=True)
        layout.addWidget(title)
        caution = _plain(f"{_(NOT_A_CLINICIAN)} {_(DISCLAIMER)} {_(PROGRAMME_ADVICE)}")
        caution.setObjectName("not-a-clinician")
        style.scale_font(caution, style.LEAD)
        layout.addWidget(caution)
        layout.addWidget(_plain(_("Your records stay on this computer; Rehab Coach has no network code.")))
        layout.addWidget(
            _plain(_("Code: {licence}. Bundled files: see Licences.").format(licence=CODE_LICENCE))
        )
        layout.addWidget(_plain(_("Your data folder:")))
        folder_row = QHBoxLayout()
        self.folder_label = _plain(str(self.data_dir))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_row.addWidget(self.folder_label, 1)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setToolTip(_("Show the data folder in the file manager"))
        self.open_button.clicked.connect(self._on_open)
        folder_row.addWidget(self.open_button)
        layout.addLayout(folder_row)
        self.folder_problem = _plain("")
        self.folder_problem.hide()
        layout.addWidget(self.folder_problem)
        layout.addStretch(1)
        return page

    def _build_sources(self, routine_sources: Sequence[tuple[str, str]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_plain(_("The advice, limits and routines follow these sources:")))
        self.sources = _paragraphs(CLINICAL_SOURCES, _("Clinical sources"))
        layout.addWidget(self.sources, 3)
        if routine_sources:
            layout.addWidget(_plain(_("Each routine names its own:")))
            self.routine_sources = _paragraphs(
                [f"{title}: {source}" for title, source in routine_sources], _("Each routine's source")
            )
            layout.addWidget(self.routine_sources, 2)
        return page

    def _build_licences(self, assets: Path) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        try:
            licences = read_licences(assets)
        except LicenceListError as error:
            layout.addWidget(_plain(str(error)))
            return page
        layout.addWidget(_plain(_("Rehab Coach's code: {licence}.").format(licence=CODE_LICENCE)))
        self.asset_licences = _asset_table(self, licences)
        layout.addWidget(self.asset_licences, 2)
        layout.addWidget(_plain(_("Libraries in the standalone build:")))
        rows = [(library.name, library.licence) for library in licences.libraries]
        libraries = _table([_("Library"), _("Licence")], rows, _("Libraries and licences"))
        layout.addWidget(libraries, 1)
        return page

    def _on_open(self) -> None:
        if not self._open_folder(self.data_dir):
            self.folder_problem.setText(
                _("No file manager could open {folder}; copy the path above.").format(folder=self.data_dir)
            )
            self.folder_problem.show()


def _asset_table(owner: QWidget, licences: Licences) -> QTableWidget:
    headers = [_("What"), _("Files"), _("By"), _("Licence")]
    rows = [(entry.what, entry.files, entry.by, entry.licence) for entry in licences.assets]
    return _table(headers, rows, _("Bundled files and licences"))


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _paragraphs(texts: Sequence[str], name: str) -> QPlainTextEdit:
    """Read-only plain text, one paragraph each, wrapped to the width there is (a citation is long)."""
    view = QPlainTextEdit("\n\n".join(texts))
    view.setAccessibleName(name)
    view.setReadOnly(True)
    return view


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], name: str) -> QTableWidget:
    """A read-only table of plain text (text from files is never read as markup by table items)."""
    table = QTableWidget(len(rows), len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    # The first column (what it is) takes the room left; the short ones (files, licence) show whole.
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)
    table.resizeRowsToContents()
    return table
