"""The launcher's actions (Start today's routine, Show history) reach the app, new or already running."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.core.requests import Request, parse_request
from coach.gui.app import CoachApp


def test_show_history_from_a_second_launch_opens_history(coach_app: CoachApp) -> None:
    message = coach_app.handle_request(Request("history"))

    assert coach_app.history_window is not None
    assert coach_app.history_window.isVisible()
    assert "history" in message


def test_todays_routine_from_a_second_launch_starts_the_chosen_routine(coach_app: CoachApp) -> None:
    coach_app.window.select_routine("hip-strength")

    coach_app.handle_request(Request("today"))
    assert coach_app.sessions.pain_page is not None  # the pain before the session comes first
    coach_app.sessions.pain_page.skip()

    assert coach_app.sessions.player is not None
    assert coach_app.sessions.player.routine.id == "hip-strength"


def test_the_new_requests_travel_as_json() -> None:
    assert parse_request(Request("today").to_json().encode()) == Request("today")
    assert parse_request(Request("history").to_json().encode()) == Request("history")


@pytest.mark.parametrize(("args", "command"), [(["today"], "today"), (["history", "--window"], "history")])
def test_the_commands_hand_their_request_to_the_app(
    args: list[str], command: str, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    asked: list[Request] = []

    def fake_run_app(argv: list[str], *, request: Request | None = None, instead: str = "") -> int:
        assert request is not None
        assert "instead" in instead  # what works where no window can open
        asked.append(request)
        return 0

    monkeypatch.setattr("coach.gui.main.run_app", fake_run_app)

    assert main(args) == 0
    assert asked == [Request(command)]
