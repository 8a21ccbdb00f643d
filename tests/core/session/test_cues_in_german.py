"""The player's words in the language chosen: headline, set line, captions, spoken cues, screen reader."""

from __future__ import annotations

from coach.core.i18n import use_language
from coach.core.paths import catalogues
from coach.core.routines.model import Step, StepKind, plan_steps
from coach.core.session.cues import (
    SoundCue,
    announce,
    big_number_caption,
    for_screen_reader,
    headline,
    next_up,
    phase,
    position,
    rep_moment,
    side_word,
)
from coach.core.session.events import FinalSecondsCue, SessionPaused, StepStarted
from tests.helpers import reps, routine

CLAMSHELLS = routine(
    reps("clamshell", sets=3, reps=12, sides=("left", "right"), rest_seconds=60, hold_seconds=5)
)


def first(kind: StepKind, **fields: object) -> Step:
    return next(
        s
        for s in plan_steps(CLAMSHELLS)
        if s.kind is kind and all(getattr(s, k) == v for k, v in fields.items())
    )


def test_a_german_session_shows_says_and_announces_german() -> None:
    use_language("de", catalogues())
    rep = first(StepKind.REP, set_number=2, side="left", rep=5)
    rest = first(StepKind.REST, set_number=1)
    switch = first(StepKind.SWITCH_SIDE)
    following = first(StepKind.REP, set_number=2, side="left", rep=1)

    assert position(rep) == "Satz 2 von 3 · Linke Seite · Wiederholung 5 von 12"
    assert side_word(rep) == "LINKS"
    assert phase(rep) == "ÜBEN"
    assert phase(rep, paused=True) == "ANGEHALTEN"
    assert big_number_caption(rep, 38) == "von 12 Wiederholungen · Satz endet in 0:38"
    assert (headline(rest), position(rest), phase(rest)) == ("Pause", "Satz 1 von 3 geschafft", "PAUSE")
    assert headline(switch) == "Wechseln Sie auf die rechte Seite"
    assert announce(StepStarted(rest, following), following).speech == (
        "Pause, 1 Minute. Als Nächstes: Clamshell, Satz 2 von 3, linke Seite."
    )
    assert announce(StepStarted(switch, None)).sound is SoundCue.SWITCH_SIDE
    assert announce(StepStarted(switch, None)).speech == "Wechseln Sie auf die rechte Seite."
    assert for_screen_reader(StepStarted(following, None)) == "Los. Clamshell, linke Seite, Satz 2 von 3."
    assert for_screen_reader(FinalSecondsCue(rest, 10)) == "Noch 10 Sekunden."
    assert for_screen_reader(SessionPaused(rest, 30.0)) == "Angehalten."
    assert next_up(None) == "Dies ist der letzte Teil: Danach endet die Einheit"
    assert rep.describe() == "Clamshell, linke Seite, Satz 2 von 3, Wiederholung 5 von 12"
    moment = rep_moment(rep, rep.hold_starts_after + 0.5)
    assert moment is not None
    assert moment.line() == "heben – HALTEN 5 – senken"


def test_a_spanish_session_speaks_spanish() -> None:
    use_language("es", catalogues())
    rep = first(StepKind.GET_READY)

    said = announce(StepStarted(rep, None))

    assert said.speech == "Prepárese. Clamshell, lado izquierdo, serie 1 de 3."
    assert position(first(StepKind.REP, set_number=1, side="right", rep=1)).startswith(
        "Serie 1 de 3 · Lado derecho"
    )
