"""The Calibration page's tables: assessors × criteria (a heat map of deviations), markers'
deviations with their intervals, and the scripts with the largest marking gaps.

Every figure comes from app.domain.calibration; a figure resting on too few candidates
(``Estimate.shown`` false) says "n<8" instead of a value, coloured neutral grey.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.calibration import AssessorStat, Estimate, MarkerStat
from app.store.calibration_view import CalibrationView, GapScript
from ui.models.interviews import ui_is_french
from ui.numbers import score_text

from .row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex

SortRole = Qt.ItemDataRole.UserRole
CandidateIdRole = Qt.ItemDataRole.UserRole + 1
HIDDEN_BG, HIDDEN_FG = QColor("#eef0f3"), QColor("#4b5563")
# Diverging around 0: harsh (gives lower levels than the panel) blue, lenient orange.
HARSH, LENIENT, NEUTRAL = QColor("#2c6fbb"), QColor("#b4501b"), QColor("#ffffff")
HEAT_SPAN = 1.0  # a deviation of one level (or more) takes the full colour
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
LAST = math.inf  # sort key of a hidden figure: after every value


def signed(value: float, places: int = 2) -> str:
    """"+0,42", "−1,10", "0,00": the sign says which way an assessor leans."""
    text = score_text(abs(value), places)
    if round(value, places) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def interval(e: Estimate, places: int = 2) -> str:
    return f"[{signed(e.low, places)}, {signed(e.high, places)}]"


def percent(value: float) -> str:
    """"12%", or "12 %" in French (a narrow no-break space before the sign)."""
    space = "\u202f" if ui_is_french() else ""
    return f"{round(100 * value)}{space}%"


def heat_colour(value: float) -> QColor:
    """White at 0, the full harsh or lenient colour at ±HEAT_SPAN."""
    t = max(-1.0, min(1.0, value / HEAT_SPAN))
    end = LENIENT if t > 0 else HARSH
    a = abs(t)
    return QColor(round(NEUTRAL.red() + (end.red() - NEUTRAL.red()) * a),
                  round(NEUTRAL.green() + (end.green() - NEUTRAL.green()) * a),
                  round(NEUTRAL.blue() + (end.blue() - NEUTRAL.blue()) * a))


def _luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def text_on(colour: QColor) -> QColor:
    """Dark or white text, whichever contrasts more with the cell (WCAG ratio)."""
    dark = QColor("#000000")  # with black, one of the two passes WCAG AA at every shade
    bg = _luminance(colour)
    on_dark = (bg + 0.05) / (_luminance(dark) + 0.05)
    on_white = 1.05 / (bg + 0.05)
    return dark if on_dark >= on_white else QColor("#ffffff")


def _sort_value(e: Estimate | None) -> float:
    return e.value if e is not None and e.shown else LAST


# -- assessors × criteria -----------------------------------------------------------------


@dataclass(frozen=True)
class AssessorRow:
    assessor_id: str
    name: str
    cells: dict[str, AssessorStat]  # criterion key -> the assessor's figures


class HeatMapModel(RowTableModel[AssessorRow]):
    """One row per assessor, one column per rubric criterion after the name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: r.assessor_id, parent)
        self.criteria: list[tuple[str, str]] = []  # (key, label in the interface language)
        self.min_candidates = 0

    def headers(self) -> list[str]:
        return [self.tr("Assessor"), *(label for _key, label in self.criteria)]

    def set_view(self, view: CalibrationView, criteria: list[tuple[str, str]]) -> None:
        rows: dict[str, dict[str, AssessorStat]] = {}
        for stat in view.calibration.assessors:
            rows.setdefault(stat.assessor_id, {})[stat.criterion] = stat
        self.min_candidates = view.min_candidates
        if criteria != self.criteria:
            self.beginResetModel()
            self.criteria = criteria
            self._headers = None
            self._rows = []
            self.endResetModel()
        self.set_rows(sorted((AssessorRow(a, view.assessor_name(a), cells)
                              for a, cells in rows.items()), key=lambda r: r.name))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 < section <= len(self.criteria)):
            return self.criteria[section - 1][1]  # a long name is elided in the header
        return super().headerData(section, orientation, role)

    def stat(self, index: Index) -> AssessorStat | None:
        if index.column() == 0:
            return None
        return self.row_at(index.row()).cells.get(self.criteria[index.column() - 1][0])

    def cell_text(self, stat: AssessorStat | None) -> str:
        if stat is None:
            return "—"
        d = stat.deviation
        if not d.shown:
            return f"n<{self.min_candidates}"
        return f"{signed(d.value)} (n={d.n})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if index.column() == 0:
            if role in (Qt.ItemDataRole.DisplayRole, SortRole):
                return row.name
            return None
        stat = self.stat(index)
        shown = stat is not None and stat.deviation.shown
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(stat)
        if role == SortRole:
            return _sort_value(stat.deviation if stat else None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRE
        if role == Qt.ItemDataRole.BackgroundRole:
            assert stat is None or isinstance(stat, AssessorStat)
            return QBrush(heat_colour(stat.deviation.value) if shown and stat else HIDDEN_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(text_on(heat_colour(stat.deviation.value)) if shown and stat
                          else HIDDEN_FG)
        if role == Qt.ItemDataRole.ToolTipRole and stat is not None:
            return self.tip(row, stat)
        return None

    def tip(self, row: AssessorRow, stat: AssessorStat) -> str:
        d, x = stat.deviation, stat.extreme_share
        if not d.shown:
            return self.tr("Not enough data: n=%1 (a figure shows from %2 candidates)").replace(
                "%1", str(d.n)).replace("%2", str(self.min_candidates))
        lean = (self.tr("more lenient than the panel") if d.low > 0 else
                self.tr("harsher than the panel") if d.high < 0 else
                self.tr("in line with the panel"))
        return self.tr("%1: %2 levels from the panel's mean, 95% interval %3, over %4 "
                       "candidates (%5).\nExtreme levels: %6.").replace(
            "%1", row.name).replace("%2", signed(d.value)).replace("%3", interval(d)).replace(
            "%4", str(d.n)).replace("%5", lean).replace("%6", percent(x.value))


# -- markers --------------------------------------------------------------------------------

COL_MARKER, COL_SUBJECT, COL_DEVIATION, COL_N, COL_ICC, COL_THIRD = range(6)


@dataclass(frozen=True)
class MarkerRow:
    stat: MarkerStat
    name: str
    subject: str  # label in the interface language


class MarkersModel(RowTableModel[MarkerRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: (r.stat.marker_id, r.stat.subject), parent)
        self.min_candidates = 0

    def headers(self) -> list[str]:
        return [self.tr("Marker"), self.tr("Subject"), self.tr("Deviation [95% interval]"),
                self.tr("Scripts"), self.tr("ICC"), self.tr("Third readings")]

    def hidden(self) -> str:
        return f"n<{self.min_candidates}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        s, col = row.stat, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SortRole:
            if col == COL_MARKER:
                return row.name
            if col == COL_SUBJECT:
                return row.subject
            if col == COL_N:
                return s.deviation.n
            return _sort_value({COL_DEVIATION: s.deviation, COL_ICC: s.icc,
                                COL_THIRD: s.third_reading_rate}[col])
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_DEVIATION:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_DEVIATION, COL_ICC, COL_THIRD):
            e = {COL_DEVIATION: s.deviation, COL_ICC: s.icc, COL_THIRD: s.third_reading_rate}[col]
            if e is None or not e.shown:
                return QBrush(HIDDEN_FG)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_DEVIATION and s.deviation.shown:
            return QBrush(heat_colour(s.deviation.value / 2))  # points: two take the full tint
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, col)
        return None

    def _display(self, row: MarkerRow, col: int) -> str:
        s = row.stat
        if col == COL_MARKER:
            return row.name
        if col == COL_SUBJECT:
            return row.subject
        if col == COL_N:
            return str(s.deviation.n)
        if col == COL_DEVIATION:
            d = s.deviation
            return f"{signed(d.value)} {interval(d)}" if d.shown else self.hidden()
        if col == COL_ICC:
            if s.icc is None:
                return "—"
            return score_text(s.icc.value) if s.icc.shown else self.hidden()
        t = s.third_reading_rate
        return percent(t.value) if t.shown else self.hidden()

    def _tip(self, row: MarkerRow, col: int) -> str | None:
        s = row.stat
        if col == COL_DEVIATION:
            if not s.deviation.shown:
                return self._not_enough(s.deviation.n)
            return self.tr("%1 marks %2 points from the other marker of the same scripts on "
                           "average (95% interval %3), over %4 scripts.").replace(
                "%1", row.name).replace("%2", signed(s.deviation.value)).replace(
                "%3", interval(s.deviation)).replace("%4", str(s.deviation.n))
        if col == COL_ICC:
            if s.icc is None or not s.icc.shown:
                return self._not_enough(0 if s.icc is None else s.icc.n)
            return self.tr("Intraclass correlation between the two markers: %1, 95% interval "
                           "[%2, %3], over %4 scripts (1 is perfect agreement, 0 none).").replace(
                "%1", score_text(s.icc.value)).replace("%2", score_text(s.icc.low)).replace(
                "%3", score_text(s.icc.high)).replace("%4", str(s.icc.n))
        if col == COL_THIRD:
            t = s.third_reading_rate
            return (self.tr("Share of double-marked scripts whose gap calls for a third "
                            "reading: %1, 95% interval [%2, %3], over %4 scripts.").replace(
                "%1", percent(t.value)).replace("%2", percent(t.low)).replace(
                "%3", percent(t.high)).replace("%4", str(t.n))
                    if t.shown else self._not_enough(t.n))
        return None

    def _not_enough(self, n: int) -> str:
        return self.tr("Not enough data: n=%1 (a figure shows from %2 scripts)").replace(
            "%1", str(n)).replace("%2", str(self.min_candidates))


# -- largest gaps ---------------------------------------------------------------------------

COL_SCRIPT, COL_GAP_SUBJECT, COL_MARKS, COL_GAP = range(4)


@dataclass(frozen=True)
class GapRow:
    script: GapScript
    subject: str  # label in the interface language
    marks: str  # "Karim Benali 12 · Lucas Moreau 7,5"


class GapsModel(RowTableModel[GapRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: (r.script.gap.candidate_id, r.script.gap.subject), parent)

    def headers(self) -> list[str]:
        return [self.tr("Script / candidate"), self.tr("Subject"), self.tr("Marks"),
                self.tr("Gap")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        col, sc = index.column(), row.script
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_SCRIPT:
                return sc.identifier if sc.anonymous else f"{sc.identifier} · {sc.name}"
            if col == COL_GAP_SUBJECT:
                return row.subject
            if col == COL_MARKS:
                return row.marks
            return score_text(sc.gap.gap)
        if role == SortRole:
            if col == COL_GAP:
                return sc.gap.gap
            return self.data(index)
        if role == CandidateIdRole:
            return None if sc.anonymous else sc.gap.candidate_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_GAP:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_SCRIPT and sc.anonymous:
                return self.tr("Anonymous marking: the script code until the head of "
                               "delegation lifts anonymity for the subject")
            if col == COL_MARKS:
                return row.marks
        return None


class CalibrationProxy(QSortFilterProxyModel):
    """Sorts on each model's sort key (numbers as numbers, hidden figures last)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
