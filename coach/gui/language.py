"""Qt's own words (the buttons of a standard dialog, a file dialog, a context menu) in the app's language.

Our sentences come from our catalogue (coach.core.i18n); Qt's own come from the translations Qt ships
(`qtbase_LANG.qm` in PySide6's translations folder), installed once when the app starts in a language other
than English. The layout direction follows the language, as Qt's own translation says.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from coach.core.i18n import ENGLISH, language


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
