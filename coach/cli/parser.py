"""The `coach` command line's grammar: commands, flags and the whole-number checks on their values.

Exit codes: 0 success, 1 the thing asked about is invalid (a routine file, a store), 2 a usage error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from coach import __version__
from coach.core.clinical.safety import (
    ICING_MAX_MINUTES,
    PAIN_MAX,
    PAIN_MIN,
    WARNING_SIGN_KEYS,
    check_icing_minutes,
    check_pain,
)
from coach.core.history.period import day_problem
from coach.core.i18n import LANGUAGES, _

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
# A warning sign waits for a clinician: `coach run` starts nothing (docs/clinical.md, "the pause").
EXIT_PAUSED = 3


class UsageError(Exception):
    """A command line that cannot be carried out as written."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _whole_number(text: str, check: Callable[[int], str | None], not_a_number: str) -> int:
    """An argparse value: a whole number that `check` (a core rule) accepts; else one plain sentence."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(not_a_number) from None
    problem = check(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def pain_value(text: str) -> int:
    said = _("pain must be a whole number from {low} to {high}").format(low=PAIN_MIN, high=PAIN_MAX)
    return _whole_number(text, check_pain, said)


def icing_minutes_value(text: str) -> int:
    said = _("icing minutes must be a whole number from 1 to {limit}").format(limit=ICING_MAX_MINUTES)
    return _whole_number(text, check_icing_minutes, said)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach",
        description="Rehab Coach: guided home exercise for runner's knee. With no command, opens the app.",
        epilog="Your history is kept in your data folder (the system's usual place for this user); set "
        "COACH_DATA_DIR to keep it elsewhere, e.g. COACH_DATA_DIR=~/rehab coach history. "
        "`coach COMMAND --help` explains each command, with an example.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        metavar="LANG",
        help=_("the language to speak: en, de or es (default: the desktop's, from LANGUAGE or LANG)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    routines = _command(
        commands,
        "routines",
        "list the bundled and your own routines",
        "List the routines you can run: those that come with Rehab Coach and your own copies.",
        "coach routines --json",
    )
    routines.add_argument("--json", action="store_true", help="print JSON")

    validate = _command(
        commands,
        "validate",
        "check routine files; exit 1 if any has an error",
        "Check routine files (TOML) without running them; each problem is printed as PATH:LINE: what is "
        "wrong.",
        "coach validate my-knee.toml",
    )
    validate.add_argument("paths", nargs="+", type=path_value, metavar="PATH", help="a routine file to check")

    run = _command(
        commands,
        "run",
        "do a routine (ROUTINE is an id or a file)",
        "Do a routine: in the app's guided player (the default), guided in this terminal (--terminal), or "
        "recorded at once on a simulated clock (--instant).",
        "coach run hip-strength --terminal",
    )
    run.add_argument(
        "routine", metavar="ROUTINE", help="a routine's id (`coach routines` lists them) or a routine file"
    )
    # With neither flag, the app opens its guided player on the routine.
    how = run.add_mutually_exclusive_group()
    how.add_argument("--terminal", action="store_true", help="a real-time guided session in this terminal")
    how.add_argument("--instant", action="store_true", help="complete it at once on a simulated clock")
    run.add_argument(
        "--at",
        type=moment_value,
        metavar="DATETIME",
        help="with --instant, when the simulated session ends (YYYY-MM-DDTHH:MM, local time; default now)",
    )
    run.add_argument(
        "--pain", type=pain_value, metavar="N", help=f"pain during the session, {PAIN_MIN}-{PAIN_MAX}"
    )
    run.add_argument(
        "--pain-before", type=pain_value, metavar="N", help="pain before the session (--terminal, --instant)"
    )
    run.add_argument(
        "--warning-sign",
        action="append",
        default=[],
        choices=WARNING_SIGN_KEYS,
        metavar="KEY",
        help=f"a warning sign answered yes (--instant; repeatable): {', '.join(WARNING_SIGN_KEYS)}",
    )

    ice = _command(
        commands,
        "ice",
        f"start the icing timer (at most {ICING_MAX_MINUTES} min) in the app or the terminal",
        f"Start the icing timer in the app, or count down in this terminal (--terminal). Icing is capped at "
        f"{ICING_MAX_MINUTES} minutes; --status says whether a timer is running.",
        "coach ice --minutes 15 --terminal",
    )
    ice.add_argument(
        "--minutes",
        type=icing_minutes_value,
        default=None,  # left unset, so that --status or --stop with --minutes can be told apart and refused
        metavar="N",
        help=f"minutes, 1-{ICING_MAX_MINUTES} (default {ICING_MAX_MINUTES})",
    )
    ice.add_argument("--terminal", action="store_true", help="count down in this terminal instead")
    ice.add_argument("--status", action="store_true", help="say whether an icing timer is running, and stop")
    ice.add_argument("--json", action="store_true", help="with --status, print JSON")
    ice.add_argument(
        "--stop", action="store_true", help="stop the icing timer running (in the app or a terminal) now"
    )

    _command(
        commands,
        "today",
        "open the app and start today's routine (the one you did last)",
        "Open the app (or the one already running) and start the routine you did last.",
        "coach today",
    )

    history = _command(
        commands,
        "history",
        "past sessions, streak and weekly dose",
        "Print your past sessions, icing runs, streak and this week's dose; --window opens History in the "
        "app.",
        "coach history --json",
    )
    history.add_argument("--json", action="store_true", help="print JSON")
    history.add_argument("--include-simulated", action="store_true", help="include --instant sessions")
    history.add_argument("--window", action="store_true", help="open the history window in the app")

    advice = _command(
        commands,
        "advice",
        "progress, hold, ease or see a clinician, for each routine",
        "Say for each routine whether to progress, hold or ease it, or to see a clinician, by the "
        "pain-monitoring rule; --accept takes a proposed change into your own copy of the routine.",
        "coach advice --accept hip-strength",
    )
    advice.add_argument("--json", action="store_true", help="print JSON")
    advice.add_argument("--include-simulated", action="store_true", help="include --instant sessions")
    advice.add_argument(
        "--seen-clinician", action="store_true", help="say a clinician has seen you since a warning sign"
    )
    advice.add_argument(
        "--accept",
        metavar="ROUTINE",
        help="take the change proposed for ROUTINE into your own copy of it, as the app's button does",
    )

    check_in = _command(
        commands,
        "check-in",
        "the next-morning check-in: how the knee is, night pain, warning signs",
        "Answer the morning check-in for yesterday's session, in this terminal or by options "
        "(then nothing is asked).",
        "coach check-in --pain 2 --woke-at-night no",
    )
    check_in.add_argument("--pain", type=pain_value, metavar="N", help="knee pain this morning, 0-10")
    check_in.add_argument("--woke-at-night", choices=("yes", "no"), help="did knee pain wake you at night")
    check_in.add_argument(
        "--sign", action="append", default=[], metavar="KEY", help="a warning sign answered yes (repeatable)"
    )
    check_in.add_argument(
        "--on",
        type=day_value,
        metavar="DATE",
        help="the morning's date (default today); answers for the day before",
    )

    review = _command(
        commands,
        "review",
        "record that a clinician has seen you, and whether they said you may continue",
        "After a warning sign, exercise is paused until a clinician clears you. Record the "
        "review with what they said: only --cleared lifts the pause.",
        'coach review --cleared --note "physio, 3 March"',
    )
    answer = review.add_mutually_exclusive_group(required=True)
    answer.add_argument(
        "--cleared", dest="answer", action="store_const", const="cleared", help="they said you may continue"
    )
    answer.add_argument(
        "--not-cleared",
        dest="answer",
        action="store_const",
        const="not-cleared",
        help="they said not to continue",
    )
    answer.add_argument(
        "--unsure", dest="answer", action="store_const", const="unsure", help="you are not sure"
    )
    review.add_argument("--note", default="", metavar="TEXT", help="a note kept with the review")

    export = _command(
        commands,
        "export",
        "write your history for your physiotherapist",
        "Write your history as CSV files (sessions.csv and steps.csv, for a spreadsheet) and/or as a PDF "
        "report; files are written whole or not at all, never over existing ones unless --force.",
        "coach export --pdf report.pdf --from 2026-03-01 --name 'A. Runner'",
    )
    export.add_argument(
        "--csv", type=path_value, metavar="DIR", help="write sessions.csv and steps.csv into DIR"
    )
    export.add_argument("--pdf", type=path_value, metavar="FILE", help="write the PDF report to FILE")
    export.add_argument("--from", dest="first", type=day_value, metavar="DATE", help="first day, YYYY-MM-DD")
    export.add_argument("--to", dest="last", type=day_value, metavar="DATE", help="last day, YYYY-MM-DD")
    export.add_argument("--name", metavar="TEXT", help="with --pdf, a name line on the report (optional)")
    export.add_argument("--force", action="store_true", help="overwrite the files if they exist")
    export.add_argument("--include-simulated", action="store_true", help="include --instant sessions")
    _add_backup(commands)
    _add_routine_files(commands)
    desktop = _command(
        commands,
        "desktop",
        "add Rehab Coach to the applications menu (Linux)",
        "Add Rehab Coach to your desktop's applications menu, or take it out again. ACTION: install.",
        "coach desktop install",
    )
    actions = desktop.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    install = _command(
        actions,
        "install",
        "install the launcher, metainfo and icons for this user",
        "Install the launcher, metainfo and icons for this user (--uninstall removes them).",
        "coach desktop install --uninstall",
    )
    install.add_argument("--uninstall", action="store_true", help="remove them again")
    return parser


def _add_backup(commands: argparse._SubParsersAction[_Parser]) -> None:
    backup = _command(
        commands,
        "backup",
        "list the automatic backups of your history, or restore one",
        "Rehab Coach backs up your history each day it is used. ACTION: list shows the backups, restore "
        "puts one in place.",
        "coach backup list",
    )
    actions = backup.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    listing = _command(
        actions,
        "list",
        "the backups: id, when taken, size, sessions",
        "List the backups: id, when taken, size and sessions held.",
        "coach backup list --json",
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    restore = _command(
        actions,
        "restore",
        "put a backup in place (the current file is moved aside)",
        "Put a backup in place of your history; the current file is moved aside, not deleted.",
        "coach backup restore 20260304-080000",
    )
    restore.add_argument("id", metavar="ID", help="a backup id from `coach backup list`")


def _command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str, description: str, example: str
) -> _Parser:
    """A command with its one-line `summary` (in `coach --help`), its `description` and an example."""
    return commands.add_parser(name, help=summary, description=description, epilog=f"Example: {example}")


def moment_value(text: str) -> datetime:
    """A moment as YYYY-MM-DDTHH:MM[:SS][±HH:MM]; without an offset it is local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a moment; write it as YYYY-MM-DDTHH:MM") from None
    problem = day_problem(moment.date())
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return moment if moment.tzinfo is not None else moment.astimezone()


