"""Desktop entry values: an Exec line quoted by the spec's rules, a newline refused."""

from __future__ import annotations

import pytest

from coach.core.desktop_entry import DesktopEntryError, exec_line, string_value


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (["/opt/rehab/bin/coach", "ice"], "/opt/rehab/bin/coach ice"),
        (["/home/ann/My Apps/coach"], '"/home/ann/My Apps/coach"'),
        (["/opt/100%/coach"], "/opt/100%%/coach"),
        (['/opt/a"b$c`d/coach'], r'"/opt/a\\"b\\$c\\`d/coach"'),
        ([r"/opt/back\slash/coach"], r'"/opt/back\\\\slash/coach"'),
        ([""], '""'),
    ],
)
def test_exec_arguments_are_quoted_by_the_desktop_entry_rules(arguments: list[str], line: str) -> None:
    assert exec_line(arguments) == line


@pytest.mark.parametrize("text", ["/opt/a\nExec=rm -rf ~/coach", "/opt/a\rb", "/opt/\x85/coach"])
def test_a_newline_or_control_character_is_refused(text: str) -> None:
    with pytest.raises(DesktopEntryError, match="a desktop entry cannot hold"):
        exec_line([text])
    with pytest.raises(DesktopEntryError):
        string_value(text)


def test_a_string_value_escapes_its_backslashes() -> None:
    assert string_value(r"C:\coach") == r"C:\\coach"
