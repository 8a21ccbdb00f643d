"""Safety text (the disclaimer, the icing advice, see a doctor) and every text the app colours itself read at
4.5:1 or more in light, dark and high-contrast palettes (large text and chart marks at 3:1, as WCAG asks)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import DISCLAIMER, ICING_START_ADVICE, ICING_WHO_SHOULD_NOT, SEE_A_DOCTOR
from coach.core.history.dose_calendar import CalendarDay
from coach.core.routines.model import GET_READY_SECONDS
from coach.gui.app import CoachApp
from coach.gui.charts.base import LABEL_ALPHA, accent
from coach.gui.charts.heat_map import HeatMapDrawing
from coach.gui.charts.pain import too_much_band
from coach.gui.player_widgets import svg_for_palette
from coach.gui.style import SAFETY_TEXT
from tests.gui.driving import advance, click, finish_a_session, press, start_from_the_window, title_of
from tests.gui.palettes import contrast_ratio, dark_palette, high_contrast_palette

# WCAG 2.x AA for body text; for large text (the player's badge and countdown) and a chart's marks, 3:1.
READABLE = 4.5
LARGE = 3.0
# An empty day or a background band: faint on purpose, but there (ours: about what a light theme's grid has).
VISIBLE = 1.2
ILLUSTRATIONS_DIR = Path(__file__).resolve().parents[2] / "assets" / "illustrations"


@pytest.fixture(params=["light", "dark", "high contrast"])
def palette(request: pytest.FixtureRequest) -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    chosen = {"light": QPalette(before), "dark": dark_palette(), "high contrast": high_contrast_palette()}[
        request.param
    ]
    app.setPalette(chosen)
    yield chosen
    app.setPalette(before)


def safety_labels(*windows: QWidget) -> dict[str, QLabel]:
    found = {}
    for window in windows:
        for label in window.findChildren(QLabel):
            if label.property(SAFETY_TEXT):
                found[label.text()] = label
    return found


def contrast(label: QLabel) -> float:
    colours = label.palette()
    background = colours.color(label.backgroundRole())
    return contrast_ratio(over(colours.color(label.foregroundRole()), background), background)


def test_every_safety_text_is_readable(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: object, palette: QPalette
) -> None:
    page = finish_a_session(qtbot, coach_app, fake_clock)  # type: ignore[arg-type]
    click(page.answers["swelling"].button(1))
    # Started after the session (whose minutes pass on the fake clock): a run started before it would be
    # past its 5-minute skin check by now, and its first tick, whenever the machine gets to it, would show
    # the check instead of the advice looked for here.
    coach_app.ice.start(20)

    labels = safety_labels(coach_app.window, coach_app.ice.icing_window, page)

    texts = " ".join(labels)
    for wording in (DISCLAIMER, ICING_START_ADVICE, ICING_WHO_SHOULD_NOT, SEE_A_DOCTOR):
        assert wording in texts
    for text, label in labels.items():
        assert contrast(label) >= READABLE, f"{contrast(label):.1f}:1 for {text!r}"


def over(colour: QColor, background: QColor) -> QColor:
    """`colour` (with its alpha) painted over an opaque `background`."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(
            alpha * getattr(colour, c)() + (1 - alpha) * getattr(background, c)()
            for c in ("redF", "greenF", "blueF")
        )
    )


@pytest.mark.parametrize("planned", [True, False])
def test_empty_calendar_days_and_the_too_much_band_stay_visible(palette: QPalette, planned: bool) -> None:
    window = palette.color(QPalette.ColorRole.Window)
    empty = HeatMapDrawing().fill(CalendarDay(date(2026, 3, 2), 0.0, planned=planned), palette)

    assert contrast_ratio(over(empty, window), window) >= VISIBLE
    assert contrast_ratio(over(too_much_band(palette), window), window) >= VISIBLE


