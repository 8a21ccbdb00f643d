"""`coach new` and `coach settings`: each parses, calls the core and prints."""

from __future__ import annotations

import argparse
from typing import IO

from coach.cli.parser import EXIT_OK
from coach.core.i18n import LANGUAGES, N_, _
from coach.core.operations import Coach
from coach.core.operations.days import change_settings
from coach.core.operations.routine_files import new_routine
from coach.core.routines.model import side_words


def new_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    """Write the starter (or the copy) and print its path, alone on its line, for a script or an editor."""
    path = new_routine(coach, args.routine_id, args.source).value
    out.write(f"{path}\n")
    return EXIT_OK


DESKTOPS = N_("the desktop's")


def settings_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    """Change what is given, then print the settings this command knows."""
    settings = coach.settings
    if args.affected_side is not None:
        settings = change_settings(coach, settings.replace(affected_side=args.affected_side)).value
    if args.language is not None:
        chosen = "" if args.language == "desktop" else args.language
        settings = change_settings(coach, settings.replace(language=chosen)).value
    side = side_words(settings.affected_side) if settings.affected_side else _("not said")
    out.write(_("affected side: {side}").format(side=side) + "\n")
    if args.language is not None or settings.language:  # a line only for those who chose
        chosen = LANGUAGES.get(settings.language) or _(DESKTOPS)
        out.write(_("language: {language}").format(language=chosen) + "\n")
    return EXIT_OK
