"""The progress view's tables: per subject, third readings, per assessor, waiting candidates.
Each is a RowTableModel over rows of app.store.queries_progress; one proxy searches them all
by application number or name."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from app.domain.marks import mark_from_wire
from app.domain.mission import MissionConfig
from app.domain.text import fold
from app.store.queries_progress import AssessorProgress, SubjectProgress, ThirdReading, Waiting
from ui.models.interviews import slot_time
from ui.models.marks import initials, mark_text
from ui.vocabulary import subject_label

from .row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex
CandidateIdRole = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _subject_name(config: MissionConfig, key: str) -> str:
    try:
        return subject_label(config.subject(key))
    except KeyError:
        return key


class SubjectProgressModel(RowTableModel[SubjectProgress]):
    def __init__(self, config: MissionConfig, parent: QObject | None = None) -> None:
        super().__init__(lambda r: r.subject, parent)
        self.config = config

    def headers(self) -> list[str]:
        return [self.tr("Subject"), self.tr("Sitting"), self.tr("Marked twice"),
                self.tr("No mark"), self.tr("Second missing"), self.tr("Third readings")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return _subject_name(self.config, r.subject)
            return str((r.sitting, r.marked_twice, r.marks_missing, r.second_missing,
                        r.third_needed)[col - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return RIGHT
        return None


class ThirdReadingModel(RowTableModel[ThirdReading]):
    def __init__(self, config: MissionConfig, parent: QObject | None = None) -> None:
        super().__init__(lambda r: (r.candidate_id, r.subject), parent)
        self.config = config

    def headers(self) -> list[str]:
        return [self.tr("Application no."), self.tr("Name"), self.tr("Subject"),
                self.tr("Marks"), self.tr("Third reader")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole and col == 3:  # initials: the table stays narrow
            return " · ".join(f"{_mark(v)} ({initials(m)})" for m, v in r.marks)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return r.application_number
            if col == 1:
                return r.name
            if col == 2:
                return _subject_name(self.config, r.subject)
            if col == 3:
                return " · ".join(f"{_mark(v)} ({m})" for m, v in r.marks)
            if col == 4:
                return (self.tr(" or ").join(r.readers) if r.readers
                        else self.tr("no professor left: ask the head of delegation"))
        if role == CandidateIdRole:
            return r.candidate_id
        return None


def _mark(wire: str) -> str:
    return mark_text(mark_from_wire(wire))


class AssessorProgressModel(RowTableModel[AssessorProgress]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: r.assessor_id, parent)

    def headers(self) -> list[str]:
        return [self.tr("Assessor"), self.tr("Interviews"), self.tr("Not started"),
                self.tr("Drafts"), self.tr("Submitted")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return r.name if col == 0 else str(
                (r.interviews, r.not_started, r.drafts, r.submitted)[col - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return RIGHT
        return None


class WaitingModel(RowTableModel[Waiting]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: r.candidate_id, parent)

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Room"), self.tr("Application no."), self.tr("Name")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (slot_time(r.starts_at) if r.starts_at else "—", r.room or "—",
                    r.application_number, r.name)[col]
        if role == CandidateIdRole:
            return r.candidate_id
        return None


class NumberFilter(QSortFilterProxyModel):
    """Rows whose application number or name holds the typed text (accents and case
    ignored); the columns searched are given per table."""

    def __init__(self, columns: tuple[int, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._query = ""

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._query = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._query:
            return True
        model = self.sourceModel()
        return any(self._query in fold(str(model.index(source_row, c).data() or ""))
                   for c in self.columns)