def day_value(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None
    problem = day_problem(day)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


def path_value(text: str) -> Path:
    """A path given on the command line; an empty one would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; name a file or a folder")
    return Path(text)


def _add_routine_files(commands: argparse._SubParsersAction[_Parser]) -> None:
    new = _command(
        commands,
        "new",
        "write a commented starter routine into your routines folder",
        "Write a commented format-3 starter routine (or a copy of EXISTING, its comments kept) into your "
        "routines folder and print its path, for editing in a text editor.",
        "coach new my-knee-plan --from hip-strength",
    )
    new.add_argument("routine_id", metavar="ROUTINE_ID", help="the new routine's id (lowercase, '-' and '_')")
    new.add_argument("--from", dest="source", metavar="EXISTING", help="copy this routine (an id or a file)")
    settings = _command(
        commands,
        "settings",
        "show or change your settings",
        "Show your settings, or change the ones given.",
        "coach settings --affected-side left",
    )
    settings.add_argument(
        "--affected-side",
        choices=("left", "right"),
        help='your leg with runner\'s knee: format 3\'s "affected" side (the other is "unaffected")',
    )
    settings.add_argument(
        "--language",
        choices=(*sorted(LANGUAGES), "desktop"),
        help="the language of the app and the command line from their next start (desktop: the desktop's)",
    )
