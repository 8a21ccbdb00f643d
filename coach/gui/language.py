"""Qt's own words (the buttons of a standard dialog, a file dialog, a context menu) in the app's language.

Our sentences come from our catalogue (coach.core.i18n); Qt's own come from the translations Qt ships
(`qtbase_LANG.qm` in PySide6's translations folder), installed once when the app starts in a language other
than English. The layout direction follows the language, as Qt's own translation says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QAction, QActionGroup

from coach.core.i18n import ENGLISH, LANGUAGES, _, language

if TYPE_CHECKING:
    from coach.gui.main_window import MainWindow
    from coach.gui.operations import OperationRunner


def speak_the_language(app: QCoreApplication) -> QTranslator | None:
    """Install Qt's own translation for the language in use; the translator (kept by the app), or None."""
    code = language()
    if code == ENGLISH:
        return None
    QLocale.setDefault(QLocale(code))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{code}", folder):
        return None  # a Qt without its translations: its own buttons stay in English
    app.installTranslator(translator)
    return translator


class LanguageMenu(QObject):
    """View ▸ Language: the desktop's, or one the app speaks; kept in the settings, used from the next start
    (every window, the player's voice and the report would otherwise speak two languages at once)."""

    def __init__(self, runner: OperationRunner, window: MainWindow) -> None:
        super().__init__(window)
        self.runner, self.window = runner, window
        self.menu = window.view_menu.addMenu(_("&Language"))
        self.group = QActionGroup(self)
        chosen = runner.coach.settings.language
        names = {"": _("The desktop's language"), **LANGUAGES}
        for code, name in names.items():
            action = QAction(name, self.group)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            self.menu.addAction(action)
        self.group.triggered.connect(self._on_choice)

    def _on_choice(self, action: QAction) -> None:
        from coach.core.operations import change_settings

        code = str(action.data())
        chosen = self.runner.coach.settings.replace(language=code)
        self.runner.run(lambda coach: change_settings(coach, chosen))
        name = LANGUAGES.get(code, _("the desktop's language"))
        self.window.show_banner(_("Rehab Coach speaks {language} from its next start.").format(language=name))
