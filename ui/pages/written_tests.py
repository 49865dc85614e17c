"""Written tests: a spreadsheet-like sheet per subject. Type a mark, Enter saves it and moves
to the next candidate; an invalid entry is refused in place with the reason."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import CandidateStatus, Track
from app.domain.errors import DomainError
from ui.context import DeskContext
from ui.models.marks import (
    COL_APPNO,
    COL_GAP,
    COL_NAME,
    COL_OTHERS,
    COL_OWN,
    COL_TRACK,
    MarksFilter,
    MarksModel,
)
from ui.numbers import decimal_text
from ui.vocabulary import subject_label
from ui.widgets.mark_delegate import MarkDelegate
from ui.widgets.panel_opener import install_panel_opener

ERROR_STYLE = ("QLabel { color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0;"
               " border-radius: 4px; padding: 4px 8px; }")


class MarksTable(QTableView):
    """The mark sheet: typing anywhere on a row edits the own mark (never a type-ahead jump
    to another row), and Tab leaves the sheet instead of walking its cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        if (event.text().strip() and current.isValid() and current.column() != COL_OWN
                and not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                              | Qt.KeyboardModifier.KeypadModifier)):
            self.setCurrentIndex(current.siblingAtColumn(COL_OWN))
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """No type-ahead: digits typed here are marks, not a search for a row."""

    def leave(self, forward: bool) -> None:
        """Focus on to the next (or previous) control after the sheet."""
        self.focusNextPrevChild(forward)


class WrittenTestsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = MarksModel(ctx, self)
        self.proxy = MarksFilter(self)
        self.proxy.setSourceModel(self.model)

        self.subject_box = QComboBox()
        self.subject_box.setObjectName("subjectBox")
        for subject in ctx.config.subjects:
            self.subject_box.addItem(subject_label(subject), subject.key)
        self.track_box = QComboBox()
        self.track_box.setObjectName("trackBox")
        self.track_box.addItem(self.tr("Free movers"), Track.FREE_MOVER.value)
        self.track_box.addItem(self.tr("Double degree"), Track.DOUBLE_DEGREE.value)
        self.track_box.addItem(self.tr("All tracks"), "")
        self.present_only = QCheckBox(self.tr("Present candidates only"))
        self.present_only.setObjectName("presentOnly")
        self.present_only.setChecked(True)
        self.scale = QLabel()
        self.scale.setObjectName("scaleLabel")
        self.scale.setStyleSheet("color: #4b5563;")

        self.search = QLineEdit()
        self.search.setObjectName("marksSearch")
        self.search.setPlaceholderText(self.tr("Application no. or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(190)
        self.search.setMaximumWidth(240)
        bar = QHBoxLayout()
        bar.addWidget(self.search)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Subject:")))
        bar.addWidget(self.subject_box)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Track:")))
        bar.addWidget(self.track_box)
        bar.addSpacing(16)
        bar.addWidget(self.present_only)
        bar.addStretch(1)

        self.table = MarksTable()
        self.table.setObjectName("marksTable")
        self.table.setModel(self.proxy)
        self.delegate = MarkDelegate(self.model, self.table)
        self.table.setItemDelegateForColumn(COL_OWN, self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        # Columns are measured once (on a sample of rows), not on every edit: with thousands
        # of candidates, content-sized columns would re-read the whole sheet per keystroke.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_OWN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_OTHERS, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_GAP, QHeaderView.ResizeMode.Fixed)
        for col, width in ((COL_OWN, 120), (COL_OTHERS, 200), (COL_GAP, 160)):
            header.resizeSection(col, max(width, header.sectionSizeHint(col) + 12))

        # Anonymous marking: say so, and give the chair the lifting (issue 13).
        self.anonymity = QLabel()
        self.anonymity.setObjectName("anonymityNote")
        self.anonymity.setWordWrap(True)
        self.anonymity.setStyleSheet("QLabel { color: #1f2937; background: #eef2f7; border: "
                                     "1px solid #d5dce5; border-radius: 4px; padding: 4px 8px;"
                                     " }")
        self.lift_button = QPushButton()
        self.lift_button.setObjectName("liftAnonymity")
        self.lift_button.clicked.connect(self.lift_anonymity)
        anonymity_row = QHBoxLayout()
        anonymity_row.addWidget(self.anonymity, 1)
        anonymity_row.addWidget(self.lift_button)

        self.error = QLabel()
        self.error.setObjectName("markError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.summary = QLabel()
        self.summary.setObjectName("marksSummary")
        hint = QLabel(self.tr("Type a mark and press Enter to save it and go to the next "
                              "candidate · “abs” marks an absence · an empty entry clears "
                              "your mark · Ctrl+Z undoes"))
        hint.setStyleSheet("color: #4b5563;")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Written tests"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addLayout(anonymity_row)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        foot = QHBoxLayout()
        self.summary.setWordWrap(True)  # a narrow screen wraps the counts, never cuts them
        foot.addWidget(self.summary, 1)
        legend = QLabel(self.tr("Highlighted rows need a third reading"))
        legend.setStyleSheet("background: #fde2c4; color: #8a3b00; padding: 2px 8px;"
                             " border-radius: 3px;")
        foot.addWidget(legend)
        layout.addLayout(foot)
        # The scale under the sheet, beside how to type: the filter row fits 1024 pixels.
        layout.addWidget(self.scale)
        layout.addWidget(hint)

        self.subject_box.currentIndexChanged.connect(self._subject_changed)
        self.track_box.currentIndexChanged.connect(self._filters_changed)
        self.present_only.toggled.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        install_panel_opener(self, self.table, ctx, self.current_candidate)
        self.delegate.refused.connect(self._show_error)
        self.delegate.committed.connect(self._next_row)
        self.delegate.tabbed.connect(self.table.leave)
        self._stale = False
        ctx.changed.connect(self._on_changed)
        self.proxy.set_track(Track.FREE_MOVER)
        self.proxy.set_present_only(True)
        self._subject_changed()
        for col in (COL_APPNO, COL_TRACK):
            self.table.resizeColumnToContents(col)

    # -- slots -------------------------------------------------------------------------------

    def _subject_changed(self) -> None:
        key = self.subject_box.currentData()
        self.model.set_subject(key)
        s = self.model.subject
        self.scale.setText(self.tr("Marked from 0 to %1, steps of %2, coefficient %3")
                           .replace("%1", _num(s.max_mark)).replace("%2", _num(s.step))
                           .replace("%3", _num(s.coefficient)))
        self._show_anonymity()
        self._show_error("")
        self._update_summary()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, COL_OWN))

    def _show_anonymity(self) -> None:
        anonymous = self.model.anonymous
        subject = subject_label(self.model.subject)
        self.anonymity.setText(self.tr(
            "Anonymous marking: scripts are listed by their codes and names are hidden until "
            "the head of delegation lifts anonymity for %1. Type a script code to find its "
            "row.").replace("%1", subject))
        self.anonymity.setVisible(anonymous)
        self.lift_button.setText(self.tr("Lift anonymity for %1").replace("%1", subject))
        self.lift_button.setVisible(anonymous and self.ctx.is_chair)
        self.search.setPlaceholderText(self.tr("Script code…") if anonymous
                                       else self.tr("Application no. or name…"))

    def lift_anonymity(self) -> None:
        """The chair shows the names of a subject's scripts: asked once, then recorded."""
        if not (self.model.anonymous and self.ctx.is_chair):
            return
        subject, key = subject_label(self.model.subject), self.model.subject.key
        answer = QMessageBox.question(
            self, self.tr("Lift anonymity"),
            self.tr("Show the candidates' names beside the scripts of %1, on every desk? "
                    "This is recorded under your name and cannot be undone.")
            .replace("%1", subject),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        edits = self.ctx.edits
        try:
            self.ctx.run_edit(self.tr("Lift anonymity for %1").replace("%1", subject),
                              "anonymity", lambda: edits.lift_anonymity(key))
        except DomainError as exc:
            self._show_error(str(exc))
            return
        self.model.reload()
        self._show_anonymity()
        self._update_summary()

    def _filters_changed(self) -> None:
        track = self.track_box.currentData()
        self.proxy.set_track(Track(track) if track else None)
        self.proxy.set_present_only(self.present_only.isChecked())
        self.proxy.set_query(self.search.text())
        self._update_summary()

    def _on_changed(self, entity: str, row_id: str) -> None:
        if entity not in ("mark", "candidate", "anonymity", "seat", ""):
            return
        if not self.isVisible():  # another page is shown: catch up when this one is
            self._stale = True
            return
        if entity == "mark":
            self.model.reload_mark(row_id)
        else:
            self.model.reload()
            self._show_anonymity()
        self._update_summary()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.model.reload()
            self._show_anonymity()
            self._update_summary()
        super().showEvent(event)

    def _show_error(self, reason: str) -> None:
        self.error.setText(reason)
        self.error.setVisible(bool(reason))

    def _next_row(self) -> None:
        current = self.table.currentIndex()
        row = current.row() + 1 if current.isValid() else 0
        self._update_summary()
        if row < self.proxy.rowCount():
            nxt = self.proxy.index(row, COL_OWN)
            self.table.selectionModel().setCurrentIndex(
                nxt, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(nxt)

    def _update_summary(self) -> None:
        rows = [r for r in self.model.rows() if self.proxy.accepts(r)]
        present = [r for r in rows if r.status == CandidateStatus.PRESENT]
        mine = sum(1 for r in rows if r.own is not None)
        third = sum(1 for r in rows if self.model.needs_third(r))
        self.summary.setText(
            self.tr("%n candidate(s) listed", "", len(rows))
            + self.tr(", %1 present · you marked %2 · third readings needed: %3")
            .replace("%1", str(len(present))).replace("%2", str(mine))
            .replace("%3", str(third)))

    def save_state(self) -> dict[str, object]:
        """The sheet shown, carried across a language switch."""
        return {"subject": self.subject_box.currentIndex(),
                "track": self.track_box.currentIndex(),
                "present": self.present_only.isChecked(),
                "row": self.table.currentIndex().row()}

    def restore_state(self, state: dict[str, object]) -> None:
        self.subject_box.setCurrentIndex(int(state.get("subject", 0)))  # type: ignore[call-overload]
        self.track_box.setCurrentIndex(int(state.get("track", 0)))  # type: ignore[call-overload]
        self.present_only.setChecked(bool(state.get("present", True)))
        row = int(state.get("row", -1))  # type: ignore[call-overload]
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, COL_OWN))

    def current_candidate(self) -> str | None:
        """None while the subject is anonymous: the candidate's panel would name them."""
        if self.model.anonymous:
            return None
        row = self.current_source_row()
        return self.model.row_at(row).candidate_id if row >= 0 else None

    def current_source_row(self) -> int:
        idx = self.table.currentIndex()
        return self.proxy.mapToSource(idx).row() if idx.isValid() else -1


def _num(value: Decimal) -> str:
    return decimal_text(value)
