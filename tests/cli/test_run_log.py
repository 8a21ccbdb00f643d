"""`coach run-log`: a run typed in, files imported (each format, twice, bad), and the later pain answers."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.paths import resolve_places
from coach.core.running.runs import RunPain, RunSource
from coach.core.store.adherence import AdherenceStore
from tests.run_files import fit_bytes, gpx_text, tcx_text, write_run_file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored_runs() -> list:  # type: ignore[type-arg]
    store = AdherenceStore.open(resolve_places().database)
    try:
        return store.runs()
    finally:
        store.close()


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_a_run_typed_in_is_recorded_as_logged_ending_now(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run-log", "--minutes", "25", "--pain", "2", "--distance", "4.1")

    assert code == 0
    assert "Logged run 1:" in out
    assert "25 min, 4.10 km (6:06 min/km), logged by hand, pain 2 during" in out
    assert "coach run-log --answer 1 --after-hour N --next-morning N" in out
    [logged] = stored_runs()
    assert logged.source is RunSource.LOGGED
    assert logged.started_at == datetime(2026, 3, 4, 11, 35, tzinfo=UTC)
    assert (logged.minutes, logged.distance_km, logged.pain) == (25, 4.1, RunPain(during=2))


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_a_run_on_a_past_day_is_placed_at_its_noon(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "run-log", "--minutes", "20", "--pain", "1", "--on", "2026-03-01")

    assert code == 0
    [logged] = stored_runs()
    assert logged.started_at.astimezone().date().isoformat() == "2026-03-01"
    assert logged.started_at.astimezone().hour == 12


@pytest.mark.usefixtures("data_dir", "wednesday")
@pytest.mark.parametrize(
    ("args", "code", "sentence"),
    [
        (["--minutes", "20"], 2, "--minutes needs --pain"),
        (["--minutes", "20", "--pain", "11"], 2, "pain is recorded on a scale from 0 to 10, got 11"),
        (["--minutes", "0", "--pain", "1"], 2, "a run lasts more than 0 minutes"),
        (["--minutes", "900", "--pain", "1"], 1, "a run's minutes are from 1 to 360, not 900"),
        (["--minutes", "20", "--pain", "1", "--distance", "-3"], 2, "more than 0 km"),
        (["--minutes", "20", "--pain", "1", "--on", "2026-03-09"], 1, "2026-03-09 is still to come"),
        (["--distance", "4"], 2, "--distance and --on go with --minutes"),
        (["--after-hour", "1"], 2, "--after-hour and --next-morning go with --answer RUN_ID"),
        (["--minutes", "20", "--import", "x.gpx"], 2, "not allowed with argument"),
        (["--answer", "7", "--after-hour", "1"], 1, "there is no run 7"),
    ],
)
def test_a_run_log_that_cannot_be_carried_out_says_why_and_records_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], code: int, sentence: str
) -> None:
    exited, _, err = run(capsys, "run-log", *args)

    assert exited == code
    assert sentence in err
    assert err.count("\n") == 1
    assert not resolve_places().database.exists() or stored_runs() == []


@pytest.mark.usefixtures("data_dir", "wednesday")
@pytest.mark.parametrize(
    ("name", "content", "source", "minutes", "km"),
    [
        ("morning.gpx", gpx_text(minutes=30, km=5.0), RunSource.GPX, 30, 5.0),
        ("watch.fit", fit_bytes(minutes=31, km=5.1), RunSource.FIT, 31, 5.1),
        ("export.tcx", tcx_text(minutes=32, km=5.2), RunSource.TCX, 32, 5.2),
    ],
)
def test_each_format_imports_with_the_pain_given(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    source: RunSource,
    minutes: int,
    km: float,
) -> None:
    path = write_run_file(tmp_path, name, content)

    code, out, _ = run(capsys, "run-log", "--import", str(path), "--pain", "1")

    assert code == 0
    assert f"{name}: imported as run 1, " in out
    [imported] = stored_runs()
    assert imported.source is source
    assert imported.minutes == pytest.approx(minutes)
    assert imported.distance_km == pytest.approx(km, abs=0.02)
    assert imported.started_at == datetime(2026, 3, 3, 7, 10, tzinfo=UTC)
    assert imported.pain == RunPain(during=1)


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_a_file_imported_twice_is_one_run_said_already_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_run_file(tmp_path, "run.fit", fit_bytes())
    run(capsys, "run-log", "--import", str(first), "--pain", "1")
    copy = write_run_file(tmp_path, "copy-of-run.fit", fit_bytes())

    code, out, _ = run(capsys, "run-log", "--import", str(copy), "--pain", "3")

    assert code == 0
    assert "copy-of-run.fit: already imported; nothing changed" in out
    [only] = stored_runs()
    assert only.pain.during == 1


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_a_bad_file_among_good_ones_is_said_and_the_good_ones_are_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_run_file(tmp_path, "good.tcx", tcx_text())
    ride = write_run_file(tmp_path, "ride.gpx", gpx_text(sport="cycling"))

    code, out, err = run(capsys, "run-log", "--import", str(ride), str(good), "--pain", "0")

    assert code == 1
    assert err == "coach: ride.gpx: this is a cycling activity, not a run\n"
    assert "good.tcx: imported as run 1" in out
    assert [r.source for r in stored_runs()] == [RunSource.TCX]


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_the_later_questions_are_listed_and_answered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run-log", "--import", str(write_run_file(tmp_path, "run.gpx", gpx_text())))

    code, listed, _ = run(capsys, "run-log")

    assert code == 0
    assert "run 1: " in listed
    assert (
        "pain - during, - after an hour, - next morning; answer --pain (during), --after-hour, --next-morning"
        in (listed)
    )
    code, out, _ = run(
        capsys, "run-log", "--answer", "1", "--pain", "2", "--after-hour", "1", "--next-morning", "0"
    )
    assert code == 0
    assert "Run 1: pain 2 during, 1 after an hour, 0 next morning. Saved." in out
    assert stored_runs()[0].pain == RunPain(2, 1, 0)
    _, listed, _ = run(capsys, "run-log")
    assert "No run waits for a pain answer" in listed


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_the_next_morning_question_waits_for_the_next_morning(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "run-log", "--minutes", "20", "--pain", "1")

    code, _, err = run(capsys, "run-log", "--answer", "1", "--next-morning", "0")

    assert code == 1
    assert "the next-morning question for run 1 comes tomorrow morning" in err
    assert stored_runs()[0].pain.next_morning is None


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_history_json_lists_the_runs_beside_every_older_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant")
    _, before, _ = run(capsys, "history", "--json", "--include-simulated")
    run(capsys, "run-log", "--import", str(write_run_file(tmp_path, "run.tcx", tcx_text())), "--pain", "2")
    run(capsys, "run-log", "--answer", "1", "--after-hour", "1")

    code, out, _ = run(capsys, "history", "--json", "--include-simulated")

    assert code == 0
    document = json.loads(out)
    assert set(json.loads(before)) | {"runs"} == set(document)  # extended, nothing renamed or dropped
    [listed] = document["runs"]
    assert datetime.fromisoformat(listed["started_at"]) == datetime(2026, 3, 3, 7, 10, tzinfo=UTC)
    assert listed["minutes"] == 32
    assert listed["distance_km"] == 5.2
    assert listed["pain"] == {"during": 2, "after_hour": 1, "next_morning": None}
    assert listed["source"] == "tcx"
    assert out == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_the_csv_export_writes_runs_csv_and_says_so_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run-log", "--import", str(write_run_file(tmp_path, "run.fit", fit_bytes())), "--pain", "1")
    run(capsys, "run-log", "--minutes", "20", "--pain", "3", "--distance", "=4")  # refused: not a number
    run(capsys, "run-log", "--minutes", "20", "--pain", "3", "--on", "2026-03-02")
    folder = tmp_path / "physio"

    code, out, _ = run(capsys, "export", "--csv", str(folder))

    assert code == 0
    assert out.splitlines()[2] == f"wrote 2 runs to {folder / 'runs.csv'}"
    rows = list(csv.DictReader((folder / "runs.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["run_id"], r["source"], r["minutes"], r["pain_during"]) for r in rows] == [
        ("2", "logged", "20", "3"),
        ("1", "fit", "31", "1"),
    ]
    assert rows[1]["distance_km"] == "5.1"
    assert rows[1]["cadence_spm"] == "170"
    assert rows[1]["pace_min_per_km"] == "5.88"  # 30 moving minutes over 5.1 km


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_runs_csv_reads_the_runs_a_page_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        run(capsys, "run-log", "--minutes", "20", "--pain", "1")
    monkeypatch.setattr("coach.core.export.RUN_PAGE", 2)
    pages: list[int] = []
    real = AdherenceStore.run_page

    def counted(self: AdherenceStore, *args: object, **kwargs: object) -> object:
        found = real(self, *args, **kwargs)  # type: ignore[arg-type]
        pages.append(len(found))
        return found

    monkeypatch.setattr(AdherenceStore, "run_page", counted)

    run(capsys, "export", "--csv", str(tmp_path / "out"))

    assert pages == [2, 2, 1, 0]


@pytest.mark.usefixtures("data_dir", "wednesday")
def test_history_prints_the_runs_after_the_icing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "run-log", "--import", str(write_run_file(tmp_path, "run.tcx", tcx_text())), "--pain", "2")

    code, out, _ = run(capsys, "history")

    assert code == 0
    assert "\nRuns:\n" in out
    assert (
        "32 min, 5.20 km (5:58 min/km), 172 steps/min, from a TCX file; pain 2 during, - after an hour" in out
    )
