from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from coach.core.settings import SETTINGS_FILE, Settings, load_settings, save_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


def test_saved_settings_come_back(tmp_path: Path) -> None:
    chosen = Settings(voice=False, beeps=True, reminder_days=(1, 3, 5), reminder_time=time(18, 30))
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen
    assert not list(tmp_path.glob(".settings-*"))


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[]", '{"voice": "no", "reminder_days": [0, 9], "reminder_time": "25:99"}'],
)
def test_damaged_file_falls_back_to_defaults(tmp_path: Path, text: str) -> None:
    (tmp_path / SETTINGS_FILE).write_text(text, encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_one_bad_value_keeps_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text('{"voice": false, "beeps": 3}', encoding="utf-8")
    assert load_settings(tmp_path) == Settings(voice=False, beeps=True)


def test_reminder_history_comes_back_and_naive_times_are_dropped(tmp_path: Path) -> None:
    handled = datetime(2026, 3, 2, 18, 5, tzinfo=UTC)
    chosen = Settings(reminder_handled_at=handled, reminder_snoozed_until=handled + timedelta(minutes=10))
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen

    (tmp_path / SETTINGS_FILE).write_text(
        '{"reminder_handled_at": "2026-03-02T18:05:00", "reminder_snoozed_until": 5}', encoding="utf-8"
    )
    assert load_settings(tmp_path) == Settings()


def test_the_affected_side_comes_back_and_anything_else_is_not_said(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(affected_side="left"))
    assert load_settings(tmp_path).affected_side == "left"

    (tmp_path / SETTINGS_FILE).write_text('{"affected_side": "both"}', encoding="utf-8")
    assert load_settings(tmp_path).affected_side == ""
