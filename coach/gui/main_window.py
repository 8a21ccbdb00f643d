"""The main window: the routine library on one page, the guided player and the end of a session on others.

It owns no rules: it shows what the core says and reports what the user asked for through its actions
(`start_action`, `ice_action`, `history_action`, …), which menus, buttons and the tray all share.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.safety import DISCLAIMER, ICING_MAX_MINUTES
from coach.core.i18n import _
from coach.core.routines.library import Library, RoutineEntry
from coach.core.routines.model import estimated_minutes
from coach.core.routines.wording import exercise_line, how_often, stage_line
from coach.gui import style
from coach.gui.fit import fit_to_screen


class MainWindow(QMainWindow):
    """The library of routines (broken files with their error), the chosen routine's details, and Start."""

    start_requested = Signal(str)  # a routine id
    files_dropped = Signal(list)  # the local files (Paths) dropped on the window: runs to import

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.setWindowTitle(_("Rehab Coach"))
        self.library = library
        # Asked before the window closes; False keeps it open (a session is running and must be asked about).
        self.close_guard: Callable[[], bool] = _always
        self._build_actions()
        self.library_page = self._build_library_page()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.library_page)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_banner())  # above every page: the player's too
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.routine_list.currentRowChanged.connect(self._on_row_changed)
        self._fill_library(library)
        self.setAcceptDrops(True)
        fit_to_screen(self, QSize(960, 620))

    # -- building ----------------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.start_action = self._action(_("&Start routine"), "Ctrl+Return")
        self.start_action.triggered.connect(self._on_start)
        self.ice_action = self._action(_("&Ice the knee (20 min)"), "Ctrl+I")
        self.history_action = self._action(_("&History"), "Ctrl+H")
        self.quit_action = self._action(_("&Quit"), _standard(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.full_screen_action = self._action(
            _("&Full screen"), _standard(QKeySequence.StandardKey.FullScreen, "F11")
        )
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.toggled.connect(self._on_full_screen)
        self.warning_signs_action = self._action(_("&Warning signs…"), "F1")
        self.warning_signs_action.triggered.connect(self._on_warning_signs)
        self.about_action = QAction(_("&About Rehab Coach"), self)  # the app opens it: it knows places

    def _build_menus(self) -> None:
        self.session_menu = session_menu = self.menuBar().addMenu(_("&Session"))
        session_menu.addAction(self.start_action)
        session_menu.addAction(self.ice_action)
        session_menu.addSeparator()
        session_menu.addAction(self.quit_action)
        self.view_menu = view_menu = self.menuBar().addMenu(_("&View"))
        view_menu.addAction(self.history_action)
        view_menu.addAction(self.full_screen_action)
        self.sound_menu = self.menuBar().addMenu(_("S&ound"))
        self.help_menu = self.menuBar().addMenu(_("&Help"))
        self.help_menu.addAction(self.warning_signs_action)
        self.help_menu.addAction(self.about_action)

    def _build_banner(self) -> QFrame:
        """A line across the top for news that must not be missed (the end of icing), until dismissed."""
        self.banner = QFrame()
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.banner.setAccessibleName(_("Notice"))
        self.banner_text = QLabel()
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_text.setWordWrap(True)
        self.banner_text.setForegroundRole(QPalette.ColorRole.ToolTipText)
        style.scale_font(self.banner_text, style.LEAD, bold=True)
        dismiss = QPushButton(_("&Dismiss"))
        dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never takes the player's Space
        dismiss.clicked.connect(self.banner.hide)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(style.SPACING, 8, style.SPACING, 8)
        row.addWidget(self.banner_text, 1)
        row.addWidget(dismiss)
        self.banner.hide()
        return self.banner

    def show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.show()

    def show_icing(self, minutes_left: int | None) -> None:
        """The ice button says what runs: "Icing — 12 min left", or offers to start."""
        if minutes_left is None:
            text = _("Ice the knee — {0} min").format(ICING_MAX_MINUTES)
        else:
            text = _("Icing — {0} min left").format(minutes_left)
        self.ice_button.setText(text)
        self.ice_button.setAccessibleName(text)

    def _build_library_page(self) -> QWidget:
        self.routine_list = QListWidget()
        self.routine_list.setAccessibleName(_("Routines"))
        self.routine_list.setSpacing(3)
        self.routine_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        style.scale_font(self.routine_list, style.LEAD)
        self.routine_list.itemActivated.connect(self.start_action.trigger)
        self.title = QLabel()
        style.plain(self.title)
        style.scale_font(self.title, style.HEADING, bold=True)
        self.details = QLabel()
        style.plain(self.details)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(_("Routine details"))
        self.start_button = _button(self.start_action, _("Start routine"), primary=True)
        self.start_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.ice_button = _button(self.ice_action, _("Ice the knee — 20 min"))
        self.history_button = _button(self.history_action, _("History"))
        self.summary = QLabel()
        style.plain(self.summary)
        self.summary.setAccessibleName(_("This week"))
        # Filled in just after the first paint: wrapping keeps its text from widening the window then.
        self.summary.setWordWrap(True)

        detail_pane = QWidget()
        detail = QVBoxLayout(detail_pane)
        detail.setContentsMargins(16, 8, 8, 8)
        detail.setSpacing(12)
        detail.addWidget(self.title)
        detail.addWidget(self.details, 1)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        detail.addLayout(start_row)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.routine_list)
        splitter.addWidget(detail_pane)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([390, 570])

        self.disclaimer = QLabel(_(DISCLAIMER) + " " + _("Help ▸ Warning signs (F1)."))
        self.disclaimer.setWordWrap(True)
        style.safety_text(self.disclaimer)

        bottom = QHBoxLayout()
        bottom.addWidget(self.ice_button)
        bottom.addWidget(self.history_button)
        # The summary takes the room left, right-aligned, and wraps only where that room runs out.
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.summary, 1)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.disclaimer)
        return page

    def _fill_library(self, library: Library) -> None:
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for entry in library.routines:
            item = QListWidgetItem(entry.routine.title)
            item.setToolTip(entry.routine.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.routine.id)
            self.routine_list.addItem(item)
        for broken in library.broken:
            item = QListWidgetItem(warning, _("Broken: {0}").format(broken.path.name))
            item.setToolTip("\n".join(str(p) for p in broken.problems))
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.routine_list.addItem(item)
        if self.routine_list.count():
            self.routine_list.setCurrentRow(0)
        self.routine_list.setFocus()

    # -- what the user sees ---------------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show `library` instead (a routine file was added), keeping the chosen routine chosen."""
        chosen = self.selected_routine()
        self.library = library
        self.routine_list.blockSignals(True)
        self.routine_list.clear()
        self.routine_list.blockSignals(False)
        self._fill_library(library)
        if chosen is not None:
            self.select_routine(chosen.routine.id)

    def selected_routine(self) -> RoutineEntry | None:
        row = self.routine_list.currentRow()
        return self.library.routines[row] if 0 <= row < len(self.library.routines) else None

    def select_routine(self, routine_id: str) -> None:
        for row, entry in enumerate(self.library.routines):
            if entry.routine.id == routine_id:
                self.routine_list.setCurrentRow(row)

    def show_page(self, page: QWidget) -> None:
        """Show `page` (the player, the end of a session) in place of the library."""
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def remove_page(self, page: QWidget) -> None:
        """Take a finished page (a player) out of the window and free it."""
        if page is not self.library_page and self.pages.indexOf(page) >= 0:
            self.pages.removeWidget(page)
            page.deleteLater()

    def show_library(self) -> None:
        current = self.pages.currentWidget()
        self.pages.setCurrentWidget(self.library_page)
        if current is not self.library_page and current is not None:
            self.pages.removeWidget(current)
            current.deleteLater()
        self.routine_list.setFocus()

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        files = _dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.close_guard():
            super().closeEvent(event)
        else:
            event.ignore()

    def _on_warning_signs(self) -> None:
        from coach.gui.help import show_warning_signs  # loaded when asked for: not part of the first paint

        show_warning_signs(self)

    def _on_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _on_row_changed(self, row: int) -> None:
        entry = self.selected_routine()
        self.start_action.setEnabled(entry is not None)
        if entry is not None:
            self.title.setText(entry.routine.title)
            following = self.library.find(entry.routine.next) if entry.routine.next else None
            requires = entry.routine.requires
            first = self.library.find(requires.routine) if requires is not None else None
            self.details.setText(
                describe_routine(
                    entry,
                    following.routine.title if following else "",
                    required_title=first.routine.title if first else "",
                )
            )
        elif row >= 0:
            broken = self.library.broken[row - len(self.library.routines)]
            self.title.setText(_("This routine file has problems"))
            self.details.setText("\n".join(str(p) for p in broken.problems))

    def _on_start(self) -> None:
        entry = self.selected_routine()
        if entry is not None and self.pages.currentWidget() is self.library_page:
            self.start_requested.emit(entry.routine.id)


