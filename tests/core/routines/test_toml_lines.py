from __future__ import annotations

import tomllib

import pytest

from coach.core.routines.toml_lines import KeyLines

DOCUMENT = """\
# a comment with = and [[exercises]] in it
format = 1
title = "a = b # not a comment"
description = '''
reps = 99
[[exercises]]
'''
tags = [
  "x", # reps = 1
  { nested = "}" },
]

[[exercises]]
id = "first"
"quoted key" = 1
dotted.key = 2

[[ exercises ]]  # spaced
id = "second"
reps = 3
[exercises.extra]
inside = 1

[other]
reps = 5
"""


@pytest.fixture
def lines() -> KeyLines:
    tomllib.loads(DOCUMENT)  # the scanner only ever sees valid TOML
    return KeyLines(DOCUMENT)


def test_top_level_keys(lines: KeyLines) -> None:
    assert lines.top == {"format": 2, "title": 3, "description": 4, "tags": 8, "other": 24}


def test_exercise_tables_and_their_keys(lines: KeyLines) -> None:
    assert lines.exercise_headers == [13, 18]
    assert lines.exercises[0] == {"id": 14, "quoted key": 15, "dotted": 16}
    assert lines.exercises[1] == {"id": 19, "reps": 20, "extra": 21}


def test_a_missing_key_falls_back_to_its_table_header(lines: KeyLines) -> None:
    assert lines.of_exercise(1, "sets") == 18
    assert lines.of_exercise(1) == 18
    assert lines.of_top("nothing") == 1


ESCAPES = '''\
title = "a \\" = b [ { # still the title"
path = 'C:\\folder\\' # a literal string ends at its quote, backslash or not
notes = """
says \\""" = here
and ends on quote marks"""""
[[exercises]]
id = "after the strings"
'''


def test_escapes_and_quote_marks_inside_strings_end_nothing() -> None:
    tomllib.loads(ESCAPES)

    lines = KeyLines(ESCAPES)

    assert lines.top == {"title": 1, "path": 2, "notes": 3}
    assert lines.exercise_headers == [6]
    assert lines.exercises == [{"id": 7}]
