"""Qt's own words follow the app's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from coach.core.i18n import use_language
from coach.core.paths import catalogues
from coach.gui.language import speak_the_language


@pytest.fixture
def default_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.usefixtures("default_locale")
@pytest.mark.parametrize(("code", "cancel"), [("de", "Abbrechen"), ("es", "Cancelar")])
def test_qts_own_buttons_speak_the_language_in_use(qapp: QApplication, code: str, cancel: str) -> None:
    use_language(code, catalogues())
    translator = speak_the_language(qapp)
    try:
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == cancel
        assert QLocale().name().startswith(code)
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_in_english_nothing_is_installed(qapp: QApplication) -> None:
    assert speak_the_language(qapp) is None
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
