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
