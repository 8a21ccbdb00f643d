"""A TCX activity (Garmin's Training Center XML) read with defusedxml: laps, track points, cadence."""

from __future__ import annotations

from datetime import datetime
from xml.etree.ElementTree import Element

from coach.core.i18n import _
from coach.core.running.imports import NotARunError, RunSummary, check_sport, steps_per_minute
from coach.core.running.xml_safety import local_name, parse_xml


def read_tcx(raw: bytes) -> RunSummary:
    """The first activity of a TCX file: its laps' timer time and distance, its points' times, cadence."""
    root = parse_xml(raw, "TCX activity")
    activity = next((e for e in root.iter() if local_name(e) == "Activity"), None)
    if activity is None:
        raise NotARunError(_("the TCX file holds no activity (a course or a workout plan is not a run)"))
    check_sport(activity.get("Sport"))
    laps = [e for e in activity if local_name(e) == "Lap"]
    times = [_moment(e.text) for e in activity.iter() if local_name(e) == "Time" and e.text]
    starts = [_moment(lap.get("StartTime", "")) for lap in laps if lap.get("StartTime")]
    moments = [m for m in times + starts if m is not None]
    if not moments:
        raise NotARunError(_("the TCX activity has no times: there is no recorded run in it"))
    start, end = min(moments), max(moments)
    timer = sum(_number(_child(lap, "TotalTimeSeconds")) or 0 for lap in laps)
    metres = sum(_number(_child(lap, "DistanceMeters")) or 0 for lap in laps)
    elapsed = max((end - start).total_seconds(), timer)
    cadence = [
        value
        for e in activity.iter()
        if local_name(e) == "RunCadence"
        for value in [_number(e.text)]
        if value is not None
    ]
    return RunSummary(
        started_at=start,
        minutes=elapsed / 60,
        distance_km=round(metres / 1000, 3) if metres else None,
        moving_minutes=round(timer / 60, 2) if timer else None,
        cadence_spm=steps_per_minute(cadence),
    )


def _child(element: Element, name: str) -> str | None:
    found = next((e for e in element if local_name(e) == name), None)
    return found.text if found is not None else None


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise NotARunError(
            _("the TCX file has a time that is not a time: {text}").format(text=repr(text.strip()[:40]))
        ) from None
