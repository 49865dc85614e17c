"""All candidates of the mission in one table model, and the proxy that searches and filters it.

Search must stay instant over 10,000 rows: each row carries its folded text (the store's
``search_text`` column, app.domain.text.fold of names, number and institutions), the typed
query is folded once and looked up in a trigram index of those texts (search_index.py), and the
proxy decides every row from a precomputed list of booleans so the per-row call from Qt does no
string work. Sorting is done by the source model on its Python list (the proxy keeps source
order), so a re-filter never pays for a re-sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import select

from app.domain.enums import CandidateStatus, Track
from app.domain.text import fold
from app.store.database import Store
from app.store.models import Candidate

from .search_index import SearchIndex

Index = QModelIndex | QPersistentModelIndex

COL_NUMBER, COL_FAMILY, COL_GIVEN, COL_INSTITUTION, COL_NATIONALITY, COL_TRACK, COL_STATUS = (
    range(7))
COLUMNS = 7

# Custom roles: the candidate's id and raw status value, for pages and tests.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# Status chip colours (background, text): readable on white and in print screenshots.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    CandidateStatus.REGISTERED: ("#eef2f7", "#374151"),
    CandidateStatus.PRESENT: ("#e3f4e8", "#17643a"),
    CandidateStatus.ABSENT: ("#fdecea", "#a11d1d"),
    CandidateStatus.WITHDRAWN: ("#f1f1f1", "#6b7280"),
}


def status_label(status: str) -> str:
    labels = {
        CandidateStatus.REGISTERED: QCoreApplication.translate("CandidatesModel", "Registered"),
        CandidateStatus.PRESENT: QCoreApplication.translate("CandidatesModel", "Present"),
        CandidateStatus.ABSENT: QCoreApplication.translate("CandidatesModel", "Absent"),
        CandidateStatus.WITHDRAWN: QCoreApplication.translate("CandidatesModel", "Withdrawn"),
    }
    return labels.get(status, status)  # type: ignore[call-overload]


def track_label(track: str) -> str:
    if track == Track.DOUBLE_DEGREE:
        return QCoreApplication.translate("CandidatesModel", "Double degree")
    return QCoreApplication.translate("CandidatesModel", "Free mover")


@dataclass(slots=True)
class CandidateRow:
    id: str
    number: str
    family: str
    given: str
    institution: str
    nationality: str
    track: str
    status: str
    folded: str
    birth_date: str | None = None


def load_rows(store: Store, mission_id: str) -> list[CandidateRow]:
    """One plain SELECT of the columns the table shows (no ORM objects: 10,000 rows fast)."""
    c = Candidate.__table__.c
    query = (select(c.id, c.application_number, c.family_name, c.given_names,
                    c.home_institution, c.nationality, c.track, c.status, c.search_text,
                    c.birth_date)
             .where(c.mission_id == mission_id).order_by(c.application_number))
    with store.read() as s:
        return [CandidateRow(*r) for r in s.execute(query)]


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CandidateRow] = []
        self._by_id: dict[str, int] = {}
        self._brushes = {s: (QBrush(QColor(bg)), QBrush(QColor(fg)))
                         for s, (bg, fg) in STATUS_COLOURS.items()}

    # -- rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[CandidateRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._by_id = {r.id: i for i, r in enumerate(self._rows)}

    def rows(self) -> list[CandidateRow]:
        return self._rows

    def row_at(self, row: int) -> CandidateRow:
        return self._rows[row]

    def row_of(self, candidate_id: str) -> int:
        return self._by_id.get(candidate_id, -1)

    def update_status(self, candidate_id: str, status: str) -> None:
        """One candidate's status changed (an edit here, an undo, a sync): repaint that row."""
        i = self.row_of(candidate_id)
        if i < 0 or self._rows[i].status == status:
            return
        self._rows[i].status = status
        self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMNS - 1))

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        keys = {
            COL_NUMBER: lambda r: r.number,
            COL_FAMILY: lambda r: (fold(r.family), fold(r.given)),
            COL_GIVEN: lambda r: (fold(r.given), fold(r.family)),
            COL_INSTITUTION: lambda r: fold(r.institution),
            COL_NATIONALITY: lambda r: r.nationality,
            COL_TRACK: lambda r: r.track,
            COL_STATUS: lambda r: r.status,
        }
        key = keys.get(column)
        if key is None:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._rows = sorted(old_rows, key=key,
                            reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        persistent = self.persistentIndexList()
        if persistent:
            self.changePersistentIndexList(persistent, [
                self.index(self._by_id[old_rows[p.row()].id], p.column()) for p in persistent])
        self.layoutChanged.emit()

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (QCoreApplication.translate("CandidatesModel", "Application no."),
                 QCoreApplication.translate("CandidatesModel", "Family name"),
                 QCoreApplication.translate("CandidatesModel", "Given names"),
                 QCoreApplication.translate("CandidatesModel", "Home institution"),
                 QCoreApplication.translate("CandidatesModel", "Nationality"),
                 QCoreApplication.translate("CandidatesModel", "Track"),
                 QCoreApplication.translate("CandidatesModel", "Status"))
        return names[section] if 0 <= section < COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_NUMBER:
                return r.number
            if col == COL_FAMILY:
                return r.family
            if col == COL_GIVEN:
                return r.given
            if col == COL_INSTITUTION:
                return r.institution
            if col == COL_NATIONALITY:
                return r.nationality
            if col == COL_TRACK:
                return track_label(r.track)
            if col == COL_STATUS:
                return status_label(r.status)
            return None
        if role == ID_ROLE:
            return r.id
        if role == STATUS_ROLE:
            return r.status
        if col == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(r.status, (None, None))[0]
        if col == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes.get(r.status, (None, None))[1]
        if col == COL_STATUS and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class CandidatesFilter(QSortFilterProxyModel):
    """Search (accent- and case-insensitive, every word must match) and track/status filters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query: list[str] = []
        self._track: str | None = None
        self._status: str | None = None
        self._accept: list[bool] = []
        self._index: SearchIndex | None = None
        self._indexed: list[CandidateRow] | None = None

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._query:
            self._query = words
            self.refilter()

    def set_track(self, track: Track | str | None) -> None:
        self._track = str(track) if track else None
        self.refilter()

    def set_status(self, status: CandidateStatus | str | None) -> None:
        self._status = str(status) if status else None
        self.refilter()

    def refilter(self) -> None:
        """Decide every row in one Python pass, then let Qt rebuild its mapping once."""
        rows, words, track, status = self._rows(), self._query, self._track, self._status
        if words:
            # the index answers from the rows holding the typed letters, not a pass over all
            accept = [False] * len(rows)
            for i in self._search_index(rows).matching(words):
                accept[i] = True
        else:
            accept = [True] * len(rows)
        self.beginFilterChange()
        if track is not None or status is not None:
            accept = [a and (track is None or r.track == track)
                      and (status is None or r.status == status)
                      for a, r in zip(accept, rows, strict=True)]
        self._accept = accept
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _search_index(self, rows: list[CandidateRow]) -> SearchIndex:
        # rows are replaced, never changed in place, when loaded or sorted: one index per list
        if self._index is None or self._indexed is not rows:
            self._index, self._indexed = SearchIndex([r.folded for r in rows]), rows
        return self._index

    def _decide(self, r: CandidateRow) -> bool:
        return ((self._track is None or r.track == self._track)
                and (self._status is None or r.status == self._status)
                and all(w in r.folded for w in self._query))

    def _rows(self) -> list[CandidateRow]:
        source = self.sourceModel()
        return source.rows() if isinstance(source, CandidatesModel) else []

    def _source_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                        _roles: Any = None) -> None:
        # Connected before Qt's own handler, so a row whose status changed is decided anew
        # before the proxy asks about it.
        rows = self._rows()
        if len(self._accept) != len(rows):
            self._accept = [self._decide(r) for r in rows]
            return
        for i in range(top_left.row(), bottom_right.row() + 1):
            self._accept[i] = self._decide(rows[i])

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if isinstance(old, CandidatesModel):
            old.dataChanged.disconnect(self._source_changed)
            old.modelReset.disconnect(self.refilter)
            old.layoutChanged.disconnect(self.refilter)
        if isinstance(model, CandidatesModel):
            model.dataChanged.connect(self._source_changed)
        super().setSourceModel(model)
        if isinstance(model, CandidatesModel):
            model.modelReset.connect(self.refilter)
            model.layoutChanged.connect(self.refilter)
        self.refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Called by Qt once per row: a list lookup, no string work.
        accept = self._accept
        return accept[source_row] if source_row < len(accept) else True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, CandidatesModel):
            source.sort_rows(column, order)  # layoutChanged -> refilter
