"""`coach advice`, and `coach run --instant --warning-sign / --pain-before` that feed it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def advice_json(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "advice", "--json", *extra)
    assert code == 0
    routines: list[dict[str, object]] = json.loads(out)["routines"]
    return routines


def test_a_warning_sign_makes_the_advice_see_a_clinician_with_a_reason(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "run", "hip-strength", "--instant", "--warning-sign", "night_pain")[0] == 0

    (advice,) = advice_json(capsys, "--include-simulated")

    assert advice["routine_id"] == "hip-strength"
    assert advice["decision"] == "see-clinician"
    assert "has knee pain woken you at night" in str(advice["reason"])
    assert advice["change"] is None


def test_no_advice_offers_a_change_after_a_warning_sign_until_the_person_has_been_seen(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two settled full sessions would progress; the warning sign in the second one stops that.
    run(capsys, "run", "hip-strength", "--instant", "--pain", "2")
    run(capsys, "run", "hip-strength", "--instant", "--pain", "6", "--warning-sign", "swelling")
    assert [a["change"] for a in advice_json(capsys, "--include-simulated")] == [None]

    code, out, _ = run(capsys, "advice", "--include-simulated", "--seen-clinician")

    assert code == 0
    assert "a clinician has seen you" in out
    (after,) = advice_json(capsys, "--include-simulated")
    assert after["decision"] == "hold"  # the rule speaks again, from the sessions after the review only
    assert "Do two full sessions" in str(after["reason"])


def test_the_warning_sign_answers_are_in_history_json(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "ice", "--instant", "--warning-sign", "calf", "--pain-before", "2")

    code, out, _ = run(capsys, "history", "--json", "--include-simulated")

    (session,) = json.loads(out)["sessions"]
    assert code == 0
    assert session["warning_signs"] == {"night_pain": False, "swelling": False, "calf": True}
    assert session["pain_before"] == 2


def test_without_sessions_there_is_no_advice(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert advice_json(capsys) == []
    assert not (data_dir / "coach.db").exists()


def test_simulated_sessions_count_only_when_asked(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "run", "hip-strength", "--instant", "--warning-sign", "night_pain")

    assert advice_json(capsys) == []


@pytest.mark.parametrize(
    "args",
    [
        ("run", "hip-strength", "--instant", "--warning-sign", "headache"),
        ("run", "hip-strength", "--terminal", "--warning-sign", "swelling"),
        ("run", "hip-strength", "--instant", "--pain-before", "11"),
        ("run", "hip-strength", "--pain-before", "2"),  # the app asks it before the session
    ],
)
def test_bad_warning_signs_and_pain_before_are_usage_errors(
    args: tuple[str, ...], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *args)

    assert code == 2
    assert err.startswith("coach: ")


def test_a_running_plan_says_the_next_run_in_text_and_json(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant", "--pain", "2")
    run(capsys, "run", "back-to-running", "--instant", "--pain", "2")

    by_id = {a["routine_id"]: a for a in advice_json(capsys, "--include-simulated")}
    code, out, _ = run(capsys, "advice", "--include-simulated")

    assert by_id["back-to-running"]["next_run"] == {"run_seconds": 60, "walk_seconds": 60, "repeats": 5}
    assert by_id["hip-strength"]["next_run"] is None  # the field is there for every routine
    assert by_id["back-to-running"]["decision"] == "hold"  # the hour and the morning are not answered yet
    assert code == 0
    assert "Next run: 1 min run, 1 min walk, 5 times." in out
