"""`coach export`: the CSV files and the PDF report for the physiotherapist."""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO

from coach.cli.parser import EXIT_OK, UsageError
from coach.core.export import ExportError
from coach.core.history.period import Period
from coach.core.operations import export_csv_files, export_report
from coach.core.paths import Places
from coach.core.routines.library import discover_routines
from coach.core.session.clock import SystemClock
from coach.core.store.adherence import AdherenceStore
from coach.core.words import count


def export_command(args: argparse.Namespace, places: Places, out: IO[str]) -> int:
    if args.csv is None and args.pdf is None:
        raise UsageError("export needs --csv DIR, --pdf FILE, or both")
    if args.name is not None and args.pdf is None:
        raise UsageError("--name goes with --pdf: it is the report's name line")
    if args.first and args.last and args.first > args.last:
        raise UsageError(f"--from {args.first} is after --to {args.last}")
    if not places.database.exists():
        raise UsageError("there is no history to export yet")
    store = AdherenceStore.open(places.database, now=SystemClock().wall())  # checked once a day
    try:
        if args.csv is not None:
            _export_csv(args, store, out)
        if args.pdf is not None:
            _export_pdf(args, places, store, out)
    except ExportError as error:
        raise UsageError(f"{error} (--force overwrites)") from None
    finally:
        store.close()
    return EXIT_OK


def _export_csv(args: argparse.Namespace, store: AdherenceStore, out: IO[str]) -> None:
    done = export_csv_files(
        store,
        args.csv,
        Period(args.first, args.last),
        overwrite=args.force,
        include_simulated=args.include_simulated,
    ).value
    out.write(
        f"wrote {count(done.sessions, 'session')} to {done.sessions_path} "
        f"and {count(done.steps, 'step')} to {done.steps_path}\n"
    )


def _export_pdf(args: argparse.Namespace, places: Places, store: AdherenceStore, out: IO[str]) -> None:
    """The PDF is drawn by Qt: imported here, so that the other commands start without it."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from coach.gui.report import draw_report

    _qt = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # alive while the report is drawn
    now = SystemClock().wall().astimezone()
    library = discover_routines(places.bundled_routines, places.user_routines, places.assets)
    report = export_report(
        store,
        args.pdf,
        Period(args.first, args.last),
        now.date(),
        draw_report,
        overwrite=args.force,
        include_simulated=args.include_simulated,
        routines=[e.routine for e in library.routines],
        name=args.name or "",
    ).value
    out.write(
        f"wrote the report for {report.first} to {report.last} "
        f"({count(len(report.sessions), 'session')}) to {args.pdf}\n"
    )
