"""Commands that open the app on a page (the desktop launcher's actions), or ask the running one to."""

from __future__ import annotations

import argparse
import sys
from typing import IO

from coach.core.i18n import _
from coach.core.operations import Coach
from coach.core.requests import Request


def open_in_app(command: str, instead: str) -> int:
    """Hand `command` to the Rehab Coach already running, or start it and carry the command out; where no
    window can be shown, say so and what works `instead`."""
    from coach.gui.main import run_app

    return run_app([sys.argv[0]], request=Request(command), instead=instead)


def today_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    return open_in_app("today", _("use `coach run ROUTINE --terminal` instead (`coach routines` lists them)"))
