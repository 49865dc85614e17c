"""Interviews: the assessor's slots and the scorecard of the selected candidate.

Blind panel: the other members' cards are not loaded at all until one's own card is
submitted; then they appear side by side with disagreements highlighted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Recommendation, Track
from app.domain.errors import DomainError
from app.domain.marks import needs_third_reading
from app.domain.scorecard import missing_for_submit
from app.store.edits import EditResult
from app.store.models import Scorecard
from app.store.plan_state import interview_minutes
from app.store.queries_interviews import (
    CandidateHeader,
    assessor_names,
    load_header,
    load_slots,
)
from ui.context import DeskContext, Label
from ui.models.interviews import (
    COL_CANDIDATE,
    COL_ROOM,
    COL_TRACK,
    CardColumn,
    ComparisonModel,
    SlotsModel,
    SlotsProxy,
    criterion_label,
    recommendation_label,
)
from ui.models.marks import mark_text
from ui.numbers import date_text
from ui.vocabulary import subject_label
from ui.widgets.amend_dialog import AmendDialog
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.level_selector import CriterionRow
from ui.widgets.panel_opener import install_panel_opener
from ui.widgets.splitter_memory import remember
from ui.widgets.timer import InterviewTimer

log = logging.getLogger(__name__)
NARROW_LIST = 420  # px: under this the interview list shows time, name and scorecard only
NOTES_IDLE_MS = 1500  # notes are saved after this much typing pause, and on focus-out
BADGE = ("QLabel {{ background: {bg}; color: {fg}; border-radius: 4px; padding: 2px 8px;"
         " font-weight: 600; }}")
STATE_BADGES = {"none": ("#eef0f3", "#374151"), "draft": ("#fff4d6", "#7a5500"),
                "submitted": ("#e6f4ea", "#1e6b34")}


class NotesEdit(QPlainTextEdit):
    """Notes that report losing the focus, so the page saves them then."""

    def __init__(self, on_focus_out: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out

    def focusOutEvent(self, event: object) -> None:  # type: ignore[override]
        self._on_focus_out()
        super().focusOutEvent(event)  # type: ignore[arg-type]


class InterviewsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rubric = ctx.config.rubric
        self.candidate_id: str | None = None
        self.header_data: CandidateHeader | None = None
        self.own: Scorecard | None = None
        self.saved_notes = ""
        self._loading = False
        self._stale = False
        with ctx.store.read() as s:
            self.names = assessor_names(s, ctx.mission_id)

        # -- slots list -------------------------------------------------------------------
        self.slots = SlotsModel(self)
        self.slots_proxy = SlotsProxy(self)
        self.slots_proxy.setSourceModel(self.slots)
        self.slot_table = QTableView()
        self.slot_table.setObjectName("slotTable")
        self.slot_table.setModel(self.slots_proxy)
        # Slots come in time order from the store; a header click sorts by any column.
        self.slot_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.slot_table.setSortingEnabled(True)
        self.slot_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.slot_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.slot_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list (walking its cells changed the selected candidate).
        self.slot_table.setTabKeyNavigation(False)
        self.slot_table.setAlternatingRowColors(True)
        self.slot_table.setWordWrap(False)
        self.slot_table.verticalHeader().setVisible(False)
        self.slot_table.verticalHeader().setDefaultSectionSize(26)
        h = self.slot_table.horizontalHeader()
        # Fit the short columns to their text (translations differ in length); the name takes
        # the rest, its full text in the tooltip.
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(COL_CANDIDATE, QHeaderView.ResizeMode.Stretch)
        h.setResizeContentsPrecision(200)  # measured once, on a sample of rows
        self.slot_count = QLabel()
        self.slot_count.setObjectName("slotCount")
        self.slot_count.setStyleSheet("color: #4b5563;")
        self.slot_search = QLineEdit()
        self.slot_search.setObjectName("slotSearch")
        self.slot_search.setPlaceholderText(self.tr("Application no. or name…"))
        self.slot_search.setClearButtonEnabled(True)
        self.day_box = QComboBox()
        self.day_box.setObjectName("dayFilter")
        self.room_box = QComboBox()
        self.room_box.setObjectName("roomFilter")
        filters = QHBoxLayout()  # under the search box: the list may be narrow
        filters.addWidget(self.day_box, 1)
        filters.addWidget(self.room_box, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        slots_title = QLabel(self.tr("My interviews"))
        slots_title.setStyleSheet("font-weight: 600;")
        ll.addWidget(slots_title)
        ll.addWidget(self.slot_search)
        ll.addLayout(filters)
        ll.addWidget(self.slot_table, 1)
        ll.addWidget(self.slot_count)

        # -- candidate header + timer -----------------------------------------------------
        self.name = QLabel()
        self.name.setObjectName("candidateName")
        self.name.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.track_badge = QLabel()
        self.track_badge.setObjectName("trackBadge")
        self.state_badge = QLabel()
        self.state_badge.setObjectName("cardState")
        self.details = QLabel()
        self.details.setObjectName("candidateDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.timer = InterviewTimer()
        head = QFrame()
        head.setObjectName("candidateHeader")
        head.setStyleSheet("QFrame#candidateHeader { background: #f7f8fa; border: 1px solid "
                           "#dde1e6; border-radius: 6px; }")
        hl = QVBoxLayout(head)
        # Name and badges wrap onto a second line on a narrow screen; the clock stays right.
        self.name.setWordWrap(True)
        badges = FlowLayout()
        for w in (self.name, self.track_badge, self.state_badge):
            badges.addWidget(w)
        top = QHBoxLayout()
        top.addLayout(badges, 1)
        top.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignTop)
        hl.addLayout(top)
        hl.addWidget(self.details)

        # -- rubric -----------------------------------------------------------------------
        self.rows: dict[str, CriterionRow] = {}
        rubric_box = QWidget()
        rl = QVBoxLayout(rubric_box)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(2)
        rubric_title = QLabel(self.tr("Rubric — press 1 to 5 on a criterion (or click a "
                                      "level); the focus then moves to the next criterion"))
        rubric_title.setObjectName("rubricTitle")
        rubric_title.setWordWrap(True)
        rubric_title.setStyleSheet("color: #4b5563;")
        rl.addWidget(rubric_title)
        for c in self.rubric.criteria:
            row = CriterionRow(c)
            row.chosen.connect(self._set_level)
            self.rows[c.key] = row
            rl.addWidget(row)

        # -- notes, recommendation, submit ------------------------------------------------
        self.notes = NotesEdit(self._save_notes)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Notes (saved as you type)"))
        self.notes.setFixedHeight(72)
        self._notes_idle = QTimer(self)
        self._notes_idle.setSingleShot(True)
        self._notes_idle.setInterval(NOTES_IDLE_MS)
        self._notes_idle.timeout.connect(self._save_notes)
        self.notes.textChanged.connect(self._notes_typed)

        self.rec_group = QButtonGroup(self)
        self.rec_buttons: dict[str, QRadioButton] = {}
        rec_row = QHBoxLayout()
        rec_label = QLabel(self.tr("Overall recommendation:"))
        rec_label.setStyleSheet("font-weight: 600;")
        rec_choices = FlowLayout(spacing=12)  # wraps on a narrow screen
        rec_choices.addWidget(rec_label)
        for rec in Recommendation:
            b = QRadioButton(recommendation_label(rec.value))
            b.setObjectName(f"rec_{rec.value}")
            self.rec_group.addButton(b)
            self.rec_buttons[rec.value] = b
            rec_choices.addWidget(b)
            b.clicked.connect(lambda _c=False, r=rec.value: self._set_recommendation(r))
        rec_row.addLayout(rec_choices, 1)
        self.submit = QPushButton(self.tr("Submit scorecard…"))
        self.submit.setObjectName("submitButton")
        self.submit.setStyleSheet("QPushButton { font-weight: 600; padding: 4px 14px; }")
        self.amend = QPushButton(self.tr("Amend…"))
        self.amend.setObjectName("amendButton")
        rec_row.addWidget(self.amend)
        rec_row.addWidget(self.submit)
        self.submit.clicked.connect(self._submit)
        self.submit.setToolTip(self.tr("Submit your scorecard (Ctrl+Enter)"))
        submit_key = QShortcut(QKeySequence("Ctrl+Return"), self)
        submit_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        submit_key.activated.connect(
            lambda: self._submit() if self.submit.isVisible() else None)
        self.amend.clicked.connect(self._amend)

        # -- panel comparison (after own submission only) ---------------------------------
        self.comparison = ComparisonModel(self.rubric, self)
        self.comparison_view = QTableView()
        self.comparison_view.setObjectName("comparisonTable")
        self.comparison_view.setModel(self.comparison)
        self.comparison_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison_view.setTabKeyNavigation(False)
        self.comparison_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.comparison_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Fixed)
        self.comparison_view.verticalHeader().setDefaultSectionSize(26)
        self.comparison_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.comparison_view.setWordWrap(False)
        self.comparison_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.comparison_note = QLabel()
        self.comparison_note.setObjectName("comparisonNote")
        self.comparison_note.setWordWrap(True)
        self.comparison_box = QGroupBox(self.tr("Panel scorecards"))
        self.comparison_box.setObjectName("comparisonBox")
        cl = QVBoxLayout(self.comparison_box)
        cl.addWidget(self.comparison_note)
        cl.addWidget(self.comparison_view)
        self.comparison_box.hide()

        self.editor = QWidget()
        el = QVBoxLayout(self.editor)
        el.setContentsMargins(0, 0, 8, 0)
        # Once submitted, the panel's cards come first: that is what the assessor now reads.
        el.addWidget(head)
        el.addWidget(self.comparison_box)
        el.addWidget(rubric_box)
        el.addWidget(self.notes)
        el.addLayout(rec_row)
        el.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The scorecard fits the width (levels wrap their text): never a sideways scroll.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.editor)
        self.scroll = scroll
        self.empty = QLabel(self.tr("Select an interview in the list."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6b7280; font-size: 14px;")
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.empty)
        rlay.addWidget(scroll)
        # The splitter never squeezes the scorecard below what it needs: with the sideways
        # scroll bar off, nothing is ever cut (the list gives way, and may fold away).
        right.setMinimumWidth(self.editor.minimumSizeHint().width()
                              + scroll.verticalScrollBar().sizeHint().width() + 2)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(0, 0)
        splitter.setSizes([320, 1000])
        # The list may be folded away (drag its handle left) to give a small screen to the
        # scorecard; the scorecard itself never folds.
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        remember(splitter, "interviews")
        self.splitter = splitter
        title = QLabel(self.tr("Interviews"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)

        self.slot_table.installEventFilter(self)
        self.slot_table.viewport().installEventFilter(self)  # columns fitted to the width
        self.slot_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._slot_selected(cur))
        ctx.changed.connect(self._on_changed)
        self.slot_search.textChanged.connect(self._filter_slots)
        self.day_box.currentIndexChanged.connect(self._filter_slots)
        self.room_box.currentIndexChanged.connect(self._filter_slots)
        install_panel_opener(self, self.slot_table, ctx, self.current_candidate)
        self.reload_slots()
        for col in range(self.slots.columnCount()):
            if col != COL_CANDIDATE:
                self.slot_table.resizeColumnToContents(col)
        self._show_candidate(None)

    # -- loading ---------------------------------------------------------------------------

    def reload_slots(self) -> None:
        with self.ctx.store.read() as s:
            slots = load_slots(s, self.ctx.mission_id, self.ctx.actor_id)
        self.slots.set_rows(slots)
        self._fill_filter(self.day_box, self.tr("All days"),
                          sorted({x.starts_at[:10] for x in slots if x.starts_at}), date_text)
        self._fill_filter(self.room_box, self.tr("All rooms"),
                          sorted({x.room for x in slots if x.room}), str)
        done = sum(1 for x in slots if x.card_state == "submitted")
        self.slot_count.setText(self.tr("%n interview(s)", "", len(slots)) + " · "
                                + self.tr("%n scorecard(s) submitted", "", done))

    def _slot_selected(self, idx: QModelIndex) -> None:
        if not idx.isValid():
            return
        slot = self.slots.row_at(self.slots_proxy.mapToSource(idx).row())
        cid = slot.candidate_id
        if cid != self.candidate_id:
            self._save_notes()
            self._show_candidate(cid)
            self.timer.restart()
            # the countdown of this interview: its own length, else the mission's slot
            self.timer.set_limit(interview_minutes(self.ctx.config, slot.duration))

    def _fill_filter(self, box: QComboBox, everything: str, values: list[str],
                     label: Callable[[str], str]) -> None:
        """Offer the days or rooms of the slots; keep the current choice when still there."""
        current = box.currentData() or ""
        if [box.itemData(i) for i in range(1, box.count())] == values:
            return
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, "")
        for v in values:
            box.addItem(label(v), v)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _filter_slots(self) -> None:
        self.slots_proxy.set_filters(self.slot_search.text(), self.day_box.currentData() or "",
                                     self.room_box.currentData() or "")

    def current_candidate(self) -> str | None:
        return self.candidate_id

    def save_state(self) -> dict[str, object]:
        """The open interview and its clock, carried across a language switch."""
        return {"candidate": self.candidate_id, "timer": self.timer.save_state()}

    def restore_state(self, state: dict[str, object]) -> None:
        candidate = state.get("candidate")
        if isinstance(candidate, str):
            self.select_candidate(candidate)
        self.timer.restore_state(state["timer"])  # type: ignore[arg-type]

    def select_candidate(self, candidate_id: str) -> None:
        row = self.slots.row_of(candidate_id)
        if row >= 0:
            self.slot_table.setCurrentIndex(
                self.slots_proxy.mapFromSource(self.slots.index(row, COL_CANDIDATE)))

    def _show_candidate(self, candidate_id: str | None) -> None:
        self.candidate_id = candidate_id
        self.scroll.setVisible(candidate_id is not None)
        self.empty.setVisible(candidate_id is None)
        if candidate_id is None:
            return
        with self.ctx.store.read() as s:
            self.header_data = load_header(s, candidate_id)
        self._fill_header()
        self._load_cards(reset_notes=True)

    def _load_cards(self, reset_notes: bool = False) -> None:
        cid = self.candidate_id
        if cid is None:
            return
        cards = self.ctx.edits.scorecards_visible(cid)
        self.own = next((c for c in cards if c.author_id == self.ctx.actor_id), None)
        own = self.own
        submitted = bool(own and own.submitted)
        self._loading = True
        try:
            levels = dict(own.levels or {}) if own else {}
            for key, row in self.rows.items():
                row.set_level(levels.get(key))
                row.set_read_only(submitted)
            db_notes = own.notes if own else ""
            # Keep what is being typed; take the stored text when nothing is pending
            # (another candidate, an undo, a sync).
            current = self.notes.toPlainText()
            if (reset_notes or current == self.saved_notes) and current != db_notes:
                self.notes.setPlainText(db_notes)
            self.saved_notes = db_notes
            self.notes.setReadOnly(submitted)
            rec = own.recommendation if own else None
            self.rec_group.setExclusive(False)
            for value, b in self.rec_buttons.items():
                b.setChecked(value == rec)
                b.setEnabled(not submitted)
            self.rec_group.setExclusive(True)
        finally:
            self._loading = False
        self.submit.setVisible(not submitted)
        self.amend.setVisible(submitted)
        state = "submitted" if submitted else "draft" if own else "none"
        bg, fg = STATE_BADGES[state]
        self.state_badge.setStyleSheet(BADGE.format(bg=bg, fg=fg))
        self.state_badge.setText(self.slots.card_label(state) if state != "submitted" else
                                 self.tr("Submitted (read-only)"))
        self._fill_comparison(cards if submitted else [])

    def _fill_header(self) -> None:
        h = self.header_data
        if h is None:
            return
        self.name.setText(h.name)
        dd = h.track == Track.DOUBLE_DEGREE
        self.track_badge.setText(self.tr("Double degree") if dd else self.tr("Free mover"))
        self.track_badge.setStyleSheet(BADGE.format(bg="#e8eefb" if dd else "#f1e9fb",
                                                    fg="#1f4f8a" if dd else "#5b2a86"))
        options = {o.code: o.label for o in self.ctx.config.options}
        wishes = " · ".join(f"<b>{i}.</b>&nbsp;{_esc(options.get(w, w))}"
                          for i, w in enumerate(h.wishes, 1)) or "—"
        parts = [f"{_esc(h.application_number)} · {_esc(h.home_institution)}"]
        if h.partner_institution:
            parts[0] += " · " + self.tr("partner: %1").replace("%1", _esc(h.partner_institution))
        parts.append(self.tr("Wishes: %1").replace("%1", wishes))
        parts.append(self.tr("Written tests: %1").replace("%1", self._marks_text(h)))
        self.details.setText("<br>".join(parts))

    def _marks_text(self, h: CandidateHeader) -> str:
        if not h.marks:
            return (self.tr("not taken (double-degree track)") if h.track == Track.DOUBLE_DEGREE
                    else self.tr("no mark yet"))
        out = []
        for subject in self.ctx.config.subjects:
            values = h.marks.get(subject.key)
            if not values:
                out.append(f"{_esc(subject_label(subject))} —")
                continue
            if self.ctx.config.blind_second_marking and not self.ctx.is_chair:
                # blind second marking: values stay with the markers and the chair
                out.append(f"{_esc(subject_label(subject))} " + self.tr("marked (%1)").replace(
                    "%1", str(len(values))))
                continue
            shown = " / ".join(mark_text(v) for v in values)
            flag = (" <span style='color:#b45309'>⚑</span>"
                    if needs_third_reading(values, self.ctx.config.double_marking_threshold)
                    else "")
            out.append(f"{_esc(subject_label(subject))} <b>{shown}</b>{flag}")
        return " · ".join(out)

    def _fill_comparison(self, cards: list[Scorecard]) -> None:
        """Only called with cards once one's own is submitted (blind panel)."""
        if not cards:
            self.comparison.set_cards([])
            self.comparison_box.hide()
            return
        cards = sorted(cards, key=lambda c: (c.author_id != self.ctx.actor_id,
                                             self.names.get(c.author_id, "")))
        columns = [CardColumn(self.names.get(c.author_id, "?"), dict(c.levels or {}),
                              c.recommendation, c.author_id == self.ctx.actor_id,
                              c.notes or "")
                   for c in cards]
        self.comparison.set_cards(columns)
        view = self.comparison_view  # every row shown, no inner scrolling
        view.setFixedHeight(view.horizontalHeader().sizeHint().height()
                            + view.verticalHeader().length() + 2 * view.frameWidth() + 2)
        others = len(columns) - 1
        diverging = [self.comparison.headerData(r, Qt.Orientation.Vertical)
                     for r in self.comparison.disagreement_rows()]
        if others == 0:
            note = self.tr("No other panel member has submitted a scorecard yet.")
        elif diverging:
            note = self.tr("Highlighted: levels 2 or more apart, or different recommendations "
                           "(%1).").replace("%1", ", ".join(str(d) for d in diverging))
        else:
            note = self.tr("The panel agrees within one level on every criterion.")
        self.comparison_note.setText(note)
        self.comparison_box.show()

    def _fit_slot_columns(self) -> None:
        """A narrow list (a small screen) drops the room and track columns, so the name
        stays readable; the room filter and the scorecard's header still say them."""
        narrow = self.slot_table.viewport().width() < NARROW_LIST
        for col in (COL_ROOM, COL_TRACK):
            self.slot_table.setColumnHidden(col, narrow)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.slot_table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_slot_columns()
            return False
        # Enter on an interview goes to its scorecard: the first criterion still to score.
        if (obj is self.slot_table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.candidate_id is not None):
            rows = list(self.rows.values())
            target = next((r for r in rows if r.level is None), rows[0])
            self.scroll.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().eventFilter(obj, event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page, or the window rebuilt for a new language: keep what was typed.
        self._save_notes()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload_slots()
            if self.candidate_id is not None:
                self._show_candidate(self.candidate_id)
        super().showEvent(event)

    def _on_changed(self, entity: str, _row_id: str) -> None:
        if not self.isVisible():  # another page is shown: catch up when this one is
            self._stale = self._stale or entity in ("scorecard", "interview", "candidate",
                                                    "mark", "")
            return
        if entity in ("scorecard", "interview", "candidate", ""):
            self.reload_slots()
            if self.candidate_id is not None:
                self._load_cards()
        if entity in ("mark", "candidate", "") and self.candidate_id is not None:
            with self.ctx.store.read() as s:
                self.header_data = load_header(s, self.candidate_id)
            self._fill_header()

    # -- edits -------------------------------------------------------------------------------

    def _edit(self, label: Label, do: Callable[[], EditResult],
              undo: Callable[[], EditResult] | None) -> bool:
        try:
            self.ctx.run_edit(label, "scorecard", do, undo)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        return True

    def _set_level(self, key: str, level: int) -> None:
        if self.candidate_id is None or self._loading:
            return
        cid, edits = self.candidate_id, self.ctx.edits
        old = (self.own.levels or {}).get(key) if self.own else None
        if old == level:
            return
        criterion = self.rubric.criterion(key)

        def label() -> str:  # said again in the current language after a switch
            return QCoreApplication.translate("InterviewsPage", "%1: level %2").replace(
                "%1", criterion_label(criterion)).replace("%2", str(level))
        self._edit(label, lambda: edits.set_level(cid, key, level),
                   lambda: edits.set_level(cid, key, old))

    def _set_recommendation(self, rec: str) -> None:
        if self.candidate_id is None or self._loading:
            return
        cid, edits = self.candidate_id, self.ctx.edits
        old = self.own.recommendation if self.own else None
        if old == rec:
            return
        self._edit(lambda: QCoreApplication.translate("InterviewsPage", "Recommendation: %1")
                   .replace("%1", recommendation_label(rec)),
                   lambda: edits.set_recommendation(cid, rec),
                   lambda: edits.set_recommendation(cid, old))

    def _notes_typed(self) -> None:
        if not self._loading and not self.notes.isReadOnly():
            self._notes_idle.start()

    def _save_notes(self) -> None:
        self._notes_idle.stop()
        if self.candidate_id is None or self.notes.isReadOnly():
            return
        text = self.notes.toPlainText()
        if text == self.saved_notes:
            return
        cid, edits, old = self.candidate_id, self.ctx.edits, self.saved_notes
        self.saved_notes = text  # before the edit: its change signal must not reload the text
        if not self._edit(lambda: QCoreApplication.translate("InterviewsPage", "Notes"),
                          lambda: edits.set_notes(cid, text),
                          lambda: edits.set_notes(cid, old)):
            self.saved_notes = old

    def _missing(self) -> list[str]:
        own = self.own
        rec = Recommendation(own.recommendation) if own and own.recommendation else None
        keys = missing_for_submit(self.rubric, dict(own.levels or {}) if own else {}, rec)
        labels = {c.label: criterion_label(c) for c in self.rubric.criteria}
        return [labels.get(k, self.tr("overall recommendation")) for k in keys]

    def _submit(self) -> None:
        if self.candidate_id is None:
            return
        self._save_notes()
        missing = self._missing()
        if missing:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Scorecard incomplete"),
                              self.tr("Your scorecard cannot be submitted yet. Still missing:")
                              + "\n\n• " + "\n• ".join(missing),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("incompleteBox")
            box.exec()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Submit scorecard"),
                          self.tr("Submit your scorecard for %1?\n\nAfter submission it can "
                                  "only be changed by an amendment with a reason, and you will "
                                  "see the other panel members' scorecards.").replace(
                              "%1", self.header_data.name if self.header_data else ""),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("submitConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Submit"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        cid, edits = self.candidate_id, self.ctx.edits
        # Submission is final (amendments go through a reason), so it is not undoable.
        self._edit(self.tr("Submit scorecard"), lambda: edits.submit_scorecard(cid), None)

    def _amend(self) -> None:
        own = self.own
        if self.candidate_id is None or own is None or not own.submitted:
            return
        dialog = AmendDialog(self.rubric, dict(own.levels or {}), own.notes,
                             own.recommendation, self)
        dialog.setObjectName("amendDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        cid, edits, reason = self.candidate_id, self.ctx.edits, dialog.reason_text()
        new = (dialog.levels(), dialog.notes_text(), dialog.recommendation_value())
        old = (dict(own.levels or {}), own.notes, own.recommendation)
        undo_reason = self.tr("Undo of amendment: %1").replace("%1", reason)
        self._edit(lambda: QCoreApplication.translate("InterviewsPage", "Amend scorecard"),
                   lambda: edits.amend_scorecard(cid, reason, levels=new[0], notes=new[1],
                                                 recommendation=new[2]),
                   lambda: edits.amend_scorecard(cid, undo_reason, levels=old[0], notes=old[1],
                                                 recommendation=old[2]))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
