"""Counted words agree with their number in both languages (issue 12, item 8: "1 candidates"),
through Qt's numerus translations (tr with n, %n): English and French plural rules differ
(French says "0 conflit", English "0 conflicts")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from ui.app import translations


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 0, "0 conflicts"), ("en", 1, "1 conflict"), ("en", 2, "2 conflicts"),
    ("fr", 0, "0 conflit"), ("fr", 1, "1 conflit"), ("fr", 2, "2 conflits"),
])
def test_numerus_forms(qapp, lang: str, n: int, expected: str) -> None:
    translations(qapp).install(lang)
    assert QCoreApplication.translate("MainWindow", "%n conflict(s)", "", n) == expected


def test_one_candidate_listed_on_the_mark_sheet(qtbot, window) -> None:
    page = window.page("written_tests")
    present = [r for r in page.model.rows() if page.proxy.accepts(r)]  # present free movers
    assert len(present) > 1
    for r in present[1:]:  # all but one checked out: the sheet lists one candidate
        window.ctx.edits.set_status(r.candidate_id, "absent")
    window.show_page("written_tests")
    window.ctx.changed.emit("", "")
    assert page.summary.text().startswith("1 candidate listed,"), page.summary.text()
    window.set_language("fr")
    page = window.page("written_tests")
    assert page.summary.text().startswith("1 candidat listé,"), page.summary.text()


def test_status_bar_counts(qtbot, window) -> None:
    window.refresh_status()
    assert window.chip_conflicts.text() == "0 conflicts"
    window.set_language("fr")
    assert window.chip_conflicts.text() == "0 conflit"
