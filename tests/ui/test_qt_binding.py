"""The Qt binding the desk runs on must not leak or steal references on its hot paths.

PySide6 6.12.0 took one reference away from ``None`` on every call of a Qt method returning
nothing; on Python 3.11 (where ``None`` is refcounted) the desk aborted with "deallocating None"
after a few thousand keystrokes. pyproject.toml keeps that release out; this test keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_calling_void_qt_methods_leaves_none_s_references_alone(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = 2_000
    before = sys.getrefcount(None)
    for _ in range(calls):
        widget.setObjectName("x")
        widget.update()
    after = sys.getrefcount(None)
    # Other threads may hold or drop a few references meanwhile; one lost per call is a leak.
    lost = before - after
    assert lost < calls // 10, f"None lost {lost} references in {2 * calls} calls"
