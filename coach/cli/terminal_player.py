"""A guided session in a plain terminal: one line that counts down, keys to pause, skip and quit."""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterator
from typing import IO, Protocol

from coach.cli.questions import yes_key
from coach.cli.signals import Terminated
from coach.core.i18n import N_, _
from coach.core.operations.icing import still_icing
from coach.core.operations.icing_steps import IcingSteps
from coach.core.routines.model import StepKind
from coach.core.session.cues import announce, phase, rep_moment
from coach.core.session.engine import EngineState, SessionEngine, countdown_from
from coach.core.session.events import (
    CountdownCue,
    Event,
    HoldCue,
    ListenerFailed,
    SessionPaused,
    SideSwitch,
    StepStarted,
)
from coach.core.session.timer import countdown_text

# Translators: the keys stay n, b and q (they are what the player reads), whatever the language.
HELP = N_("Space pause/resume · n next · b back · q stop")
# A set until tired (format 3): the person types the reps done, or not, and Enter ends the set.
END_SET = N_("type the reps you did and Enter, or just Enter, to end the set")
# Translators: "y" is the key that answers yes: the one given for "the key that answers yes".
ASK = N_("Stop the session? y stops and saves what you did, any other key carries on")


class Keys(Protocol):
    def read(self, timeout: float) -> str | None:
        """Wait up to `timeout` seconds for one key; None when none came."""
        ...


class NoKeys:
    """For a terminal that is not interactive: waits the time out and never reports a key."""

    def __init__(self, wait: float) -> None:
        self._wait = wait

    def read(self, timeout: float) -> str | None:
        import time

        time.sleep(min(timeout, self._wait))
        return None


@contextlib.contextmanager
def terminal_keys() -> Iterator[Keys]:
    """Single key presses from standard input, without Enter, restored on the way out."""
    if not sys.stdin.isatty():
        yield NoKeys(0.25)
        return
    if os.name == "nt":
        yield _WindowsKeys()
        return
    import termios
    import tty

    descriptor = sys.stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    try:
        tty.setcbreak(descriptor)
        yield _PosixKeys(descriptor)
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)


class _PosixKeys:
    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor

    def read(self, timeout: float) -> str | None:
        import select

        ready, _written, _failed = select.select([self._descriptor], [], [], max(0.0, timeout))
        return os.read(self._descriptor, 1).decode(errors="ignore") if ready else None


class _WindowsKeys:
    def read(self, timeout: float) -> str | None:
        import msvcrt
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if msvcrt.kbhit():  # type: ignore[attr-defined,unused-ignore]
                return str(msvcrt.getwch())  # type: ignore[attr-defined,unused-ignore]
            time.sleep(0.02)
        return None


