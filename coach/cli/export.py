"""`coach export`: the CSV files and the PDF report for the physiotherapist."""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO

from coach.cli.parser import EXIT_OK, UsageError
from coach.core.export import ExportError
from coach.core.history.period import Period
from coach.core.i18n import _, ngettext
from coach.core.operations import Coach, export_csv_files, export_report


def export_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    if args.csv is None and args.pdf is None:
        raise UsageError(_("export needs --csv DIR, --pdf FILE, or both"))
    if args.name is not None and args.pdf is None:
        raise UsageError(_("--name goes with --pdf: it is the report's name line"))
    if args.first and args.last and args.first > args.last:
        raise UsageError(_("--from {first} is after --to {last}").format(first=args.first, last=args.last))
    if not coach.has_history:
        raise UsageError(_("there is no history to export yet"))
    coach.backups = False  # an export only reads
    try:
        if args.csv is not None:
            _export_csv(args, coach, out)
        if args.pdf is not None:
            _export_pdf(args, coach, out)
    except ExportError as error:
        if error.exists:
            raise UsageError(_("{error} (--force overwrites)").format(error=error)) from None
        raise UsageError(str(error)) from None
    return EXIT_OK


def _export_csv(args: argparse.Namespace, coach: Coach, out: IO[str]) -> None:
    done = export_csv_files(
        coach,
        args.csv,
        Period(args.first, args.last),
        overwrite=args.force,
        include_simulated=args.include_simulated,
    ).value
    sessions = ngettext("{count} session", "{count} sessions", done.sessions).format(count=done.sessions)
    steps = ngettext("{count} step", "{count} steps", done.steps).format(count=done.steps)
    wrote = _("wrote {sessions} to {sessions_path} and {steps} to {steps_path}")
    out.write(
        wrote.format(
            sessions=sessions, sessions_path=done.sessions_path, steps=steps, steps_path=done.steps_path
        )
    )
    out.write("\n")
    if done.reviews_path is not None:  # its own line: scripts read the first as before
        reviews = ngettext("wrote {count} review to {path}", "wrote {count} reviews to {path}", done.reviews)
        out.write(reviews.format(count=done.reviews, path=done.reviews_path) + "\n")
    if done.runs_path is not None:
        runs = ngettext("wrote {count} run to {path}", "wrote {count} runs to {path}", done.runs)
        out.write(runs.format(count=done.runs, path=done.runs_path) + "\n")


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
    number = len(report.sessions)
    sessions = ngettext("{count} session", "{count} sessions", number).format(count=number)
    wrote = _("wrote the report for {first} to {last} ({sessions}) to {path}")
    out.write(wrote.format(first=report.first, last=report.last, sessions=sessions, path=args.pdf) + "\n")
