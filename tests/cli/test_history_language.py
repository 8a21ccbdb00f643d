"""`coach history` and `coach advice` in German: the printed sentences follow the language, `--json` stays the
public contract (English sentences, English codes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, _ = capsys.readouterr()
    return code, out


def test_coach_advice_speaks_german_and_its_json_stays_english(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant", "--pain", "2")

    code, out = run(capsys, "--lang", "de", "advice", "--include-simulated")

    assert code == 0
    assert out == (
        "hip-strength: halten\n"
        "  warum: Machen Sie zwei vollständige Einheiten mit dieser Dosis, bevor sie geändert wird.\n"
    )
    code, out = run(capsys, "--lang", "de", "advice", "--include-simulated", "--json")
    (advice,) = json.loads(out)["routines"]
    assert advice["decision"] == "hold"
    assert advice["reason"] == "Do two full sessions at this dose before changing it."
    code, out = run(capsys, "--lang", "de", "advice", "--include-simulated")
    assert "halten" in out  # German again after the JSON


def test_coach_history_prints_german(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "run", "hip-strength", "--instant", "--pain", "3")

    code, out = run(capsys, "--lang", "de", "history", "--include-simulated")

    assert code == 0
    assert "Schmerz 3 (simuliert)" in out
    assert "Diese Woche: 1 Einheit von " in out
    assert "Serie: 1 Tag am Stück, " in out
    assert "erledigt" in out or "teilweise erledigt" in out
    assert "This week" not in out
    assert "under tension" not in out  # the dose done's sentences are German too
    code, out = run(capsys, "--lang", "de", "history", "--include-simulated", "--json")
    (session,) = json.loads(out)["sessions"]
    assert session["outcome"] in ("done", "partly done")


@pytest.mark.usefixtures("wednesday")
def test_the_own_copy_taken_in_german_says_so_in_german(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli.test_scripted_programme import two_settled_days

    two_settled_days(capsys)

    code, out = run(capsys, "--lang", "de", "advice", "--include-simulated", "--accept", "hip-strength")

    assert code == 0
    assert "Ihre eigene Kopie wurde als " in out
    text = (data_dir / "routines" / "hip-strength.toml").read_text(encoding="utf-8")
    assert text.startswith("# Ihre eigene Kopie von ")
    assert "# Warum: Der Schmerz hatte sich am Morgen nach Ihren letzten zwei Einheiten beruhigt" in text
