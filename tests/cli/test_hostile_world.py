"""No file, argument or environment that can hurt the command line: a sentence and an exit code, never a
traceback (issue 25)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from coach.cli import main
from tests.cli.test_cli import run
from tests.conftest import EXAMPLE, REPO, write


def test_a_loop_of_links_in_the_routines_folder_is_listed_as_broken_and_run_still_works(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "routines").mkdir(parents=True)
    (data_dir / "routines" / "self.toml").symlink_to("self.toml")

    code, out, err = run(capsys, "routines")
    assert code == 0
    assert "self.toml" in out + err
    assert "loop" in out + err

    code, out, _ = run(capsys, "run", "gentle-start", "--instant")
    assert code == 0


def test_a_title_with_terminal_escapes_reaches_the_terminal_as_plain_text(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = EXAMPLE.read_text(encoding="utf-8").replace(
        "Runner's knee: hip and calf basics", "Knee\\u001b[2J\\u001b]0;pwned\\u0007 basics"
    )
    path = write(data_dir / "routines" / "knee.toml", hostile)

    code, out, err = run(capsys, "routines")
    assert code == 0
    assert "Knee[2J]0;pwned basics" in out
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0
    assert f"{path}:3: warning: title held control characters" in out + err
    code, out, err = run(capsys, "run", str(path), "--instant")
    _, out, err = run(capsys, "history", "--include-simulated")
    assert "pwned" in out
    for said in (out, err):
        assert not any(ord(c) < 0x20 and c not in "\t\n" for c in said)


def a_history(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "run", "gentle-start", "--instant", "--pain", "1")
    assert code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["export", "--pdf", "r.pdf", "--to", "9999-12-31"], "9999-12-31 is out of range"),
        (["export", "--csv", "out", "--from", "0001-01-01"], "0001-01-01 is out of range"),
        (["check-in", "--on", "9999-12-31", "--pain", "1"], "9999-12-31 is out of range"),
        (["export", "--csv", ""], "an empty path"),
        (["export", "--pdf", " "], "an empty path"),
        (["validate", ""], "an empty path"),
        (["history", "--window", "--json"], "--window and --json cannot go together"),
    ],
)
def test_arguments_out_of_range_or_together_are_a_usage_sentence(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    a_history(capsys)

    code, out, err = run(capsys, *args)

    assert code == 2
    assert said in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["new", "a\x1b[2J"], "coach: 'a[2J' is not a routine id"),
        (["run", "a\x1b]0;pwned\x07", "--instant"], "coach: no routine has the id 'a]0;pwned'"),
        (["backup", "restore", "\x1b[2J\x00"], "coach: there is no backup '\\x1b[2J\\x00'"),
        (["validate", "nowhere\x1b[31m.toml"], "nowhere[31m.toml:1: cannot read the file"),
    ],
)
def test_an_id_or_path_echoed_in_an_error_reaches_the_terminal_as_plain_text(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    a_history(capsys)

    _, out, err = run(capsys, *args)

    assert said in err
    assert not any(ord(c) < 0x20 and c != "\n" for c in out + err), repr(err)


def test_an_id_too_long_for_a_file_name_is_an_unknown_id(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "run", "a" * 300, "--instant")

    assert code == 2
    assert "no routine has the id 'aaa" in err


@pytest.mark.parametrize(
    "args",
    [
        ["run", "gentle-start", "--instant"],
        ["history"],
        ["history", "--json"],
        ["ice", "--status"],
        ["ice", "--stop"],
        ["backup", "list"],
        ["advice"],
    ],
)
def test_a_data_folder_that_is_a_file_is_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    # Not "No sessions yet" with exit 0: the history is not empty, it is not there to read
    afile = write(tmp_path / "data", "not a folder")
    monkeypatch.setenv("COACH_DATA_DIR", str(afile))

    code, _, err = run(capsys, *args)

    assert code == 1
    assert err.startswith(f"coach: {afile}: this is not a folder; Rehab Coach keeps its data in a folder")


def test_an_ascii_only_terminal_gets_what_can_be_written(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = io.BytesIO()
    terminal = io.TextIOWrapper(written, encoding="ascii")  # as PYTHONIOENCODING=ascii makes sys.stdout
    monkeypatch.setattr(sys, "stdout", terminal)

    code = main(["routines"])

    terminal.flush()
    assert code == 0
    assert "Gentle start: hip and knee holds (weeks 1?2)" in written.getvalue().decode("ascii")  # the en dash


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and links are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "folder", "link"])
@pytest.mark.usefixtures("qapp")  # `export --pdf` makes a Qt application unless one is there
def test_force_replaces_only_a_plain_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    a_history(capsys)
    target = tmp_path / "report.pdf"
    kept = write(tmp_path / "kept.pdf", "mine")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(kept)
    csv_target = tmp_path / "csv"
    csv_target.mkdir()
    (csv_target / "sessions.csv").symlink_to(kept)

    code, _, err = run(capsys, "export", "--pdf", str(target), "--force")
    assert code == 2
    assert "it was not replaced" in err or "is a folder" in err
    code, _, err = run(capsys, "export", "--csv", str(csv_target), "--force")
    assert code == 2
    assert "is a link; it was not replaced" in err

    assert kept.read_text(encoding="utf-8") == "mine"
    assert target.is_symlink() if kind == "link" else target.exists()


def test_validate_says_a_huge_number_is_too_long(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = (REPO / "routines" / "hip-and-knee.toml").read_text(encoding="utf-8")
    path = write(tmp_path / "r.toml", sheet.replace("reps = 10", "reps = [1, 0x" + "f" * 4300 + "]", 1))

    code, out, err = run(capsys, "validate", str(path))

    assert code == 1
    assert "a reps range must stay within 1–100, got numbers far too long to show" in out + err
    assert "please report it" not in out + err


def test_a_command_removes_the_hidden_copies_a_killed_backup_or_restore_left(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_history(capsys)
    partial = data_dir / "backups" / ".coach-20260310T090000Z.db-abcd1234.partial"
    partial.parent.mkdir(exist_ok=True)
    restoring = data_dir / ".coach.db.restoring"
    for leftover in (partial, restoring):
        leftover.write_bytes(b"health data")

    code, _, _ = run(capsys, "history")

    assert code == 0
    assert not partial.exists()
    assert not restoring.exists()
