"""The icing timer in a plain terminal: one countdown line, q or Space (then y) to stop early.

Only that stops the ice (or its deadline): Ctrl-C, SIGTERM or a closed terminal (SIGHUP) leave the run live,
say so, and `coach` leaves; the app, `coach ice --terminal` or `coach ice --stop` take it up from there.
"""

from __future__ import annotations

from typing import IO

from coach.cli.terminal_player import Keys
from coach.core.clinical.safety import (
    ICING_END_ADVICE,
    ICING_SKIN_CHECK_ADVICE,
    ICING_START_ADVICE,
    ICING_WHO_SHOULD_NOT,
)
from coach.core.operations import Coach, finish_icing, take_up_icing
from coach.core.operations.icing import still_icing
from coach.core.session.icing import IcingEnded, IcingRun
from coach.core.session.timer import countdown_text

HELP = "q or Space stops early"
ASK = "Stop icing now? y stops, any other key carries on"


class TerminalIcing:
    """Counts an icing run down on one updating line until it ends or the person stops it."""

    def __init__(self, run: IcingRun, out: IO[str], *, bell: bool = True) -> None:
        self.run = run
        self.out = out
        self.bell = bell
        self._asking = False

    def play(self, keys: Keys) -> IcingEnded:
        self.out.write(f"{HELP}\n")
        try:
            while self.run.running:
                self._draw()
                key = keys.read(self.run.seconds_to_next_tick() + 0.005)
                if key is not None:
                    self._on_key(key.lower())
                self.run.tick()
                prompt = self.run.skin_check()
                if prompt is not None:  # once, 5 minutes in
                    self.out.write(f"\r\x1b[K{prompt}\n")
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: not the person stopping the ice
            self.out.write(f"\n{still_icing(self.run.minutes_left())}\n")
            self.out.flush()
            raise
        ended = self.run.stop()
        self.out.write(f"\r\x1b[K{countdown_text(self.run.remaining())}\n")
        if ended.finished and self.bell:
            self.out.write("\a")
        self.out.flush()
        return ended

    def _on_key(self, key: str) -> None:
        if self._asking:
            self._asking = False
            if key == "y":
                self.run.stop()
        elif key in (" ", "q"):
            self._asking = True

    def _draw(self) -> None:
        left = f"{countdown_text(self.run.remaining())} left of {self.run.planned_minutes} min"
        self.out.write(f"\r\x1b[K{left}  {ASK if self._asking else ''}".rstrip())
        self.out.flush()


def ice_in_terminal(coach: Coach, minutes: int, out: IO[str], keys: Keys) -> IcingEnded:
    """Run, record and explain an icing run in the terminal (or take up the live one); Refused over the cap.

    A signal or Ctrl-C leaves the run live (KeyboardInterrupt goes on up, after saying so).
    """
    started = take_up_icing(coach, minutes).value
    run, warning = started.run, started.warning
    minutes = run.planned_minutes
    if started.joined:
        out.write(f"Taking up the icing timer already running: {run.minutes_left()} min left of {minutes}.\n")
    else:
        out.write(f"Icing for {minutes} min. {ICING_START_ADVICE} {ICING_SKIN_CHECK_ADVICE}\n")
    out.write(f"{ICING_WHO_SHOULD_NOT}\n")
    if warning:
        out.write(f"{warning}\n")
    ended = TerminalIcing(run, out).play(keys)
    finish_icing(coach, started.run_id, ended)
    when = ended.ended_at.astimezone().strftime("%H:%M")
    if ended.while_asleep:
        out.write(f"Ended at {when} while the computer was asleep.\n")
    elif ended.finished:
        out.write(f"Done at {when}: {minutes} min.\n")
    else:
        out.write(f"Stopped early at {when}, after {ended.actual_minutes:.1f} of {minutes} min.\n")
    out.write(f"{ICING_END_ADVICE} Saved.\n")
    return ended
