"""A run in a few words, the same in the app, the terminal and the report."""

from __future__ import annotations

from datetime import tzinfo

from coach.core.running.runs import Run, RunPain


def pace_text(minutes_per_km: float) -> str:
    """6.15 → "6:09 min/km"."""
    whole = int(minutes_per_km)
    seconds = round((minutes_per_km - whole) * 60)
    if seconds == 60:
        whole, seconds = whole + 1, 0
    return f"{whole}:{seconds:02d} min/km"


def run_line(run: Run, zone: tzinfo | None = None) -> str:
    """ "Tue 3 Mar 2026 08:10, 32 min, 5.20 km (6:09 min/km), 172 steps/min, from a TCX file"."""
    parts = [f"{run.started_at.astimezone(zone):%a %d %b %Y %H:%M}", f"{run.minutes:.0f} min"]
    if run.distance_km:
        pace = run.pace_min_per_km
        parts.append(f"{run.distance_km:.2f} km" + (f" ({pace_text(pace)})" if pace else ""))
    if run.cadence_spm:
        parts.append(f"{run.cadence_spm:.0f} steps/min")
    parts.append(SOURCE_WORDS[run.source.value])
    return ", ".join(parts)


SOURCE_WORDS = {
    "guided": "guided by the app",
    "logged": "logged by hand",
    "gpx": "from a GPX file",
    "fit": "from a FIT file",
    "tcx": "from a TCX file",
}


def pain_text(pain: RunPain) -> str:
    """ "pain 2 during, 1 after an hour, - next morning" (a dash: not answered)."""

    def shown(value: int | None) -> str:
        return "-" if value is None else str(value)

    return (
        f"pain {shown(pain.during)} during, {shown(pain.after_hour)} after an hour, "
        f"{shown(pain.next_morning)} next morning"
    )
