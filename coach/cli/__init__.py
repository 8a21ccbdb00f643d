"""The `coach` command: parses arguments, calls the core's operations, prints the answer. No rules live here.

Exit codes: 0 success, 1 the thing asked about is invalid or refused (a routine file, a store, a second
icing timer), 2 a usage error.
Only the commands that open the app (and `export --pdf`, drawn by Qt) import PySide6.
"""

from __future__ import annotations

import gc
import importlib
import os
import signal
import sys

from coach.cli.parser import EXIT_INVALID, EXIT_USAGE, UsageError, build_parser
from coach.cli.problems import complain
from coach.cli.signals import Terminated, terminate_as_interrupt
from coach.core.i18n import _, use_language
from coach.core.operations.context import Coach
from coach.core.paths import ShippedDataError, catalogues, resolve_places
from coach.core.refusal import Refused
from coach.core.session.clock import SystemClock
from coach.core.store.errors import StoreError

# Each command's module is imported only when it runs: `coach --version` and `coach history` on a new
# data folder load neither the store (sqlite-utils) nor the session machinery.
HANDLERS = {
    "routines": ("coach.cli.commands", "routines_command"),
    "validate": ("coach.cli.commands", "validate_command"),
    "run": ("coach.cli.commands", "run_command"),
    "ice": ("coach.cli.commands", "ice_command"),
    "history": ("coach.cli.history", "history_command"),
    "export": ("coach.cli.export", "export_command"),
    "backup": ("coach.cli.backup", "backup_command"),
    "advice": ("coach.cli.advice", "advice_command"),
    "review": ("coach.cli.advice", "review_command"),
    "check-in": ("coach.cli.check_in", "check_in_command"),
    "today": ("coach.cli.launch", "today_command"),
    "desktop": ("coach.cli.desktop", "desktop_command"),
    "new": ("coach.cli.routine_files", "new_command"),
    "settings": ("coach.cli.routine_files", "settings_command"),
    "run-log": ("coach.cli.run_log", "run_log_command"),
}


def asked_language(args: list[str]) -> str | None:
    """The language `--lang CODE` (or `--lang=CODE`) asks for, read before the parser exists."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def saved_language() -> str | None:
    """The language chosen in the app or with `coach settings --language`; None: the desktop's."""
    from coach.core.settings import load_settings

    try:
        return load_settings(resolve_places().data_dir).language or None
    except (OSError, ShippedDataError):  # the command says what is wrong with its places; not here
        return None


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    _write_what_can_be_written()
    # Before the parser is built: its help is written in the language chosen.
    use_language(asked_language(args_list) or saved_language(), catalogues())
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            from coach.gui.main import run_app

            return run_app([sys.argv[0], *args_list])
        coach = Coach(resolve_places(), SystemClock())  # the one context every operation is given
        module, name = HANDLERS[args.command]
        handler = getattr(importlib.import_module(module), name)
        # What is loaded by now lives until the process ends: take it out of the cyclic collector's sight,
        # so that neither the collections a command's thousands of records set off nor the one at exit
        # walk it again (about 8 ms of `coach history --json` on a year of history).
        gc.freeze()
        try:
            with terminate_as_interrupt():
                return int(handler(args, coach, sys.stdout))
        finally:
            coach.close()
    except Terminated as stop:
        complain(f"\ncoach: {stop}")
        return 128 + stop.number
    except KeyboardInterrupt:
        print("\ncoach: " + _("interrupted"), file=sys.stderr)
        return 128 + signal.SIGINT
    except UsageError as error:
        complain(f"coach: {error}")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`coach history | head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    except (StoreError, Refused, ShippedDataError) as error:
        complain(f"coach: {error}")
        return EXIT_INVALID
    except OSError as error:  # a file or folder the command needed (the data folder is a file, say)
        where = f"{error.filename}: " if error.filename else ""
        complain(f"coach: {where}{error.strerror or error}")
        return EXIT_INVALID


def _write_what_can_be_written() -> None:
    """A terminal that cannot show every character (PYTHONIOENCODING=ascii, a C locale) gets '?' for
    the ones it cannot show (an en dash, an accent) instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")
