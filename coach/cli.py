"""The `coach` command: parses arguments, asks the core, prints the answer. No rules live here.

Exit codes: 0 success, 1 the thing asked about is invalid (a routine file, a store), 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, NoReturn

from coach import __version__
from coach.core.clock import SystemClock
from coach.core.engine import SessionEngine
from coach.core.export import ExportError, Period, export_csv
from coach.core.library import Library, Origin, discover_routines
from coach.core.loader import RoutineError, check_routine_file
from coach.core.paths import Places, resolve_places
from coach.core.recording import record_session, record_simulated_session
from coach.core.records import DayMark
from coach.core.routine import Routine, estimated_minutes
from coach.core.safety import ICING_MAX_MINUTES, PAIN_MAX, PAIN_MIN, check_icing_minutes, check_pain
from coach.core.stats import is_daily_plan, summarize
from coach.core.store import AdherenceStore, IcingRecord, SessionRecord, StoreError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


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


def _pain(text: str) -> int:
    return _whole_number(text, check_pain, f"pain must be a whole number from {PAIN_MIN} to {PAIN_MAX}")


def _icing_minutes(text: str) -> int:
    return _whole_number(
        text, check_icing_minutes, f"icing minutes must be a whole number from 1 to {ICING_MAX_MINUTES}"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach",
        description="Rehab Coach: guided home exercise for runner's knee. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    routines = commands.add_parser("routines", help="list the bundled and your own routines")
    routines.add_argument("--json", action="store_true", help="print JSON")

    validate = commands.add_parser("validate", help="check routine files; exit 1 if any has an error")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    run = commands.add_parser("run", help="do a routine (ROUTINE is an id or a file)")
    run.add_argument("routine", metavar="ROUTINE")
    # With neither flag, the app opens its guided player on the routine.
    how = run.add_mutually_exclusive_group()
    how.add_argument("--terminal", action="store_true", help="a real-time guided session in this terminal")
    how.add_argument("--instant", action="store_true", help="complete it at once on a simulated clock")
    run.add_argument(
        "--pain", type=_pain, metavar="N", help=f"pain during the session, {PAIN_MIN}-{PAIN_MAX}"
    )

    ice = commands.add_parser(
        "ice", help=f"start the icing timer (at most {ICING_MAX_MINUTES} min) in the app or the terminal"
    )
    ice.add_argument(
        "--minutes",
        type=_icing_minutes,
        default=ICING_MAX_MINUTES,
        metavar="N",
        help=f"minutes, 1-{ICING_MAX_MINUTES} (default {ICING_MAX_MINUTES})",
    )
    ice.add_argument("--terminal", action="store_true", help="count down in this terminal instead")

    history = commands.add_parser("history", help="past sessions, streak and weekly dose")
    history.add_argument("--json", action="store_true", help="print JSON")
    history.add_argument("--include-simulated", action="store_true", help="include --instant sessions")

    export = commands.add_parser("export", help="write your history for your physiotherapist")
    export.add_argument("--csv", type=Path, metavar="DIR", help="write sessions.csv and steps.csv into DIR")
    export.add_argument("--pdf", type=Path, metavar="FILE", help="write the PDF report to FILE")
    export.add_argument("--from", dest="first", type=_day, metavar="DATE", help="first day, YYYY-MM-DD")
    export.add_argument("--to", dest="last", type=_day, metavar="DATE", help="last day, YYYY-MM-DD")
    export.add_argument("--force", action="store_true", help="overwrite the files if they exist")
    export.add_argument("--include-simulated", action="store_true", help="include --instant sessions")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            from coach.gui.app import run_app

            return run_app([sys.argv[0], *args_list])
        places = resolve_places()
        handler = {
            "routines": _routines,
            "validate": _validate,
            "run": _run,
            "ice": _ice,
            "history": _history,
            "export": _export,
        }
        return handler[args.command](args, places, sys.stdout)
    except UsageError as error:
        print(f"coach: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`coach history | head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    except StoreError as error:
        print(f"coach: {error}", file=sys.stderr)
        return EXIT_INVALID


def _library(places: Places) -> Library:
    return discover_routines(places.bundled_routines, places.user_routines, places.assets)


def _routines(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    library = _library(places)
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
                    "warnings": [str(w) for w in e.warnings],
                }
                for e in library.routines
            ],
            "broken": [
                {
                    "file": str(b.path),
                    "origin": b.origin.value,
                    "error": str(b.problems[0]),
                    "errors": [str(p) for p in b.problems],
                }
                for b in library.broken
            ],
        }
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    for entry in library.routines:
        note = " (yours, replaces the bundled one)" if entry.replaces else ""
        note = note or (" (yours)" if entry.origin is Origin.USER else "")
        out.write(f"{entry.routine.id:<22} {entry.routine.title}{note}\n{'':<22} {entry.path}\n")
    for broken in library.broken:
        out.write(f"broken: {broken.path}\n")
        out.writelines(f"  {problem}\n" for problem in broken.problems)
    if not library.routines and not library.broken:
        out.write("no routines found\n")
    return EXIT_OK


def _validate(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    status = EXIT_OK
    for path in args.paths:
        checked = check_routine_file(path, places.assets)
        for problem in checked.problems:
            print(problem, file=sys.stderr if not problem.warning else out)
        if checked.routine is None:
            status = EXIT_INVALID
        else:
            out.write(
                f"{path}: ok ({checked.routine.id}, {_count(len(checked.routine.exercises), 'exercise')})\n"
            )
    return status


def _resolve_routine(text: str, places: Places) -> Routine:
    path = Path(text)
    if text.endswith(".toml") or path.is_file():
        if not path.is_file():
            raise UsageError(f"there is no routine file {text}")
        checked = check_routine_file(path, places.assets)
        if checked.routine is None:
            raise RoutineError(checked.errors)
        return checked.routine
    entry = _library(places).find(text)
    if entry is None:
        raise UsageError(f"no routine has the id '{text}'; 'coach routines' lists them")
    return entry.routine


def _run(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    in_the_app = not (args.terminal or args.instant)
    if in_the_app and args.pain is not None:
        raise UsageError("--pain goes with --terminal or --instant; the app asks at the end of the session")
    try:
        routine = _resolve_routine(args.routine, places)
    except RoutineError as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    if in_the_app:
        from coach.gui.app import run_app

        return run_app([sys.argv[0]], routine=routine)
    store = AdherenceStore.open(places.database)
    try:
        return (
            _run_instant(routine, store, args, out)
            if args.instant
            else _run_terminal(routine, store, args, out)
        )
    finally:
        store.close()


def _run_instant(routine: Routine, store: AdherenceStore, args: argparse.Namespace, out: IO[str]) -> int:
    record = record_simulated_session(store, routine, SystemClock().wall(), pain=args.pain)
    out.write(
        f"recorded simulated session {record.id} of '{routine.id}': "
        f"{record.steps_completed}/{record.steps_total} steps, {record.status.value}\n"
    )
    return EXIT_OK


def _run_terminal(routine: Routine, store: AdherenceStore, args: argparse.Namespace, out: IO[str]) -> int:
    from coach.terminal import TerminalPlayer, terminal_keys

    engine = SessionEngine(routine, SystemClock())
    recorder = record_session(store, routine, engine)
    minutes = round(estimated_minutes(routine))
    out.write(f"{routine.title}: {_count(len(routine.exercises), 'exercise')}, about {minutes} min\n")
    player = TerminalPlayer(engine, out)
    with terminal_keys() as keys:
        player.play(keys)
    pain = args.pain if args.pain is not None else _ask_pain(out)
    if pain is not None:
        store.record_pain(recorder.session_id, pain)
    record = store.session(recorder.session_id)
    finished = "completed" if record.completed else "stopped early"
    out.write(f"Session {finished}: {record.steps_completed} of {record.steps_total} steps done. Saved.\n")
    return EXIT_OK


def _ask_pain(out: IO[str]) -> int | None:
    if not sys.stdin.isatty():
        return None
    while True:
        out.write(f"Pain in the knee during the session, {PAIN_MIN}-{PAIN_MAX} (Enter to skip): ")
        out.flush()
        try:
            answer = sys.stdin.readline().strip()
        except KeyboardInterrupt:
            out.write("\n")
            return None
        if not answer:
            return None
        try:
            return _pain(answer)
        except argparse.ArgumentTypeError as error:
            out.write(f"{error}\n")


def _ice(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    if not args.terminal:
        from coach.gui.app import run_app
        from coach.gui.instance import Request

        return run_app([sys.argv[0]], request=Request("ice", args.minutes))
    from coach.terminal import terminal_keys
    from coach.terminal_icing import ice_in_terminal

    store = AdherenceStore.open(places.database)
    try:
        with terminal_keys() as keys:
            ice_in_terminal(store, SystemClock(), args.minutes, out, keys)
    finally:
        store.close()
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _local(moment: datetime, record: SessionRecord | None = None) -> str:
    """A stored time in the zone the session happened in, with its offset (else the system's zone)."""
    zone = record.local_start().tzinfo if record is not None else None
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _session_json(record: SessionRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "routine_id": record.routine_id,
        "routine_title": record.routine_title,
        "started_at": _local(record.started_at, record),
        "finished_at": _local(record.finished_at, record) if record.finished_at else None,
        "status": record.status.value,
        "completed": record.completed,
        "steps_completed": record.steps_completed,
        "steps_total": record.steps_total,
        "pain": record.pain,
        "note": record.note,
        "simulated": record.simulated,
        "local_date": record.local_day().isoformat(),
        "time_zone": record.time_zone or None,
        "morning_pain": record.morning_pain,
        "routine_version": record.routine_hash or None,
    }


def _icing_json(record: IcingRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "started_at": _local(record.started_at),
        "finished_at": _local(record.finished_at) if record.finished_at else None,
        "planned_minutes": record.planned_minutes,
        "actual_minutes": record.actual_minutes,
        "status": record.status.value,
    }


def _write_icing(icing: list[IcingRecord], out: IO[str]) -> None:
    if icing:
        out.write("\nIcing:\n")
    for r in icing:
        actual = f"{r.actual_minutes:.1f}" if r.actual_minutes is not None else "-"
        out.write(
            f"{r.started_at.astimezone():%a %d %b %Y %H:%M}  {actual:>4} of {r.planned_minutes} min  "
            f"{r.status.value}\n"
        )


def _history(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    sessions: list[SessionRecord] = []
    icing: list[IcingRecord] = []
    marks: list[DayMark] = []
    if places.database.exists():  # reading history never creates a database
        store = AdherenceStore.open(places.database)
        try:
            sessions = store.sessions(include_simulated=args.include_simulated)
            icing = store.icing_runs()
            marks = store.day_marks()
        finally:
            store.close()
    summary = summarize(sessions, datetime.now().astimezone().date(), marks=marks)
    if args.json:
        payload = {
            "sessions": [_session_json(s) for s in sessions],
            "summary": {
                "streak_days": summary.streak_days,
                "streak_weeks": summary.streak_weeks,
                "this_week": {"sessions": summary.this_week_sessions, "planned": summary.sessions_per_week},
                "adherence_4_weeks": summary.adherence_4_weeks,
                "sessions_completed": summary.sessions_completed,
                "icing_count": len(icing),
            },
            "icing": [_icing_json(r) for r in icing],
            "adherence": {
                "percent_4_weeks": _percent(summary.adherence_4_weeks),
                "current_streak_weeks": summary.streak_weeks,
                "longest_streak_weeks": summary.longest_streak_weeks,
                "current_streak_days": summary.streak_days,
                "longest_streak_days": summary.longest_streak_days,
                "daily_plan": is_daily_plan(summary.sessions_per_week),
                "marked_days": [
                    {
                        "kind": m.kind.value,
                        "from": str(m.first_day),
                        "to": str(m.last_day),
                        "reason": m.reason,
                    }
                    for m in marks
                ],
            },
        }
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if not sessions:
        out.write("No sessions yet. Start one with 'coach run ROUTINE --terminal' or open the app.\n")
    for s in sessions:
        local = s.local_start()
        pain = f"pain {s.pain}" if s.pain is not None else "pain -"
        simulated = " (simulated)" if s.simulated else ""
        out.write(
            f"{local:%a %d %b %Y %H:%M}  {s.routine_title:<36.36}  {s.status.value:<9}  "
            f"{s.steps_completed:>3}/{s.steps_total:<3} steps  {pain}{simulated}\n"
        )
    _write_icing(icing, out)
    plan = f" of {summary.sessions_per_week} planned" if summary.sessions_per_week else ""
    out.write(f"\nThis week: {_count(summary.this_week_sessions, 'session')}{plan}\n")
    out.write(
        f"Streak: {_count(summary.streak_days, 'day')} in a row, "
        f"{_count(summary.streak_weeks, 'week')} in a row on plan\n"
    )
    if summary.adherence_4_weeks is not None:
        out.write(f"Last 4 weeks: {summary.adherence_4_weeks:.0%} of planned sessions done\n")
    return EXIT_OK


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _export(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    if args.csv is None and args.pdf is None:
        raise UsageError("export needs --csv DIR, --pdf FILE, or both")
    if args.first and args.last and args.first > args.last:
        raise UsageError(f"--from {args.first} is after --to {args.last}")
    if not places.database.exists():
        raise UsageError("there is no history to export yet")
    store = AdherenceStore.open(places.database)
    try:
        if args.csv is not None:
            _export_csv(args, store, out)
        if args.pdf is not None:
            _export_pdf(args, store, out)
    except ExportError as error:
        raise UsageError(f"{error} (--force overwrites)") from None
    finally:
        store.close()
    return EXIT_OK


def _export_csv(args: argparse.Namespace, store: AdherenceStore, out: IO[str]) -> None:
    done = export_csv(
        store,
        args.csv,
        Period(args.first, args.last),
        overwrite=args.force,
        include_simulated=args.include_simulated,
    )
    out.write(
        f"wrote {_count(done.sessions, 'session')} to {done.sessions_path} "
        f"and {_count(done.steps, 'step')} to {done.steps_path}\n"
    )


def _export_pdf(args: argparse.Namespace, store: AdherenceStore, out: IO[str]) -> None:
    """The PDF is drawn by Qt: imported here, so that the other commands start without it."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from coach.gui.report import write_report_pdf

    _qt = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # alive while the report is drawn
    now = datetime.now().astimezone()
    report = write_report_pdf(
        store,
        args.pdf,
        Period(args.first, args.last),
        now.date(),
        overwrite=args.force,
        include_simulated=args.include_simulated,
    )
    out.write(
        f"wrote the report for {report.first} to {report.last} "
        f"({_count(len(report.sessions), 'session')}) to {args.pdf}\n"
    )
