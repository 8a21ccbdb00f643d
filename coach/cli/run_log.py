"""`coach run-log`: a run done elsewhere, typed in or imported from its file, and its later pain answers.

Exit codes as elsewhere: 0 done (an "already imported" file included), 1 a file gave no run or an answer was
refused (the other files are still imported), 2 a usage error.
"""

from __future__ import annotations

import argparse
from typing import IO

from coach.cli.parser import EXIT_INVALID, EXIT_OK, UsageError
from coach.cli.problems import complain
from coach.core.i18n import _
from coach.core.operations import Coach, answer_run_questions, import_run_files, log_run, runs_waiting
from coach.core.running.questions import AFTER_HOUR_QUESTION, DURING_QUESTION, NEXT_MORNING_QUESTION
from coach.core.running.wording import pain_text, run_line


def run_log_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    answers = args.after_hour is not None or args.next_morning is not None
    if answers and args.answer is None:
        raise UsageError(_("--after-hour and --next-morning go with --answer RUN_ID"))
    if (args.distance is not None or args.on is not None) and args.minutes is None:
        raise UsageError(_("--distance and --on go with --minutes; a file says its own"))
    if args.minutes is not None:
        if args.pain is None:
            raise UsageError(_("--minutes needs --pain: how much the knee hurt during the run, 0-10"))
        run = log_run(coach, args.minutes, args.pain, distance_km=args.distance, on=args.on).value
        logged = _("Logged run {id}: {run}, pain {pain} during.").format(
            id=run.id, run=run_line(run, coach.zone), pain=args.pain
        )
        out.write(f"{logged}\n")
        out.write(_later(run.id))
        return EXIT_OK
    if args.files:
        return _import(args, coach, out)
    if args.answer is not None:
        if not answers and args.pain is None:
            raise UsageError(_("--answer needs --after-hour, --next-morning or --pain"))
        run = answer_run_questions(
            coach, args.answer, during=args.pain, after_hour=args.after_hour, next_morning=args.next_morning
        ).value
        out.write(_("Run {id}: {pain}. Saved.").format(id=run.id, pain=pain_text(run.pain)) + "\n")
        return EXIT_OK
    if args.pain is not None:
        raise UsageError(_("--pain goes with --minutes, --import or --answer"))
    return _list_waiting(coach, out)


def _import(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    status = EXIT_OK
    for outcome in import_run_files(coach, args.files, args.pain).value:
        if outcome.problem:
            complain(f"coach: {outcome.sentence()}")
            status = EXIT_INVALID
            continue
        out.write(f"{outcome.sentence()}\n")
        if outcome.run is not None:
            if args.pain is None:
                answer = _("Answer: coach run-log --answer {id} --pain N").format(id=outcome.run.id)
                out.write(f"  {_(DURING_QUESTION)} {answer}\n")
            out.write(_later(outcome.run.id, indent="  "))
    return status


def _later(run_id: int, indent: str = "") -> str:
    later = _("Later: {after_hour} {next_morning}").format(
        after_hour=_(AFTER_HOUR_QUESTION), next_morning=_(NEXT_MORNING_QUESTION)
    )
    answer = _("Answer with: coach run-log --answer {id} --after-hour N --next-morning N").format(id=run_id)
    return f"{indent}{later}\n{indent}{answer}\n"


def _list_waiting(coach: Coach, out: IO[str]) -> int:
    coach.backups = False  # reading takes no backup
    found = runs_waiting(coach)
    if not found:
        out.write(
            _("No run waits for a pain answer. Log one with: coach run-log --minutes N --pain N") + "\n"
        )
        return EXIT_OK
    out.write(_("Runs waiting for pain answers:") + "\n")
    for waiting in found:
        asks = [
            name
            for name, due in (
                (_("--pain (during)"), waiting.during),
                ("--after-hour", waiting.after_hour),
                ("--next-morning", waiting.next_morning),
            )
            if due
        ]
        run = _("run {id}: {run}").format(id=waiting.run.id, run=run_line(waiting.run, coach.zone))
        out.write(f"  {run}\n")
        answer = _("{pain}; answer {options}").format(
            pain=pain_text(waiting.run.pain), options=", ".join(asks)
        )
        out.write(f"    {answer}\n")
    out.write(_("Answer with: coach run-log --answer RUN_ID --after-hour N --next-morning N") + "\n")
    return EXIT_OK
