"""Scripted scenarios through the command line: sessions placed on a day (`--instant --at`), the morning
check-in by options (`coach check-in`), and a proposed change taken (`coach advice --accept`)."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.parser import EXIT_PAUSED
from tests.cli.conftest import WEDNESDAY_NOON

# Every command runs with the clock pinned, so a run near midnight cannot split a day.
pytestmark = pytest.mark.usefixtures("wednesday")
TODAY = WEDNESDAY_NOON.astimezone().date()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def two_settled_days(capsys: pytest.CaptureFixture[str]) -> None:
    for back in (2, 1):
        day = TODAY - timedelta(days=back)
        assert (
            run(
                capsys,
                "run",
                "hip-strength",
                "--instant",
                "--pain",
                "2",
                "--pain-before",
                "2",
                "--at",
                f"{day}T18:00",
            )[0]
            == 0
        )
        code, out, _ = run(
            capsys, "check-in", "--on", str(day + timedelta(days=1)), "--pain", "1", "--woke-at-night", "no"
        )
        assert code == 0
        assert "1 of 10:" in out
        assert out.endswith("Saved.\n")


def test_a_session_placed_on_a_day_lands_on_that_day(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = TODAY - timedelta(days=3)

    assert run(capsys, "run", "hip-strength", "--instant", "--at", f"{day}T18:00")[0] == 0

    (session,) = json.loads(run(capsys, "history", "--json", "--include-simulated")[1])["sessions"]
    assert session["local_date"] == str(day)
    assert session["simulated"] is True


def test_the_morning_check_in_by_options_is_stored_and_counts_for_the_advice(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two_settled_days(capsys)

    sessions = json.loads(run(capsys, "history", "--json", "--include-simulated")[1])["sessions"]
    assert [s["morning_pain"] for s in sessions] == [1, 1]
    (advice,) = json.loads(run(capsys, "advice", "--json", "--include-simulated")[1])["routines"]
    assert advice["decision"] == "progress"


def test_accepting_the_advice_writes_the_own_copy(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    two_settled_days(capsys)

    code, out, _ = run(capsys, "advice", "--include-simulated", "--accept", "hip-strength")

    assert code == 0
    assert "→" in out
    assert (data_dir / "routines" / "hip-strength.toml").is_file()


def test_a_sign_ticked_at_the_morning_check_in_pauses_exercise(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yesterday = TODAY - timedelta(days=1)
    assert run(capsys, "run", "hip-strength", "--instant", "--at", f"{yesterday}T18:00")[0] == 0

    code, out, _ = run(capsys, "check-in", "--sign", "calf")

    assert code == 0
    assert "urgent care" in out
    assert run(capsys, "run", "hip-strength", "--instant")[0] == EXIT_PAUSED


def test_at_goes_with_instant_only(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "run", "hip-strength", "--terminal", "--at", "2026-01-05T10:00")[0] == 2


def test_the_csv_keeps_the_pain_before_the_morning_and_each_weekly_sign(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yesterday = TODAY - timedelta(days=1)
    assert (
        run(capsys, "run", "hip-strength", "--instant", "--pain-before", "3", "--at", f"{yesterday}T18:00")[0]
        == 0
    )
    assert run(capsys, "check-in", "--pain", "2", "--sign", "calf")[0] == 0

    assert run(capsys, "export", "--csv", str(tmp_path / "out"), "--include-simulated")[0] == 0

    text = (tmp_path / "out" / "sessions.csv").read_text(encoding="utf-8-sig")
    (row,) = csv.DictReader(text.splitlines())
    assert (row["pain_before"], row["morning_pain"], row["calf"], row["injury"]) == ("3", "2", "yes", "")
    assert row["morning_at"].startswith(str(TODAY))
    assert list(row)[: list(row).index("outcome") + 1][-1] == "outcome"  # the older columns keep their place
