"""`coach export`: the CSV files and the PDF report for the physiotherapist."""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO

from coach.cli.parser import EXIT_OK, UsageError
from coach.core.export import ExportError
from coach.core.history.period import Period
from coach.core.operations import Coach, export_csv_files, export_report
from coach.core.words import count


def export_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    if args.csv is None and args.pdf is None:
        raise UsageError("export needs --csv DIR, --pdf FILE, or both")
    if args.name is not None and args.pdf is None:
        raise UsageError("--name goes with --pdf: it is the report's name line")
    if args.first and args.last and args.first > args.last:
        raise UsageError(f"--from {args.first} is after --to {args.last}")
    if not coach.has_history:
        raise UsageError("there is no history to export yet")
    coach.backups = False  # an export only reads
    try:
        if args.csv is not None:
            _export_csv(args, coach, out)
        if args.pdf is not None:
            _export_pdf(args, coach, out)
    except ExportError as error:
        hint = " (--force overwrites)" if error.exists else ""
        raise UsageError(f"{error}{hint}") from None
    return EXIT_OK


def _export_csv(args: argparse.Namespace, coach: Coach, out: IO[str]) -> None:
    done = export_csv_files(
        coach,
        args.csv,
        Period(args.first, args.last),
        overwrite=args.force,
        include_simulated=args.include_simulated,
    ).value
    out.write(
        f"wrote {count(done.sessions, 'session')} to {done.sessions_path} "
        f"and {count(done.steps, 'step')} to {done.steps_path}\n"
    )
    if done.reviews_path is not None:  # its own line: scripts read the first as before
        out.write(f"wrote {count(done.reviews, 'review')} to {done.reviews_path}\n")
    if done.runs_path is not None:
        out.write(f"wrote {count(done.runs, 'run')} to {done.runs_path}\n")


def _export_pdf(args: argparse.Namespace, coach: Coach, out: IO[str]) -> None:
    """The PDF is drawn by Qt: imported here, so that the other commands start without it."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from coach.gui.report import draw_report

    _qt = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # alive while the report is drawn
    report = export_report(
        coach,
        args.pdf,
        Period(args.first, args.last),
        draw_report,
        overwrite=args.force,
        include_simulated=args.include_simulated,
        name=args.name or "",
    ).value
    out.write(
        f"wrote the report for {report.first} to {report.last} "
        f"({count(len(report.sessions), 'session')}) to {args.pdf}\n"
    )
