"""Which line each key of a routine file sits on.

`tomllib` gives values but no positions, so after it has accepted a document this small scanner walks the
same text once, skipping strings, comments and nested values the way TOML defines them, and notes the line
of every top-level key and of every key in each `[[exercises]]` table. It only ever sees valid TOML.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_QUOTES = ('"""', "'''", '"', "'")
# What may end or nest a value, and what may end a basic string: the scanner jumps from one to the next
# rather than stepping through every character (it reads each routine file before the first paint).
_VALUE_MARK = re.compile(r"[\"'#\[\]{}\n]")
_BASIC_MARK = re.compile(r'[\\"]')


class KeyLines:
    """Line numbers (from 1) of the keys of the top level and of each `[[exercises]]` table."""

    def __init__(self, text: str) -> None:
        self.top: dict[str, int] = {}
        self.exercises: list[dict[str, int]] = []
        self.exercise_headers: list[int] = []
        self._newlines = [found.start() for found in re.finditer("\n", text)]
        self._current: dict[str, int] | None = self.top
        _Scanner(text, self).run()

    def of_top(self, key: str) -> int:
        return self.top.get(key, 1)

    def of_exercise(self, index: int, key: str | None = None) -> int:
        """The line of `key` in exercise `index`, or of the exercise's header when the key is not there."""
        if index >= len(self.exercises):
            return self.top.get("exercises", 1)
        header = self.exercise_headers[index]
        return self.exercises[index].get(key, header) if key else header

    def line_at(self, offset: int) -> int:
        return bisect_right(self._newlines, offset - 1) + 1

    def key(self, name: str, offset: int) -> None:
        if self._current is not None:
            self._current.setdefault(name, self.line_at(offset))

    def header(self, names: list[str], offset: int, *, array: bool) -> None:
        line = self.line_at(offset)
        if names == ["exercises"] and array:
            self._current = {}
            self.exercises.append(self._current)
            self.exercise_headers.append(line)
            return
        if names and names[0] == "exercises" and len(names) > 1 and self.exercises:
            self.exercises[-1].setdefault(names[1], line)  # a sub-table of the exercise is one of its keys
        elif names:
            self.top.setdefault(names[0], line)
        self._current = None


class _Scanner:
    def __init__(self, text: str, sink: KeyLines) -> None:
        self.text = text
        self.sink = sink
        self.i = 0

    def run(self) -> None:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char.isspace():
                self.i += 1
            elif char == "#":
                self._to_end_of_line()
            elif char == "[":
                self._header()
            else:
                self._key_value()

    def _header(self) -> None:
        start = self.i
        array = self.text.startswith("[[", start)
        self.i += 2 if array else 1
        names = self._key_path("]")
        self.i += 2 if array else 1
        self.sink.header(names, start, array=array)

    def _key_value(self) -> None:
        start = self.i
        names = self._key_path("=")
        self.i += 1
        if names:
            self.sink.key(names[0], start)
        self._skip_value()

    def _key_path(self, stop: str) -> list[str]:
        """Read a dotted key up to `stop`; bare and quoted parts alike, quotes removed."""
        names: list[str] = []
        part = ""
        while self.i < len(self.text) and self.text[self.i] != stop:
            char = self.text[self.i]
            if char in "\"'":
                begin = self.i
                self._skip_string()
                part += self.text[begin + 1 : self.i - 1]
                continue
            if char == ".":
                names.append(part.strip())
                part = ""
            else:
                part += char
            self.i += 1
        names.append(part.strip())
        return [name for name in names if name]

    def _skip_value(self) -> None:
        depth = 0
        text = self.text
        while self.i < len(text):
            mark = _VALUE_MARK.search(text, self.i)
            if mark is None:
                self.i = len(text)
                return
            self.i = mark.start()
            char = mark.group()
            if char in "\"'":
                self._skip_string()
                continue
            if char == "#":
                self._to_end_of_line()
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            elif char == "\n" and depth <= 0:
                return
            self.i += 1

    def _skip_string(self) -> None:
        text = self.text
        quote = next(q for q in _QUOTES if text.startswith(q, self.i))
        self.i += len(quote)
        escapes = quote[0] == '"'
        while self.i < len(text):
            # The next backslash or quote mark of a basic string; the next quote mark of a literal one.
            mark = _BASIC_MARK.search(text, self.i) if escapes else None
            found = mark.start() if mark is not None else -1 if escapes else text.find(quote[0], self.i)
            if found < 0:
                self.i = len(text)
                return
            self.i = found
            if escapes and text[self.i] == "\\":
                self.i += 2
                continue
            if text.startswith(quote, self.i):
                self.i += len(quote)
                # A multi-line string may end with one or two quote marks of its own before the closing three.
                extra = 0
                while len(quote) == 3 and extra < 2 and text.startswith(quote[0], self.i):
                    self.i += 1
                    extra += 1
                return
            self.i += 1

    def _to_end_of_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end
