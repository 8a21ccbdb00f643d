"""A guided session in the terminal from start to end: recovery first, the player, then the questions.

The end-of-session questions are the app's (`coach.gui.session_end`): pain 0-10 with the core's advice,
the warning-sign questions (a "yes" brings the core's calm "please see a doctor"), and an optional note.
Each answer is stored the moment it is given, so that Ctrl-C or the end of input keeps what came before.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import IO

from coach.cli.parser import pain_value
from coach.cli.questions import Questions, yes_no
from coach.cli.terminal_player import Keys, TerminalPlayer
from coach.cli.terminal_recovery import offer_recovery
from coach.core.clinical.safety import PAIN_BEFORE_QUESTION, PAIN_MAX, PAIN_MIN, SESSION_WARNING_SIGNS
from coach.core.history.outcome import SessionOutcome
from coach.core.i18n import N_, _, ngettext
from coach.core.operations import (
    Coach,
    EndOfSession,
    LiveSession,
    answer_session_end,
    begin_session,
)
from coach.core.operations.sessions import HURT_QUESTION, hurt_choices
from coach.core.routines.model import Routine, estimated_minutes, is_icing_only

# The questions' templates ({low}-{high}: the pain scale), translated and filled in where asked.
PAIN_SCALE = N_("{low}-{high} (Enter skips)")
PAIN_QUESTION = N_("How much did your knee hurt during the session, {low}-{high} (Enter skips)?")
# After a routine that is icing alone the question is how the knee is now, as the app's end page asks.
PAIN_NOW_QUESTION = N_("How much does your knee hurt now, {low}-{high} (Enter skips)?")
INTRODUCTION = N_("A few questions about the session, as the app asks them; Enter skips any of them.")
# Translators: y and n are the keys for yes and no: those given for "the key that answers yes" and "… no".
YES_NO_HINT = N_("(y/n, Enter skips)")
# Translators: y and n as in "(y/n, Enter skips)".
YES_NO_AGAIN = N_("Please type y or n, or press Enter to skip.")
NOTE_QUESTION = N_("A note for you or your physiotherapist (Enter skips):")
# How the session went, as the terminal says it at the end (the outcome's word is History's).
ENDED = {
    SessionOutcome.DONE: N_("Session done: {done} of {total} steps done. Saved."),
    SessionOutcome.PARTLY_DONE: N_("Session partly done: {done} of {total} steps done. Saved."),
    SessionOutcome.MOSTLY_SKIPPED: N_("Session mostly skipped: {done} of {total} steps done. Saved."),
    SessionOutcome.STOPPED_EARLY: N_("Session stopped early: {done} of {total} steps done. Saved."),
    SessionOutcome.OPEN: N_("Session in progress: {done} of {total} steps done. Saved."),
}


def pain_prompt(question: str) -> str:
    """`question` (a template with {low} and {high}) in the language in use, with the pain scale."""
    return _(question).format(low=PAIN_MIN, high=PAIN_MAX)


def pain_before_prompt() -> str:
    """The pain question before a session, with its scale."""
    return f"{_(PAIN_BEFORE_QUESTION)} {pain_prompt(PAIN_SCALE)}"


def session_in_terminal(
    coach: Coach,
    routine: Routine,
    out: IO[str],
    questions: Questions,
    keys: Callable[[], AbstractContextManager[Keys]],
    *,
    pain: int | None = None,
    pain_before: int | None = None,
) -> EndOfSession:
    """Offer recovery, play `routine` (or the resumed session) to its end, ask the questions, say how it went.

    `keys` opens the key presses for the player (the terminal in single-key mode); the questions before and
    after it are asked a line at a time. `pain` and `pain_before`, given on the command line, answer those
    questions. A new session asks the pain before it (a resumed one was asked when it began), except a
    routine of icing alone, after which the question is how the knee is now.
    """
    live = offer_recovery(coach, questions, out)
    if live is None:
        if pain_before is None and not is_icing_only(routine):
            pain_before = _ask_pain(questions, out, pain_before_prompt())
        live = begin_session(coach, routine, pain_before).value  # Refused: not today, said by the caller
        if live.said_before:
            out.write(f"{live.said_before}\n")
    elif live.routine.id != routine.id:
        asked, resumed = routine.title, live.routine.title
        carries_on = _("This carries on {resumed}, not {asked}; start {asked} again after it.")
        out.write(f"{carries_on.format(resumed=resumed, asked=asked)}\n")
    out.write(f"{_introduce(live)}\n")
    with keys() as pressed:
        TerminalPlayer(live.engine, out, icing=live.icing).play(pressed)
    end = ask_session_end(
        coach,
        live.session_id,
        questions,
        out,
        pain=pain,
        icing_only=is_icing_only(live.routine),
        exercises=hurt_choices(live.routine),
    )
    record = end.record
    ended = _(ENDED[end.outcome]).format(done=record.steps_completed, total=record.steps_total)
    out.write(f"{ended}\n")
    return end


def _introduce(live: LiveSession) -> str:
    routine = live.routine
    exercises, minutes = len(routine.exercises), round(estimated_minutes(routine))
    about = ngettext(
        "{count} exercise, about {minutes} min", "{count} exercises, about {minutes} min", exercises
    ).format(count=exercises, minutes=minutes)
    if live.resumed:
        return _("{title}: carrying on where it stopped ({about} in all)").format(
            title=routine.title, about=about
        )
    return f"{routine.title}: {about}"


def ask_session_end(
    coach: Coach,
    session_id: int,
    questions: Questions,
    out: IO[str],
    *,
    pain: int | None = None,
    icing_only: bool = False,
    exercises: Sequence[tuple[str, str]] = (),
) -> EndOfSession:
    """Ask the end-of-session questions (`pain` given answers that one), storing each answer at once.

    `icing_only`: the routine was icing alone, so the pain asked is the knee's now, with no exercise advice.
    `exercises`: those the optional "which hurt?" question offers (the core's hurt_choices).
    """
    signs: dict[str, bool | None] = {sign.key: None for sign in SESSION_WARNING_SIGNS}
    hurt: list[str] | None = None

    def store_answers(note: str = "") -> EndOfSession:
        return answer_session_end(
            coach, session_id, pain=pain, warning_signs=signs, note=note, hurt=hurt
        ).value

    if questions.interactive:
        out.write(f"{_(INTRODUCTION)}\n")
    if pain is None:
        pain = _ask_pain(questions, out, pain_prompt(PAIN_NOW_QUESTION if icing_only else PAIN_QUESTION))
    if pain is not None:
        advice = store_answers().pain_advice
        said = _("{pain} of {most}.") if icing_only else _("{pain} of {most}: {advice}")
        out.write(f"{said.format(pain=pain, most=PAIN_MAX, advice=advice)}\n")
    told = False
    for sign in SESSION_WARNING_SIGNS:
        signs[sign.key] = questions.choose(
            f"{sign.question} {_(YES_NO_HINT)}", yes_no(), _(YES_NO_AGAIN), enter_skips=True
        )
        if signs[sign.key] is None:
            continue
        doctor = store_answers().see_a_doctor
        if doctor and not told:
            out.write(f"{doctor}\n")
            told = True
    if exercises and not icing_only and questions.interactive:
        hurt = _ask_hurt(questions, out, exercises)
    return store_answers(questions.ask(_(NOTE_QUESTION)) or "")


def _ask_hurt(questions: Questions, out: IO[str], exercises: Sequence[tuple[str, str]]) -> list[str] | None:
    """The end page's optional "which hurt?", as numbers typed on one line (Enter: none)."""
    out.write(f"{_(HURT_QUESTION)}\n")
    out.writelines(f"  {number}. {name}\n" for number, (_id, name) in enumerate(exercises, 1))
    while True:
        answer = questions.ask(_("Their numbers, separated by spaces (Enter: none):"))
        if not answer:
            return None if answer is None else []
        picked = answer.replace(",", " ").split()
        if all(p.isdigit() and 1 <= int(p) <= len(exercises) for p in picked):
            return [exercises[int(p) - 1][0] for p in picked]
        again = _("Please type numbers from 1 to {last}, or press Enter.").format(last=len(exercises))
        out.write(f"{again}\n")


def _ask_pain(questions: Questions, out: IO[str], question: str) -> int | None:
    while True:
        answer = questions.ask(question)
        if not answer:
            return None
        try:
            return pain_value(answer)
        except argparse.ArgumentTypeError as problem:
            out.write(f"{problem}\n")
