"""All candidates of the mission in one table model, and the proxy that searches and filters it.

Search must stay instant over 10,000 rows: each row carries its folded text (the store's
``search_text`` column, app.domain.text.fold of names, number and institutions), the typed
query is folded once and looked up in a trigram index of those texts (search_index.py), and the
proxy decides every row from a precomputed list of booleans so the per-row call from Qt does no
string work. Sorting is done by the source model on its Python list (the proxy keeps source
order), so a re-filter never pays for a re-sort.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.enums import CandidateStatus, Track
from app.domain.text import fold
from app.store.database import Store
from app.store.outbox import dbapi_cursor

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


# The columns CandidateRow holds, in its order. A plain statement on the DB-API cursor: at
# 5,000 rows at start-up, SQLAlchemy's per-row fetch costs more than SQLite's own reading.
_ROWS_SQL = ("SELECT id, application_number, family_name, given_names, home_institution, "
             "nationality, track, status, search_text, birth_date FROM candidate "
             "WHERE mission_id = ? ORDER BY application_number")


def load_rows(store: Store, mission_id: str) -> list[CandidateRow]:
    """Every candidate of the mission, as the table shows them (no ORM objects)."""
    with store.read() as s:
        cursor = dbapi_cursor(s)
        cursor.execute(_ROWS_SQL, (mission_id,))
        return [CandidateRow(*r) for r in cursor.fetchall()]


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CandidateRow] = []
        self._by_id: dict[str, int] = {}
        self._brushes = {s: (QBrush(QColor(bg)), QBrush(QColor(fg)))
                         for s, (bg, fg) in STATUS_COLOURS.items()}
        self._labels: dict[str, Any] = {}
        self._labels_for: str | None = None

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
        names = self._label_cache()["header"]  # asked for at every layout: translated once
        return names[section] if 0 <= section < COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.value(index.row(), index.column(), role)

    def value(self, row: int, col: int, role: int) -> Any:
        """The cell's value for ``role`` (``row`` valid): what ``data`` and the proxy return.

        Called for every role of every painted cell, so the roles with no value leave first
        and the translated labels are looked up once per language.
        """
        if role not in _ROLES:
            return None
        r = self._rows[row]
        if role <= _TOOLTIP:  # Display or ToolTip
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
            labels = self._label_cache()
            if col == COL_TRACK:
                return labels.get(r.track) or track_label(r.track)
            if col == COL_STATUS:
                return labels.get(r.status) or status_label(r.status)
            return None
        if role == ID_ROLE:
            return r.id
        if role == STATUS_ROLE:
            return r.status
        if col != COL_STATUS:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(r.status, (None, None))[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes.get(r.status, (None, None))[1]
        return _CENTER  # TextAlignmentRole

    def _label_cache(self) -> dict[str, Any]:
        language = QLocale().name()  # the desk sets the default locale with its language
        tr = QCoreApplication.translate
        if self._labels_for != language:
            self._labels = {**{t.value: track_label(t) for t in Track},
                            **{c.value: status_label(c) for c in CandidateStatus},
                            "header": (
                tr("CandidatesModel", "Application no."), tr("CandidatesModel", "Family name"),
                tr("CandidatesModel", "Given names"), tr("CandidatesModel", "Home institution"),
                tr("CandidatesModel", "Nationality"), tr("CandidatesModel", "Track"),
                tr("CandidatesModel", "Status"))}
            self._labels_for = language
        return self._labels


_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), _TOOLTIP, int(ID_ROLE), int(STATUS_ROLE),
                    int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole),
                    int(Qt.ItemDataRole.TextAlignmentRole)})
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class CandidatesFilter(QAbstractProxyModel):
    """Search (accent- and case-insensitive, every word must match) and track/status filters.

    The proxy holds the list of shown source rows, ascending (the source sorts itself, the
    proxy keeps its order). A keystroke looks the words up in the trigram index, builds the
    new list and tells the views in one layout change, mapping the persistent indexes
    (current cell, selection) to their rows' new places: no per-row call from Qt, no reset.
    The proxy answers ``data`` from the source's rows itself (one Python call per cell).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query: list[str] = []
        self._track: str | None = None
        self._status: str | None = None
        self._visible: list[int] = []  # source rows shown, ascending
        self._index: SearchIndex | None = None
        self._indexed: list[CandidateRow] | None = None
        self._source: CandidatesModel | None = None
        # Source positions of the persistent indexes while the source re-sorts.
        self._held: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []

    # -- filters -------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._query:
            self._query = words
            self.refilter()

    def set_track(self, track: Track | str | None) -> None:
        value = str(track) if track else None
        if value != self._track:
            self._track = value
            self.refilter()

    def set_status(self, status: CandidateStatus | str | None) -> None:
        value = str(status) if status else None
        if value != self._status:
            self._status = value
            self.refilter()

    def _decide(self, r: CandidateRow) -> bool:
        return ((self._track is None or r.track == self._track)
                and (self._status is None or r.status == self._status)
                and all(w in r.folded for w in self._query))

    def _compute(self) -> list[int]:
        rows, track, status = self._rows(), self._track, self._status
        # the index answers from the rows holding the typed letters, not a pass over all
        shown: list[int] | range = (self._search_index(rows).matching(self._query)
                                    if self._query else range(len(rows)))
        if track is None and status is None:
            return list(shown)
        return [i for i in shown if (track is None or rows[i].track == track)
                and (status is None or rows[i].status == status)]

    def refilter(self) -> None:
        """Show the rows the filters accept now, in one layout change."""
        new = self._compute()
        old = self._visible
        if new == old:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [self._place(new, old[p.row()], p.column()) if 0 <= p.row() < len(old)
                 else QModelIndex() for p in persistent]
        self._visible = new
        if persistent:
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _place(self, visible: list[int], source_row: int, column: int) -> QModelIndex:
        i = bisect_left(visible, source_row)
        if i < len(visible) and visible[i] == source_row:
            return self.createIndex(i, column)
        return QModelIndex()

    def _search_index(self, rows: list[CandidateRow]) -> SearchIndex:
        # rows are replaced, never changed in place, when loaded or sorted: one index per list
        if self._index is None or self._indexed is not rows:
            self._index, self._indexed = SearchIndex([r.folded for r in rows]), rows
        return self._index

    def _rows(self) -> list[CandidateRow]:
        return self._source.rows() if self._source is not None else []

    # -- following the source ------------------------------------------------------------------

    def setSourceModel(self, model: Any) -> None:
        old = self._source
        if old is not None:
            for signal, slot in self._links(old):
                signal.disconnect(slot)
        self.beginResetModel()
        self._source = model if isinstance(model, CandidatesModel) else None
        super().setSourceModel(model)
        self._visible = self._compute()
        self.endResetModel()
        if self._source is not None:
            for signal, slot in self._links(self._source):
                signal.connect(slot)

    def _links(self, model: CandidatesModel) -> list[tuple[Any, Any]]:
        return [(model.modelAboutToBeReset, self.beginResetModel),
                (model.modelReset, self._source_reset),
                (model.layoutAboutToBeChanged, self._source_layout_about),
                (model.layoutChanged, self._source_layout_done),
                (model.dataChanged, self._source_changed),
                (model.rowsInserted, self._source_rows_moved),
                (model.rowsRemoved, self._source_rows_moved)]

    def _source_reset(self) -> None:
        self._visible = self._compute()
        self.endResetModel()

    def _source_rows_moved(self, *_args: Any) -> None:
        # CandidatesModel replaces its rows by a reset; a plain insert or removal is rare
        self.beginResetModel()
        self._source_reset()

    def _source_layout_about(self, *_args: Any) -> None:
        # The source re-sorts: remember each persistent index's source row by a persistent
        # index of the source, which the source moves to the row's new place.
        self.layoutAboutToBeChanged.emit()
        source = self.sourceModel()
        self._held = [(QPersistentModelIndex(p), QPersistentModelIndex(
            source.index(self._visible[p.row()], p.column())))
            for p in self.persistentIndexList() if 0 <= p.row() < len(self._visible)]

    def _source_layout_done(self, *_args: Any) -> None:
        self._visible = self._compute()
        held, self._held = self._held, []
        if held:
            self.changePersistentIndexList(
                [QModelIndex(p) for p, _ in held],
                [self._place(self._visible, s.row(), s.column()) if s.isValid()
                 else QModelIndex() for _, s in held])
        self.layoutChanged.emit()

    def _source_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                        roles: Any = None) -> None:
        rows = self._rows()
        changed = range(top_left.row(), bottom_right.row() + 1)
        shown = set(self._visible)
        if any(self._decide(rows[i]) != (i in shown) for i in changed):
            self.refilter()  # a checked-in row leaves (or joins) a status filter
            return
        places = [self._place(self._visible, i, 0) for i in changed if i in shown]
        if places:
            first, last = places[0].row(), places[-1].row()
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMNS - 1),
                                  roles or [])

    # -- mapping -------------------------------------------------------------------------------

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._visible):
            return QModelIndex()
        return source.index(self._visible[row], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self._place(self._visible, source_index.row(), source_index.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._visible) and 0 <= column < COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, _index: Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._source is None else COLUMNS

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._visible)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every painted cell: answered here from the row, without
        # mapping to a source index and calling the source.
        source = self._source
        if role not in _ROLES or source is None or not index.isValid():
            return None  # most roles asked for have no value here: answered first
        row = index.row()
        if not 0 <= row < len(self._visible):
            return None
        return source.value(self._visible[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            source = self.sourceModel()
            return source.headerData(section, orientation, role) if source else None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._visible):
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._source is not None:
            self._source.sort_rows(column, order)  # layoutChanged -> mapped again


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
