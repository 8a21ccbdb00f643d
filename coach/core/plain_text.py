"""Text from a routine file or a person is data: shown as written, never as markup or direction marks."""

from __future__ import annotations

# Unicode's explicit direction controls (embeddings, overrides, isolates, marks). In a routine's name a
# right-to-left override would reverse the app's own words around it; names never need them.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"), None
)


def without_direction_controls(text: str) -> str:
    """`text` with Unicode direction overrides, isolates and marks removed."""
    return text.translate(_BIDI_CONTROLS)


# C0 controls (but tab), DEL and the C1 controls: ESC starts a terminal's commands (clear the screen, set the
# window's title, colours), BEL rings, NUL ends a C string. None belongs in a name or a sentence.
_CONTROLS = dict.fromkeys([*range(0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0)], None)
_CONTROLS_BUT_NEWLINE = {code: None for code in _CONTROLS if code != 0x0A}


def without_control_characters(text: str, *, newlines: bool = False) -> str:
    """`text` with every C0 and C1 control character removed but the tab (and newlines, if allowed)."""
    return text.translate(_CONTROLS_BUT_NEWLINE if newlines else _CONTROLS)
