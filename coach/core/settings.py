"""The user's preferences: one small JSON file in the data folder, written atomically.

A damaged or hand-edited file never stops the app: unknown keys are ignored and a value of the wrong type
falls back to its default.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from coach.core.files import write_text_whole
from coach.core.history.reminders import WAKING_FROM, WAKING_UNTIL
from coach.core.i18n import LANGUAGES
from coach.core.paths import ensure_private_dir
from coach.core.reading import UnreadableFileError, read_bounded

SETTINGS_FILE = "settings.json"
AFFECTED_SIDES = ("left", "right")
MAX_BACKUPS_KEPT = 60
MAX_SETTINGS_BYTES = 1_000_000  # the settings are a few hundred bytes


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user chose. `reminder_days` are ISO weekdays (1 = Monday … 7 = Sunday).

    The two `reminder_…_at/until` times are what happened to reminders (see `coach.core.history.reminders`),
    kept here so that a reminder missed while the app was closed still shows once when it starts.
    """

    voice: bool = True
    beeps: bool = True
    reminder_days: tuple[int, ...] = ()
    reminder_time: time | None = None
    reminder_handled_at: datetime | None = None
    reminder_snoozed_until: datetime | None = None
    report_name: str = ""  # the report's optional name line
    # The waking hours a several-times-a-day routine's doses are spread across (coach.core.history.reminders).
    waking_from: time = WAKING_FROM
    waking_until: time = WAKING_UNTIL
    welcomed: bool = False  # the first-run welcome has been shown
    backups_kept: int = 7  # daily backups kept beside the database (0: none taken at start)
    # The leg with runner's knee, "left" or "right" ('' not said yet): format 3's "affected" and "unaffected"
    # sides become it and the other, in the player, history and the CSV.
    affected_side: str = ""
    # The language chosen in the app or with `coach settings --language` ('': the desktop's), used from the
    # next start.
    language: str = ""

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _to_json(settings: Settings) -> dict[str, Any]:
    return {
        "voice": settings.voice,
        "beeps": settings.beeps,
        "reminder_days": list(settings.reminder_days),
        "reminder_time": settings.reminder_time.strftime("%H:%M") if settings.reminder_time else None,
        "reminder_handled_at": _moment_json(settings.reminder_handled_at),
        "reminder_snoozed_until": _moment_json(settings.reminder_snoozed_until),
        "report_name": settings.report_name,
        "waking_from": settings.waking_from.strftime("%H:%M"),
        "waking_until": settings.waking_until.strftime("%H:%M"),
        "welcomed": settings.welcomed,
        "backups_kept": settings.backups_kept,
        "affected_side": settings.affected_side,
        "language": settings.language,
    }


def _moment_json(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _moment(raw: object) -> datetime | None:
    """A timezone-aware moment, or None for anything else (a naive time would be ambiguous)."""
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _from_json(raw: object) -> Settings:
    default = Settings()
    if not isinstance(raw, dict):
        return default
    voice = raw.get("voice")
    beeps = raw.get("beeps")
    days = raw.get("reminder_days")
    valid_days: tuple[int, ...] = ()
    if isinstance(days, list) and all(isinstance(d, int) and 1 <= d <= 7 for d in days):
        valid_days = tuple(sorted(set(days)))
    reminder_time = _time_of_day(raw.get("reminder_time"))
    return Settings(
        voice=voice if isinstance(voice, bool) else default.voice,
        beeps=beeps if isinstance(beeps, bool) else default.beeps,
        reminder_days=valid_days,
        reminder_time=reminder_time,
        reminder_handled_at=_moment(raw.get("reminder_handled_at")),
        reminder_snoozed_until=_moment(raw.get("reminder_snoozed_until")),
        report_name=name.strip() if isinstance(name := raw.get("report_name"), str) else "",
        waking_from=_time_of_day(raw.get("waking_from")) or default.waking_from,
        waking_until=_time_of_day(raw.get("waking_until")) or default.waking_until,
        welcomed=raw.get("welcomed") is True,
        backups_kept=_backups_kept(raw.get("backups_kept"), default.backups_kept),
        affected_side=side if (side := raw.get("affected_side")) in AFFECTED_SIDES else "",
        language=code if (code := raw.get("language")) in LANGUAGES else "",
    )


def _time_of_day(raw: object) -> time | None:
    """A time of day to the minute from 'HH:MM', or None for anything else."""
    if not isinstance(raw, str):
        return None
    try:
        return time.fromisoformat(raw).replace(second=0, microsecond=0)
    except ValueError:
        return None


def _backups_kept(raw: object, default: int) -> int:
    """A whole number of backups from 0 to MAX_BACKUPS_KEPT; anything else is the default."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_BACKUPS_KEPT:
        return default
    return raw


def load_settings(data_dir: Path) -> Settings:
    """The saved settings, or the defaults when there are none or the file cannot be read."""
    try:
        # Bounded, plain files only: a FIFO would hang the app, a link to /dev/zero fill its memory.
        raw = read_bounded(data_dir / SETTINGS_FILE, MAX_SETTINGS_BYTES, "settings.json")
        return _from_json(json.loads(raw.decode("utf-8")))
    except (UnreadableFileError, ValueError, RecursionError):
        return Settings()


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write the settings so that a crash mid-write leaves the old file, never half a new one."""
    ensure_private_dir(data_dir)
    write_text_whole(data_dir / SETTINGS_FILE, json.dumps(_to_json(settings), indent=2) + "\n")
