"""The terminal player, its questions and terminal icing in the language chosen (Spanish, German)."""

from __future__ import annotations

import io

from coach.cli.questions import Questions
from coach.cli.terminal_icing import ice_in_terminal
from coach.cli.terminal_player import TerminalPlayer
from coach.cli.terminal_session import session_in_terminal
from coach.core.clinical.safety import SESSION_WARNING_SIGNS
from coach.core.i18n import use_language
from coach.core.operations import start_session
from coach.core.paths import catalogues
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.store.adherence import AdherenceStore
from tests.cli.fakes import ScriptedKeys, library, scripted_keys, typed
from tests.cli.test_terminal_icing import ClockKeys
from tests.helpers import hold, over, reps, routine


def test_the_terminal_player_in_spanish_prints_spanish(fake_clock: FakeClock, store: AdherenceStore) -> None:
    use_language("es", catalogues())
    plan = routine(reps("clamshell", sets=2, reps=2, sides=("left", "right"), rest_seconds=5))
    live = start_session(over(store, fake_clock), plan).value
    out = io.StringIO()

    # q asks; "s" (sí) is Spanish's yes and stops the session
    TerminalPlayer(live.engine, out).play(ScriptedKeys(fake_clock, {20.0: "q", 21.0: "s"}))

    text = out.getvalue()
    assert text.startswith("Espacio pausa/reanudar · n siguiente · b atrás · q parar\n")
    assert "Clamshell, lado izquierdo, serie 1 de 2, repetición 1 de 2" in text
    assert "a continuación: " in text
    assert "¿Parar la sesión? s la para y guarda lo que ha hecho" in text
    assert text.endswith("\r\x1b[KParada.\n")
    assert live.engine.state is EngineState.STOPPED
    for english in ("left side", "set 1 of 2", "next:", "Stopped."):
        assert english not in text


def test_a_terminal_session_in_spanish_asks_in_spanish_and_takes_si(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    use_language("es", catalogues())
    plan = routine(hold(sets=1, seconds=10))
    out = io.StringIO()
    others = ["n"] * (len(SESSION_WARNING_SIGNS) - 1)
    # the first warning sign answered "si": sí typed without its accent
    questions = Questions(typed("", "2", "si", *others, "", ""), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(plan)), plan, out, questions, scripted_keys(fake_clock)
    )

    text = out.getvalue()
    assert "¿Cuánto le dolió la rodilla durante la sesión, 0-10 (Intro para omitir)?" in text
    assert f"{SESSION_WARNING_SIGNS[0].question} (s/n, Intro para omitir)" in text
    assert text.endswith("Sesión hecha: 1 de 1 pasos hechos. Guardada.\n")
    assert store.session(end.record.id).warning_signs[0] == (SESSION_WARNING_SIGNS[0].key, True)


def test_terminal_icing_in_german_speaks_german(store: AdherenceStore, fake_clock: FakeClock) -> None:
    use_language("de", catalogues())
    out = io.StringIO()

    ice_in_terminal(over(store, fake_clock), 2, out, ClockKeys(fake_clock, {3: "q", 4: "j"}))

    text = out.getvalue()
    assert text.startswith("Kühlen für 2 Min. ")
    assert "q oder Leertaste beendet vorzeitig" in text
    assert "Kühlen jetzt beenden? j beendet" in text
    assert "Vorzeitig beendet um " in text
    assert text.endswith(" Gespeichert.\n")


def test_the_recovery_offer_in_german_takes_f_to_carry_on(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    from tests.cli.test_terminal_recovery import PLAN, crash

    crash(store, PLAN, fake_clock, 5 + 10 + 5 + 3)  # ready, set 1, rest, 3 s into set 2
    use_language("de", catalogues())
    out = io.StringIO()
    questions = Questions(typed("f"), out, interactive=True)

    end = session_in_terminal(
        over(store, fake_clock, library=library(PLAN)), PLAN, out, questions, scripted_keys(fake_clock)
    )

    text = out.getvalue()
    assert "Ihre Einheit „Test routine“ vom " in text
    assert "wurde nicht beendet: Rehab Coach wurde währenddessen geschlossen." in text
    assert "f setzt sie dort fort, wo sie aufgehört hat, s schließt sie als vorzeitig beendet:" in text
    assert "Test routine: geht dort weiter, wo sie aufgehört hat (1 Übung, etwa " in text
    assert text.endswith("Einheit geschafft: 3 von 3 Schritten gemacht. Gespeichert.\n")
    assert end.record.steps_completed == 3
