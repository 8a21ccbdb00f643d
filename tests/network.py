"""Watching for network use: each Python socket made, each internet socket the process holds (Qt's too)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

_INTERNET_TABLES = ("tcp", "tcp6", "udp", "udp6", "raw", "raw6")


class SocketsMade:
    """Stands in for socket.socket: notes each socket asked for and refuses it."""

    def __init__(self) -> None:
        self.asked: list[tuple[object, ...]] = []

    def __call__(self, *args: object, **kwargs: object) -> socket.socket:
        self.asked.append((*args, *kwargs.values()))
        raise OSError("this test allows no sockets")


def refuse_sockets(monkeypatch: pytest.MonkeyPatch) -> SocketsMade:
    made = SocketsMade()
    monkeypatch.setattr(socket, "socket", made)
    return made


def internet_sockets_held() -> set[str]:
    """The inodes of the internet sockets this process holds open (empty where there is no /proc)."""
    proc = Path("/proc/self")
    if not (proc / "fd").is_dir():
        return set()
    held = set()
    for descriptor in (proc / "fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
    internet = set()
    for table in _INTERNET_TABLES:
        path = proc / "net" / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9:
                    internet.add(fields[9])
    return held & internet
