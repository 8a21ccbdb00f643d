from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from coach.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_csv_writes_both_files(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant", "--pain", "3")

    code, out, _ = run(capsys, "export", "--csv", str(tmp_path / "report"), "--include-simulated")

    assert code == 0
    assert "wrote 1 session to" in out
    with (tmp_path / "report" / "sessions.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert (row["routine_id"], row["pain"], row["simulated"]) == ("hip-strength", "3", "yes")


def test_export_leaves_simulated_sessions_out_by_default(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant")

    code, out, _ = run(capsys, "export", "--csv", str(tmp_path))

    assert code == 0
    assert "wrote 0 sessions" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "coach: argument --from: '2026-02-30' is not a date like 2026-03-31"),
        (["--to", "yesterday"], "coach: argument --to: 'yesterday' is not a date like 2026-03-31"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "coach: --from 2026-03-02 is after --to 2026-03-01"),
    ],
)
def test_bad_dates_are_usage_errors(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run(capsys, "run", "hip-strength", "--instant")

    code, out, err = run(capsys, "export", "--csv", str(tmp_path), *args)

    assert (code, out) == (2, "")
    assert err == message + "\n"


def test_existing_files_need_force(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant")
    run(capsys, "export", "--csv", str(tmp_path))

    code, _, err = run(capsys, "export", "--csv", str(tmp_path))
    assert code == 2
    assert err.endswith("already exists; choose another folder or overwrite it (--force overwrites)\n")
    assert run(capsys, "export", "--csv", str(tmp_path), "--force")[0] == 0


def test_export_without_history_says_so(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export", "--csv", str(tmp_path))

    assert (code, err) == (2, "coach: there is no history to export yet\n")
    assert not data_dir.exists()


def test_history_json_adds_adherence_and_keeps_the_summary(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant")

    _, out, _ = run(capsys, "history", "--json", "--include-simulated")

    payload = json.loads(out)
    assert set(payload["summary"]) >= {"streak_days", "streak_weeks", "this_week", "adherence_4_weeks"}
    adherence = payload["adherence"]
    assert adherence["current_streak_days"] == adherence["longest_streak_days"] == 1
    assert adherence["daily_plan"] is False
    assert adherence["marked_days"] == []
    assert payload["sessions"][0]["local_date"]


def test_the_hidden_drafts_of_a_killed_csv_export_are_removed_by_the_next(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What a killed `coach export --csv report` leaves: the folder being drawn, or the old one stepped aside
    run(capsys, "run", "hip-strength", "--instant")
    for name in (".report-k1ll3d00.part", ".report-k1ll3d11.old"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "sessions.csv").write_text("half", encoding="utf-8")
    (tmp_path / ".other-k1ll3d00.part").mkdir()

    code, _, err = run(capsys, "export", "--csv", str(tmp_path / "report"))

    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other-k1ll3d00.part", "data", "report"]


def test_a_pipe_under_the_name_of_the_note_of_renames_does_not_stop_an_export(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "notes.txt").write_text("the person's own file", encoding="utf-8")
    os.mkfifo(shared / ".rehab-coach-renames.json")  # a plain read would wait for a writer for ever

    code, _, err = run(capsys, "export", "--csv", str(shared), "--include-simulated")

    assert code == 0, err
    assert {"notes.txt", "sessions.csv", "steps.csv"} <= {p.name for p in shared.iterdir()}
