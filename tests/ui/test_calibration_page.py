"""The Calibration page (issue 17 §3): the chair sees the domain's figures (the same as
``calibrate`` on the same data), figures resting on too few candidates hidden as "n<8",
the largest gaps named by script code while the subject is anonymous and opening their
marks on the written-tests page; recomputed when a mark changes; other members get a
message and no figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.demo import init_demo
from app.domain.calibration import MIN_CANDIDATES, Calibration
from app.store.edits import EditService
from app.store.models import Assessor, Mark
from app.store.queries_calibration import load_calibration_input
from tests.ui.test_anonymous_marking import plan_written_tests
from ui.context import DeskContext
from ui.models.calibration import (
    COL_DEVIATION,
    COL_MARKS,
    COL_SCRIPT,
    COL_THIRD,
    CandidateIdRole,
)
from ui.pages.calibration import CalibrationPage


def expected(ctx: DeskContext) -> Calibration:
    with ctx.store.read() as s:
        return load_calibration_input(s, ctx.mission_id, ctx.actor_id).calibrate()


def signed(value: float) -> str:
    """The page's spelling in English, written independently: "+0.42", "−1.10", "0.00"."""
    text = f"{value:+.2f}"
    if text in ("+0.00", "-0.00"):
        return "0.00"
    return text.replace("-", "\u2212")


def names(ctx: DeskContext) -> dict[str, str]:
    with ctx.store.read() as s:
        return dict(s.execute(select(Assessor.id, Assessor.name)).all())


def show(qtbot, ctx: DeskContext) -> CalibrationPage:
    page = CalibrationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    if ctx.is_chair:
        qtbot.waitUntil(lambda: page.view is not None and not page.reader.busy,
                        timeout=20_000)
    return page


@pytest.fixture
def big(qapp, store):
    """The 300-candidate demo (the screenshots' mission): enough double-marked scripts and
    submitted scorecards for figures to show."""
    mission_id, chair_id = init_demo(store, candidates=300)
    return DeskContext(store, mission_id, chair_id)


def heat_cells(page: CalibrationPage) -> dict[tuple[str, str], str]:
    """(assessor name, criterion column title) -> cell text, as shown."""
    proxy = page.heat_proxy
    titles = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    return {(proxy.index(r, 0).data(), titles[c]): proxy.index(r, c).data()
            for r in range(proxy.rowCount()) for c in range(1, proxy.columnCount())}


def test_figures_are_the_domains(qtbot, big: DeskContext) -> None:
    page = show(qtbot, big)
    want = expected(big)
    who = names(big)
    labels = {c.key: c.label for c in big.config.rubric.criteria}
    cells = heat_cells(page)
    assert want.assessors and len(cells) == len(want.assessors)
    shown = 0
    for stat in want.assessors:
        text = cells[who[stat.assessor_id], labels[stat.criterion]]
        if stat.deviation.shown:
            shown += 1
            assert text == f"{signed(stat.deviation.value)} (n={stat.deviation.n})"
        else:
            assert text == f"n<{MIN_CANDIDATES}"
    assert shown, "the demo must show interview figures"

    proxy = page.markers_proxy
    rows = {(proxy.index(r, 0).data(), proxy.index(r, 1).data()): r
            for r in range(proxy.rowCount())}
    subjects = {s.key: s.label for s in big.config.subjects}
    assert want.markers and len(rows) == len(want.markers)
    for m in want.markers:
        r = rows[who[m.marker_id], subjects[m.subject]]
        d = m.deviation
        assert proxy.index(r, COL_DEVIATION).data() == (
            f"{signed(d.value)} [{signed(d.low)}, {signed(d.high)}]" if d.shown
            else f"n<{MIN_CANDIDATES}")
        t = m.third_reading_rate
        assert proxy.index(r, COL_THIRD).data() == (
            f"{round(100 * t.value)}%" if t.shown else f"n<{MIN_CANDIDATES}")

    # the largest gaps, largest first, with every marker's mark
    gaps = page.gaps_proxy
    assert gaps.rowCount() == len(want.gaps) > 0
    shown_gaps = [float(gaps.index(r, 3).data()) for r in range(gaps.rowCount())]
    assert shown_gaps == sorted(shown_gaps, reverse=True)
    assert sorted(shown_gaps) == sorted(round(g.gap, 2) for g in want.gaps)
    listed = {(gaps.index(r, 1).data(), gaps.index(r, COL_MARKS).data())
              for r in range(gaps.rowCount())}
    assert listed == {(subjects[g.subject], " · ".join(f"{who[a]} {v:g}" for a, v in g.values))
                      for g in want.gaps}


def test_figures_below_the_threshold_are_hidden(qtbot, ctx: DeskContext) -> None:
    """The 60-candidate demo: few double-marked scripts, so the markers' figures hide."""
    page = show(qtbot, ctx)
    want = expected(ctx)
    hidden = [m for m in want.markers if not m.deviation.shown]
    assert hidden, "the small demo has markers below the threshold"
    proxy = page.markers_proxy
    texts = [proxy.index(r, COL_DEVIATION).data() for r in range(proxy.rowCount())]
    assert texts.count(f"n<{MIN_CANDIDATES}") == len(hidden)
    tips = [proxy.index(r, COL_DEVIATION).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(proxy.rowCount())
            if proxy.index(r, COL_DEVIATION).data() == f"n<{MIN_CANDIDATES}"]
    assert all(t.startswith("Not enough data: n=") for t in tips)


