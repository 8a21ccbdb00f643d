"""`coach backup list` shows each copy's kind, a damaged one as damaged; `restore` refuses a damaged one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import EXAMPLE
from tests.core.store.test_daily_check import damage_table


def two_backups(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    run(capsys, "run", str(EXAMPLE), "--instant")
    run(capsys, "run", str(EXAMPLE), "--instant")  # today's backup
    _, out, _ = run(capsys, "backup", "list", "--json")
    found: list[dict[str, object]] = json.loads(out)["backups"]
    return found


def test_backup_list_says_a_damaged_backup_is_damaged_and_restore_refuses_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (backup,) = two_backups(data_dir, capsys)
    damage_table(data_dir / "backups" / f"coach-{backup['id']}.db", "sessions")

    code, out, _ = run(capsys, "backup", "list")
    assert code == 0
    assert "DAMAGED, cannot be restored" in out
    assert "1 session" not in out
    _, out, _ = run(capsys, "backup", "list", "--json")
    assert json.loads(out)["backups"][0]["damaged"]

    code, _, err = run(capsys, "backup", "restore", str(backup["id"]))
    assert code == 1
    assert "is damaged" in err
    assert "nothing was changed" in err
    _, out, _ = run(capsys, "history", "--include-simulated", "--json")
    assert len(json.loads(out)["sessions"]) == 2  # the real history, untouched


def test_the_history_a_restore_replaced_is_listed_with_its_kind_and_comes_back(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (backup,) = two_backups(data_dir, capsys)
    run(capsys, "backup", "restore", str(backup["id"]))

    code, out, _ = run(capsys, "backup", "list")
    assert code == 0
    (line,) = [row for row in out.splitlines() if row.startswith("before-restore-")]
    assert "before-restore" in line.split()[-3:]
    assert line.endswith("2 sessions")
    _, out, _ = run(capsys, "backup", "list", "--json")
    (kept,) = [b for b in json.loads(out)["backups"] if b["kind"] == "before-restore"]

    code, out, _ = run(capsys, "backup", "restore", kept["id"])
    assert code == 0
    _, out, _ = run(capsys, "history", "--include-simulated", "--json")
    assert len(json.loads(out)["sessions"]) == 2
