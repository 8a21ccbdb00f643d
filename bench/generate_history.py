"""Fill a Rehab Coach database with years of realistic, deterministic daily history (for benchmarks).

    python -m bench.generate_history DB [--years 10] [--seed 6]

3 to 5 sessions a week with gaps, a fortnight's holiday a year marked as rest, a few flare-ups, now and then
a session stopped early or a set skipped, pain drifting between 0 and 7 with next-morning answers, and a
week a year abroad (New York) while the rest happens in London. The schema comes from AdherenceStore.open
(every migration); the rows go in with bulk inserts inside one transaction, as the store would write them.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.core.history.tension import tension_done
from coach.core.paths import resolve_places
from coach.core.routines.loader import load_routine
from coach.core.routines.model import Routine, Step, plan_steps
from coach.core.store.adherence import AdherenceStore
from coach.core.store.work_totals import recount_all_work_totals

HOME = ZoneInfo("Europe/London")
ABROAD = ZoneInfo("America/New_York")
SESSION_COLUMNS = (
    "id, routine_id, routine_title, routine_path, sessions_per_week, started_at, finished_at, status,"
    " steps_total, simulated, pain, note, night_pain, swelling, utc_offset_minutes, time_zone, routine_hash,"
    " routine_since, morning_pain, morning_at"
)
STEP_COLUMNS = (
    "session_id, step_index, kind, exercise_id, set_number, side, rep, planned_seconds, started_at,"
    " finished_at, skipped, tension_prescribed, tension_done"
)


@dataclass
class _Person:
    """The simulated person's state as the years go by."""

    rng: random.Random
    pain: float = 4.0

    def drift_pain(self) -> int:
        self.pain = min(7.0, max(0.0, self.pain + self.rng.uniform(-0.6, 0.55)))
        return round(self.pain)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _session_days(first: date, last: date, rng: random.Random, away: set[date]) -> Iterator[date]:
    """3 to 5 days of each week, none on a holiday, with an occasional lost week."""
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        if rng.random() > 0.06:  # one week in about sixteen lost to life
            for offset in sorted(rng.sample(range(7), rng.randint(3, 5))):
                day = monday + timedelta(days=offset)
                if first <= day <= last and day not in away:
                    yield day
        monday += timedelta(weeks=1)


def _marks(first: date, last: date, rng: random.Random) -> list[tuple[str, date, date, str]]:
    marks = []
    for year in range(first.year, last.year + 1):
        start = date(year, 8, 1) + timedelta(days=rng.randint(0, 20))
        marks.append(("rest", start, start + timedelta(days=13), "summer holiday"))
        for _ in range(rng.randint(0, 3)):
            flare = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
            marks.append(("flare-up", flare, flare + timedelta(days=rng.randint(0, 3)), "knee flared up"))
    return [m for m in marks if m[1] >= first and m[2] <= last]


def _step_rows(
    session_id: int, steps: tuple[Step, ...], start: datetime, stop_at: int, rng: random.Random
) -> Iterator[tuple[object, ...]]:
    moment = start
    for step in steps[:stop_at]:
        end = moment + timedelta(seconds=step.seconds)
        skipped = step.kind.is_work and rng.random() < 0.01
        yield (
            session_id,
            step.index,
            step.kind.value,
            step.exercise_id,
            step.set_number,
            step.side,
            step.rep,
            step.seconds,
            _utc(moment),
            _utc(end),
            int(skipped),
            step.tension_seconds,
            tension_done(step, skipped=skipped, active_seconds=None),
        )
        moment = end


def generate(path: Path, years: int = 10, seed: int = 6, today: date | None = None) -> int:
    """Write `years` of history ending `today` into a new database at `path`; returns the sessions written."""
    if path.exists():
        raise FileExistsError(f"{path} exists; the generator only fills a new database")
    AdherenceStore.open(path).close()  # the schema, through every migration
    places = resolve_places({})
    routine: Routine = load_routine(places.bundled_routines / "hip-strength.toml", places.assets)
    steps = plan_steps(routine)
    work_total = sum(1 for s in steps if s.kind.is_work)
    rng = random.Random(seed)
    last = today or date.today()
    first = last.replace(year=last.year - years)
    marks = _marks(first, last, rng)
    away = {a + timedelta(n) for kind, a, b, _ in marks if kind == "rest" for n in range((b - a).days + 1)}
    person = _Person(rng)
    sessions: list[tuple[object, ...]] = []
    step_rows: list[tuple[object, ...]] = []
    for number, day in enumerate(_session_days(first, last, rng, away), start=1):
        zone = ABROAD if day.timetuple().tm_yday in range(100, 107) else HOME
        start = datetime.combine(day, time(rng.choice((7, 12, 18, 20)), rng.randint(0, 59)), zone)
        stopped = rng.random() < 0.04
        stop_at = rng.randint(10, len(steps) - 1) if stopped else len(steps)
        rows = list(_step_rows(number, steps, start, stop_at, rng))
        end = datetime.fromisoformat(str(rows[-1][9]))
        pain = person.drift_pain() if rng.random() < 0.9 else None
        morning = max(0, (pain or 2) - rng.randint(0, 2)) if rng.random() < 0.8 else None
        offset = start.utcoffset() or timedelta(0)
        sessions.append(
            (
                number,
                routine.id,
                routine.title,
                str(routine.path),
                routine.sessions_per_week,
                _utc(start),
                _utc(end),
                "stopped" if stopped else "completed",
                work_total,
                0,
                pain,
                "",
                0,
                0,
                int(offset.total_seconds() // 60),
                zone.key,
                routine.content_hash,
                first.isoformat(),
                morning,
                _utc(start + timedelta(hours=14)) if morning is not None or rng.random() < 0.5 else None,
            )
        )
        step_rows += rows
    with closing(sqlite3.connect(path)) as db, db:
        db.executemany(f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({', '.join('?' * 20)})", sessions)
        db.executemany(f"INSERT INTO step_results ({STEP_COLUMNS}) VALUES ({', '.join('?' * 13)})", step_rows)
        db.executemany(
            "INSERT INTO planned_work (session_id, exercise_id, exercise_name, side, steps, tension_seconds)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(n, *work) for n in range(1, len(sessions) + 1) for work in _planned(steps)],
        )
        recount_all_work_totals(db)  # what record_step keeps step by step, for the bulk-inserted rows
        db.executemany(
            "INSERT INTO day_marks (kind, first_day, last_day, reason, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (kind, a.isoformat(), b.isoformat(), why, _utc(datetime.combine(a, time(), HOME)))
                for kind, a, b, why in marks
            ],
        )
    store = AdherenceStore.open(path)
    try:
        store.settle_days()  # what the store keeps session by session (m009), for the bulk-inserted rows
    finally:
        store.close()
    return len(sessions)


def _planned(steps: tuple[Step, ...]) -> list[tuple[str, str, str, int, float]]:
    counts: dict[tuple[str, str, str], int] = {}
    tension: dict[tuple[str, str, str], float] = {}
    for s in steps:
        if s.kind.is_work:
            key = (s.exercise_id, s.exercise_name, s.side or "")
            counts[key] = counts.get(key, 0) + 1
            tension[key] = tension.get(key, 0.0) + (s.tension_seconds or 0.0)
    return [(*key, count, tension[key]) for key, count in counts.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    count = generate(args.database, args.years, args.seed)
    print(f"wrote {count} sessions over {args.years} years to {args.database}")


if __name__ == "__main__":
    main()
