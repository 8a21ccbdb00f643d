"""`coach history`: sessions, icing runs and the summary, as lines or as JSON."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from coach.cli.parser import EXIT_OK, UsageError
from coach.core.history.outcome import session_outcome
from coach.core.history.records import IcingRecord, IcingStatus, SessionRecord
from coach.core.history.stats import is_daily_plan
from coach.core.i18n import (
    ENGLISH,
    _,
    format_decimal,
    format_moment,
    language,
    ngettext,
    pgettext,
    use_language,
)
from coach.core.operations.context import Coach
from coach.core.operations.queries import history_records

if TYPE_CHECKING:
    from coach.core.running.runs import Run


@contextmanager
def in_english() -> Iterator[None]:
    """English for what is made inside: `--json` is a public contract, its sentences ("reason", "sentence")
    read the same whatever language the person chose; the language chosen comes back after."""
    code = language()
    if code == ENGLISH:
        yield
        return
    use_language(ENGLISH, None)
    try:
        yield
    finally:
        from coach.core.paths import catalogues

        use_language(code, catalogues())


def _moment(moment: datetime) -> str:
    """'Tue 03 Mar 2026 08:10'; the day and time as the chosen language writes them."""
    return format_moment(moment, "%a %d %b %Y %H:%M", "yMMMEd")


def _icing_status(status: IcingStatus) -> str:
    return {
        IcingStatus.OPEN: pgettext("icing status", "open"),
        IcingStatus.FINISHED: pgettext("icing status", "finished"),
        IcingStatus.STOPPED: pgettext("icing status", "stopped"),
    }[status]


def _local(moment: datetime) -> str:
    """A stored time in the system's zone, with its offset (a session's are in the zone it happened in)."""
    return moment.astimezone().isoformat(timespec="seconds")


def _session_json(record: SessionRecord) -> dict[str, Any]:
    """One session for the JSON document. Times, days and enums stay objects: orjson writes them in C
    (to the second, the offset kept; an enum as its value), the text `isoformat(timespec="seconds")` and
    `.value` give."""
    start = record.local_start()  # in the zone the session happened in (else the system's), with its offset
    finished = record.finished_at
    return {
        "id": record.id,
        "routine_id": record.routine_id,
        "routine_title": record.routine_title,
        "started_at": start,
        "finished_at": finished.astimezone(start.tzinfo) if finished else None,
        "status": record.status,
        "completed": record.completed,
        "steps_completed": record.steps_completed,
        "steps_total": record.steps_total,
        "pain": record.pain,
        "note": record.note,
        "simulated": record.simulated,
        "local_date": start.date(),
        "time_zone": record.time_zone or None,
        "morning_pain": record.morning_pain,
        "routine_version": record.routine_hash or None,
        "outcome": session_outcome(record),
        "warning_signs": dict(record.warning_signs),
        "pain_before": record.pain_before,
    }


def _icing_json(record: IcingRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "started_at": _local(record.started_at),
        "finished_at": _local(record.finished_at) if record.finished_at else None,
        "planned_minutes": record.planned_minutes,
        "actual_minutes": record.actual_minutes,
        "status": record.status.value,
    }


def _run_json(run: Run) -> dict[str, Any]:
    pain = run.pain
    return {
        "id": run.id,
        "started_at": run.started_at.astimezone(),  # a run keeps no zone: the system's, with its offset
        "minutes": round(run.minutes, 2),
        "distance_km": run.distance_km,
        "moving_minutes": run.moving_minutes,
        "pace_min_per_km": round(run.pace_min_per_km, 2) if run.pace_min_per_km is not None else None,
        "cadence_spm": run.cadence_spm,
        "pain": {"during": pain.during, "after_hour": pain.after_hour, "next_morning": pain.next_morning},
        "source": run.source.value,
        "stage": run.stage,
        "simulated": run.simulated,
    }


def _write_runs(runs: list[Run], out: IO[str]) -> None:
    if not runs:
        return
    from coach.core.running.wording import pain_text, run_line

    out.write("\n" + _("Runs:") + "\n")
    out.writelines(f"{run_line(r)}; {pain_text(r.pain)}\n" for r in runs)


def _write_icing(icing: list[IcingRecord], out: IO[str]) -> None:
    if icing:
        out.write("\n" + _("Icing:") + "\n")
    for r in icing:
        actual = format_decimal(r.actual_minutes, 1) if r.actual_minutes is not None else "-"
        minutes = _("{actual} of {planned} min").format(actual=f"{actual:>4}", planned=r.planned_minutes)
        out.write(f"{_moment(r.started_at.astimezone())}  {minutes}  {_icing_status(r.status)}\n")


def _dose_done_json(coach: Coach, *, include_simulated: bool) -> dict[str, Any]:
    """Time under tension done against prescribed per exercise over the last weeks, as History shows it."""
    from coach.core.history.stats import SHORT_WEEKS
    from coach.core.operations.queries import recent_dose_done

    doses = recent_dose_done(coach, include_simulated=include_simulated)
    return {
        "weeks": SHORT_WEEKS,
        "exercises": [
            {
                "exercise_id": d.exercise_id,
                "exercise_name": d.exercise_name,
                "seconds_done": None if d.prescribed is None else d.done,
                "seconds_prescribed": d.prescribed,
                "percent": None if d.percent is None else round(d.percent, 1),
                "sentence": d.sentence(),
            }
            for d in doses
        ],
    }


def history_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    if args.window and args.json:
        raise UsageError(
            _("--window and --json cannot go together: the window shows the history, --json prints it")
        )
    if args.window:
        from coach.cli.launch import open_in_app

        return open_in_app("history", _("use `coach history` instead: it prints the same figures"))
    coach.backups = False  # reading takes no backup
    stored = history_records(coach, include_simulated=args.include_simulated)
    sessions, icing, marks, summary = stored.sessions, stored.icing, stored.marks, stored.summary
    streak = summary.streak
    if args.json:
        with in_english():
            dose_done = _dose_done_json(coach, include_simulated=args.include_simulated)
        payload = {
            "sessions": [_session_json(s) for s in sessions],
            "summary": {
                "streak_days": summary.streak_days,
                "streak_weeks": summary.streak_weeks,
                "this_week": {"sessions": summary.this_week_sessions, "planned": summary.this_week_planned},
                "adherence_4_weeks": summary.adherence_4_weeks,
                "sessions_completed": summary.sessions_completed,
                "icing_count": len(icing),
                "streak": {"unit": streak.unit, "current": streak.current, "longest": streak.longest},
            },
            "icing": [_icing_json(r) for r in icing],
            "dose_done": dose_done,
            "adherence": {
                "percent_4_weeks": _percent(summary.adherence_4_weeks),
                "current_streak_weeks": summary.streak_weeks,
                "longest_streak_weeks": summary.longest_streak_weeks,
                "current_streak_days": summary.streak_days,
                "longest_streak_days": summary.longest_streak_days,
                "daily_plan": is_daily_plan(summary.sessions_per_week),
                "marked_days": [
                    {
                        "kind": m.kind.value,
                        "from": str(m.first_day),
                        "to": str(m.last_day),
                        "reason": m.reason,
                    }
                    for m in marks
                ],
            },
            "runs": [_run_json(r) for r in stored.runs],
        }
        _write_json(payload, out)
        return EXIT_OK
    if not sessions:
        out.write(_("No sessions yet. Start one with 'coach run ROUTINE --terminal' or open the app.") + "\n")
    for s in sessions:
        pain = _("pain {pain}").format(pain=s.pain if s.pain is not None else "-")
        simulated = " " + _("(simulated)") if s.simulated else ""
        steps = _("{done}/{planned} steps").format(
            done=f"{s.steps_completed:>3}", planned=f"{s.steps_total:<3}"
        )
        out.write(
            f"{_moment(s.local_start())}  {s.routine_title:<36.36}  {session_outcome(s).label:<14}  "
            f"{steps}  {pain}{simulated}\n"
        )
    _write_icing(icing, out)
    _write_runs(stored.runs, out)
    done = summary.this_week_sessions
    if summary.sessions_per_week:
        week = ngettext(
            "This week: {count} session of {planned} planned",
            "This week: {count} sessions of {planned} planned",
            done,
        ).format(count=done, planned=summary.this_week_planned)
    else:
        week = ngettext("This week: {count} session", "This week: {count} sessions", done).format(count=done)
    out.write(f"\n{week}\n")
    days, weeks = summary.streak_days, summary.streak_weeks
    out.write(
        _("Streak: {days} in a row, {weeks} in a row on plan").format(
            days=ngettext("{count} day", "{count} days", days).format(count=days),
            weeks=ngettext("{count} week", "{count} weeks", weeks).format(count=weeks),
        )
        + "\n"
    )
    if summary.adherence_4_weeks is not None:
        out.write(
            _("Last 4 weeks: {percent}% of planned sessions done").format(
                percent=f"{summary.adherence_4_weeks:.0%}".rstrip("%")
            )
            + "\n"
        )
    if sessions:
        _write_dose_done(coach, out, include_simulated=args.include_simulated)
    return EXIT_OK


def _write_dose_done(coach: Coach, out: IO[str], *, include_simulated: bool) -> None:
    """The dose done under tension, as History's panel and `--json`'s "dose_done" give it: the core's
    sentences, one an exercise, or its "none to count"."""
    from coach.core.history.stats import SHORT_WEEKS
    from coach.core.history.tension import NO_TENSION, TENSION_HEADING
    from coach.core.operations.queries import recent_dose_done

    doses = recent_dose_done(coach, include_simulated=include_simulated)
    heading = _("{heading}, last {weeks} weeks").format(heading=_(TENSION_HEADING), weeks=SHORT_WEEKS)
    out.write(f"\n{heading}\n")
    out.writelines(f"  {line}\n" for line in ([d.sentence() for d in doses] or [_(NO_TENSION)]))


def _write_json(payload: dict[str, Any], out: IO[str]) -> None:
    """`payload` as JSON indented by two spaces, exactly as `json.dumps(payload, indent=2,
    ensure_ascii=False)` writes it, by orjson: the standard library's indenting encoder is pure Python
    (about 40 ms on ten years of sessions), orjson's writes the same text in about 2."""
    import orjson

    options = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_OMIT_MICROSECONDS
    text = orjson.dumps(payload, option=options)
    binary = getattr(out, "buffer", None)
    if binary is None:  # a text-only stream (a test's StringIO)
        out.write(text.decode("utf-8"))
        return
    out.flush()
    binary.write(text)
    binary.flush()


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)
