"""The command line's printed sentences and errors in the language chosen (`--lang`, or the desktop's
LANGUAGE); what scripts read stays as it is: --json, CSV headers, exit codes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.i18n import use_language
from coach.core.paths import catalogues
from coach.gui.display import missing_display
from tests.cli.test_cli import run
from tests.conftest import EXAMPLE
from tests.helpers import scaled


def test_backup_list_is_spanish_when_the_desktop_speaks_spanish(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    code, out, _ = run(capsys, "backup", "list")
    assert code == 0
    assert out == (
        "aún no hay copias: Rehab Coach hace una al día cuando arranca con un historial que conservar\n"
    )

    run(capsys, "run", str(EXAMPLE), "--instant")
    run(capsys, "run", str(EXAMPLE), "--instant")  # today's backup, of one session
    code, out, _ = run(capsys, "backup", "list")
    assert code == 0
    assert "diaria" in out
    assert out.rstrip().endswith("1 sesión")
    _, out, _ = run(capsys, "backup", "list", "--json")
    (backup,) = json.loads(out)["backups"]
    assert backup["kind"] == "daily"  # the JSON is a contract: its codes stay English


def test_export_says_what_it_wrote_in_german_and_the_csv_stays_english(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", str(EXAMPLE), "--instant")
    code, out, _ = run(capsys, "--lang", "de", "export", "--csv", str(tmp_path / "out"))
    assert code == 0
    assert out.startswith("0 Einheiten in ")  # a simulated session is left out unless asked for
    assert " geschrieben\n" in out
    with (tmp_path / "out" / "sessions.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle))[:2] == ["session_id", "routine_id"]

    code, _, err = run(capsys, "--lang", "de", "export", "--csv", str(tmp_path / "out"))
    assert code == 2
    assert "gibt es schon" in err
    assert "(--force überschreibt)" in err


def test_run_log_speaks_german_and_asks_the_later_questions_in_german(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--lang", "de", "run-log", "--minutes", "20", "--pain", "2")
    assert code == 0
    assert out.startswith("Lauf 1 eingetragen: ")
    assert "Später: Wie sehr hat das Knie eine Stunde nach dem Lauf geschmerzt?" in out
    assert "Antworten Sie mit: coach run-log --answer 1 --after-hour N --next-morning N" in out

    code, _, err = run(capsys, "--lang", "de", "run-log", "--minutes", "20")
    assert code == 2
    assert (
        err == "coach: --minutes braucht --pain: wie sehr das Knie während des Laufs geschmerzt hat, 0-10\n"
    )


def test_ice_status_and_stop_say_no_timer_in_spanish(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--lang", "es", "ice", "--status") == (
        0,
        "No hay ningún temporizador de hielo en marcha.\n",
        "",
    )
    _, out, _ = run(capsys, "--lang", "es", "ice", "--stop")
    assert out == "No hay ningún temporizador de hielo en marcha.\n"
    _, out, _ = run(capsys, "--lang", "es", "ice", "--status", "--json")
    assert json.loads(out)["running"] is False


def test_a_damaged_history_is_said_in_german_and_moved_aside(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "coach.db").write_bytes(b"this is not a database, only some bytes " * 200)

    code, _, err = run(capsys, "--lang", "de", "history")
    assert code == 1
    assert "ist keine Rehab-Coach-Datenbank oder ist beschädigt" in err
    assert "`coach backup list` zeigt die Sicherungen" in err
    assert list(data_dir.glob("coach.db.damaged-*"))


def test_an_unknown_routine_is_refused_in_spanish(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "es", "run", "no-such-routine", "--instant")
    assert code == 2
    assert (
        err == "coach: ninguna rutina tiene el identificador 'no-such-routine'; 'coach routines' las lista\n"
    )


def test_no_display_is_said_in_german() -> None:
    use_language("de", catalogues())
    assert missing_display({}, "linux") == (
        "es gibt keine Anzeige, auf der sich ein Fenster öffnen lässt (weder DISPLAY noch WAYLAND_DISPLAY "
        "ist gesetzt)"
    )


def test_english_stays_as_it_was(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ice", "--status"]) == 0
    assert capsys.readouterr().out == "No icing timer is running.\n"
    assert missing_display({}, "linux") == (
        "there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    )


@pytest.mark.slow
@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a display server is a Linux (X, Wayland) matter"
)
@pytest.mark.parametrize(
    ("command", "instead"),
    [
        ((), "in einem Terminal funktionieren `coach run ROUTINE --terminal`"),
        (("ice", "--minutes", "5"), "verwenden Sie stattdessen `coach ice --minutes 5 --terminal`"),
    ],
)
def test_without_a_display_the_window_commands_say_so_in_german(
    command: tuple[str, ...], instead: str, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(COACH_DATA_DIR=str(tmp_path / "data"), LANGUAGE="de")
    done = subprocess.run(
        [sys.executable, "-m", "coach", *command],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=scaled(30),
    )

    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("coach: es gibt keine Anzeige, auf der sich ein Fenster öffnen lässt")
    assert instead in line


def test_a_file_that_gives_no_run_is_said_in_german(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leer.gpx"
    empty.write_bytes(b"")
    hostile = tmp_path / "boese.gpx"
    hostile.write_bytes(b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "x">]><gpx>&a;</gpx>')

    code, out, err = run(
        capsys, "--lang", "de", "run-log", "--import", str(empty), str(hostile), "--pain", "1"
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "coach: leer.gpx: die Datei ist leer",
        "coach: boese.gpx: die Datei deklariert XML-Entitäten oder eine DTD, die ein GPX-Track nie braucht; "
        "sie wurde nicht gelesen",
    ]
