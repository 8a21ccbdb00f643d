"""A GPX track (the file most running apps export) read with gpxpy, after defusedxml has vetted the XML."""

from __future__ import annotations

import gpxpy
import gpxpy.gpx

from coach.core.i18n import _
from coach.core.running.imports import NotARunError, RunSummary, check_sport, steps_per_minute
from coach.core.running.xml_safety import local_name, parse_xml


def read_gpx(raw: bytes) -> RunSummary:
    """The run in a GPX file: its tracks' first and last timed points, distance, moving time, cadence."""
    parse_xml(raw, "GPX track")  # refuses entities and DTDs before gpxpy parses the same bytes
    try:
        gpx = gpxpy.parse(raw.decode("utf-8", errors="replace"))
    except gpxpy.gpx.GPXException as error:
        raise NotARunError(_("gpxpy could not read the GPX track ({error})").format(error=error)) from None
    for track in gpx.tracks:
        check_sport(track.type)
    points = [p for t in gpx.tracks for s in t.segments for p in s.points]
    timed = [p.time for p in points if p.time is not None]
    if not timed:
        if gpx.routes or gpx.waypoints:
            raise NotARunError(_("the GPX file holds a route or waypoints, not a recorded run with times"))
        raise NotARunError(_("the GPX file holds no track points, not a recorded run with times"))
    start, end = min(timed), max(timed)
    moving = gpx.get_moving_data()
    cadence = [
        float(child.text)
        for p in points
        for extension in p.extensions
        for child in extension.iter()
        if local_name(child) == "cad" and child.text and _is_number(child.text)
    ]
    metres = gpx.length_2d()
    return RunSummary(
        started_at=start,
        minutes=(end - start).total_seconds() / 60,
        distance_km=round(metres / 1000, 3) if metres else None,
        moving_minutes=round(moving.moving_time / 60, 2) if moving and moving.moving_time else None,
        cadence_spm=steps_per_minute(cadence),
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
