"""The written-tests sheet of one subject: one row per candidate, the marker's own mark
editable, other markers' marks beside it, pairs needing a third reading flagged."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.enums import CandidateStatus, Track
from app.domain.errors import DomainError
from app.domain.marks import ABSENT, MarkValue, needs_third_reading, parse_mark
from app.domain.mission import Subject
from app.domain.text import fold
from app.store.queries_marks import MarkSheetRow, load_mark_sheet, mark_candidate
from app.store.queries_scripts import is_anonymous, script_codes
from ui.context import DeskContext
from ui.numbers import decimal_text

from .row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex

COL_APPNO, COL_NAME, COL_TRACK, COL_OWN, COL_OTHERS, COL_GAP = range(6)
GAP_BRUSH = QBrush(QColor("#fde2c4"))
GAP_TEXT = QBrush(QColor("#8a3b00"))
MUTED = QBrush(QColor("#6b7280"))
# Role holding a row's candidate id (for tests and the page).
CandidateIdRole = Qt.ItemDataRole.UserRole + 1


class MarksModel(RowTableModel[MarkSheetRow]):
    """Rows of ``load_mark_sheet``; ``setData`` on the own-mark column is one recorded edit."""

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(lambda r: r.candidate_id, parent)
        self.ctx = ctx
        self.subject: Subject = ctx.config.subjects[0]
        self.last_error = ""
        # Anonymous marking (issue 13): script codes instead of application numbers and
        # names until the chair lifts anonymity for the subject.
        self.anonymous = False
        self.codes: dict[str, str] = {}  # candidate id -> script code for the subject

    def headers(self) -> list[str]:
        return [self.tr("Script code") if self.anonymous else self.tr("Application no."),
                self.tr("Name"), self.tr("Track"),
                self.tr("Your mark"), self.tr("Other markers"), self.tr("Double marking")]

    def set_subject(self, key: str) -> None:
        self.subject = self.ctx.config.subject(key)
        self.reload()

    def reload(self) -> None:
        config, mission, key = self.ctx.config, self.ctx.mission_id, self.subject.key
        with self.ctx.store.read() as s:
            rows = load_mark_sheet(s, mission, key, self.ctx.actor_id)
            self.codes = (script_codes(s, mission, config, key)
                          if is_anonymous(s, mission, config, key) else {})
        # No script code issued for the subject (a mission never seated): nothing to mark
        # on but names, so they show.
        anonymous = bool(self.codes)
        if anonymous:
            # in code order: the order of application numbers would tell who is who
            rows.sort(key=lambda r: (r.track != Track.FREE_MOVER,
                                     self.codes.get(r.candidate_id, "~")))
        if anonymous != self.anonymous:
            self.anonymous = anonymous
            self.retranslate()  # the first column's title
        self.set_rows(rows)

    def shown_number(self, row: MarkSheetRow) -> str:
        """What identifies the row: its script code while anonymous, else the number."""
        if self.anonymous:
            return self.codes.get(row.candidate_id, "—")
        return row.application_number

    def search_text(self, row: MarkSheetRow) -> str:
        """What the search box matches: a script code (with or without its dash) while
        anonymous, else the application number and the name."""
        if self.anonymous:
            code = self.codes.get(row.candidate_id, "")
            return fold(f"{code} {code.replace('-', '')}")
        return fold(f"{row.application_number} {row.name}")

    def reload_mark(self, mark_id: str) -> None:
        """One mark changed (an edit, its undo, a sync): refresh only its candidate's line."""
        with self.ctx.store.read() as s:
            where = mark_candidate(s, mark_id) if mark_id else None
            if where is None:
                rows = None
            elif where[1] != self.subject.key:
                return
            else:
                rows = load_mark_sheet(s, self.ctx.mission_id, self.subject.key,
                                       self.ctx.actor_id, candidate_id=where[0])
        i = self.row_of(rows[0].candidate_id) if rows else -1
        if rows is None or i < 0:
            self.reload()
            return
        self._rows[i] = rows[0]
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    # -- display ----------------------------------------------------------------------------

    def format_mark(self, value: MarkValue | None) -> str:
        return mark_text(value)

    def others_visible(self, row: MarkSheetRow) -> bool:
        return self.ctx.config.sees_other_marks(row.own is not None)

    def needs_third(self, row: MarkSheetRow) -> bool:
        values = [v for _, v in row.others]
        if row.own is not None:
            values.append(row.own)
        return needs_third_reading(values, self.ctx.config.double_marking_threshold)

    def track_label(self, track: Track) -> str:
        return self.tr("Free mover") if track == Track.FREE_MOVER else self.tr("Double degree")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_APPNO:
                return self.shown_number(row)
            if col == COL_NAME:
                return self.tr("hidden") if self.anonymous else row.name
            if col == COL_TRACK:
                return self.track_label(row.track)
            if col == COL_OWN:
                return self.format_mark(row.own)
            if col == COL_OTHERS:
                if row.others and not self.others_visible(row):
                    return self.tr("hidden (%1)").replace(
                        "%1", ", ".join(initials(n) for n, _v in row.others))
                return "   ".join(f"{self.format_mark(v)} ({initials(n)})" for n, v in row.others)
            if col == COL_GAP:
                return self.tr("Third reading") if self.needs_third(row) else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col in (COL_APPNO, COL_NAME) and self.anonymous:
                return self.tr("Anonymous marking: names stay hidden until the head of "
                               "delegation lifts anonymity for this subject.")
            if col == COL_OTHERS and row.others and not self.others_visible(row):
                return self.tr("Blind second marking: the other markers' marks appear once "
                               "yours is entered.")
            if col == COL_OTHERS and row.others:
                return "\n".join(f"{n}: {self.format_mark(v)}" for n, v in row.others)
            if col == COL_GAP and self.needs_third(row):
                return self.tr("The markers' marks differ by more than %1 points, or one saw "
                               "the candidate absent: a third reading is needed.").replace(
                    "%1", decimal_text(self.ctx.config.double_marking_threshold))
            if col == COL_OWN:
                return self.tr("Type a mark from 0 to %1 in steps of %2, or 'abs' for absent; "
                               "Enter saves and moves to the next candidate.").replace(
                    "%1", decimal_text(self.subject.max_mark)).replace(
                    "%2", decimal_text(self.subject.step))
        elif role == Qt.ItemDataRole.BackgroundRole:
            if self.needs_third(row):
                return GAP_BRUSH
        elif role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_GAP:
                return GAP_TEXT
            if row.status != CandidateStatus.PRESENT and col != COL_OWN:
                return MUTED
        elif role == Qt.ItemDataRole.FontRole:
            if col in (COL_OWN, COL_GAP):
                f = QFont()
                f.setBold(True)
                return f
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (COL_OWN, COL_OTHERS):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        elif role == CandidateIdRole:
            return row.candidate_id
        elif role == Qt.ItemDataRole.UserRole:  # sort key
            if col == COL_OWN:
                return _sort_mark(row.own)
            if col == COL_GAP:
                return int(self.needs_third(row))
            return self.data(index)
        return None

    # -- editing -----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_OWN:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def check(self, text: str) -> tuple[MarkValue | None, str]:
        """(value, "") for an acceptable entry (None clears the mark), or (None, reason)."""
        if not text.strip():
            return None, ""
        try:
            return parse_mark(text, self.subject), ""
        except DomainError as exc:
            # The domain decides; the reason is said again in the interface's language.
            return None, self.refusal(text, str(exc))

    def refusal(self, text: str, fallback: str) -> str:
        subject, typed = self.subject, text.strip()
        try:
            value = Decimal(typed.replace(",", "."))
        except InvalidOperation:
            return self.tr("'%1' is not a mark: type a number, or 'abs' for absent").replace(
                "%1", typed)
        if not value.is_finite():
            return self.tr("'%1' is not a mark: type a number, or 'abs' for absent").replace(
                "%1", typed)
        if value < 0 or value > subject.max_mark:
            return self.tr("%1 is out of range: marks go from 0 to %2").replace(
                "%1", typed).replace("%2", decimal_text(subject.max_mark))
        if value % subject.step != 0:
            return self.tr("%1 is not a multiple of %2").replace("%1", typed).replace(
                "%2", decimal_text(subject.step))
        return fallback

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_OWN or role != Qt.ItemDataRole.EditRole:
            return False
        self.last_error = ""
        parsed, error = self.check(str(value))
        if error:
            self.last_error = error
            return False
        row = self.row_at(index.row())
        if parsed == row.own:
            return True
        old, cid, subject = row.own, row.candidate_id, self.subject.key
        edits = self.ctx.edits
        number = self.shown_number(row)  # an undo label must not name an anonymous script

        def label() -> str:  # said again in the current language after a switch
            return QCoreApplication.translate("MarksModel", "Mark %1 for %2").replace(
                "%1", mark_text(parsed) or "—").replace("%2", number)
        try:
            self.ctx.run_edit(label, "mark",
                              lambda: edits.set_mark(cid, subject, parsed),
                              lambda: edits.set_mark(cid, subject, old))
        except DomainError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        row.own = parsed
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), self.columnCount() - 1))
        return True


