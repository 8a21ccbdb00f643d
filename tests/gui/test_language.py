"""Qt's own words follow the app's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from coach.core.i18n import use_language
from coach.core.paths import catalogues
from coach.core.settings import load_settings
from coach.gui.app import CoachApp
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


def test_the_language_chosen_in_the_view_menu_is_kept_for_the_next_start(coach_app: CoachApp) -> None:
    menu = coach_app.language_menu
    names = [action.text() for action in menu.group.actions()]
    assert names == ["The desktop's language", "English", "Deutsch", "Español"]
    assert menu.group.checkedAction() is menu.group.actions()[0]

    menu.group.actions()[2].trigger()

    assert load_settings(coach_app.coach.places.data_dir).language == "de"
    assert coach_app.window.banner.isVisibleTo(coach_app.window)
    assert coach_app.window.banner_text.text() == "Rehab Coach speaks Deutsch from its next start."
    assert menu.group.checkedAction() is menu.group.actions()[2]
