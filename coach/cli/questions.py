"""Questions asked a line at a time, in a terminal or from lines a test gives; never waiting on a pipe."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import IO, TypeVar

from coach.core.i18n import pgettext

Answer = TypeVar("Answer")


def yes_key() -> str:
    """The key that answers yes in the language in use ("y", "j", "s"); "y" is always taken too."""
    return pgettext("the key that answers yes", "y").lower()


def yes_no() -> dict[str, bool]:
    """The answers to a yes-or-no question: English "y", "yes", "n", "no", and the language's own."""
    answers = {"y": True, "yes": True, "n": False, "no": False}
    yes, no = pgettext("an answer typed", "yes").lower(), pgettext("an answer typed", "no").lower()
    answers.update({yes_key(): True, yes: True, _unaccented(yes): True})
    answers.update(
        {pgettext("the key that answers no", "n").lower(): False, no: False, _unaccented(no): False}
    )
    return answers


def _unaccented(word: str) -> str:
    """`word` as typed without its accents ("si" for "sí")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class Questions:
    """Asks the person at the terminal; when `interactive` is false (stdin is a pipe or a file), asks nothing.

    Once input ends or Ctrl-C is pressed, every later question counts as skipped too, as leaving the app's
    end page does: what was answered before is kept.
    """

    def __init__(self, source: IO[str], out: IO[str], *, interactive: bool) -> None:
        self.source = source
        self.out = out
        self.interactive = interactive

    def ask(self, prompt: str) -> str | None:
        """The answer typed, without spaces around it ("" for Enter); None when nobody is there to answer."""
        if not self.interactive:
            return None
        self.out.write(f"{prompt} ")
        self.out.flush()
        try:
            line = self.source.readline()
        except KeyboardInterrupt:
            line = ""
        if not line:
            self.out.write("\n")
            self.interactive = False
            return None
        return line.strip()

    def choose(
        self, prompt: str, choices: Mapping[str, Answer], again: str, *, enter_skips: bool
    ) -> Answer | None:
        """The value of the choice typed (any case); None when skipped; says `again` after anything else."""
        while True:
            answer = self.ask(prompt)
            if answer is None or (enter_skips and not answer):
                return None
            chosen = choices.get(answer.lower())
            if chosen is not None:
                return chosen
            self.out.write(f"{again}\n")
