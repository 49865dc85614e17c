"""Tables of the sync page: open conflicts (both values) and refused changes (with reasons)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Candidate, Conflict, Decision, Interview, OutboxMutation
from app.store.queries_detail import FieldChange, last_change
from ui.numbers import datetime_text
from ui.vocabulary import entity_label, field_label, value_label

Index = QModelIndex | QPersistentModelIndex
ConflictIdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ConflictRow:
    id: str
    entity: str
    row_id: str
    candidate_id: str | None
    candidate: str
    field: str
    current_value: Any
    other_value: Any
    detected_at: Any = None  # when this desk learnt of it
    # the last change of the field recorded on this desk (who, when, to what), if any
    change: FieldChange | None = None


@dataclass(frozen=True)
class RejectedRow:
    mid: int
    entity: str
    candidate: str
    fields: str
    detail: str
    when: str


def show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _candidate_of(s: Session, entity: str, row_id: str) -> str | None:
    if entity == "candidate":
        return row_id
    model = {"decision": Decision, "interview": Interview}.get(entity)
    if model is None:
        return None
    row = s.get(model, row_id)
    return row.candidate_id if row is not None else None  # type: ignore[attr-defined]


def _name(s: Session, candidate_id: str | None) -> str:
    c = s.get(Candidate, candidate_id) if candidate_id else None
    return f"{c.family_name} {c.given_names} ({c.application_number})" if c else ""


def load_conflicts(s: Session) -> list[ConflictRow]:
    rows = []
    for c in s.scalars(select(Conflict).where(Conflict.resolved.is_(False))
                       .order_by(Conflict.detected_at)):
        cid = _candidate_of(s, c.entity, c.row_id)
        rows.append(ConflictRow(c.id, c.entity, c.row_id, cid, _name(s, cid), c.field,
                                c.current_value, c.other_value, c.detected_at,
                                last_change(s, c.entity, c.row_id, c.field)))
    return rows


def load_rejected(s: Session) -> list[RejectedRow]:
    rows = []
    for m in s.scalars(select(OutboxMutation).where(OutboxMutation.state == "rejected")
                       .order_by(OutboxMutation.mid.desc())):
        cid = m.fields.get("candidate_id") if m.entity != "candidate" else m.row_id
        when = datetime_text(m.answered_at) if m.answered_at else ""
        rows.append(RejectedRow(m.mid, m.entity, _name(s, cid) or m.row_id[:8],
                                ", ".join(sorted(m.fields)), m.detail, when))
    return rows


class _Table(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cells(self, row: Any) -> list[str]:
        raise NotImplementedError

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            heads = self.headers()
            if 0 <= section < len(heads):
                return heads[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self.cells(row)
            return cells[index.column()] if 0 <= index.column() < len(cells) else None
        if role == ConflictIdRole:
            return getattr(row, "id", None) or getattr(row, "mid", None)
        return None


class ConflictsModel(_Table):
    """Conflicts in words: what (the field of whose record), both values in the interface
    language, and what happened (who changed it here and when, when it was found)."""

    def headers(self) -> list[str]:
        return [self.tr("Entity"), self.tr("Candidate"), self.tr("Field"),
                self.tr("Current value"), self.tr("Other value"), self.tr("What happened")]

    def cells(self, row: ConflictRow) -> list[str]:
        return [entity_label(row.entity), row.candidate, field_label(row.field),
                value_label(row.field, row.current_value),
                value_label(row.field, row.other_value), self.story(row)]

    def story(self, row: ConflictRow) -> str:
        c = row.change
        if c is not None and c.new == row.other_value:  # this desk's edit came second
            text = self.tr("%1 set the %2 to “%3” on this desk on %4, but another desk had "
                           "already set it to “%5”, which stays until the head of delegation "
                           "decides.").replace("%1", c.actor).replace("%4", datetime_text(c.at))
        elif c is not None and c.new == row.current_value:  # this desk's edit came first
            text = self.tr("%1 set the %2 to “%5” on this desk on %4; another desk then set "
                           "it to “%3” from an older version.").replace(
                "%1", c.actor).replace("%4", datetime_text(c.at))
        else:
            text = self.tr("Two desks changed the %2 from the same version: “%5” stays, "
                           "“%3” is kept for the head of delegation to decide.")
        text = text.replace("%2", field_label(row.field)).replace(
            "%3", value_label(row.field, row.other_value)).replace(
            "%5", value_label(row.field, row.current_value))
        if row.detected_at:
            text += " " + self.tr("Found on %1.").replace("%1", datetime_text(row.detected_at))
        return text


class RejectedModel(_Table):
    def headers(self) -> list[str]:
        return [self.tr("Change"), self.tr("Entity"), self.tr("Candidate"), self.tr("Fields"),
                self.tr("Reason"), self.tr("Answered")]

    def cells(self, row: RejectedRow) -> list[str]:
        return [f"#{row.mid}", row.entity, row.candidate, row.fields, row.detail, row.when]
