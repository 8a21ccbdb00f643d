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
        description=_("Rehab Coach: guided home exercise for runner's knee. With no command, opens the app."),
        epilog=_(
            "Your history is kept in your data folder (the system's usual place for this user); set "
            "COACH_DATA_DIR to keep it elsewhere, e.g. COACH_DATA_DIR=~/rehab coach history. "
            "`coach COMMAND --help` explains each command, with an example."
        ),
    )
    # argparse's own help for --version is not translated (a plain default argument, not `_()`): say it here.
    version_help = _("show program's version number and exit")
    parser.add_argument("--version", action="version", version=f"coach {__version__}", help=version_help)
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
        _("list the bundled and your own routines"),
        _("List the routines you can run: those that come with Rehab Coach and your own copies."),
        "coach routines --json",
    )
    routines.add_argument("--json", action="store_true", help=_("print JSON"))

    validate = _command(
        commands,
        "validate",
        _("check routine files; exit 1 if any has an error"),
        _(
            "Check routine files (TOML) without running them; each problem is printed as PATH:LINE: what is "
            "wrong."
        ),
        "coach validate my-knee.toml",
    )
    validate.add_argument(
        "paths", nargs="+", type=path_value, metavar="PATH", help=_("a routine file to check")
    )

    run = _command(
        commands,
        "run",
        _("do a routine (ROUTINE is an id or a file)"),
        _(
            "Do a routine: in the app's guided player (the default), guided in this terminal (--terminal), "
            "or "
            "recorded at once on a simulated clock (--instant)."
        ),
        "coach run hip-strength --terminal",
    )
    run.add_argument(
        "routine", metavar="ROUTINE", help=_("a routine's id (`coach routines` lists them) or a routine file")
    )
    # With neither flag, the app opens its guided player on the routine.
    how = run.add_mutually_exclusive_group()
    how.add_argument("--terminal", action="store_true", help=_("a real-time guided session in this terminal"))
    how.add_argument("--instant", action="store_true", help=_("complete it at once on a simulated clock"))
    run.add_argument(
        "--at",
        type=moment_value,
        metavar="DATETIME",
        help=_("with --instant, when the simulated session ends (YYYY-MM-DDTHH:MM, local time; default now)"),
    )
    run.add_argument(
        "--pain",
        type=pain_value,
        metavar="N",
        help=_("pain during the session, {low}-{high}").format(low=PAIN_MIN, high=PAIN_MAX),
    )
    run.add_argument(
        "--pain-before",
        type=pain_value,
        metavar="N",
        help=_("pain before the session (--terminal, --instant)"),
    )
    run.add_argument(
        "--warning-sign",
        action="append",
        default=[],
        choices=WARNING_SIGN_KEYS,
        metavar="KEY",
        help=_("a warning sign answered yes (--instant; repeatable): {keys}").format(
            keys=", ".join(WARNING_SIGN_KEYS)
        ),
    )

    ice = _command(
        commands,
        "ice",
        _("start the icing timer (at most {limit} min) in the app or the terminal").format(
            limit=ICING_MAX_MINUTES
        ),
        _(
            "Start the icing timer in the app, or count down in this terminal (--terminal). Icing is capped "
            "at {limit} minutes; --status says whether a timer is running."
        ).format(limit=ICING_MAX_MINUTES),
        "coach ice --minutes 15 --terminal",
    )
    ice.add_argument(
        "--minutes",
        type=icing_minutes_value,
        default=None,  # left unset, so that --status or --stop with --minutes can be told apart and refused
        metavar="N",
        help=_("minutes, 1-{limit} (default {limit})").format(limit=ICING_MAX_MINUTES),
    )
    ice.add_argument("--terminal", action="store_true", help=_("count down in this terminal instead"))
    ice.add_argument(
        "--status", action="store_true", help=_("say whether an icing timer is running, and stop")
    )
    ice.add_argument("--json", action="store_true", help=_("with --status, print JSON"))
    ice.add_argument(
        "--stop", action="store_true", help=_("stop the icing timer running (in the app or a terminal) now")
    )

    _command(
        commands,
        "today",
        _("open the app and start today's routine (the one you did last)"),
        _("Open the app (or the one already running) and start the routine you did last."),
        "coach today",
    )

    history = _command(
        commands,
        "history",
        _("past sessions, streak and weekly dose"),
        _(
            "Print your past sessions, icing runs, streak and this week's dose; --window opens History in "
            "the "
            "app."
        ),
        "coach history --json",
    )
    history.add_argument("--json", action="store_true", help=_("print JSON"))
    history.add_argument("--include-simulated", action="store_true", help=_("include --instant sessions"))
    history.add_argument("--window", action="store_true", help=_("open the history window in the app"))

    advice = _command(
        commands,
        "advice",
        _("progress, hold, ease or see a clinician, for each routine"),
        _(
            "Say for each routine whether to progress, hold or ease it, or to see a clinician, by the "
            "pain-monitoring rule; --accept takes a proposed change into your own copy of the routine."
        ),
        "coach advice --accept hip-strength",
    )
    advice.add_argument("--json", action="store_true", help=_("print JSON"))
    advice.add_argument("--include-simulated", action="store_true", help=_("include --instant sessions"))
    advice.add_argument(
        "--seen-clinician", action="store_true", help=_("say a clinician has seen you since a warning sign")
    )
    advice.add_argument(
        "--accept",
        metavar="ROUTINE",
        help=_("take the change proposed for ROUTINE into your own copy of it, as the app's button does"),
    )

    check_in = _command(
        commands,
        "check-in",
        _("the next-morning check-in: how the knee is, night pain, warning signs"),
        _(
            "Answer the morning check-in for yesterday's session, in this terminal or by options "
            "(then nothing is asked)."
        ),
        "coach check-in --pain 2 --woke-at-night no",
    )
    check_in.add_argument("--pain", type=pain_value, metavar="N", help=_("knee pain this morning, 0-10"))
    check_in.add_argument("--woke-at-night", choices=("yes", "no"), help=_("did knee pain wake you at night"))
    check_in.add_argument(
        "--sign",
        action="append",
        default=[],
        metavar="KEY",
        help=_("a warning sign answered yes (repeatable)"),
    )
    check_in.add_argument(
        "--on",
        type=day_value,
        metavar="DATE",
        help=_("the morning's date (default today); answers for the day before"),
    )

    review = _command(
        commands,
        "review",
        _("record that a clinician has seen you, and whether they said you may continue"),
        _(
            "After a warning sign, exercise is paused until a clinician clears you. Record the "
            "review with what they said: only --cleared lifts the pause."
        ),
        'coach review --cleared --note "physio, 3 March"',
    )
    answer = review.add_mutually_exclusive_group(required=True)
    answer.add_argument(
        "--cleared",
        dest="answer",
        action="store_const",
        const="cleared",
        help=_("they said you may continue"),
    )
    answer.add_argument(
        "--not-cleared",
        dest="answer",
        action="store_const",
        const="not-cleared",
        help=_("they said not to continue"),
    )
    answer.add_argument(
        "--unsure", dest="answer", action="store_const", const="unsure", help=_("you are not sure")
    )
    review.add_argument("--note", default="", metavar="TEXT", help=_("a note kept with the review"))

    export = _command(
        commands,
        "export",
        _("write your history for your physiotherapist"),
        _(
            "Write your history as CSV files (sessions.csv, steps.csv, reviews.csv and runs.csv, for a "
            "spreadsheet) and/or as a PDF report; files are written whole or not at all, never over existing "
            "ones unless --force."
        ),
        "coach export --pdf report.pdf --from 2026-03-01 --name 'A. Runner'",
    )
    export.add_argument(
        "--csv",
        type=path_value,
        metavar="DIR",
        help=_("write sessions.csv, steps.csv, reviews.csv and runs.csv into DIR"),
    )
    export.add_argument("--pdf", type=path_value, metavar="FILE", help=_("write the PDF report to FILE"))
    export.add_argument(
        "--from", dest="first", type=day_value, metavar="DATE", help=_("first day, YYYY-MM-DD")
    )
    export.add_argument("--to", dest="last", type=day_value, metavar="DATE", help=_("last day, YYYY-MM-DD"))
    export.add_argument("--name", metavar="TEXT", help=_("with --pdf, a name line on the report (optional)"))
    export.add_argument("--force", action="store_true", help=_("overwrite the files if they exist"))
    export.add_argument("--include-simulated", action="store_true", help=_("include --instant sessions"))
    _add_backup(commands)
    _add_routine_files(commands)
    _add_run_log(commands)
    desktop = _command(
        commands,
        "desktop",
        _("add Rehab Coach to the applications menu (Linux)"),
        _("Add Rehab Coach to your desktop's applications menu, or take it out again. ACTION: install."),
        "coach desktop install",
    )
    actions = desktop.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    install = _command(
        actions,
        "install",
        _("install the launcher, metainfo and icons for this user"),
        _("Install the launcher, metainfo and icons for this user (--uninstall removes them)."),
        "coach desktop install --uninstall",
    )
    install.add_argument("--uninstall", action="store_true", help=_("remove them again"))
    return parser


