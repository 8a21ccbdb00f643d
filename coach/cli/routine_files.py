"""`coach new` and `coach settings`: each parses, calls the core and prints."""

from __future__ import annotations

import argparse
from typing import IO

from coach.cli.parser import EXIT_OK
from coach.core.i18n import LANGUAGES
from coach.core.operations import Coach
from coach.core.operations.days import change_settings
from coach.core.operations.routine_files import new_routine


def new_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    """Write the starter (or the copy) and print its path, alone on its line, for a script or an editor."""
    path = new_routine(coach, args.routine_id, args.source).value
    out.write(f"{path}\n")
    return EXIT_OK


DESKTOPS = "the desktop's"


def settings_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    """Change what is given, then print the settings this command knows."""
    settings = coach.settings
    if args.affected_side is not None:
        settings = change_settings(coach, settings.replace(affected_side=args.affected_side)).value
    if args.language is not None:
        chosen = "" if args.language == "desktop" else args.language
        settings = change_settings(coach, settings.replace(language=chosen)).value
    out.write(f"affected side: {settings.affected_side or 'not said'}\n")
    if args.language is not None or settings.language:  # a line only for those who chose
        out.write(f"language: {LANGUAGES.get(settings.language, DESKTOPS)}\n")
    return EXIT_OK
