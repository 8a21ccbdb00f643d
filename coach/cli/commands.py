"""`coach routines`, `validate`, `run` and `ice`: each parses, calls the core and prints."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO

from coach.cli.parser import EXIT_INVALID, EXIT_OK, EXIT_PAUSED, UsageError
from coach.cli.problems import complain
from coach.core.i18n import ENGLISH, LANGUAGES, N_, _, format_decimal, language, ngettext, pgettext
from coach.core.operations import Coach, run_instant_session
from coach.core.operations.pause import why_paused
from coach.core.routines.library import Origin
from coach.core.routines.loader import RoutineError, check_routine_file
from coach.core.routines.model import Routine, estimated_minutes
from coach.core.routines.translations import translated


def routines_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    library = coach.library
    if args.json:
        payload = {
            "routines": [
                {
                    "id": e.routine.id,
                    "title": e.routine.title,
                    "file": str(e.path),
                    "origin": e.origin.value,
                    "replaces": str(e.replaces) if e.replaces else None,
                    "sessions_per_week": e.routine.sessions_per_week,
                    "minutes": round(estimated_minutes(e.routine), 1),
                    "warnings": [w.in_english() for w in e.warnings],
                }
                for e in library.routines
            ],
            "broken": [
                {
                    "file": str(b.path),
                    "origin": b.origin.value,
                    "error": b.problems[0].in_english(),
                    "errors": [p.in_english() for p in b.problems],
                }
                for b in library.broken
            ],
        }
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    for entry in library.routines:
        note = " " + _("(yours, replaces the bundled one)") if entry.replaces else ""
        note = note or (" " + _("(yours)") if entry.origin is Origin.USER else "")
        out.write(f"{entry.routine.id:<22} {entry.routine.title}{note}\n{'':<22} {entry.path}\n")
    for broken in library.broken:
        out.write(_("broken: {path}").format(path=broken.path) + "\n")
        out.writelines(f"  {problem}\n" for problem in broken.problems)
    if not library.routines and not library.broken:
        out.write(_("no routines found") + "\n")
    return EXIT_OK


def validate_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    status = EXIT_OK
    for path in args.paths:
        checked = check_routine_file(path, coach.places.assets)
        problems = list(checked.problems)
        if checked.routine is not None:  # and every translation beside it
            for code in LANGUAGES:
                problems += translated(checked.routine, path, code)[1] if code != ENGLISH else ()
        for problem in problems:
            complain(problem, None if not problem.warning else out)
        if checked.routine is None:
            status = EXIT_INVALID
        else:
            number = len(checked.routine.exercises)
            ok = ngettext(
                "{path}: ok ({id}, {count} exercise)", "{path}: ok ({id}, {count} exercises)", number
            )
            out.write(ok.format(path=path, id=checked.routine.id, count=number) + "\n")
    return status


def _resolve_routine(text: str, coach: Coach) -> Routine:
    path = Path(text)
    if text.endswith(".toml") or _is_file(path):
        if not _is_file(path):
            raise UsageError(_("there is no routine file {path}").format(path=text))
        checked = check_routine_file(path, coach.places.assets, language())
        if checked.routine is None:
            raise RoutineError(checked.errors)
        return checked.routine
    entry = coach.library.find(text)
    if entry is None:
        raise UsageError(_("no routine has the id '{id}'; 'coach routines' lists them").format(id=text))
    return entry.routine


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; False for a name this file system cannot hold (over 255 bytes)."""
    try:
        return path.is_file()
    except OSError:
        return False


def run_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    in_the_app = not (args.terminal or args.instant)
    if in_the_app and args.pain is not None:
        raise UsageError(
            _("--pain goes with --terminal or --instant; the app asks at the end of the session")
        )
    if in_the_app and args.pain_before is not None:
        raise UsageError(
            _("--pain-before goes with --terminal or --instant; the app asks before the session")
        )
    if not args.instant and args.warning_sign:
        raise UsageError(_("--warning-sign goes with --instant; otherwise it is asked"))
    if not args.instant and args.at is not None:
        raise UsageError(_("--at goes with --instant: it places a simulated session"))
    try:
        routine = _resolve_routine(args.routine, coach)
    except RoutineError as invalid:
        for problem in invalid.problems:
            complain(problem)
        return EXIT_INVALID
    if coach.has_history:
        coach.backups = not in_the_app  # the app takes the day's backup itself
        paused = why_paused(coach, routine)
        if paused is not None:  # nothing starts, in any form, while a warning sign waits for a clinician
            complain(f"coach: {paused}")
            return EXIT_PAUSED
    if in_the_app:
        from coach.gui.main import run_app

        coach.close()  # the app opens the history itself
        instead = _("use `coach run {routine} --terminal` (or `--instant`) instead").format(
            routine=args.routine
        )
        return run_app([sys.argv[0]], routine=routine, instead=instead)
    if args.instant:
        return _run_instant(routine, coach, args, out)
    return _run_terminal(routine, coach, args, out)


def _run_instant(routine: Routine, coach: Coach, args: argparse.Namespace, out: IO[str]) -> int:
    record = run_instant_session(
        coach,
        routine,
        now=args.at,
        pain=args.pain,
        pain_before=args.pain_before,
        warning_signs=args.warning_sign,
    ).value
    recorded = _("recorded simulated session {id} of '{routine}': {done}/{total} steps, {status}").format(
        id=record.id,
        routine=routine.id,
        done=record.steps_completed,
        total=record.steps_total,
        status=_status(record.status.value),
    )
    out.write(f"{recorded}\n")
    return EXIT_OK