def _add_backup(commands: argparse._SubParsersAction[_Parser]) -> None:
    backup = _command(
        commands,
        "backup",
        _("list the automatic backups of your history, or restore one"),
        _(
            "Rehab Coach backs up your history each day it is used. ACTION: list shows the backups, restore "
            "puts one in place."
        ),
        "coach backup list",
    )
    actions = backup.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    listing = _command(
        actions,
        "list",
        _("the backups: id, when taken, size, sessions"),
        _("List the backups: id, when taken, size and sessions held."),
        "coach backup list --json",
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    restore = _command(
        actions,
        "restore",
        _("put a backup in place (the current file is moved aside)"),
        _("Put a backup in place of your history; the current file is moved aside, not deleted."),
        "coach backup restore 20260304-080000",
    )
    restore.add_argument("id", metavar="ID", help=_("a backup id from `coach backup list`"))


def distance_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        said = _("'{text}' is not a distance; write kilometres like 5.2").format(text=text)
        raise argparse.ArgumentTypeError(said) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(
            _("a run's distance is more than 0 km, not {text}").format(text=text)
        )
    return value


def minutes_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        said = _("'{text}' is not a number of minutes, like 32").format(text=text)
        raise argparse.ArgumentTypeError(said) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(_("a run lasts more than 0 minutes, not {text}").format(text=text))
    return value


def _add_run_log(commands: argparse._SubParsersAction[_Parser]) -> None:
    log = _command(
        commands,
        "run-log",
        _("log a run done elsewhere, import GPX/FIT/TCX files, answer a run's later pain questions"),
        _(
            "Record a run you did without the app: type its minutes and pain (--minutes, --pain), or import "
            "the "
            "file your watch or phone recorded (--import; GPX, FIT or TCX: start, duration, distance, moving "
            "time, pace and cadence are read). Every run asks for pain during it, an hour after, and the "
            "next "
            "morning: answer the later two with --answer. With no options, lists the runs whose questions "
            "wait."
        ),
        "coach run-log --minutes 25 --pain 2 --distance 4.1; coach run-log --import run.fit --pain 1; "
        "coach run-log --answer 3 --after-hour 1 --next-morning 0",
    )
    what = log.add_mutually_exclusive_group()
    what.add_argument(
        "--minutes", type=minutes_value, metavar="N", help=_("how long the run lasted, in minutes")
    )
    what.add_argument(
        "--import",
        dest="files",
        nargs="+",
        type=path_value,
        metavar="FILE",
        help=_(
            "GPX, FIT or TCX files to import (a file imported before is one run: said 'already imported')"
        ),
    )
    what.add_argument(
        "--answer",
        type=int,
        metavar="RUN_ID",
        help=_("answer a run's later pain questions (ids: `coach run-log`)"),
    )
    log.add_argument(
        "--pain",
        type=pain_value,
        metavar="N",
        help=_("knee pain during the run, {low}-{high}").format(low=PAIN_MIN, high=PAIN_MAX),
    )
    log.add_argument(
        "--distance", type=distance_value, metavar="KM", help=_("with --minutes: kilometres run")
    )
    log.add_argument(
        "--on",
        type=day_value,
        metavar="DATE",
        help=_("with --minutes: the run's day, YYYY-MM-DD (default today)"),
    )
    log.add_argument(
        "--after-hour", type=pain_value, metavar="N", help=_("with --answer: knee pain an hour after the run")
    )
    log.add_argument(
        "--next-morning", type=pain_value, metavar="N", help=_("with --answer: knee pain the next morning")
    )


def _command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str, description: str, example: str
) -> _Parser:
    """A command with its one-line `summary` (in `coach --help`), its `description` and an example."""
    return commands.add_parser(
        name, help=summary, description=description, epilog=_("Example: {example}").format(example=example)
    )


