"""Ranking of one track: computed scores, states and the chair's decisions."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.enums import Outcome, Track
from app.domain.scoring import ScoreState
from app.domain.text import fold
from app.store.queries_ranking import RankingRow
from ui.numbers import score_text

from .row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex

(COL_RANK, COL_APPNO, COL_NAME, COL_WRITTEN, COL_INTERVIEW, COL_COMPOSITE, COL_STATE, COL_TIED,
 COL_DECISION, COL_OPTION, COL_RATIONALE) = range(11)
NUMERIC = (COL_RANK, COL_WRITTEN, COL_INTERVIEW, COL_COMPOSITE)
OUTCOME_COLOURS = {
    Outcome.ADMIT.value: ("#e6f4ea", "#1e6b34"),
    Outcome.WAITLIST.value: ("#fff4d6", "#7a5500"),
    Outcome.REJECT.value: ("#fde8e8", "#9b1c1c"),
}
MUTED = QBrush(QColor("#6b7280"))
CandidateIdRole = Qt.ItemDataRole.UserRole + 1


def fmt_score(value: Fraction | None) -> str:
    return score_text(value)


class RankingModel(RowTableModel[RankingRow]):
    def __init__(self, track: Track, parent: QObject | None = None) -> None:
        super().__init__(lambda r: r.candidate_id, parent)
        self.track = track
        self.subject_count = 0  # a candidate missing every subject reads "no written marks"

    def headers(self) -> list[str]:
        return [self.tr("Rank"), self.tr("Application no."), self.tr("Name"),
                self.tr("Written"), self.tr("Interview"), self.tr("Composite"),
                self.tr("State"), self.tr("Tied"), self.tr("Decision"), self.tr("Option"),
                self.tr("Rationale")]

    def outcome_label(self, outcome: str | None) -> str:
        return {
            Outcome.ADMIT.value: self.tr("Admit"),
            Outcome.WAITLIST.value: self.tr("Waitlist"),
            Outcome.REJECT.value: self.tr("Reject"),
        }.get(outcome or "", "")

    def state_label(self, row: RankingRow) -> str:
        if row.state == ScoreState.RANKED:
            return self.tr("Ranked")
        if row.state == ScoreState.ABSENT:
            return self.tr("Absent")
        if row.state == ScoreState.WITHDRAWN:
            return self.tr("Withdrawn")
        return self.tr("Incomplete: %1").replace("%1", self.missing_text(row.missing))

    def missing_text(self, missing: tuple[str, ...]) -> str:
        parts = []
        subjects = [m.split(":", 1)[1] for m in missing if m.startswith("mark:")]
        if subjects and len(subjects) == self.subject_count:
            parts.append(self.tr("no written marks"))
        elif subjects:
            parts.append(self.tr("marks in %1").replace("%1", ", ".join(subjects)))
        if "scorecard" in missing:
            parts.append(self.tr("scorecard"))
        return ", ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return self._sort_key(row, col)
        if role == CandidateIdRole:
            return row.candidate_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_RATIONALE and row.rationale:
                return row.rationale
            if col == COL_STATE:
                return self.state_label(row)
            if col == COL_TIED and row.tied:
                return self.tr("Equal composite, interview and written scores: only the "
                               "application number separates them")
            if col == COL_COMPOSITE and row.composite is not None:
                return self.tr("Exact value: %1").replace("%1", str(row.composite))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in NUMERIC or col == COL_TIED:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_DECISION and row.outcome:
            return QBrush(QColor(OUTCOME_COLOURS[row.outcome][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_DECISION and row.outcome:
                return QBrush(QColor(OUTCOME_COLOURS[row.outcome][1]))
            if row.state != ScoreState.RANKED:
                return MUTED
        if role == Qt.ItemDataRole.FontRole and col in (COL_COMPOSITE, COL_DECISION):
            f = QFont()
            f.setBold(True)
            return f
        return None

    def _display(self, row: RankingRow, col: int) -> str:
        if col == COL_RANK:
            return "" if row.rank is None else str(row.rank)
        if col == COL_APPNO:
            return row.application_number
        if col == COL_NAME:
            return row.name
        if col == COL_WRITTEN:
            return fmt_score(row.written)
        if col == COL_INTERVIEW:
            return fmt_score(row.interview)
        if col == COL_COMPOSITE:
            return fmt_score(row.composite)
        if col == COL_STATE:
            return self.state_label(row)
        if col == COL_TIED:
            return self.tr("tied") if row.tied else ""
        if col == COL_DECISION:  # the option too: the page may hide the option column
            label = self.outcome_label(row.outcome)
            return f"{label} · {row.option_code}" if row.option_code else label
        if col == COL_OPTION:
            return row.option_code or ""
        if col == COL_RATIONALE:
            return " ".join(row.rationale.split())
        return ""

    def _sort_key(self, row: RankingRow, col: int) -> Any:
        # Empty values sort after real ones in ascending order.
        if col == COL_RANK:
            return row.rank if row.rank is not None else 10**9
        if col in (COL_WRITTEN, COL_INTERVIEW, COL_COMPOSITE):
            value = {COL_WRITTEN: row.written, COL_INTERVIEW: row.interview,
                     COL_COMPOSITE: row.composite}[col]
            return -1.0 if value is None else float(value)
        if col == COL_TIED:
            return int(row.tied)
        return self._display(row, col)


class RankingProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.query = ""

    def set_query(self, text: str) -> None:
        """Application number or name, accents and case ignored."""
        self.beginFilterChange()
        self.query = fold(text.strip())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not self.query or not isinstance(model, RankingModel):
            return True
        r = model.row_at(source_row)
        return self.query in fold(f"{r.application_number} {r.name}")
