"""The Plan page's grid: one day of the mission, rooms across, time down.

A cell holds the interviews starting in its time step and the written-test sittings running
through it. A candidate's interview is dragged onto another cell to move it; the model does
not move anything itself: it asks (``move_requested``) and the page re-plans through the
scheduler, so a drop obeys the same rules as the Move dialog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.planning import Interview, Sitting
from app.domain.planning.timeline import DAY, Interval, at
from app.store.plan_state import PlanState

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-mission-desk-candidate"
CandidateIdRole = Qt.ItemDataRole.UserRole + 1
MinuteRole = Qt.ItemDataRole.UserRole + 2
INTERVIEW = QBrush(QColor("#e3f0ff"))
FROZEN = QBrush(QColor("#e8f5e9"))
SITTING = QBrush(QColor("#fff4d6"))
CLOSED = QBrush(QColor("#eceff1"))
MUTED = QBrush(QColor("#6b7280"))


def clock(minute: int) -> str:
    """A time of day the interface language's way (09:30, or 9:30 AM)."""
    m = minute % DAY
    return QLocale().toString(QTime(m // 60, m % 60), QLocale.FormatType.ShortFormat)


def day_text(day: dt.date) -> str:
    return QLocale().toString(day, QLocale.FormatType.LongFormat)


@dataclass(frozen=True)
class Cell:
    interviews: tuple[Interview, ...] = ()
    sittings: tuple[tuple[Sitting, bool], ...] = ()  # (sitting, starts in this step)
    closed: bool = False  # outside opening hours, a break, or a lost room


class PlanGridModel(QAbstractTableModel):
    # (candidate id, mission minute, room): a drop asks the page to move the interview
    move_requested = Signal(str, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state: PlanState | None = None
        self.editable = False
        self.day: dt.date | None = None
        self._times: list[int] = []
        self._rooms: list[str] = []
        self._cells: dict[tuple[int, int], Cell] = {}
        self.subject_names: dict[str, str] = {}  # subject key -> its name in the interface

    # -- content -----------------------------------------------------------------------------

    def days(self) -> list[dt.date]:
        return [d.date for d in self.state.setup.days] if self.state else []

    def set_state(self, state: PlanState | None, day: dt.date | None = None) -> None:
        self.beginResetModel()
        self.state = state
        days = self.days()
        self.day = day if day in days else (self.day if self.day in days else
                                            (days[0] if days else None))
        self._build()
        self.endResetModel()

    def set_day(self, day: dt.date) -> None:
        self.set_state(self.state, day)

    def _build(self) -> None:
        self._times, self._rooms, self._cells = [], [], {}
        if self.state is None or self.day is None:
            return
        setup = self.state.setup
        step = setup.slot_minutes
        mday = setup.day_at(at(self.day, 0))
        assert mday is not None
        first = at(self.day, mday.opens)
        sittings = [s for s in setup.sittings if s.start // DAY == self.day.toordinal()]
        start = min([first, *(s.start for s in sittings)])
        start -= (start - first) % step  # steps stay aligned on the opening time
        end = max([at(self.day, mday.closes), *(s.span.end for s in sittings)])
        self._times = list(range(start, end, step))
        self._rooms = [r.name for r in setup.rooms]
        for r, t in enumerate(self._times):
            span = Interval(t, t + step)
            for c, room in enumerate(self._rooms):
                ivs = tuple(i for i in self.state.plan.interviews
                            if i.room == room and t <= i.start < t + step)
                sits = tuple((s, t <= s.start < t + step) for s in sittings
                             if s.room == room and s.span.overlaps(span))
                closed = not mday.holds(span) or any(
                    x.who == room and x.span.overlaps(span) for x in setup.room_closures)
                if ivs or sits or closed:
                    self._cells[(r, c)] = Cell(ivs, sits, closed and not sits)

    def cell(self, row: int, column: int) -> Cell:
        return self._cells.get((row, column), Cell())

    def minute_at(self, row: int) -> int:
        return self._times[row]

    def room_at(self, column: int) -> str:
        return self._rooms[column]

    def index_of(self, candidate_id: str) -> QModelIndex:
        for (r, c), cell in self._cells.items():
            if any(i.candidate_id == candidate_id for i in cell.interviews):
                return self.index(r, c)
        return QModelIndex()

    def candidate_at(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        ivs = self.cell(index.row(), index.column()).interviews
        return ivs[0].candidate_id if ivs else None

    def _interview_text(self, iv: Interview) -> str:
        assert self.state is not None
        cid = iv.candidate_id
        return f"{self.state.labels.get(cid, '?')} {self.state.names.get(cid, '')}"

    def _subjects(self, sitting: Sitting) -> str:
        return ", ".join(self.subject_names.get(k, k) for k in sitting.subjects)

    def _members(self, iv: Interview) -> str:
        assert self.state is not None
        return ", ".join(self.state.assessors.get(m, m) for m in iv.members)

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._times)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rooms)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._rooms):
            return self._rooms[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._times):
            return clock(self._times[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.state is None:
            return None
        cell = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [self._interview_text(i) for i in cell.interviews]
            for s, first in cell.sittings:
                subjects = self._subjects(s)
                lines.append(self.tr("Written test: %1").replace("%1", subjects) if first
                             else "⋮ " + subjects)
            if not lines and cell.closed:
                return self.tr("Closed")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            for i in cell.interviews:
                tips.append(self.tr("%1 · %2, %3 minutes, %4 · panel: %5")
                            .replace("%1", self._interview_text(i))
                            .replace("%2", clock(i.start))
                            .replace("%3", QLocale().toString(i.duration))
                            .replace("%4", i.room).replace("%5", self._members(i)))
                if i.candidate_id in self.state.frozen:
                    tips.append(self.tr("Scored: this interview no longer moves"))
            for s, _first in cell.sittings:
                seated = sum(1 for x in self.state.plan.seats if x.sitting_id == s.id)
                tips.append(self.tr("Written test %1 (%2), %3–%4, %5 seated of %6")
                            .replace("%1", s.id).replace("%2", self._subjects(s))
                            .replace("%3", clock(s.start)).replace("%4", clock(s.span.end))
                            .replace("%5", QLocale().toString(seated))
                            .replace("%6", QLocale().toString(
                                self.state.setup.seats_in(s))))
            return "\n".join(tips) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.interviews:
                frozen = all(i.candidate_id in self.state.frozen for i in cell.interviews)
                return FROZEN if frozen else INTERVIEW
            if cell.sittings:
                return SITTING
            if cell.closed:
                return CLOSED
        elif role == Qt.ItemDataRole.ForegroundRole and cell.closed and not cell.interviews:
            return MUTED
        elif role == CandidateIdRole:
            return self.candidate_at(index)
        elif role == MinuteRole:
            return self._times[index.row()]
        return None

    # -- drag and drop -----------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            f |= Qt.ItemFlag.ItemIsDropEnabled
            cid = self.candidate_at(index)
            if cid is not None and self.state is not None and cid not in self.state.frozen:
                f |= Qt.ItemFlag.ItemIsDragEnabled
        return f

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        for index in indexes:
            cid = self.candidate_at(index)
            if cid is not None:
                data.setData(MIME, QByteArray(cid.encode()))
                break
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return (self.editable and data.hasFormat(MIME) and parent.isValid()
                and not self.cell(parent.row(), parent.column()).closed)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        cid = bytes(data.data(MIME).data()).decode()
        self.move_requested.emit(cid, self._times[parent.row()], self._rooms[parent.column()])
        # Nothing is removed from the source cell by the view: the page re-plans and reloads.
        return False
