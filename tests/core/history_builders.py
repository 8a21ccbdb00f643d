"""Session records in code for the history tests: a day, a zone, a pain, a morning answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from coach.core.history.records import SessionRecord, SessionStatus


def session_on(
    day: date,
    *,
    hour: int = 18,
    tz: tzinfo = UTC,
    per_week: int = 3,
    done: int = 10,
    total: int = 10,
    status: SessionStatus = SessionStatus.COMPLETED,
    pain: int | None = None,
    morning_pain: int | None = None,
    routine_id: str = "r",
    routine_hash: str = "",
    simulated: bool = False,
    session_id: int = 0,
    pain_before: int | None = None,
    hurt: frozenset[str] = frozenset(),
    signs: tuple[tuple[str, bool | None], ...] = (),
) -> SessionRecord:
    local = datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    offset = local.utcoffset() or timedelta(0)
    started = local.astimezone(UTC)
    return SessionRecord(
        id=session_id,
        routine_id=routine_id,
        routine_title=routine_id.title(),
        routine_path="",
        sessions_per_week=per_week,
        started_at=started,
        finished_at=started + timedelta(minutes=20),
        status=status,
        steps_total=total,
        steps_completed=done,
        simulated=simulated,
        pain=pain,
        note="",
        utc_offset_minutes=int(offset.total_seconds() // 60),
        routine_hash=routine_hash,
        morning_pain=morning_pain,
        morning_at=started + timedelta(hours=14) if morning_pain is not None else None,
        pain_before=pain_before,
        hurt=hurt,
        warning_signs=signs,
    )
