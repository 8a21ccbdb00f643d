"""Whether a window can be shown at all, asked before Qt is: without a display Qt aborts the process.

On Linux and the BSDs a window needs an X server (DISPLAY) or a Wayland compositor (WAYLAND_DISPLAY),
unless QT_QPA_PLATFORM names a platform that needs neither (offscreen, minimal, a framebuffer). Without
one, QApplication aborts with exit 134 and a message about xcb libraries that suggests reinstalling; the
command line says instead, in one sentence, that there is no display and what works in a terminal.
Imports nothing of Qt: it is asked before Qt loads.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from coach.core.i18n import _

# Qt platforms that draw without a display server (Qt's platform plugins of those names).
_NO_SERVER_NEEDED = frozenset(
    {"offscreen", "minimal", "minimalegl", "eglfs", "linuxfb", "vnc", "vkkhrdisplay"}
)


def missing_display(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can be shown here (a clause: "there is no display …"), or None when one can."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system in ("win32", "darwin", "cygwin"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if chosen in _NO_SERVER_NEEDED:
        return None
    if chosen == "xcb":
        return (
            None if env.get("DISPLAY") else _("there is no display to open a window on (DISPLAY is not set)")
        )
    if chosen.startswith("wayland"):
        if env.get("WAYLAND_DISPLAY"):
            return None
        return _("there is no display to open a window on (WAYLAND_DISPLAY is not set)")
    if chosen or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None  # a platform of its own, or a display server to try
    return _("there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)")
