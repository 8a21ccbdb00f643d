"""The icing timer in a plain terminal: one countdown line, q or Space (then y) to stop early.

Only that stops the ice (or its deadline): Ctrl-C, SIGTERM or a closed terminal (SIGHUP) leave the run live,
say so, and `coach` leaves; the app, `coach ice --terminal` or `coach ice --stop` take it up from there.
"""

from __future__ import annotations

from typing import IO

from coach.cli.questions import yes_key
from coach.cli.terminal_player import Keys
from coach.core.clinical.safety import (
    ICING_END_ADVICE,
    ICING_SKIN_CHECK_ADVICE,
    ICING_START_ADVICE,
    ICING_WHO_SHOULD_NOT,
)
from coach.core.i18n import N_, _, format_decimal
from coach.core.operations import Coach, finish_icing, take_up_icing
from coach.core.operations.icing import still_icing
from coach.core.session.icing import IcingEnded, IcingRun
from coach.core.session.timer import countdown_text

# Translators: the key stays q, whatever the language.
HELP = N_("q or Space stops early")
# Translators: "y" is the key given for "the key that answers yes".
ASK = N_("Stop icing now? y stops, any other key carries on")


class TerminalIcing:
    """Counts an icing run down on one updating line until it ends or the person stops it."""

    def __init__(self, run: IcingRun, out: IO[str], *, bell: bool = True) -> None:
        self.run = run
        self.out = out
        self.bell = bell
        self._asking = False

    def play(self, keys: Keys) -> IcingEnded:
        self.out.write(f"{_(HELP)}\n")
        try:
            while self.run.running:
                self._draw()
                key = keys.read(self.run.seconds_to_next_tick() + 0.005)
                if key is not None:
                    self._on_key(key.lower())
                self.run.tick()
                prompt = self.run.skin_check()
                if prompt is not None:  # once, 5 minutes in
                    self.out.write(f"\r\x1b[K{_(prompt)}\n")
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
            if key in ("y", yes_key()):
                self.run.stop()
        elif key in (" ", "q"):
            self._asking = True

    def _draw(self) -> None:
        left = _("{time} left of {minutes} min").format(
            time=countdown_text(self.run.remaining()), minutes=self.run.planned_minutes
        )
        self.out.write(f"\r\x1b[K{left}  {_(ASK) if self._asking else ''}".rstrip())
        self.out.flush()


def ice_in_terminal(coach: Coach, minutes: int, out: IO[str], keys: Keys) -> IcingEnded:
    """Run, record and explain an icing run in the terminal (or take up the live one); Refused over the cap.

    A signal or Ctrl-C leaves the run live (KeyboardInterrupt goes on up, after saying so).
    """
    started = take_up_icing(coach, minutes).value
    run, warning = started.run, started.warning
    minutes = run.planned_minutes
    if started.joined:
        taking_up = _("Taking up the icing timer already running: {left} min left of {minutes}.")
        out.write(f"{taking_up.format(left=run.minutes_left(), minutes=minutes)}\n")
    else:
        icing = _("Icing for {minutes} min.").format(minutes=minutes)
        out.write(f"{icing} {_(ICING_START_ADVICE)} {_(ICING_SKIN_CHECK_ADVICE)}\n")
    out.write(f"{_(ICING_WHO_SHOULD_NOT)}\n")
    if warning:
        out.write(f"{warning}\n")
    ended = TerminalIcing(run, out).play(keys)
    finish_icing(coach, started.run_id, ended)
    when = ended.ended_at.astimezone().strftime("%H:%M")
    if ended.while_asleep:
        said = _("Ended at {time} while the computer was asleep.").format(time=when)
    elif ended.finished:
        said = _("Done at {time}: {minutes} min.").format(time=when, minutes=minutes)
    else:
        iced = format_decimal(ended.actual_minutes, 1)
        said = _("Stopped early at {time}, after {iced} of {minutes} min.").format(
            time=when, iced=iced, minutes=minutes
        )
    out.write(f"{said}\n")
    saved = _("Saved.")
    out.write(f"{_(ICING_END_ADVICE)} {saved}\n")
    return ended
