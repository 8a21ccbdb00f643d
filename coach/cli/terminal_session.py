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
from coach.cli.questions import Questions
from coach.cli.terminal_player import Keys, TerminalPlayer
from coach.cli.terminal_recovery import offer_recovery
from coach.core.clinical.safety import PAIN_BEFORE_QUESTION, PAIN_MAX, PAIN_MIN, SESSION_WARNING_SIGNS
from coach.core.operations import (
    Coach,
    EndOfSession,
    LiveSession,
    answer_session_end,
    begin_session,
)
from coach.core.operations.sessions import HURT_QUESTION, hurt_choices
from coach.core.routines.model import Routine, estimated_minutes, is_icing_only
from coach.core.words import count

PAIN_BEFORE_PROMPT = f"{PAIN_BEFORE_QUESTION} {PAIN_MIN}-{PAIN_MAX} (Enter skips)"
PAIN_QUESTION = f"How much did your knee hurt during the session, {PAIN_MIN}-{PAIN_MAX} (Enter skips)?"
# After a routine that is icing alone the question is how the knee is now, as the app's end page asks.
PAIN_NOW_QUESTION = f"How much does your knee hurt now, {PAIN_MIN}-{PAIN_MAX} (Enter skips)?"
INTRODUCTION = "A few questions about the session, as the app asks them; Enter skips any of them."
YES_NO = {"y": True, "yes": True, "n": False, "no": False}
YES_NO_HINT = "(y/n, Enter skips)"
YES_NO_AGAIN = "Please type y or n, or press Enter to skip."
NOTE_QUESTION = "A note for you or your physiotherapist (Enter skips):"


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
            pain_before = _ask_pain(questions, out, PAIN_BEFORE_PROMPT)
        live = begin_session(coach, routine, pain_before).value  # Refused: not today, said by the caller
        if live.said_before:
            out.write(f"{live.said_before}\n")
    elif live.routine.id != routine.id:
        asked, resumed = routine.title, live.routine.title
        out.write(f"This carries on {resumed}, not {asked}; start {asked} again after it.\n")
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
    out.write(
        f"Session {end.outcome.value}: {record.steps_completed} of {record.steps_total} steps done. Saved.\n"
    )
    return end


def _introduce(live: LiveSession) -> str:
    routine = live.routine
    about = f"{count(len(routine.exercises), 'exercise')}, about {round(estimated_minutes(routine))} min"
    if live.resumed:
        return f"{routine.title}: carrying on where it stopped ({about} in all)"
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
        out.write(f"{INTRODUCTION}\n")
    if pain is None:
        pain = _ask_pain(questions, out, PAIN_NOW_QUESTION if icing_only else PAIN_QUESTION)
    if pain is not None:
        advice = store_answers().pain_advice
        out.write(f"{pain} of {PAIN_MAX}.\n" if icing_only else f"{pain} of {PAIN_MAX}: {advice}\n")
    told = False
    for sign in SESSION_WARNING_SIGNS:
        signs[sign.key] = questions.choose(
            f"{sign.question} {YES_NO_HINT}", YES_NO, YES_NO_AGAIN, enter_skips=True
        )
        if signs[sign.key] is None:
            continue
        doctor = store_answers().see_a_doctor
        if doctor and not told:
            out.write(f"{doctor}\n")
            told = True
    if exercises and not icing_only and questions.interactive:
        hurt = _ask_hurt(questions, out, exercises)
    return store_answers(questions.ask(NOTE_QUESTION) or "")


def _ask_hurt(questions: Questions, out: IO[str], exercises: Sequence[tuple[str, str]]) -> list[str] | None:
    """The end page's optional "which hurt?", as numbers typed on one line (Enter: none)."""
    out.write(f"{HURT_QUESTION}\n")
    out.writelines(f"  {number}. {name}\n" for number, (_, name) in enumerate(exercises, 1))
    while True:
        answer = questions.ask("Their numbers, separated by spaces (Enter: none):")
        if not answer:
            return None if answer is None else []
        picked = answer.replace(",", " ").split()
        if all(p.isdigit() and 1 <= int(p) <= len(exercises) for p in picked):
            return [exercises[int(p) - 1][0] for p in picked]
        out.write(f"Please type numbers from 1 to {len(exercises)}, or press Enter.\n")


def _ask_pain(questions: Questions, out: IO[str], question: str) -> int | None:
    while True:
        answer = questions.ask(question)
        if not answer:
            return None
        try:
            return pain_value(answer)
        except argparse.ArgumentTypeError as problem:
            out.write(f"{problem}\n")
