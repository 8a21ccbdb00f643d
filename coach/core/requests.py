"""What a later launch may ask of the running app, and the one-line JSON it travels as.

Plain data, shared by the command line (which sends it) and the app (which carries it out) without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.runtime_place import socket_path

COMMANDS = ("show", "ice", "ping", "quit", "history", "today")


@dataclass(frozen=True, slots=True)
class Request:
    """What a launch asks of the running app: show it, its history or today's routine; ice; ping; quit."""

    command: str = "show"
    minutes: int | None = None

    def to_json(self) -> str:
        payload: dict[str, Any] = {"command": self.command}
        if self.minutes is not None:
            payload["minutes"] = self.minutes
        import json  # only a launch that finds a running app talks JSON: not before the first paint

        return json.dumps(payload)


@dataclass(frozen=True, slots=True)
class Answer:
    ok: bool
    message: str


def parse_request(line: bytes) -> Request:
    """The request in one line of JSON; ValueError with a sentence when it is not one we know."""
    import json

    try:
        raw = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"the request is not JSON: {error}") from None
    if not isinstance(raw, dict) or raw.get("command") not in COMMANDS:
        raise ValueError(f"the request needs a command, one of {', '.join(COMMANDS)}")
    minutes = raw.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
        raise ValueError("minutes must be a whole number")
    return Request(raw["command"], minutes)


def server_name(data_dir: Path) -> str:
    """The local socket's full path (a pipe name on Windows) for this user and this data folder."""
    return socket_path(data_dir)
