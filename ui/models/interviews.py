"""Interview models: the assessor's slots, and the panel's scorecards side by side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.enums import Recommendation, Track
from app.domain.rubric import Criterion, Rubric
from app.domain.text import fold
from app.store.queries_interviews import InterviewSlot

from .row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex
COL_TIME, COL_ROOM, COL_CANDIDATE, COL_TRACK, COL_CARD = range(5)
CandidateIdRole = Qt.ItemDataRole.UserRole + 1
CARD_COLOURS = {"none": "#6b7280", "draft": "#9a6700", "submitted": "#1e6b34"}
DISAGREE = QBrush(QColor("#fde2c4"))
DISAGREE_TEXT = QBrush(QColor("#8a3b00"))
# Levels differing by this much or more between two panel members are a disagreement.
LEVEL_GAP = 2


def ui_is_french() -> bool:
    return QLocale().language() == QLocale.Language.French


def criterion_label(c: Criterion) -> str:
    """A criterion's name in the interface language (French label when the UI is French)."""
    return c.label_fr if ui_is_french() and c.label_fr else c.label


def recommendation_label(rec: str | None) -> str:
    return {
        Recommendation.STRONG_ADMIT.value: QCoreApplication.translate("Recommendation",
                                                                      "Strong admit"),
        Recommendation.ADMIT.value: QCoreApplication.translate("Recommendation", "Admit"),
        Recommendation.WAITLIST.value: QCoreApplication.translate("Recommendation", "Waitlist"),
        Recommendation.REJECT.value: QCoreApplication.translate("Recommendation", "Reject"),
    }.get(rec or "", "")


def slot_time(starts_at: str) -> str:
    when = QDateTime.fromString(starts_at, Qt.DateFormat.ISODate)
    if not when.isValid():
        return starts_at
    return QLocale().toString(when, "dd/MM HH:mm")  # day/month: a mission lasts days


class SlotsModel(RowTableModel[InterviewSlot]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda s: s.candidate_id, parent)

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Room"), self.tr("Candidate"), self.tr("Track"),
                self.tr("Scorecard")]

    def card_label(self, state: str) -> str:
        return {"none": self.tr("Not started"), "draft": self.tr("Draft"),
                "submitted": self.tr("Submitted")}.get(state, state)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TIME:
                return slot_time(s.starts_at)
            if col == COL_ROOM:
                return s.room
            if col == COL_CANDIDATE:
                return s.name
            if col == COL_TRACK:
                return self.tr("FM") if s.track == Track.FREE_MOVER else self.tr("DD")
            if col == COL_CARD:
                return self.card_label(s.card_state)
        elif role == Qt.ItemDataRole.UserRole:  # sort key
            return {COL_TIME: s.starts_at, COL_ROOM: s.room, COL_CANDIDATE: s.name,
                    COL_TRACK: s.track.value,
                    COL_CARD: ["none", "draft", "submitted"].index(s.card_state)}.get(col)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_CANDIDATE:
                return f"{s.name} · {s.application_number}"
            if col == COL_TIME:
                when = QDateTime.fromString(s.starts_at, Qt.DateFormat.ISODate)
                return QLocale().toString(when, QLocale.FormatType.LongFormat) \
                    if when.isValid() else s.starts_at
            if col == COL_TRACK:
                return (self.tr("Free mover") if s.track == Track.FREE_MOVER
                        else self.tr("Double degree"))
        elif role == Qt.ItemDataRole.ForegroundRole and col == COL_CARD:
            return QBrush(QColor(CARD_COLOURS.get(s.card_state, "#000000")))
        elif role == Qt.ItemDataRole.FontRole and col == COL_CARD and s.card_state != "none":
            f = QFont()
            f.setBold(True)
            return f
        elif role == CandidateIdRole:
            return s.candidate_id
        return None


class SlotsProxy(QSortFilterProxyModel):
    """Sorting by the model's keys; filters by application number or name, day and room."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.query = ""
        self.day = ""  # "YYYY-MM-DD" or "" for every day
        self.room = ""

    def set_filters(self, query: str, day: str, room: str) -> None:
        self.beginFilterChange()
        self.query, self.day, self.room = fold(query.strip()), day, room
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, SlotsModel):
            return True
        s = model.row_at(source_row)
        return ((not self.day or s.starts_at[:10] == self.day)
                and (not self.room or s.room == self.room)
                and (not self.query or self.query in fold(f"{s.application_number} {s.name}")))


@dataclass(frozen=True)
class CardColumn:
    """One panel member's submitted (or own) scorecard, as shown in the comparison."""

    author: str
    levels: dict[str, int]
    recommendation: str | None
    own: bool
    notes: str = ""


class ComparisonModel(QAbstractTableModel):
    """Rows: rubric criteria, the recommendation, the notes; columns: panel members' cards.

    A criterion row is a disagreement when two members' levels differ by LEVEL_GAP or more;
    the recommendation row when the recommendations differ.
    """

    def __init__(self, rubric: Rubric, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rubric = rubric
        self.cards: list[CardColumn] = []

    def set_cards(self, cards: list[CardColumn]) -> None:
        self.beginResetModel()
        self.cards = list(cards)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.cards else len(self.rubric.criteria) + 2

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def disagrees(self, row: int) -> bool:
        if row < len(self.rubric.criteria):
            key = self.rubric.criteria[row].key
            levels = [c.levels[key] for c in self.cards if c.levels.get(key) is not None]
            return len(levels) >= 2 and max(levels) - min(levels) >= LEVEL_GAP
        if row == len(self.rubric.criteria):
            recs = {c.recommendation for c in self.cards if c.recommendation}
            return len(recs) >= 2
        return False  # notes are read, not compared

    def disagreement_rows(self) -> list[int]:
        return [r for r in range(self.rowCount()) if self.disagrees(r)]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.cards):
                c = self.cards[section]
                return self.tr("%1 (you)").replace("%1", c.author) if c.own else c.author
            return None
        if 0 <= section < len(self.rubric.criteria):
            return criterion_label(self.rubric.criteria[section])
        if section == len(self.rubric.criteria):
            return self.tr("Recommendation")
        if section == len(self.rubric.criteria) + 1:
            return self.tr("Notes")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        card = self.cards[index.column()]
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            if row < len(self.rubric.criteria):
                c = self.rubric.criteria[row]
                level = card.levels.get(c.key)
                if level is None:
                    return "—"
                return f"{level} · {c.level(level).label_in(ui_is_french())}"
            if row == len(self.rubric.criteria):
                return recommendation_label(card.recommendation) or "—"
            return " ".join(card.notes.split()) or "—"
        if role == Qt.ItemDataRole.BackgroundRole and self.disagrees(row):
            return DISAGREE
        if role == Qt.ItemDataRole.ForegroundRole and self.disagrees(row):
            return DISAGREE_TEXT
        if role == Qt.ItemDataRole.FontRole and self.disagrees(row):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole and row == len(self.rubric.criteria) + 1:
            return card.notes or None
        if role == Qt.ItemDataRole.ToolTipRole and row < len(self.rubric.criteria):
            c = self.rubric.criteria[row]
            level = card.levels.get(c.key)
            return c.level(level).description_in(ui_is_french()) if level is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
