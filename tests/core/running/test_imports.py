"""Run files read as a watch or a running app writes them, and every kind of bad file refused in one
sentence."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.running.imports import RUN_FILE_MAX_BYTES, RunFileError, read_run_file
from coach.core.running.runs import RunSource
from tests.run_files import START, fit_bytes, gpx_text, tcx_text, write_run_file


def test_a_gpx_track_gives_start_length_distance_moving_time_and_cadence(tmp_path: Path) -> None:
    run = read_run_file(write_run_file(tmp_path, "morning.gpx", gpx_text(minutes=30, km=5.0, cadence=84)))

    assert run.source is RunSource.GPX
    assert run.summary.started_at == START
    assert run.summary.minutes == pytest.approx(30)
    assert run.summary.distance_km == pytest.approx(5.0, abs=0.02)
    assert run.summary.moving_minutes == pytest.approx(30, abs=1)
    assert run.summary.cadence_spm == 168  # strides of one foot, doubled


def test_a_tcx_activity_gives_its_lap_timer_as_moving_time(tmp_path: Path) -> None:
    run = read_run_file(write_run_file(tmp_path, "run.tcx", tcx_text(minutes=32, km=5.2, cadence=86)))

    assert run.source is RunSource.TCX
    assert run.summary.started_at == START
    assert run.summary.minutes == pytest.approx(32)
    assert run.summary.moving_minutes == pytest.approx(31)
    assert run.summary.distance_km == pytest.approx(5.2)
    assert run.summary.cadence_spm == 172


def test_a_fit_activity_gives_its_session(tmp_path: Path) -> None:
    run = read_run_file(write_run_file(tmp_path, "run.fit", fit_bytes(minutes=31, km=5.1, cadence=85)))

    assert run.source is RunSource.FIT
    assert run.summary.started_at == datetime(2026, 3, 3, 7, 10, tzinfo=UTC)
    assert run.summary.minutes == pytest.approx(31)
    assert run.summary.moving_minutes == pytest.approx(30)
    assert run.summary.distance_km == pytest.approx(5.1)
    assert run.summary.cadence_spm == 170


def test_the_format_is_read_from_the_content_not_the_name(tmp_path: Path) -> None:
    run = read_run_file(write_run_file(tmp_path, "export.xml", tcx_text()))

    assert run.source is RunSource.TCX


def test_the_same_bytes_give_the_same_fingerprint_under_another_name(tmp_path: Path) -> None:
    first = read_run_file(write_run_file(tmp_path, "a.fit", fit_bytes()))
    second = read_run_file(write_run_file(tmp_path, "b.fit", fit_bytes()))
    other = read_run_file(write_run_file(tmp_path, "c.fit", fit_bytes(minutes=40)))

    assert first.fingerprint == second.fingerprint != other.fingerprint


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<gpx version="1.1"><trk><name>&c;</name></trk></gpx>\n'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE TrainingCenterDatabase [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>&x;</Id></Activity>'
    "</Activities></TrainingCenterDatabase>\n"
)


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        ("empty.gpx", "", "the file is empty"),
        ("garbage.fit", bytes(range(256)) * 8, "not a GPX, FIT or TCX file"),
        ("cut.gpx", gpx_text()[:900], "cut short or is not well-formed XML (line"),
        ("cut.tcx", tcx_text()[:700], "cut short or is not well-formed XML (line"),
        ("cut.fit", fit_bytes()[:-20], "FIT file is cut short or damaged"),
        ("bad-crc.fit", fit_bytes()[:-1] + b"\x00", "FIT file is cut short or damaged"),
        ("ride.gpx", gpx_text(sport="cycling"), "this is a cycling activity, not a run"),
        ("ride.tcx", tcx_text(sport="Biking"), "this is a biking activity, not a run"),
        ("ride.fit", fit_bytes(sport=2), "this is a cycling activity, not a run"),
        ("course.fit", fit_bytes(file_type=6), "this FIT file is a course, not a recorded activity"),
        (
            "route.gpx",
            '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/>'
            "</rte></gpx>",
            "holds a route or waypoints, not a recorded run with times",
        ),
        ("plan.tcx", "<TrainingCenterDatabase><Courses/></TrainingCenterDatabase>", "holds no activity"),
        ("other.xml", "<kml><Document/></kml>", "neither a GPX track nor a TCX activity"),
        ("routine.gpx", '[routine]\nid = "x"\n', "not a GPX, FIT or TCX file"),
        ("laughs.gpx", BILLION_LAUGHS, "declares XML entities or a DTD, which a GPX track never needs"),
        ("secret.tcx", EXTERNAL_ENTITY, "declares XML entities or a DTD, which a TCX activity never needs"),
        ("day.gpx", gpx_text(minutes=60 * 7), "it lasts 7.0 hours; a run here is at most 6 hours"),
        ("still.gpx", gpx_text(minutes=0, points=2), "starts and ends at the same moment"),
    ],
)
def test_a_bad_file_is_refused_in_one_sentence_with_its_name(
    tmp_path: Path, name: str, content: str | bytes, sentence: str
) -> None:
    path = write_run_file(tmp_path, name, content)

    with pytest.raises(RunFileError) as refused:
        read_run_file(path)

    assert str(refused.value).startswith(f"{name}: ")
    assert sentence in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.gpx"
    with path.open("wb") as sparse:
        sparse.truncate(RUN_FILE_MAX_BYTES + 1)

    with pytest.raises(RunFileError, match=r"huge.gpx: the file is \d+ bytes; a run's file may be at most"):
        read_run_file(path)


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.gpx"
    os.mkfifo(path)

    with pytest.raises(RunFileError, match="not a plain file"):
        read_run_file(path)
