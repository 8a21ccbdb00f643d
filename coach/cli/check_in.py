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
from coach.core.i18n import N_, _, format_moment, pgettext
from coach.core.operations import Coach, answer_morning_check_in, morning_check_in_questions
from coach.core.operations.queries import session_for_morning

# Translators: y and n are the keys for yes and no: those given for "the key that answers yes" and "… no".
HINT = N_("(y/n, Enter skips)")
# Translators: y and n as in "(y/n, Enter skips)".
AGAIN = N_("Please type y or n, or press Enter to skip.")


def yes_no() -> dict[str, bool]:
    """The answers to a yes-or-no question: English "y", "yes", "n", "no", and the language's own (the same
    words as the terminal session's questions)."""
    answers = {"y": True, "yes": True, "n": False, "no": False}
    yes, no = pgettext("an answer typed", "yes").lower(), pgettext("an answer typed", "no").lower()
    answers.update({pgettext("the key that answers yes", "y").lower(): True, yes: True})
    answers.update({pgettext("the key that answers no", "n").lower(): False, no: False})
    return answers


def check_in_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    for key in args.sign:
        problem = check_warning_sign(key)
        if problem:
            raise UsageError(problem)
    today, tz = coach.today()
    morning = args.on or today
    record = session_for_morning(coach, morning)
    if record is None:
        nothing = _("Nothing to check in for on {day}: no session the day before waits for one.")
        out.write(nothing.format(day=morning) + "\n")
        return EXIT_OK
    answered = args.pain is not None or args.woke_at_night is not None or bool(args.sign)
    questions = Questions(sys.stdin, out, interactive=not answered and sys.stdin.isatty())
    asked = morning_check_in_questions(coach)
    pain = args.pain
    night = None if args.woke_at_night is None else args.woke_at_night == "yes"
    flags: dict[str, bool] | None = dict.fromkeys(args.sign, True) or None
    if questions.interactive:
        when = format_moment(record.local_start(), "%A %H:%M", "EEEE")
        after = _("After your {routine} session of {when}.").format(routine=record.routine_title, when=when)
        out.write(f"{after}\n")
        scale = _("0-10 (Enter skips)")
        text = questions.ask(f"{_(MORNING_QUESTION)} {scale}")
        pain = pain_value(text) if text else None
        answers, hint, again = yes_no(), _(HINT), _(AGAIN)
        night = questions.choose(f"{asked.night_pain.question} {hint}", answers, again, enter_skips=True)
        if asked.red_flags:
            out.write(f"{_(RED_FLAGS_QUESTION)}\n")
            flags = {}
            for sign in asked.red_flags:
                answer = questions.choose(f"{sign.question} {hint}", answers, again, enter_skips=True)
                flags[sign.key] = bool(answer)
    at = datetime.combine(morning, time(9), tz) if args.on else None
    stored = answer_morning_check_in(coach, record.id, pain, night_pain=night, red_flags=flags, at=at).value
    yes = [key for key, answer in stored.warning_signs if answer]
    doctor = warning_sign_advice(yes)
    if pain is not None and not yes:
        limit = stored.pain_limit if stored.pain_limit is not None else PAIN_ACCEPTABLE_MAX
        advice = morning_advice(pain, stored.pain_before, limit)
        out.write(_("{pain} of 10: {advice}").format(pain=pain, advice=advice) + "\n")
    if doctor:
        out.write(f"{doctor}\n")
    out.write(_("Saved.") + "\n")
    return EXIT_OK