def test_a_new_mark_is_computed_again_and_listed(qtbot, big: DeskContext) -> None:
    page = show(qtbot, big)
    with big.store.read() as s:
        lucas = s.scalar(select(Assessor.id).where(Assessor.name == "Dr. Lucas Moreau"))
        karim = s.scalar(select(Assessor.id).where(Assessor.name == "Prof. Karim Benali"))
        # a script Karim marked and Lucas did not
        double = {(c, sub) for c, sub in s.execute(select(Mark.candidate_id, Mark.subject)
                                                   .where(Mark.marker_id == lucas))}
        cid, subject, value = next(
            (c, sub, v) for c, sub, v in s.execute(
                select(Mark.candidate_id, Mark.subject, Mark.value)
                .where(Mark.marker_id == karim, Mark.value != "absent")
                .order_by(Mark.candidate_id))
            if (c, sub) not in double)
    far = Decimal(0) if Decimal(value) > 10 else Decimal(20)
    result = EditService(big.store, big.mission_id, lucas).set_mark(cid, subject, far)
    big.changed.emit("mark", result.row_id)
    gaps = page.gaps_proxy
    qtbot.waitUntil(lambda: gaps.rowCount() and gaps.index(0, 3).data()
                    == f"{abs(Decimal(value) - far):.2f}", timeout=20_000)
    assert page.current_candidate() is None  # nothing selected yet
    # no script code was ever issued (the demo is not seated): named as the written-tests
    # page names it, by application number and name
    with big.store.read() as s:
        from app.store.models import Candidate

        number = s.get(Candidate, cid).application_number
    row = next(r for r in range(gaps.rowCount())
               if gaps.index(r, 0).data(CandidateIdRole) == cid)
    assert gaps.index(row, 0).data().startswith(f"{number} · ")
    page.table.setCurrentIndex(gaps.index(row, 0))
    assert page.current_candidate() == cid  # Ctrl+I opens the candidate


def test_gaps_name_scripts_by_code_while_anonymous_and_open_the_marks(qtbot, window,
                                                                      ctx: DeskContext) -> None:
    codes = plan_written_tests(ctx.store, ctx.mission_id, ctx.actor_id)
    ctx.edits.reload()  # the mission's configuration now plans anonymous sittings
    with ctx.store.read() as s:
        lucas = s.scalar(select(Assessor.id).where(Assessor.name == "Dr. Lucas Moreau"))
        karim = s.scalar(select(Assessor.id).where(Assessor.name == "Prof. Karim Benali"))
        cid, subject, value = s.execute(
            select(Mark.candidate_id, Mark.subject, Mark.value)
            .where(Mark.marker_id == karim, Mark.value != "absent", Mark.candidate_id.in_(codes))
            .order_by(Mark.candidate_id)).first()
    far = Decimal(0) if Decimal(value) > 10 else Decimal(20)
    EditService(ctx.store, ctx.mission_id, lucas).set_mark(cid, subject, far)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)  # the shortcut
    page = window.page("calibration")
    assert isinstance(page, CalibrationPage) and window.current_page_key() == "calibration"
    qtbot.waitUntil(lambda: page.view is not None and not page.reader.busy, timeout=20_000)
    gaps = page.gaps_proxy
    row = next(r for r in range(gaps.rowCount())
               if gaps.index(r, COL_SCRIPT).data() == codes[cid])
    with ctx.store.read() as s:
        from app.store.models import Candidate

        person = s.get(Candidate, cid)
        number, family = person.application_number, person.family_name
    texts = " ".join(str(gaps.index(r, c).data()) for r in range(gaps.rowCount())
                     for c in range(gaps.columnCount()))
    assert number not in texts and family not in texts  # anonymity holds
    page.tabs.setCurrentIndex(1)
    page.table.setCurrentIndex(gaps.index(row, 0))
    assert page.current_candidate() is None  # Ctrl+I would name the candidate
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page_key() == "written_tests"
    marks = window.page("written_tests")
    assert marks.model.subject.key == subject and marks.search.text() == codes[cid]
    assert marks.proxy.rowCount() == 1
    shown = marks.model.row_at(marks.proxy.mapToSource(marks.proxy.index(0, 0)).row())
    assert shown.candidate_id == cid


def test_other_members_get_a_message_and_no_figures(qtbot, ctx: DeskContext) -> None:
    with ctx.store.read() as s:
        sophie = s.scalar(select(Assessor.id).where(Assessor.name == "Sophie Martin"))
    member = DeskContext(ctx.store, ctx.mission_id, sophie)
    page = show(qtbot, member)
    assert not hasattr(page, "table") and page.heat_model.rowCount() == 0
    assert "head of delegation" in page.intro.text()
    member.changed.emit("mark", "")
    assert page.heat_model.rowCount() == 0 and page.markers_model.rowCount() == 0