class TerminalPlayer:
    """Drives an engine in real time and draws it on one updating line."""

    def __init__(
        self, engine: SessionEngine, out: IO[str], *, bell: bool = True, icing: IcingSteps | None = None
    ) -> None:
        self.engine = engine
        self.icing = icing  # the session's icing steps: a signal or Ctrl-C leaves their ice live
        self.out = out
        self.bell = bell
        self.asking = False  # q was pressed: the next key answers "stop the session?"
        self._paused_to_ask = False
        self.typed = ""  # digits typed during a set until tired: the reps done
        engine.subscribe(self._on_event)

    def play(self, keys: Keys) -> None:
        """Run until the session finishes or the person stops it (q then y, or Ctrl-C at once)."""
        self.out.write(f"{_(HELP)}\n")
        try:
            self.engine.start()
            while self.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
                self._draw()
                key = keys.read(self._until_next_second())
                if key is not None:
                    self._on_key(key)
                self.engine.tick()
        except Terminated:
            self._leave_ice_on()
            self.engine.stop()  # saved as stopped early, as Ctrl-C does; then nothing more is asked
            self._say_stopped()
            raise
        except KeyboardInterrupt:
            self._leave_ice_on()
            self.engine.stop()
        self._say_stopped()

    def _leave_ice_on(self) -> None:
        left = self.icing.leave_live() if self.icing is not None else None
        if left is not None:
            self.out.write(f"\r\x1b[K{still_icing(left)}\n")

    def _say_stopped(self) -> None:
        if self.engine.state is EngineState.STOPPED:
            # in place of the countdown, or of the question just answered
            self.out.write("\r\x1b[K" + _("Stopped."))
        self.out.write("\n")
        self.out.flush()

    def _until_next_second(self) -> float:
        if self.engine.state is EngineState.PAUSED:
            return 1.0
        remaining = self.engine.remaining()
        fraction = remaining - math.floor(remaining)
        return (fraction or 1.0) + 0.005

    def _on_key(self, key: str) -> None:
        if self.asking:
            self._answer_stop(key.lower() in ("y", yes_key()))
            return
        if self.engine.current_step.open_ended and (key.isdigit() or key in "\r\n"):
            self._count_or_end_set(key)
            return
        actions = {
            " ": self.engine.toggle_pause,
            "n": self.engine.skip,
            "b": self.engine.back,
            "q": self._ask_to_stop,
        }
        action = actions.get(key.lower())
        if action is not None:
            action()

    def _count_or_end_set(self, key: str) -> None:
        if key.isdigit():
            self.typed = (self.typed + key)[-3:]
            return
        self.engine.end_set(int(self.typed) if self.typed else None)
        self.typed = ""

    def _ask_to_stop(self) -> None:
        """Pause and ask, as Esc does in the app: a stray q never ends a session."""
        running = self.engine.state is EngineState.RUNNING
        if running:
            self.engine.pause()
        # Pausing may find the session just ended; then there is nothing left to ask.
        self.asking = self.engine.state is EngineState.PAUSED
        self._paused_to_ask = self.asking and running

    def _answer_stop(self, stop: bool) -> None:
        self.asking = False
        if stop:
            self.engine.stop()
        elif self._paused_to_ask and self.engine.state is EngineState.PAUSED:
            self.engine.resume()
        self._paused_to_ask = False

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            step = event.step
            if step.kind is not StepKind.REP or step.rep == 1:
                self.out.write("\n")
            if step.kind.is_interval:  # a change of pace gets its own line, as the app says it aloud
                self.out.write(f"{phase(step)}: {announce(event).speech}\n")
        elif isinstance(event, CountdownCue | SideSwitch | HoldCue) and self.bell:
            self.out.write("\a")
        elif isinstance(event, SessionPaused):
            self._draw()
        elif isinstance(event, ListenerFailed):
            # A busy or full disk: the engine has paused; say so on its own line, as the app's player does.
            paused = _("Paused: this step could not be saved yet ({reason}).").format(reason=event.reason)
            carry_on = _("Press space to carry on; it is saved with the next one.")
            self.out.write(f"\r\x1b[K{paused} {carry_on}\n")

    def _change_coming(self) -> str:
        """The last 10 seconds of an interval, counted: '  WALK in 7'."""
        engine = self.engine
        left = math.ceil(engine.remaining() - 1e-9)
        upcoming = engine.next_step
        if upcoming is None or left > countdown_from(engine.current_step):
            return ""
        return "  " + _("{phase} in {seconds}").format(phase=phase(upcoming), seconds=left)

    def _draw(self) -> None:
        self.out.write(f"\r\x1b[K{self._line()}")
        self.out.flush()

    def _line(self) -> str:
        engine = self.engine
        step = engine.current_step
        if step.open_ended:
            count = (
                _("{reps} typed").format(reps=self.typed)
                if self.typed
                else _("{reps} at the sheet's pace").format(reps=engine.counted_reps())
            )
            where = f"{countdown_text(engine.elapsed(), pad_minutes=False):>6}  {step.describe()}  {count}"
            return f"{where}  {_(ASK)}" if self.asking else f"{where}  ({_(END_SET)})"
        where = f"{countdown_text(engine.remaining(), pad_minutes=False):>6}  {step.describe()}"
        if step.kind.is_interval:
            where = f"{phase(step):<4}  {where.strip()}{self._change_coming()}"
        moment = rep_moment(step, step.seconds - engine.remaining())
        if moment is not None:
            where += f"  {moment.line()}"
        if self.asking:
            return f"{where}  {_(ASK)}"
        paused = "  " + _("[paused]") if engine.state is EngineState.PAUSED else ""
        upcoming = engine.next_step
        within_a_set = upcoming is not None and step.kind is StepKind.REP and upcoming.kind is StepKind.REP
        after = (
            "  " + _("next: {step}").format(step=upcoming.describe()) if upcoming and not within_a_set else ""
        )
        return f"{where}{paused}  ({round(engine.progress() * 100)}%){after}"
