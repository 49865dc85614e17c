"""The Calibration page's models pass Qt's model tester, sort numbers as numbers with hidden
figures last, and colour the heat map around 0 (harsh blue, lenient orange) with its text."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.calibration import (
    MIN_CANDIDATES,
    AssessorStat,
    Calibration,
    Estimate,
    Gap,
    MarkerStat,
)
from app.store.calibration_view import CalibrationView, GapScript
from ui.models.calibration import (
    COL_DEVIATION,
    HARSH,
    LENIENT,
    CalibrationProxy,
    GapRow,
    GapsModel,
    HeatMapModel,
    MarkerRow,
    MarkersModel,
    heat_colour,
    text_on,
)

FEW = MIN_CANDIDATES - 1


def est(value: float, n: int = 20) -> Estimate:
    return Estimate(value, value - 0.3, value + 0.3, n)


def view() -> CalibrationView:
    assessors = (
        AssessorStat("a1", "motivation", est(1.0), est(0.2)),
        AssessorStat("a1", "english", est(0.5, FEW), est(0.1, FEW)),
        AssessorStat("a2", "motivation", est(-0.4), est(0.0)),
        AssessorStat("a2", "english", est(0.0), est(0.0)),
    )
    markers = (MarkerStat("a1", "maths", est(-2.0), est(0.8), est(0.25)),
               MarkerStat("a2", "maths", est(2.0, FEW), None, est(0.25, FEW)))
    gap = Gap("c1", "maths", (("a1", 4.0), ("a2", 9.5)), 5.5)
    return CalibrationView(Calibration(markers, assessors, (), (gap,)),
                           {"a1": "Ana", "a2": "Bruno"},
                           (GapScript(gap, "K7-Q2", "", True),), MIN_CANDIDATES)


def test_models_pass_the_model_tester(qtmodeltester) -> None:
    v = view()
    heat = HeatMapModel()
    heat.set_view(v, [("motivation", "Motivation"), ("english", "English")])
    markers = MarkersModel()
    markers.min_candidates = MIN_CANDIDATES
    markers.set_rows([MarkerRow(m, v.assessor_name(m.marker_id), "Maths")
                      for m in v.calibration.markers])
    gaps = GapsModel()
    gaps.set_rows([GapRow(g, "Maths", "Ana 4 · Bruno 9.5") for g in v.gaps])
    for model in (heat, markers, gaps):
        qtmodeltester.check(model)
        proxy = CalibrationProxy()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy)
    # a heat map reloaded with other criteria changes its columns cleanly
    heat.set_view(v, [("english", "English")])
    qtmodeltester.check(heat)
    assert heat.columnCount() == 2


def test_heat_map_text_colour_and_hidden_cells() -> None:
    heat = HeatMapModel()
    heat.set_view(view(), [("motivation", "Motivation"), ("english", "English")])
    assert heat.rowCount() == 2 and heat.headerData(1, Qt.Orientation.Horizontal) == "Motivation"
    ana = heat.row_of("a1")
    assert heat.index(ana, 1).data() == "+1.00 (n=20)"
    assert heat.index(ana, 2).data() == f"n<{MIN_CANDIDATES}"
    assert heat.index(ana, 2).data(Qt.ItemDataRole.ToolTipRole).startswith(
        f"Not enough data: n={FEW}")
    bruno = heat.row_of("a2")
    assert heat.index(bruno, 1).data() == "\u22120.40 (n=20)"
    assert heat.index(bruno, 2).data() == "0.00 (n=20)"
    lenient = heat.index(ana, 1).data(Qt.ItemDataRole.BackgroundRole).color()
    harsh = heat.index(bruno, 1).data(Qt.ItemDataRole.BackgroundRole).color()
    level = heat.index(bruno, 2).data(Qt.ItemDataRole.BackgroundRole).color()
    assert lenient == LENIENT and level.name() == "#ffffff"
    assert harsh.blue() > harsh.red() and harsh != HARSH  # a lighter blue for -0.4
    assert heat_colour(-5) == HARSH  # clamped
    assert "more lenient than the panel" in heat.index(ana, 1).data(Qt.ItemDataRole.ToolTipRole)


def _luminance(c) -> float:
    def f(x: float) -> float:
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * f(c.redF()) + 0.7152 * f(c.greenF()) + 0.0722 * f(c.blueF())


def test_every_heat_cell_text_is_readable() -> None:
    """WCAG AA (4.5:1) between a cell's text and its colour, at every shade."""
    for tenth in range(-12, 13):
        bg = heat_colour(tenth / 10)
        fg = text_on(bg)
        hi, lo = sorted((_luminance(bg), _luminance(fg)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (tenth, bg.name(), fg.name())


def test_sorting_puts_hidden_figures_last() -> None:
    v = view()
    markers = MarkersModel()
    markers.min_candidates = MIN_CANDIDATES
    markers.set_rows([MarkerRow(m, v.assessor_name(m.marker_id), "Maths")
                      for m in v.calibration.markers])
    proxy = CalibrationProxy()
    proxy.setSourceModel(markers)
    for order in (Qt.SortOrder.AscendingOrder,):
        proxy.sort(COL_DEVIATION, order)
        assert [proxy.index(r, COL_DEVIATION).data() for r in range(2)] == [
            "\u22122.00 [\u22122.30, \u22121.70]", f"n<{MIN_CANDIDATES}"]
    assert markers.index(markers.row_of(("a2", "maths")), 4).data() == "—"  # no ICC
