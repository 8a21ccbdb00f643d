"""Guards against a Qt binding that corrupts Python's reference counts (seen in PySide6 6.12.0 on 3.11).

PySide6 6.12.0 dropped one reference to None on every Qt call returning nothing; after a few thousand calls
(one paint of the history charts) Python aborted with "deallocating None". pyproject.toml excludes that
version; this test fails if a lock or an upgrade brings such a binding back.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683)")
def test_qt_calls_that_return_nothing_leave_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)

    for _ in range(500):
        label.setText("x")
        label.update()

    assert sys.getrefcount(None) >= before - 50  # other code may let go of a few; never ~1000