def mark_text(value: MarkValue | None) -> str:
    """A mark as the sheet shows it: "12,5" in French, "abs" (translated) for an absence."""
    if value is None:
        return ""
    if value == ABSENT:
        return QCoreApplication.translate("MarksModel", "abs")
    return decimal_text(value)


def initials(name: str) -> str:
    parts = [p for p in name.replace(".", " ").split() if p[:1].isupper() and p not in
             ("Prof", "Dr")]
    return "".join(p[0] for p in parts) or name[:2]


def _sort_mark(value: MarkValue | None) -> float:
    if value is None:
        return -2.0
    if value == ABSENT:
        return -1.0
    return float(Decimal(value))


class MarksFilter(QSortFilterProxyModel):
    """Track and presence filters over the sheet; sorting by the model's UserRole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.track: Track | None = None
        self.present_only = False
        self.query = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_query(self, text: str) -> None:
        """Application number or name, accents and case ignored."""
        self.beginFilterChange()
        self.query = fold(text.strip())
        self.endFilterChange()

    def set_track(self, track: Track | None) -> None:
        self.beginFilterChange()
        self.track = track
        self.endFilterChange()

    def set_present_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.present_only = on
        self.endFilterChange()

    def accepts(self, row: MarkSheetRow) -> bool:
        if self.track is not None and row.track != self.track:
            return False
        model = self.sourceModel()
        text = (model.search_text(row) if isinstance(model, MarksModel)
                else fold(f"{row.application_number} {row.name}"))
        if self.query and self.query not in text:
            return False
        return not (self.present_only and row.status != CandidateStatus.PRESENT)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, MarksModel):
            return True
        return self.accepts(model.row_at(source_row))
