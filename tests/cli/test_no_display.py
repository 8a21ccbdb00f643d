"""Without a display, each command that opens a window says so in one sentence, and what works instead.

Real processes: Qt aborts a process (exit 134) when it finds no display, so only a child shows that it
never got that far.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.gui.display import missing_display
from tests.helpers import scaled

WINDOW_COMMANDS = {
    (): "`coach run ROUTINE --terminal`, `coach ice --terminal` and `coach history` work",
    ("ice",): "use `coach ice --minutes 20 --terminal` instead",
    ("ice", "--minutes", "5"): "use `coach ice --minutes 5 --terminal` instead",
    ("today",): "use `coach run ROUTINE --terminal` instead",
    ("run", "hip-strength"): "use `coach run hip-strength --terminal` (or `--instant`) instead",
    ("history", "--window"): "use `coach history` instead",
}


def _without_display(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "COACH_DATA_DIR": str(tmp_path / "data")}


@pytest.mark.slow
@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a display server is a Linux (X, Wayland) matter"
)
@pytest.mark.parametrize("command", list(WINDOW_COMMANDS), ids=lambda c: " ".join(c) or "coach")
def test_a_window_command_without_a_display_says_so_and_what_works_instead(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coach", *command],
        env=_without_display(tmp_path),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=scaled(30),
    )

    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()  # one sentence, no Qt abort, no traceback
    assert line.startswith(
        "coach: there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY"
    )
    assert WINDOW_COMMANDS[command] in line
    assert done.stdout == ""


@pytest.mark.slow
@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a display server is a Linux (X, Wayland) matter"
)
def test_the_terminal_commands_work_without_a_display(tmp_path: Path) -> None:
    env = _without_display(tmp_path)
    for command in (["run", "gentle-start", "--instant", "--pain", "2"], ["history"], ["ice", "--status"]):
        done = subprocess.run(
            [sys.executable, "-m", "coach", *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=scaled(30),
        )
        assert done.returncode == 0, (command, done.stderr)


def test_which_environments_have_a_display() -> None:
    assert missing_display({}, "linux") is not None
    assert missing_display({"DISPLAY": ":0"}, "linux") is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_display({"QT_QPA_PLATFORM": "minimal:enable_fonts"}, "freebsd14") is None
    assert missing_display({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux") == (
        "there is no display to open a window on (DISPLAY is not set)"
    )
    assert missing_display({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux") == (
        "there is no display to open a window on (WAYLAND_DISPLAY is not set)"
    )
    assert missing_display({}, "win32") is None
    assert missing_display({}, "darwin") is None


def _commands(parser: object) -> list[tuple[str, object]]:
    """Every command and subcommand's parser, by its full name."""
    import argparse

    found: list[tuple[str, object]] = []
    assert isinstance(parser, argparse.ArgumentParser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((name, sub))
                found += [(f"{name} {inner}", p) for inner, p in _commands(sub)]
    return found


def test_every_command_has_a_description_its_arguments_explained_and_an_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    from coach.cli import main
    from coach.cli.parser import build_parser

    commands = _commands(build_parser())
    assert len(commands) >= 15
    for name, sub in commands:
        assert isinstance(sub, argparse.ArgumentParser)
        with pytest.raises(SystemExit) as done:
            main([*name.split(), "--help"])
        assert done.value.code == 0
        shown = capsys.readouterr().out
        assert sub.description, name
        assert f"Example: coach {name.split()[0]}" in shown, name
        for action in sub._actions:
            if not action.option_strings and not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{name}: {action.metavar or action.dest} is not explained"


def test_coach_help_names_the_data_folder_variable(capsys: pytest.CaptureFixture[str]) -> None:
    from coach.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])

    assert "COACH_DATA_DIR" in capsys.readouterr().out
