"""Every item model of the written-tests, interviews and ranking pages passes Qt's
model tester, filled from the demo mission."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.enums import Track
from app.store.models import Assessor
from app.store.queries_interviews import load_slots
from app.store.queries_ranking import load_ranking_rows
from ui.context import DeskContext
from ui.models.interviews import CardColumn, ComparisonModel, SlotsModel, SlotsProxy
from ui.models.marks import MarksFilter, MarksModel
from ui.models.ranking import RankingModel, RankingProxy


def _assessor(store, mission_id: str, name: str) -> str:
    with store.read() as s:
        return s.scalar(select(Assessor.id).where(Assessor.mission_id == mission_id,
                                                  Assessor.name == name))


def test_marks_model_and_filter(qtmodeltester, demo) -> None:
    store, mission_id, _ = demo
    ctx = DeskContext(store, mission_id, _assessor(store, mission_id, "Prof. Karim Benali"))
    model = MarksModel(ctx)
    model.reload()
    assert model.rowCount() == 60
    qtmodeltester.check(model)
    proxy = MarksFilter()
    proxy.setSourceModel(model)
    proxy.set_track(Track.FREE_MOVER)
    proxy.set_present_only(True)
    assert 0 < proxy.rowCount() < 60
    qtmodeltester.check(proxy)
    model.set_subject("physics")
    qtmodeltester.check(model)


def test_slots_model(qtmodeltester, demo) -> None:
    store, mission_id, chair_id = demo
    model = SlotsModel()
    with store.read() as s:
        model.set_rows(load_slots(s, mission_id, chair_id))
    assert model.rowCount() == 30  # the chair sits on every other panel
    qtmodeltester.check(model)
    proxy = SlotsProxy()
    proxy.setSourceModel(model)
    proxy.sort(4)
    qtmodeltester.check(proxy)


def test_comparison_model(qtmodeltester, demo) -> None:
    store, mission_id, _ = demo
    ctx = DeskContext(store, mission_id, _assessor(store, mission_id, "Sophie Martin"))
    rubric = ctx.config.rubric
    model = ComparisonModel(rubric)
    qtmodeltester.check(model)  # empty before any card is shown
    levels = {c.key: 3 for c in rubric.criteria}
    model.set_cards([CardColumn("A", levels, "admit", True),
                     CardColumn("B", {**levels, "english": 5}, "reject", False)])
    assert model.rowCount() == len(rubric.criteria) + 2  # criteria, recommendation, notes
    assert model.columnCount() == 2
    english = rubric.keys.index("english")
    assert model.disagreement_rows() == [english, len(rubric.criteria)]
    qtmodeltester.check(model)


def test_ranking_model_and_proxy(qtmodeltester, demo) -> None:
    store, mission_id, _ = demo
    with store.read() as s:
        rows = load_ranking_rows(s, mission_id)
    for track in Track:
        model = RankingModel(track)
        model.set_rows(rows[track])
        assert model.rowCount() == len(rows[track]) > 0
        qtmodeltester.check(model)
        proxy = RankingProxy()
        proxy.setSourceModel(model)
        proxy.sort(5)
        qtmodeltester.check(proxy)