def moment_value(text: str) -> datetime:
    """A moment as YYYY-MM-DDTHH:MM[:SS][±HH:MM]; without an offset it is local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        said = _("{text} is not a moment; write it as YYYY-MM-DDTHH:MM").format(text=repr(text))
        raise argparse.ArgumentTypeError(said) from None
    problem = day_problem(moment.date())
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return moment if moment.tzinfo is not None else moment.astimezone()


def day_value(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        said = _("'{text}' is not a date like 2026-03-31").format(text=text)
        raise argparse.ArgumentTypeError(said) from None
    problem = day_problem(day)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


def path_value(text: str) -> Path:
    """A path given on the command line; an empty one would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("an empty path; name a file or a folder"))
    return Path(text)


def _add_routine_files(commands: argparse._SubParsersAction[_Parser]) -> None:
    new = _command(
        commands,
        "new",
        _("write a commented starter routine into your routines folder"),
        _(
            "Write a commented format-3 starter routine (or a copy of EXISTING, its comments kept) into your "
            "routines folder and print its path, for editing in a text editor."
        ),
        "coach new my-knee-plan --from hip-strength",
    )
    new.add_argument(
        "routine_id", metavar="ROUTINE_ID", help=_("the new routine's id (lowercase, '-' and '_')")
    )
    new.add_argument(
        "--from", dest="source", metavar="EXISTING", help=_("copy this routine (an id or a file)")
    )
    settings = _command(
        commands,
        "settings",
        _("show or change your settings"),
        _("Show your settings, or change the ones given."),
        "coach settings --affected-side left",
    )
    settings.add_argument(
        "--affected-side",
        choices=("left", "right"),
        help=_('your leg with runner\'s knee: format 3\'s "affected" side (the other is "unaffected")'),
    )
    settings.add_argument(
        "--language",
        choices=(*sorted(LANGUAGES), "desktop"),
        help=_("the language of the app and the command line from their next start (desktop: the desktop's)"),
    )