def _dropped_files(mime: QMimeData) -> list[Path]:
    """The local files among what is dragged (a web link or a text is not a run's file)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _always() -> bool:
    return True


def _standard(key: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's own shortcut for `key`, or `fallback` where the platform has none."""
    sequence = QKeySequence(key)
    return sequence if not sequence.isEmpty() else QKeySequence(fallback)


def _button(action: QAction, text: str, *, primary: bool = False) -> QPushButton:
    """A button that triggers `action` and shows its shortcut in the tooltip."""
    button = QPushButton(text)
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{text} ({shortcut})" if shortcut else text)
    button.setAccessibleName(text)
    button.setDefault(primary)
    button.setAutoDefault(primary)
    if primary:
        style.scale_font(button, style.LEAD, bold=True)
        button.setMinimumHeight(44)
    return button


def describe_routine(entry: RoutineEntry, next_title: str = "", *, required_title: str = "") -> str:
    """The routine as text: description, plan, estimated minutes, what must go well first, the exercises
    and the source."""
    routine = entry.routine
    minutes = round(estimated_minutes(routine))
    lines = [routine.description, ""]
    often = how_often(routine)
    lines.append(
        _("{how_often} · about {minutes} min").format(how_often=often, minutes=minutes)
        if often
        else _("About {minutes} min").format(minutes=minutes)
    )
    stage = stage_line(routine, next_title)
    lines += [stage] if stage else []
    if routine.requires is not None:
        lines.append(routine.requires.sentence(required_title or None))
    lines.append("")
    lines += [f"• {exercise_line(e)}" for e in routine.exercises]
    if routine.education:
        lines += ["", _("Good to know:"), *routine.education]
    if routine.source:
        lines += ["", _("Source: {source}").format(source=routine.source)]
    return "\n".join(lines)
