"""The "Start at login" menu choice, over the platform's autostart service."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from coach.core.desktop_entry import DesktopEntryError
from coach.core.i18n import _
from coach.services.autostart import AutoStart


class StartAtLoginAction(QAction):
    """A checkable action that shows and changes whether Rehab Coach starts at login."""

    def __init__(self, autostart: AutoStart, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.autostart = autostart
        self.window = window
        self.setCheckable(True)
        if autostart.unavailable is not None:
            self.setText(_("Start at login: {0}").format(autostart.unavailable))
            self.setEnabled(False)
            return
        self.setText(_("Start at lo&gin"))
        self.setToolTip(_("So that reminders and the icing timer are there without opening the app"))
        self.setChecked(autostart.enabled())
        self.toggled.connect(self._on_toggled)

    def _on_toggled(self, on: bool) -> None:
        try:
            self.autostart.set_enabled(on)
        except (OSError, DesktopEntryError) as error:
            QMessageBox.warning(
                self.window,
                _("Start at login"),
                _("Could not change starting at login: {0}").format(error),
            )
        self.blockSignals(True)
        self.setChecked(self.autostart.enabled())  # what is true now, whatever was asked
        self.blockSignals(False)