def test_the_calendar_s_faintest_step_stands_apart_from_a_day_with_nothing_in_high_contrast(
    qtbot: QtBot,
) -> None:
    # On light and dark the two differ by hue (grey, teal) more than by lightness; a high-contrast theme is
    # for eyes that tell lightness apart better than hue.
    palette = high_contrast_palette()
    window = palette.color(QPalette.ColorRole.Window)
    drawing = HeatMapDrawing()
    nothing = over(drawing.fill(CalendarDay(date(2026, 3, 2), 0.0, planned=True), palette), window)
    quarter = over(drawing.fill(CalendarDay(date(2026, 3, 2), 0.25, planned=True), palette), window)

    assert contrast_ratio(nothing, quarter) >= VISIBLE


def test_illustrations_are_recoloured_not_carded_on_a_dark_palette() -> None:
    svg = (ILLUSTRATIONS_DIR / "clamshell.svg").read_bytes()

    dark = svg_for_palette(svg, dark=True).decode()

    assert "#eef2f5" not in dark  # the bright card
    assert "#2d3a4a" not in dark  # the dark figure, which would vanish on a dark card
    assert svg_for_palette(svg, dark=False) == svg


def test_a_latin_1_illustration_is_recoloured_without_decoding_it() -> None:
    svg = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        '<svg><title>Genou à plier</title><rect fill="#eef2f5"/></svg>'
    )

    dark = svg_for_palette(svg.encode("latin-1"), dark=True)

    assert dark == svg.replace("#eef2f5", "#343b43").encode("latin-1")


def pair(
    widget: QWidget, text: QPalette.ColorRole, background: QPalette.ColorRole, alpha: float = 1.0
) -> float:
    """The contrast of `text` (at `alpha`) over `background`, in `widget`'s palette."""
    colours = widget.palette()
    shade = QColor(colours.color(text))
    shade.setAlphaF(shade.alphaF() * alpha)
    return contrast_ratio(over(shade, colours.color(background)), colours.color(background))


def test_every_text_the_app_colours_itself_is_readable(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: object, palette: QPalette
) -> None:
    roles = QPalette.ColorRole
    window = coach_app.window
    window.show_banner("Icing done: take the ice off now.")
    player = start_from_the_window(qtbot, coach_app, title_of(coach_app, "hip-strength"))
    advance(player, fake_clock, GET_READY_SECONDS + 1)  # type: ignore[arg-type]
    working = (player.phase_label.foregroundRole(), player.phase_label.backgroundRole())
    press(qtbot, player, Qt.Key.Key_Space)
    paused = player.countdown.foregroundRole()
    history = coach_app.show_history()
    caption = history.findChild(QLabel, "")

    body = {
        "banner": pair(window.banner_text, roles.ToolTipText, roles.ToolTipBase),
        "history captions": pair(
            history, caption.foregroundRole() if caption else roles.WindowText, roles.Window
        ),
        "chart labels": pair(history, roles.WindowText, roles.Window, LABEL_ALPHA),
    }
    large = {
        "working badge": pair(player, *working),
        "paused badge": pair(
            player, player.phase_label.foregroundRole(), player.phase_label.backgroundRole()
        ),
        "paused countdown": pair(player, paused, roles.Window),
    }
    marks = contrast_ratio(accent(palette), palette.color(roles.Window))

    assert {name: round(ratio, 1) for name, ratio in body.items() if ratio < READABLE} == {}
    assert {name: round(ratio, 1) for name, ratio in large.items() if ratio < LARGE} == {}
    assert marks >= LARGE
    if palette.color(roles.Window) == QColor("#000000"):  # high contrast: every pair reads as body text
        assert min([*body.values(), *large.values()]) >= READABLE


def test_the_form_hints_and_history_captions_are_in_the_text_colour(coach_app: CoachApp) -> None:
    editor = coach_app.editing.new_routine()
    history = coach_app.show_history()

    greyed = [
        label.text()
        for window in (editor, history)
        for label in window.findChildren(QLabel)
        if label.foregroundRole() is QPalette.ColorRole.PlaceholderText
    ]

    editor.unsaved = False
    editor.close()
    assert greyed == []
