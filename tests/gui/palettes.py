"""Palettes to test and photograph the app in, and the WCAG contrast ratio between two colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def dark_palette() -> QPalette:
    """The kind of palette a desktop in dark mode hands to Qt (offscreen Qt has no desktop to ask)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#f0f0f0"),
        (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2b2b2b"),
        (roles.Text, "#f0f0f0"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#f0f0f0"),
        (roles.Highlight, "#3a8fb7"),
        (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, "#a0a0a0"),
        (roles.Mid, "#2e2e2e"),  # as dark as the window, as some dark themes have it
        (roles.Light, "#505050"),
        (roles.Dark, "#1a1a1a"),
        (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, "#f0f0f0"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled  # greyed, as a dark desktop theme hands it (else a disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):  # button looks like one that works)
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.x contrast ratio, 1 to 21: (L1 + 0.05) / (L2 + 0.05) of the relative luminances."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def high_contrast_palette() -> QPalette:
    """A high-contrast desktop theme as it reaches Qt: white on black, yellow for what is chosen or a link,
    and no soft greys (offscreen Qt has no desktop to ask, so the tests and screenshots build it)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#000000"),
        (roles.WindowText, "#ffffff"),
        (roles.Base, "#000000"),
        (roles.AlternateBase, "#000000"),
        (roles.Text, "#ffffff"),
        (roles.Button, "#000000"),
        (roles.ButtonText, "#ffffff"),
        (roles.BrightText, "#ffff00"),
        (roles.Highlight, "#ffff00"),
        (roles.HighlightedText, "#000000"),
        (roles.PlaceholderText, "#ffff00"),
        (roles.Link, "#ffff00"),
        (roles.Light, "#ffffff"),
        (roles.Midlight, "#ffffff"),
        (roles.Mid, "#ffffff"),
        (roles.Dark, "#ffffff"),
        (roles.Shadow, "#ffffff"),
        (roles.ToolTipBase, "#000000"),
        (roles.ToolTipText, "#ffff00"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled  # a high-contrast theme greys nothing out: it uses green
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#3ff23f"))
    return palette