def _status(status: str) -> str:
    """How a session ended, in the language in use (the codes stay as they are in --json)."""
    words = {
        "open": pgettext("session status", "open"),
        "completed": pgettext("session status", "completed"),
        "stopped": pgettext("session status", "stopped"),
    }
    return words.get(status, status)


def _run_terminal(routine: Routine, coach: Coach, args: argparse.Namespace, out: IO[str]) -> int:
    from coach.cli.questions import Questions
    from coach.cli.terminal_player import terminal_keys
    from coach.cli.terminal_session import session_in_terminal

    questions = Questions(sys.stdin, out, interactive=sys.stdin.isatty())
    session_in_terminal(
        coach,
        routine,
        out,
        questions,
        terminal_keys,
        pain=args.pain,
        pain_before=args.pain_before,
    )
    return EXIT_OK


def ice_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    _refuse_icing_flags_that_cannot_go_together(args)
    if args.stop:
        return _stop_icing(coach, out)
    if args.status:
        return _icing_status(coach, out, as_json=args.json)
    from coach.core.clinical.safety import ICING_MAX_MINUTES

    minutes = ICING_MAX_MINUTES if args.minutes is None else args.minutes
    if not args.terminal:
        from coach.core.requests import Request
        from coach.gui.main import run_app

        instead = _("use `coach ice --minutes {minutes} --terminal` instead").format(minutes=minutes)
        return run_app([sys.argv[0]], request=Request("ice", minutes), instead=instead)
    from coach.cli.terminal_icing import ice_in_terminal
    from coach.cli.terminal_player import terminal_keys

    with terminal_keys() as keys:
        ice_in_terminal(coach, minutes, out, keys)
    return EXIT_OK


def _refuse_icing_flags_that_cannot_go_together(args: argparse.Namespace) -> None:
    """--stop goes alone; --status takes only --json; --json only goes with --status (exit 2 otherwise)."""
    if args.stop and (args.status or args.terminal or args.json or args.minutes is not None):
        raise UsageError(_("--stop goes alone: it stops the icing timer running, wherever it runs"))
    if args.status and (args.terminal or args.minutes is not None):
        raise UsageError(_("--status goes alone (or with --json): it says whether an icing timer is running"))
    if args.json and not args.status:
        raise UsageError(_("--json goes with --status"))


def _stop_icing(coach: Coach, out: IO[str]) -> int:
    """`coach ice --stop`: the person ends the live run from here; exit 0, also when none was running."""
    from coach.core.clinical.safety import ICING_END_ADVICE
    from coach.core.operations import Refused
    from coach.core.operations.icing import stop_icing

    if not coach.has_history:  # asking never creates a database
        out.write(_("No icing timer is running.") + "\n")
        return EXIT_OK
    coach.backups = False
    try:
        record = stop_icing(coach).value
    except Refused as nothing:
        out.write(f"{nothing}\n")
        return EXIT_OK
    when = record.finished_at.astimezone() if record.finished_at is not None else None
    iced = record.actual_minutes or 0.0
    if when is not None:
        stopped = _("Icing stopped at {time}, after {minutes} of {planned} min.").format(
            time=f"{when:%H:%M}", minutes=format_decimal(iced, 1), planned=record.planned_minutes
        )
    else:
        stopped = _("Icing stopped, after {minutes} of {planned} min.").format(
            minutes=format_decimal(iced, 1), planned=record.planned_minutes
        )
    out.write(f"{stopped} {_(ICING_END_ADVICE)}\n")
    return EXIT_OK


_TIMER_SAYS = {
    None: "",
    True: N_("Its timer is running."),
    False: N_("The program counting it down has gone; the time still counts, and Rehab Coach takes it up."),
}


def _icing_status(coach: Coach, out: IO[str], *, as_json: bool) -> int:
    """The live icing run, wherever it runs (the app, a terminal), or that none is: exit 0 either way."""
    from coach.core.operations import IcingNow, icing_now

    status = IcingNow(running=False)
    if coach.has_history:  # asking never creates a database
        coach.backups = False  # a question takes no backup
        status = icing_now(coach)
    ends = status.ends_at.astimezone() if status.ends_at is not None else None
    if as_json:
        payload = {
            "running": status.running,
            "minutes_left": status.minutes_left,
            "ends_at": ends.isoformat(timespec="seconds") if ends is not None else None,
            "planned_minutes": status.planned_minutes,
            "timer_running": status.timer_running,
        }
        json.dump(payload, out, indent=2)
        out.write("\n")
    elif ends is not None:
        left = status.minutes_left or 0
        icing = ngettext(
            "Icing: {count} minute left of {planned}, ends at {time}.",
            "Icing: {count} minutes left of {planned}, ends at {time}.",
            left,
        ).format(count=left, planned=status.planned_minutes, time=f"{ends:%H:%M}")
        timer = _TIMER_SAYS[status.timer_running]
        out.write(f"{icing} {_(timer)}\n" if timer else f"{icing}\n")
    else:
        out.write(_("No icing timer is running.") + "\n")
    return EXIT_OK
