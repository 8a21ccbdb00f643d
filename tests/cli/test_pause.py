"""A warning sign pauses exercise, through the command line: `coach run` in every form exits 3 with the
core's sentence and starts nothing; icing stays allowed; only `coach review --cleared` lifts the pause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.parser import EXIT_PAUSED


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sessions(capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _ = run(capsys, "history", "--json", "--include-simulated")
    assert code == 0
    return len(json.loads(out)["sessions"])


def test_a_yes_pauses_every_coach_run_until_a_clinician_clears_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "run", "gentle-start", "--instant", "--warning-sign", "night_pain")[0] == 0

    for how in ("--instant", "--terminal"):
        code, _, err = run(capsys, "run", "gentle-start", how)
        assert code == EXIT_PAUSED
        assert "Exercise is paused" in err
        assert "has knee pain woken you at night" in err
        assert "Icing is still allowed" in err
    assert sessions(capsys) == 1  # nothing started

    assert run(capsys, "run", "ice", "--instant")[0] == 0  # icing stays allowed
    assert sessions(capsys) == 2

    for answer in ("--not-cleared", "--unsure"):
        code, out, _ = run(capsys, "review", answer)
        assert code == 0
        assert "stays paused" in out
        assert run(capsys, "run", "gentle-start", "--instant")[0] == EXIT_PAUSED

    code, out, _ = run(capsys, "review", "--cleared")
    assert "may continue" in out
    assert run(capsys, "run", "gentle-start", "--instant")[0] == 0


def test_an_urgent_sign_is_said_with_urgent_care_wording_and_marked_urgent(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "run", "hip-strength", "--instant", "--warning-sign", "calf")[0] == 0

    code, out, _ = run(capsys, "advice", "--json", "--include-simulated")
    (advice,) = json.loads(out)["routines"]
    assert advice["decision"] == "see-clinician"
    assert advice["urgent"] is True
    assert "urgent care" in str(advice["reason"])
    assert "before changing the dose" not in str(advice["reason"])
    code, _, err = run(capsys, "run", "hip-strength", "--instant")
    assert code == EXIT_PAUSED
    assert "urgent care" in err


def test_a_sign_that_is_not_urgent_is_not_marked_urgent(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "run", "hip-strength", "--instant", "--warning-sign", "swelling")[0] == 0

    (advice,) = json.loads(run(capsys, "advice", "--json", "--include-simulated")[1])["routines"]

    assert advice["urgent"] is False


def test_the_reviews_go_to_the_physiotherapist_in_reviews_csv(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "run", "gentle-start", "--instant", "--warning-sign", "night_pain")[0] == 0
    assert run(capsys, "review", "--unsure", "--note", "=HYPERLINK(1)")[0] == 0
    assert run(capsys, "review", "--cleared")[0] == 0

    code, out, _ = run(capsys, "export", "--csv", str(tmp_path / "physio"), "--include-simulated")

    assert code == 0
    assert out.splitlines()[0].startswith("wrote 1 session to ")  # the first line as scripts read it
    assert out.splitlines()[1] == f"wrote 2 reviews to {tmp_path / 'physio' / 'reviews.csv'}"
    text = (tmp_path / "physio" / "reviews.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == "local_date,seen_at,answer,note"
    assert [line.split(",")[2] for line in text[1:]] == ["unsure", "cleared"]
    assert "'=HYPERLINK(1)" in text[1]  # a note is text, never a formula a spreadsheet would run
