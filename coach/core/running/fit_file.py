"""A FIT activity (the binary file Garmin, Coros, Suunto and Wahoo watches record) read with fitdecode.

The session message has the run's figures; a watch that stopped before writing it (a flat battery) leaves
only the records, from which the start, end, distance and cadence are taken. A CRC that does not match or a
file cut short is refused whole, never half-read.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import fitdecode

from coach.core.i18n import _
from coach.core.running.imports import NotARunError, RunSummary, check_sport, steps_per_minute


def read_fit(raw: bytes) -> RunSummary:
    """The run in a FIT file: from its session message, else from its records."""
    sessions: list[Any] = []
    records: list[Any] = []
    try:
        with fitdecode.FitReader(
            io.BytesIO(raw),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "file_id":
                    kind = frame.get_value("type", fallback=None)
                    if kind not in (None, "activity"):
                        raise NotARunError(
                            _("this FIT file is a {kind}, not a recorded activity").format(kind=kind)
                        )
                elif frame.name == "session":
                    sessions.append(frame)
                elif frame.name == "record":
                    records.append(frame)
    except fitdecode.FitError:
        raise NotARunError(_("the FIT file is cut short or damaged (its check does not match)")) from None
    if sessions:
        return _from_session(sessions[0], records)
    return _from_records(records)


def _value(frame: Any, *names: str) -> Any:
    for name in names:
        value = frame.get_value(name, fallback=None)
        if value is not None:
            return value
    return None


def _from_session(session: Any, records: list[Any]) -> RunSummary:
    check_sport(_text(_value(session, "sport")))
    start = _value(session, "start_time")
    if not isinstance(start, datetime):
        return _from_records(records)
    elapsed = _value(session, "total_elapsed_time")
    timer = _value(session, "total_timer_time")
    metres = _value(session, "total_distance")
    cadence = _value(session, "avg_running_cadence", "avg_cadence")
    seconds = float(elapsed if elapsed is not None else timer or 0)
    return RunSummary(
        started_at=start,
        minutes=seconds / 60,
        distance_km=round(float(metres) / 1000, 3) if metres else None,
        moving_minutes=round(float(timer) / 60, 2) if timer else None,
        cadence_spm=steps_per_minute([float(cadence)]) if cadence else None,
    )


def _from_records(records: list[Any]) -> RunSummary:
    times = [t for t in (_value(r, "timestamp") for r in records) if isinstance(t, datetime)]
    if not times:
        raise NotARunError(_("the FIT file has no timed records: there is no recorded run in it"))
    metres = [float(d) for d in (_value(r, "distance") for r in records) if d is not None]
    cadence = [float(c) for c in (_value(r, "cadence") for r in records) if c is not None]
    start, end = min(times), max(times)
    farthest = max(metres, default=0.0)
    return RunSummary(
        started_at=start,
        minutes=(end - start).total_seconds() / 60,
        distance_km=round(farthest / 1000, 3) if farthest else None,
        cadence_spm=steps_per_minute(cadence),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
