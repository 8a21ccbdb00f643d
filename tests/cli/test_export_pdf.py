"""`coach export --pdf FILE`: the report from the command line, beside or instead of the CSV files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.cli import main
from tests.conftest import REPO


def coach(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `coach` in its own process: the PDF needs a Qt application of its own."""
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    env.pop("QT_QPA_PLATFORM", None)  # the command chooses offscreen itself when there is no display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    command = [sys.executable, "-m", "coach", *args]
    return subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_export_pdf_and_csv_together(data_dir: Path, tmp_path: Path) -> None:
    assert coach(data_dir, "run", "hip-strength", "--instant", "--pain", "2").returncode == 0
    target = tmp_path / "report.pdf"

    done = coach(
        data_dir, "export", "--pdf", str(target), "--csv", str(tmp_path / "csv"), "--include-simulated"
    )

    assert done.returncode == 0, done.stderr
    assert f"(1 session) to {target}" in done.stdout
    assert (tmp_path / "csv" / "sessions.csv").is_file()
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 2


@pytest.mark.slow
def test_the_drafts_of_a_killed_pdf_export_are_removed_by_the_next(data_dir: Path, tmp_path: Path) -> None:
    assert coach(data_dir, "run", "hip-strength", "--instant").returncode == 0
    target = tmp_path / "r.pdf"
    draft = tmp_path / ".r.pdf-k1ll3d.part"  # as new_private_temporary names them
    draft.write_bytes(b"%PDF-1.4 half")
    other = tmp_path / ".other.pdf-k1ll3d.part"
    other.write_bytes(b"not this one")

    done = coach(data_dir, "export", "--pdf", str(target))

    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.pdf-k1ll3d.part", "data", "r.pdf"]


@pytest.mark.slow
def test_an_existing_pdf_is_refused_without_force(data_dir: Path, tmp_path: Path) -> None:
    assert coach(data_dir, "run", "hip-strength", "--instant").returncode == 0
    target = tmp_path / "report.pdf"
    target.write_bytes(b"mine")

    refused = coach(data_dir, "export", "--pdf", str(target), "--from", "2026-01-01")

    assert refused.returncode == 2
    assert "already exists" in refused.stderr
    assert "--force" in refused.stderr
    assert target.read_bytes() == b"mine"


def test_export_needs_csv_or_pdf(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 2
    assert "export needs --csv DIR, --pdf FILE, or both" in capsys.readouterr().err


def test_from_after_to_is_a_usage_error_before_any_qt(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["export", "--pdf", str(tmp_path / "r.pdf"), "--from", "2026-03-02", "--to", "2026-03-01"]) == 2
    )
    assert "--from 2026-03-02 is after --to 2026-03-01" in capsys.readouterr().err


@pytest.mark.slow
def test_the_name_line_and_the_prescription_come_from_the_command_line(
    data_dir: Path, tmp_path: Path
) -> None:
    assert coach(data_dir, "run", "hip-strength", "--instant", "--pain", "7").returncode == 0
    target = tmp_path / "report.pdf"

    done = coach(data_dir, "export", "--pdf", str(target), "--include-simulated", "--name", "Alex Example")

    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Alex Example" in text
    assert "Clamshells — 3 × 12 each side" in text
    assert "7 of 10, above the limit of 5." in " ".join(text.split())


def test_a_name_without_a_pdf_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--csv", "out", "--name", "Alex"]) == 2
    assert "--name goes with --pdf" in capsys.readouterr().err


@pytest.mark.slow
def test_the_report_says_what_the_receiving_physiotherapist_needs(data_dir: Path, tmp_path: Path) -> None:
    earlier = date.today() - timedelta(days=4)
    placed = ("--instant", "--pain-before", "2", "--pain", "3", "--at", f"{earlier}T18:00")
    assert coach(data_dir, "run", "hip-strength", *placed).returncode == 0
    on = str(earlier + timedelta(days=1))
    assert coach(data_dir, "check-in", "--on", on, "--pain", "4", "--sign", "calf").returncode == 0
    assert coach(data_dir, "review", "--not-cleared").returncode == 0
    target = tmp_path / "report.pdf"

    done = coach(data_dir, "export", "--pdf", str(target), "--include-simulated")

    assert done.returncode == 0, done.stderr
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "URGENT" in text
    assert "contact urgent care" in text
    assert "Reviews by a clinician" in text
    assert "not cleared to continue" in text
    assert "4 of 10 the next morning, 2 before the session" in text  # a morning that had not settled
    assert "Each session (1 session)" in text
    assert "Pain during sessions" in text
