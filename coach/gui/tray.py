"""The tray icon: shows that icing runs and the minutes left, and offers the few things done from there.

The menu is built whether or not the desktop has a tray, so that it can be tested (and screenshotted)
offscreen; the icon itself only appears where `QSystemTrayIcon.isSystemTrayAvailable()`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from coach.core.clinical.safety import ICING_MAX_MINUTES
from coach.core.i18n import _
from coach.gui.icing import IcingController

# The one accent colour: ice blue.
ACCENT = QColor("#2b7bb9")


class CoachTray(QObject):
    """The tray menu (start/stop icing, today's routine, history, show, quit) and, if possible, the icon."""

    start_icing_requested = Signal()
    stop_icing_requested = Signal()
    routine_requested = Signal()
    show_requested = Signal()
    toggle_requested = Signal()  # a left click: show the window, or hide it if it is in front
    quit_requested = Signal()

    def __init__(
        self, icing: IcingController, history_action: QAction, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.icing = icing
        self.menu = QMenu()
        self.menu.setAccessibleName(_("Rehab Coach"))
        self.icing_action = QAction(self.menu)
        self.icing_action.triggered.connect(self._on_icing_action)
        self.routine_action = QAction(_("Start today's &routine"), self.menu)
        self.routine_action.triggered.connect(self.routine_requested)
        self.show_action = QAction(_("&Show Rehab Coach"), self.menu)
        self.show_action.triggered.connect(self.show_requested)
        self.quit_action = QAction(_("&Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.icing_action)
        self.menu.addAction(self.routine_action)
        self.menu.addAction(history_action)
        self.menu.addSeparator()
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.quit_action)
        self.icon: QSystemTrayIcon | None = None
        self.tooltip = ""
        self._shown_minutes: int | None = -1  # nothing drawn yet
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._on_activated)
        icing.changed.connect(self.refresh)
        self.refresh()
        if self.icon is not None:
            self.icon.show()

    def refresh(self) -> None:
        """Follow the icing timer: the action's text, and the icon and tooltip once a minute."""
        run = self.icing.run
        minutes = run.minutes_left() if run is not None and self.icing.running else None
        if minutes is None:
            self.icing_action.setText(_("Start &icing ({0} min)").format(ICING_MAX_MINUTES))
        else:
            self.icing_action.setText(_("Stop &icing ({0} min left)…").format(minutes))
        if minutes == self._shown_minutes:
            return
        self._shown_minutes = minutes
        self.icing_action.setIcon(tray_icon(minutes))
        self.tooltip = (
            _("Rehab Coach") if minutes is None else _("Rehab Coach — icing, {0} min left").format(minutes)
        )
        if self.icon is not None:
            self.icon.setIcon(tray_icon(minutes))
            self.icon.setToolTip(self.tooltip)

    def _on_icing_action(self) -> None:
        if self.icing.running:
            self.stop_icing_requested.emit()
        else:
            self.start_icing_requested.emit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_requested.emit()
        elif reason is QSystemTrayIcon.ActivationReason.DoubleClick:
            self.show_requested.emit()


def tray_icon(minutes: int | None, size: int = 64) -> QIcon:
    """An ice cube in the accent colour; while icing, the minutes left written on it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    cube = QRectF(2, 2, size - 4, size - 4)
    path = QPainterPath()
    path.addRoundedRect(cube, size * 0.22, size * 0.22)
    painter.fillPath(path, ACCENT if minutes is not None else ACCENT.lighter(135))
    painter.setPen(QPen(QColor("white"), size * 0.06))
    if minutes is None:
        shine = QRectF(size * 0.24, size * 0.2, size * 0.3, size * 0.3)
        painter.drawArc(shine, 90 * 16, 90 * 16)
    else:
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * (0.62 if minutes < 10 else 0.5)))
        painter.setFont(font)
        painter.drawText(cube, Qt.AlignmentFlag.AlignCenter, str(minutes))
    painter.end()
    return QIcon(pixmap)
