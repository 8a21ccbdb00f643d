"""What a launch asked of the app, carried out by one table: the first launch's own request after its first
paint, and a second launch's, handed over the local socket. Each answer is the sentence the second launch
prints; a refusal raises ValueError with its sentence (the instance server sends it back as an error).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from coach.core.clinical.safety import ICING_MAX_MINUTES
from coach.core.i18n import _

if TYPE_CHECKING:
    from coach.core.requests import Request
    from coach.gui.app import CoachApp


def _ice(app: CoachApp, request: Request) -> str:
    controller = app.ice.controller
    if controller.running and controller.run is not None:
        app.ice.show_window()
        return _("An icing timer is already running: {left} min left.").format(
            left=controller.run.minutes_left()
        )
    minutes = ICING_MAX_MINUTES if request.minutes is None else request.minutes
    refusal = app.ice.start(minutes)
    if refusal:
        raise ValueError(refusal)
    return _("Started a {minutes}-minute icing timer in the Rehab Coach that is already running.").format(
        minutes=minutes
    )


def _quit(app: CoachApp, request: Request) -> str:
    QTimer.singleShot(0, lambda: app.quit(ask_about_ice=False))
    return _("Rehab Coach is quitting.")


def _show(app: CoachApp, request: Request) -> str:
    app.show_window()
    return _("Rehab Coach is already running; its window is now in front.")


def _history(app: CoachApp, request: Request) -> str:
    app.show_history()
    return _("Rehab Coach is already running; its history is now in front.")


def _today(app: CoachApp, request: Request) -> str:
    app.ice.todays_routine()
    return _("Rehab Coach is already running; it shows today's routine.")


ANSWERS: dict[str, Callable[[CoachApp, Request], str]] = {
    "ice": _ice,
    "quit": _quit,
    "show": _show,
    "history": _history,
    "today": _today,
}


def answer_request(app: CoachApp, request: Request) -> str:
    """Carry out `request`; the sentence to print, or ValueError with a refusal."""
    answer = ANSWERS.get(request.command)
    return _("Rehab Coach is running.") if answer is None else answer(app, request)
