"""How `coach` says what went wrong: one sentence per line, with no control character from what it echoes.

An error quotes what it was given (a routine id, a path, a backup's name, a line of a file); an ESC there
would clear the screen or retitle the terminal, so the sentence is written as text only.
"""

from __future__ import annotations

import sys
from typing import IO

from coach.core.plain_text import without_control_characters


def complain(problem: object, to: IO[str] | None = None) -> None:
    """Write `problem` (a sentence, or an error whose text is one) on stderr, or `to`, as plain text."""
    stream = sys.stderr if to is None else to
    stream.write(f"{without_control_characters(str(problem), newlines=True)}\n")
