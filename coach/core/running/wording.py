"""A run in a few words, the same in the app, the terminal and the report."""

from __future__ import annotations

from datetime import tzinfo

from coach.core.i18n import N_, _, format_decimal, format_moment
from coach.core.running.runs import Run, RunPain


def pace_text(minutes_per_km: float) -> str:
    """6.15 → "6:09 min/km"."""
    whole = int(minutes_per_km)
    seconds = round((minutes_per_km - whole) * 60)
    if seconds == 60:
        whole, seconds = whole + 1, 0
    return _("{minutes}:{seconds} min/km").format(minutes=whole, seconds=f"{seconds:02d}")


def run_line(run: Run, zone: tzinfo | None = None) -> str:
    """ "Tue 3 Mar 2026 08:10, 32 min, 5.20 km (6:09 min/km), 172 steps/min, from a TCX file"."""
    started = format_moment(run.started_at.astimezone(zone), "%a %d %b %Y %H:%M", "yMMMEd")
    parts = [started, _("{minutes} min").format(minutes=f"{run.minutes:.0f}")]
    if run.distance_km:
        pace = run.pace_min_per_km
        distance = _("{km} km").format(km=format_decimal(run.distance_km, 2))
        parts.append(distance + (f" ({pace_text(pace)})" if pace else ""))
    if run.cadence_spm:
        parts.append(_("{steps} steps/min").format(steps=f"{run.cadence_spm:.0f}"))
    parts.append(_(SOURCE_WORDS[run.source.value]))
    return ", ".join(parts)


SOURCE_WORDS = {  # N_-marked English: translated where shown
    "guided": N_("guided by the app"),
    "logged": N_("logged by hand"),
    "gpx": N_("from a GPX file"),
    "fit": N_("from a FIT file"),
    "tcx": N_("from a TCX file"),
}


def pain_text(pain: RunPain) -> str:
    """ "pain 2 during, 1 after an hour, - next morning" (a dash: not answered)."""

    def shown(value: int | None) -> str:
        return "-" if value is None else str(value)

    return _("pain {during} during, {after_hour} after an hour, {next_morning} next morning").format(
        during=shown(pain.during), after_hour=shown(pain.after_hour), next_morning=shown(pain.next_morning)
    )
