"""Candidates: search every candidate by any part of the name, number or institution (accents
and case ignored), filter by track and status, and check them in with one key: P present,
A absent. Each check-in is an undoable edit (Ctrl+Z records a new edit back)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import CandidateStatus, Track
from app.domain.errors import DomainError
from ui.context import DeskContext
from ui.models.candidates import (
    COL_FAMILY,
    COL_GIVEN,
    COL_INSTITUTION,
    COL_NATIONALITY,
    COL_NUMBER,
    COL_STATUS,
    COL_TRACK,
    CandidatesFilter,
    CandidatesModel,
    load_rows,
    status_label,
)
from ui.numbers import date_text
from ui.resources import icon_path
from ui.widgets.panel_opener import install_panel_opener, open_candidate_panel

CHECK_IN_KEYS = {Qt.Key.Key_P: CandidateStatus.PRESENT, Qt.Key.Key_A: CandidateStatus.ABSENT}


class CandidatesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = CandidatesModel(self)
        self._tally = (0, 0, 0)
        self.proxy = CandidatesFilter(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Candidates"))
        title.setProperty("role", "title")
        self.search = QLineEdit()
        self.search.setObjectName("candidateSearch")
        self.search.setPlaceholderText(self.tr("Search name, application number, institution…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(QIcon(str(icon_path("search"))),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(340)
        self.track_box = QComboBox()
        self.track_box.setObjectName("trackFilter")
        self.track_box.addItem(self.tr("All tracks"), "")
        self.track_box.addItem(self.tr("Free movers"), Track.FREE_MOVER.value)
        self.track_box.addItem(self.tr("Double degree"), Track.DOUBLE_DEGREE.value)
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusFilter")
        self.status_box.addItem(self.tr("All statuses"), "")
        for s in CandidateStatus:
            self.status_box.addItem(status_label(s), s.value)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.search, 1)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Track:")))
        bar.addWidget(self.track_box)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Status:")))
        bar.addWidget(self.status_box)

        self.table = QTableView()
        self.table.setObjectName("candidatesTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Widths shared out by weight on every resize (_fit_columns): measuring 10,000 rows
        # to fit their contents would cost seconds.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)

        self.present_button = QPushButton(self.tr("Present (P)"))
        self.present_button.setObjectName("presentButton")
        self.absent_button = QPushButton(self.tr("Absent (A)"))
        self.absent_button.setObjectName("absentButton")
        self.present_button.clicked.connect(lambda: self.check_in(CandidateStatus.PRESENT))
        self.absent_button.clicked.connect(lambda: self.check_in(CandidateStatus.ABSENT))
        self.counts = QLabel()
        self.counts.setObjectName("candidateCounts")
        self.counts.setProperty("role", "muted")
        self.message = QLabel()
        self.message.setObjectName("candidateMessage")
        self.message.setProperty("role", "error")
        self.message.hide()
        # Identity check at the door: the selected name beside its date of birth.
        self.identity = QLabel()
        self.identity.setObjectName("identityCheck")
        self.identity.setTextFormat(Qt.TextFormat.RichText)
        self.identity.setWordWrap(True)
        hint = QLabel(self.tr("Select a candidate and press P (present) or A (absent) · "
                              "Ctrl+F searches · Ctrl+I shows the details · Ctrl+Z undoes"))
        hint.setProperty("role", "muted")

        hint.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.identity)
        texts.addWidget(self.counts)
        texts.addWidget(hint)
        foot = QHBoxLayout()
        foot.addLayout(texts, 1)
        foot.addSpacing(12)
        foot.addWidget(self.present_button)
        foot.addWidget(self.absent_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._to_table)
        self.track_box.currentIndexChanged.connect(self._filters_changed)
        self.status_box.currentIndexChanged.connect(self._filters_changed)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        ctx.changed.connect(self._on_changed)
        install_panel_opener(self, self.table, ctx, self.current_candidate, double_click=True)
        self.reload()

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_rows(load_rows(self.ctx.store, self.ctx.mission_id))
        self._update_counts()
        self._update_buttons()

    def _on_changed(self, entity: str, row_id: str) -> None:
        if entity == "candidate" and row_id:
            from app.store.models import Candidate

            with self.ctx.store.read() as s:
                c = s.get(Candidate, row_id)
                status = c.status if c is not None else None
            if status is None or self.model.row_of(row_id) < 0:
                self.reload()
            else:
                self.model.update_status(row_id, status)
                self._update_counts()
        elif entity in ("candidate", ""):
            self.reload()

    def _update_counts(self, recount: bool = True) -> None:
        if recount:  # on load and on status edits only, not on every keystroke
            statuses = [r.status for r in self.model.rows()]
            self._tally = (len(statuses), statuses.count(CandidateStatus.PRESENT),
                           statuses.count(CandidateStatus.ABSENT))
        total, present, absent = self._tally
        self.counts.setText(self.tr("%1 shown of %2 · %3 present · %4 absent").replace(
            "%1", str(self.proxy.rowCount())).replace("%2", str(total)).replace(
            "%3", str(present)).replace("%4", str(absent)))

    # -- kept across a language switch (MainWindow rebuilds the page) ---------------------

    def save_state(self) -> dict[str, object]:
        idx = self.table.currentIndex()
        row = self.model.row_at(self.proxy.mapToSource(idx).row()) if idx.isValid() else None
        return {"search": self.search.text(), "track": self.track_box.currentIndex(),
                "status": self.status_box.currentIndex(), "current": row.id if row else None}

    def restore_state(self, state: dict[str, object]) -> None:
        self.search.setText(str(state.get("search", "")))
        self.track_box.setCurrentIndex(int(state.get("track", 0)))  # type: ignore[call-overload]
        self.status_box.setCurrentIndex(int(state.get("status", 0)))  # type: ignore[call-overload]
        current = state.get("current")
        row = self.model.row_of(current) if isinstance(current, str) else -1
        if row >= 0:
            idx = self.proxy.mapFromSource(self.model.index(row, 0))
            if idx.isValid():
                self.table.selectRow(idx.row())

    # -- search and filters ------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        # Lay the rows out now rather than on the view's zero-timer: the next paint shows
        # the new rows, instead of a paint followed by a second one after the layout.
        self.table.doItemsLayout()
        self._after_filter()

    def _filters_changed(self) -> None:
        track = self.track_box.currentData()
        status = self.status_box.currentData()
        self.proxy.set_track(track or None)
        self.proxy.set_status(status or None)
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_counts(recount=False)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _to_table(self) -> None:
        if self.proxy.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            self.table.setFocus()

    # -- check-in ----------------------------------------------------------------------------

    def current_candidate(self) -> str | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row()).id

    def _update_buttons(self, *_args: QModelIndex) -> None:
        cid = self.current_candidate()
        self.present_button.setEnabled(cid is not None)
        self.absent_button.setEnabled(cid is not None)
        row = self.model.row_at(self.model.row_of(cid)) if cid is not None else None
        if row is None:
            self.identity.setText(self.tr("Select a candidate to check their identity."))
            return
        born = (self.tr("born %1").replace("%1", date_text(row.birth_date, long=True))
                if row.birth_date else self.tr("birth date unknown"))
        name = f"{row.family} {row.given}".strip()
        html = (f"<b>{_esc(name)}</b> · {_esc(row.number)} · "
                f"<span style='color:#1f4e8c;font-weight:600'>{_esc(born)}</span>")
        if html != self.identity.text():  # called at every keystroke: no re-layout if same
            self.identity.setText(html)

    def check_in(self, status: CandidateStatus) -> None:
        cid = self.current_candidate()
        if cid is None:
            return
        row = self.model.row_at(self.model.row_of(cid))
        old = row.status
        if old == status:
            return
        edits = self.ctx.edits
        number = row.number

        def label() -> str:  # said again in the current language after a switch
            return QCoreApplication.translate("CandidatesPage", "%1: %2").replace(
                "%1", number).replace("%2", status_label(status))
        try:
            self.ctx.run_edit(label, "candidate",
                              lambda: edits.set_status(cid, status),
                              lambda: edits.set_status(cid, old))
        except DomainError as exc:
            self.message.setText(str(exc))
            self.message.show()
            QTimer.singleShot(6000, self.message.hide)

    def showEvent(self, event: QShowEvent) -> None:
        # Arriving on the page, typing goes to the search box (check-in starts with a name).
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is None or not focused.isVisible():
            QTimer.singleShot(0, self.search.setFocus)

    def _fit_columns(self) -> None:
        width = self.table.viewport().width()
        fixed = {COL_NUMBER: 136, COL_TRACK: 124, COL_STATUS: 104}
        narrow = width < 900  # a small laptop screen: nationality gives way to names
        self.table.setColumnHidden(COL_NATIONALITY, narrow)
        weights = ({COL_FAMILY: 0.26, COL_GIVEN: 0.28, COL_INSTITUTION: 0.46} if narrow else
                   {COL_FAMILY: 0.2, COL_GIVEN: 0.22, COL_INSTITUTION: 0.42,
                    COL_NATIONALITY: 0.16})
        rest = max(width - sum(fixed.values()), 300)
        header = self.table.horizontalHeader()
        for col, w in fixed.items():
            header.resizeSection(col, w)
        for col, weight in weights.items():
            header.resizeSection(col, int(rest * weight))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier)
                and event.key() in CHECK_IN_KEYS):
            self.check_in(CHECK_IN_KEYS[Qt.Key(event.key())])
            return True
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            # Enter opens, as a double click does: the candidate's details.
            self.last_panel = open_candidate_panel(self.ctx, self.current_candidate(), self)
            return True
        return super().eventFilter(obj, event)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
