"""Values of a freedesktop.org desktop entry (the launcher, the autostart entry), as the spec reads them.

An Exec argument with a reserved character is quoted, and inside the quotes `"`, `` ` ``, `$` and `\\` are
escaped; the file format then unescapes backslashes once more, so each is doubled again; `%` starts a field
code and is doubled. A newline or another control character cannot stand in a value and is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.core.i18n import _

# The characters the spec reserves in an Exec argument: one of them means the argument is quoted.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


class DesktopEntryError(ValueError):
    """A value a desktop entry cannot hold (a newline in the program's path, say): the sentence says which."""


def string_value(text: str) -> str:
    """`text` as a desktop entry's string value (TryExec, Name): backslashes escaped, no control character."""
    _refuse_control_characters(text)
    return text.replace("\\", "\\\\")


def exec_line(arguments: Sequence[str]) -> str:
    """An Exec value running `arguments`, each quoted only where the spec asks."""
    return " ".join(_exec_argument(argument) for argument in arguments)


def _exec_argument(argument: str) -> str:
    _refuse_control_characters(argument)
    text = argument.replace("%", "%%")
    if text and not _RESERVED.intersection(text):
        return text
    quoted = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in text) + '"'
    return quoted.replace("\\", "\\\\")


def _refuse_control_characters(text: str) -> None:
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise DesktopEntryError(
            _(
                "{text} has a newline or another control character, which a desktop entry cannot hold; "
                "move Rehab Coach to a folder whose name has none"
            ).format(text=repr(text))
        )
