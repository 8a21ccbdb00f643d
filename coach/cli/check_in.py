"""`coach check-in`: the next-morning check-in from the command line, asked in a terminal or answered by
options (for scripts): how the knee is this morning, whether pain woke you, and, once a week, the fuller
list of warning signs. The questions and every sentence said back are the core's, as the app shows them."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from typing import IO

from coach.cli.parser import EXIT_OK, UsageError, pain_value
from coach.cli.questions import Questions
from coach.core.clinical.pain_rule import morning_advice
from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX, check_warning_sign, warning_sign_advice
from coach.core.history.checkin import MORNING_QUESTION, RED_FLAGS_QUESTION
from coach.core.operations import Coach, answer_morning_check_in, morning_check_in_questions
from coach.core.operations.queries import session_for_morning

YES_NO = {"y": True, "yes": True, "n": False, "no": False}
HINT = "(y/n, Enter skips)"
AGAIN = "Please type y or n, or press Enter to skip."


def check_in_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    for key in args.sign:
        problem = check_warning_sign(key)
        if problem:
            raise UsageError(problem)
    today, tz = coach.today()
    morning = args.on or today
    record = session_for_morning(coach, morning)
    if record is None:
        out.write(f"Nothing to check in for on {morning}: no session the day before waits for one.\n")
        return EXIT_OK
    answered = args.pain is not None or args.woke_at_night is not None or bool(args.sign)
    questions = Questions(sys.stdin, out, interactive=not answered and sys.stdin.isatty())
    asked = morning_check_in_questions(coach)
    pain = args.pain
    night = None if args.woke_at_night is None else args.woke_at_night == "yes"
    flags: dict[str, bool] | None = dict.fromkeys(args.sign, True) or None
    if questions.interactive:
        out.write(f"After your {record.routine_title} session of {record.local_start():%A %H:%M}.\n")
        text = questions.ask(f"{MORNING_QUESTION} 0-10 (Enter skips)")
        pain = pain_value(text) if text else None
        night = questions.choose(f"{asked.night_pain.question} {HINT}", YES_NO, AGAIN, enter_skips=True)
        if asked.red_flags:
            out.write(f"{RED_FLAGS_QUESTION}\n")
            flags = {}
            for sign in asked.red_flags:
                answer = questions.choose(f"{sign.question} {HINT}", YES_NO, AGAIN, enter_skips=True)
                flags[sign.key] = bool(answer)
    at = datetime.combine(morning, time(9), tz) if args.on else None
    stored = answer_morning_check_in(coach, record.id, pain, night_pain=night, red_flags=flags, at=at).value
    yes = [key for key, answer in stored.warning_signs if answer]
    doctor = warning_sign_advice(yes)
    if pain is not None and not yes:
        limit = stored.pain_limit if stored.pain_limit is not None else PAIN_ACCEPTABLE_MAX
        out.write(f"{pain} of 10: {morning_advice(pain, stored.pain_before, limit)}\n")
    if doctor:
        out.write(f"{doctor}\n")
    out.write("Saved.\n")
    return EXIT_OK
