"""`coach run-log`: a run done elsewhere, typed in or imported from its file, and its later pain answers.

Exit codes as elsewhere: 0 done (an "already imported" file included), 1 a file gave no run or an answer was
refused (the other files are still imported), 2 a usage error.
"""

from __future__ import annotations

import argparse
from typing import IO

from coach.cli.parser import EXIT_INVALID, EXIT_OK, UsageError
from coach.cli.problems import complain
from coach.core.operations import Coach, answer_run_questions, import_run_files, log_run, runs_waiting
from coach.core.running.questions import AFTER_HOUR_QUESTION, DURING_QUESTION, NEXT_MORNING_QUESTION
from coach.core.running.wording import pain_text, run_line


def run_log_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    answers = args.after_hour is not None or args.next_morning is not None
    if answers and args.answer is None:
        raise UsageError("--after-hour and --next-morning go with --answer RUN_ID")
    if (args.distance is not None or args.on is not None) and args.minutes is None:
        raise UsageError("--distance and --on go with --minutes; a file says its own")
    if args.minutes is not None:
        if args.pain is None:
            raise UsageError("--minutes needs --pain: how much the knee hurt during the run, 0-10")
        run = log_run(coach, args.minutes, args.pain, distance_km=args.distance, on=args.on).value
        out.write(f"Logged run {run.id}: {run_line(run, coach.zone)}, pain {args.pain} during.\n")
        out.write(_later(run.id))
        return EXIT_OK
    if args.files:
        return _import(args, coach, out)
    if args.answer is not None:
        if not answers and args.pain is None:
            raise UsageError("--answer needs --after-hour, --next-morning or --pain")
        run = answer_run_questions(
            coach, args.answer, during=args.pain, after_hour=args.after_hour, next_morning=args.next_morning
        ).value
        out.write(f"Run {run.id}: {pain_text(run.pain)}. Saved.\n")
        return EXIT_OK
    if args.pain is not None:
        raise UsageError("--pain goes with --minutes, --import or --answer")
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
                out.write(f"  {DURING_QUESTION} Answer: coach run-log --answer {outcome.run.id} --pain N\n")
            out.write(_later(outcome.run.id, indent="  "))
    return status


def _later(run_id: int, indent: str = "") -> str:
    return (
        f"{indent}Later: {AFTER_HOUR_QUESTION} {NEXT_MORNING_QUESTION}\n"
        f"{indent}Answer with: coach run-log --answer {run_id} --after-hour N --next-morning N\n"
    )


def _list_waiting(coach: Coach, out: IO[str]) -> int:
    coach.backups = False  # reading takes no backup
    found = runs_waiting(coach)
    if not found:
        out.write("No run waits for a pain answer. Log one with: coach run-log --minutes N --pain N\n")
        return EXIT_OK
    out.write("Runs waiting for pain answers:\n")
    for waiting in found:
        asks = [
            name
            for name, due in (
                ("--pain (during)", waiting.during),
                ("--after-hour", waiting.after_hour),
                ("--next-morning", waiting.next_morning),
            )
            if due
        ]
        out.write(f"  run {waiting.run.id}: {run_line(waiting.run, coach.zone)}\n")
        out.write(f"    {pain_text(waiting.run.pain)}; answer {', '.join(asks)}\n")
    out.write("Answer with: coach run-log --answer RUN_ID --after-hour N --next-morning N\n")
    return EXIT_OK
