"""The Plan page: per day, a grid of rooms × time with the written-test sittings and the
interviews. The chair moves an interview by drag and drop or with the Move dialog (Ctrl+M),
sends a no-show to the next free slot, adds a walk-in and changes a panel; everyone else
sees the plan read-only.

Every change is re-planned by the scheduler (app.domain.planning) off the UI thread, then
written as one recorded edit per interview or seat that changed (EditService), grouped into
one undo step.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.candidate import CandidateRecord
from app.domain.errors import DomainError
from app.domain.planning import (
    Change,
    Move,
    NoShow,
    Outcome,
    PanelChange,
    PlanCandidate,
    WalkIn,
    schedule,
)
from app.domain.planning.timeline import DAY
from app.store.plan_state import (
    PlanState,
    SeatEdit,
    SlotEdit,
    load_plan_state,
    plan_edits,
    slot_of,
)
from ui.context import DeskContext
from ui.models.plan import FROZEN, INTERVIEW, SITTING, PlanGridModel, clock, day_text
from ui.vocabulary import subject_label
from ui.widgets.background import BackgroundReader
from ui.widgets.plan_dialogs import MoveDialog, PanelChangeDialog, WalkInDialog, slot_times
from ui.widgets.reload_when_shown import ReloadWhenShown

log = logging.getLogger(__name__)

WALK_IN_ID = "walk-in"  # the walk-in's id while planned, before the desk gives it a row
INFO_STYLE = ("QLabel { color: #1f2937; background: #eef2f7; border: 1px solid #d5dce5;"
              " border-radius: 4px; padding: 4px 8px; }")
ERROR_STYLE = ("QLabel { color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0;"
               " border-radius: 4px; padding: 4px 8px; }")


@dataclass(frozen=True)
class Replan:
    """A re-plan to run: what the chair asked, said in the interface's words."""

    label: str
    changes: tuple[Change, ...]
    focus: str = ""  # the candidate whose new place is told
    walk_in: CandidateRecord | None = None
    # Place every candidate still without an interview too; a field change alone re-plans
    # only those already on the timetable, so nobody appears on it unasked.
    everyone: bool = False


class PlanPage(ReloadWhenShown, QWidget):
    RELOAD_ON = frozenset(("interview", "seat", "candidate", "assessor", "mission"))

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: PlanState | None = None
        self.model = PlanGridModel(self)
        self.model.editable = ctx.is_chair
        self.model.subject_names = {x.key: subject_label(x) for x in ctx.config.subjects}
        self.loader = BackgroundReader(self)
        self.planner = BackgroundReader(self)

        title = QLabel(self.tr("Plan"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.day_box = QComboBox()
        self.day_box.setObjectName("planDay")
        self.day_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.move_button = self._button("planMove", self.tr("&Move…"), "Ctrl+M",
                                        self.tr("Move the selected interview (Ctrl+M)"),
                                        self.move_selected)
        self.no_show_button = self._button(
            "planNoShow", self.tr("&No-show"), "Ctrl+Shift+N",
            self.tr("The selected candidate did not come: give them the next free slot "
                    "(Ctrl+Shift+N)"), self.no_show_selected)
        self.walk_in_button = self._button(
            "planWalkIn", self.tr("&Walk-in…"), "Ctrl+Shift+W",
            self.tr("A candidate not on the list: add them and give them the next free "
                    "slot (Ctrl+Shift+W)"), self.walk_in)
        self.panel_button = self._button(
            "planPanel", self.tr("Change &panel…"), "",
            self.tr("New members for a panel from a given time"), self.change_panel)
        self.place_button = self._button(
            "planPlaceWaiting", self.tr("P&lace the others"), "",
            self.tr("Give every candidate without an interview the first slot that fits"),
            self.place_waiting)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Day:")))
        bar.addWidget(self.day_box)
        bar.addStretch(1)
        for b in (self.move_button, self.no_show_button, self.walk_in_button,
                  self.panel_button, self.place_button):
            bar.addWidget(b)

        self.table = QTableView()
        self.table.setObjectName("planGrid")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(120)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        if ctx.is_chair:
            self.table.setDragEnabled(True)
            self.table.setAcceptDrops(True)
            self.table.setDropIndicatorShown(True)
            self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
            self.table.setDragDropOverwriteMode(True)

        self.notice = QLabel()
        self.notice.setObjectName("planNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        hint = QLabel(self.tr("Drag an interview to another cell, or select it and press "
                              "Ctrl+M · Ctrl+Z undoes a change") if ctx.is_chair else
                      self.tr("Only the head of delegation changes the plan: you see it "
                              "read-only."))
        hint.setObjectName("planHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4b5563;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        legend = QLabel(" ".join(
            f'<span style="background:{colour}; color:#1f2937;">&nbsp;{text}&nbsp;</span>'
            for colour, text in ((INTERVIEW.color().name(), self.tr("interview")),
                                 (FROZEN.color().name(), self.tr("scored: stays")),
                                 (SITTING.color().name(), self.tr("written test")))))
        legend.setObjectName("planLegend")
        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(legend)
        layout.addLayout(foot)
        layout.addWidget(hint)

        self.day_box.currentIndexChanged.connect(self._day_chosen)
        self.model.move_requested.connect(self.move_to)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._show_error)
        self.planner.loaded.connect(self._planned)
        self.planner.failed.connect(self._show_error)
        ctx.changed.connect(self._on_changed)
        self._pending: Replan | None = None
        self._planning_state: PlanState | None = None
        self._writing = False
        self._stale = False
        self._new_candidate = ""
        self._focus_after_reload = ""
        self._update_buttons()
        self.reload()

    def _button(self, name: str, text: str, key: str, tip: str,
                slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        if key:  # the key works anywhere on the page, as long as the button is enabled
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda: b.isEnabled() and slot())
            self.addAction(action)
        return b

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        store, mission_id = self.ctx.store, self.ctx.mission_id

        def read() -> PlanState | None:
            with store.read() as s:
                return load_plan_state(s, mission_id)
        self.loader.request(read)

    @property
    def busy(self) -> bool:
        return self.loader.busy or self.planner.busy

    def _loaded(self, state: PlanState | None) -> None:
        self.state = state
        current = self._focus_after_reload or self.model.candidate_at(
            self.table.currentIndex())
        self._focus_after_reload = ""
        self.model.set_state(state, self._shown_day())
        self._fill_days()
        if current:
            self.select_candidate(current)
        self._update_summary()
        self._update_buttons()

    def _shown_day(self) -> dt.date | None:
        data = self.day_box.currentData()
        return dt.date.fromordinal(data) if data else None

    def _fill_days(self) -> None:
        days = self.model.days()
        self.day_box.blockSignals(True)
        self.day_box.clear()
        for d in days:
            self.day_box.addItem(day_text(d), d.toordinal())
        if self.model.day is not None:
            self.day_box.setCurrentIndex(max(0, self.day_box.findData(
                self.model.day.toordinal())))
        self.day_box.blockSignals(False)

    def _day_chosen(self) -> None:
        day = self._shown_day()
        if day is not None:
            self.model.set_day(day)
            self._update_summary()

    def _update_summary(self) -> None:
        if self.state is None:
            self.summary.setText(self.tr("Nothing is planned yet: the mission has no days, "
                                         "rooms or panels, and no interview."))
            return
        day = self.model.day
        today = [i for i in self.state.plan.interviews
                 if day is not None and i.start // DAY == day.toordinal()]
        active = [c for c in self.state.candidates.values() if c.active]
        placed = {i.candidate_id for i in self.state.plan.interviews}
        waiting = sum(1 for c in active if c.id not in placed)
        text = (self.tr("%n interview(s) this day", "", len(today)) + " · "
                + self.tr("%n candidate(s) without an interview", "", waiting))
        if self.state.derived:
            text += " · " + self.tr("days, rooms and panels read from the timetable")
        self.summary.setText(text)

    def _on_changed(self, entity: str, row_id: str) -> None:
        if not self._writing:  # our own edits: one reload once they are all written
            super()._on_changed(entity, row_id)

    # -- selection ---------------------------------------------------------------------------

    def current_candidate(self) -> str | None:
        return self.model.candidate_at(self.table.currentIndex())

    def select_candidate(self, candidate_id: str) -> None:
        if self.state is None:
            return
        iv = self.state.plan.interview_of(candidate_id)
        if iv is None:
            return
        day = dt.date.fromordinal(iv.start // DAY)
        if day != self.model.day:
            self.day_box.setCurrentIndex(self.day_box.findData(day.toordinal()))
        index = self.model.index_of(candidate_id)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _update_buttons(self, *_args: object) -> None:
        chair = self.ctx.is_chair and self.state is not None
        cid = self.current_candidate()
        movable = chair and cid is not None and cid not in (self.state.frozen
                                                            if self.state else ())
        self.move_button.setEnabled(movable)
        self.no_show_button.setEnabled(movable)
        self.walk_in_button.setEnabled(chair)
        self.panel_button.setEnabled(chair)
        self.place_button.setEnabled(chair)

    # -- the chair's changes -----------------------------------------------------------------

    def move_selected(self) -> None:
        cid = self.current_candidate()
        if self.state is None or cid is None or not self.move_button.isEnabled():
            return
        dialog = MoveDialog(self.state, cid, self)
        if not dialog.exec() or (choice := dialog.choice()) is None:
            return
        start, pid = choice
        self._replan(Replan(self._label(self.tr("Move %1"), cid), (Move(cid, pid, start),), cid))

    def move_to(self, candidate_id: str, start: int, room: str) -> None:
        """A drop: the panel sitting in that room then, else the candidate's own panel."""
        if self.state is None or not self.ctx.is_chair:
            return
        iv = self.state.plan.interview_of(candidate_id)
        pid = next((p.id for p in self.state.setup.panels
                    if p.room == room and p.since <= start < p.until),
                   iv.panel_id if iv is not None else None)
        if pid is None:
            self._show_error(self.tr("No panel sits in %1.").replace("%1", room))
            return
        self._replan(Replan(self._label(self.tr("Move %1"), candidate_id),
                            (Move(candidate_id, pid, start),), candidate_id))

    def no_show_selected(self) -> None:
        cid = self.current_candidate()
        if self.state is None or cid is None or not self.no_show_button.isEnabled():
            return
        iv = self.state.plan.interview_of(cid)
        since = max(self.state.now(), iv.span.end if iv is not None else 0)
        self._replan(Replan(self._label(self.tr("No-show %1"), cid), (NoShow(cid, since),), cid))

    def walk_in(self) -> None:
        if self.state is None or not self.ctx.is_chair:
            return
        dialog = WalkInDialog(self)
        if not dialog.exec() or dialog.record is None:
            return
        r = dialog.record
        candidate = PlanCandidate(WALK_IN_ID, r.application_number, r.track)
        label = self.tr("Walk-in %1").replace(
            "%1", r.application_number)
        self._replan(Replan(label, (WalkIn(candidate, self.state.now()),), WALK_IN_ID, r))

    def change_panel(self) -> None:
        if self.state is None or not self.ctx.is_chair or self.model.day is None:
            return
        times = slot_times(self.state, self.model.day)
        row = self.table.currentIndex().row()
        start = self.model.minute_at(row) if row >= 0 else (times[0] if times else 0)
        dialog = PanelChangeDialog(self.state, times, start, self)
        if not dialog.exec():
            return
        pid, members, since = dialog.choice()
        label = self.tr("Panel %1 from %2").replace(
            "%1", pid).replace("%2", clock(since))
        self._replan(Replan(label, (PanelChange(pid, members, since),)))

    def place_waiting(self) -> None:
        if self.state is None or not self.ctx.is_chair:
            return
        label = self.tr("Place the candidates without an interview")
        self._replan(Replan(label, (), everyone=True))

    def _label(self, template: str, candidate_id: str) -> str:
        number = self.state.labels.get(candidate_id, "") if self.state else ""
        return template.replace("%1", number)

    def _replan(self, request: Replan) -> None:
        """Plan again with the chair's change, on a worker thread."""
        state = self.state
        if state is None:
            return
        self._pending = request
        self._planning_state = state
        self._show_notice(self.tr("Planning…"), error=False)

        placed = {i.candidate_id for i in state.plan.interviews}
        candidates = [c for c in state.candidates.values()
                      if request.everyone or c.id in placed]

        def run() -> Outcome:
            return schedule(state.setup, candidates, state.plan, request.changes,
                            frozen=state.frozen, now=state.now())
        self.planner.request(run)

    def _planned(self, outcome: Outcome) -> None:
        request, state = self._pending, self._planning_state
        self._pending = self._planning_state = None
        if request is None or state is None:
            return
        refused = [u for u in outcome.refused if u.candidate_id == request.focus]
        if refused:
            self._show_notice(self.tr("The move was not made: %1").replace(
                "%1", refused[0].detail or refused[0].reason.value), error=True)
            return
        slots, seats = plan_edits(state, outcome.plan)
        walk_in = next((e for e in slots if e.candidate_id == WALK_IN_ID), None)
        slots = [e for e in slots if e.candidate_id != WALK_IN_ID]
        if request.walk_in is not None and walk_in is None:
            self._show_notice(self.tr("No free slot for %1: nothing was added.").replace(
                "%1", request.walk_in.application_number), error=True)
            return
        try:
            self._write(request, state, slots, seats, walk_in)
        except DomainError as exc:
            self._show_notice(str(exc), error=True)
            self.reload()
            return
        self._tell(request, outcome, len(slots) + len(seats) + (walk_in is not None))
        self.reload()

    def _write(self, request: Replan, state: PlanState, slots: list[SlotEdit],
               seats: list[SeatEdit], walk_in: SlotEdit | None) -> None:
        """One recorded edit per interview or seat; one undo step for them all."""
        edits, stack = self.ctx.edits, self.ctx.undo_stack
        self._writing = True
        stack.beginMacro(request.label)
        try:
            if walk_in is not None and request.walk_in is not None:
                record = request.walk_in
                result = self.ctx.run_edit(request.label, "candidate", lambda: edits.add_walk_in(
                    record, walk_in.starts_at, walk_in.room, walk_in.panel, walk_in.duration))
                self._new_candidate = result.row_id
            for e in slots:
                old = slot_of(state, e.candidate_id) or SlotEdit(e.candidate_id, None, "", [],
                                                                 0)
                self.ctx.run_edit(
                    request.label, "interview",
                    lambda e=e: edits.set_slot(e.candidate_id, e.starts_at, e.room, e.panel,
                                               e.duration),
                    lambda o=old: edits.set_slot(o.candidate_id, o.starts_at, o.room, o.panel,
                                                 o.duration))
            for seat in seats:
                self.ctx.run_edit(request.label, "seat", lambda x=seat: edits.set_seat(
                    x.candidate_id, x.sitting, x.seat, x.script_code))
        finally:
            stack.endMacro()
            self._writing = False

    def _tell(self, request: Replan, outcome: Outcome, written: int) -> None:
        """Say what the re-plan did: where the candidate went, who else moved, who is
        left without a place."""
        parts = []
        focus = request.focus
        if focus == WALK_IN_ID:
            focus = self._new_candidate
            iv = outcome.plan.interview_of(WALK_IN_ID)
        else:
            iv = outcome.plan.interview_of(focus) if focus else None
        if iv is not None:
            parts.append(self.tr("%1: %2 at %3, %4").replace("%1", request.label)
                         .replace("%2", day_text(dt.date.fromordinal(iv.start // DAY)))
                         .replace("%3", clock(iv.start)).replace("%4", iv.room))
        else:
            parts.append(request.label)
        others = [c for c in outcome.moved if c != focus]
        if others:
            parts.append(self.tr("%n other interview(s) moved", "", len(others)))
        if outcome.unplaced:
            parts.append(self.tr("%n candidate(s) could not be placed", "",
                                 len(outcome.unplaced)))
        if not written:
            parts.append(self.tr("nothing changed"))
        self._show_notice(" · ".join(parts), error=bool(outcome.unplaced),
                          detail="\n".join(outcome.summary()))
        if focus:
            self._focus_after_reload = focus

    def _show_notice(self, text: str, *, error: bool, detail: str = "") -> None:
        self.notice.setText(text)
        self.notice.setToolTip(detail)
        self.notice.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.notice.setVisible(bool(text))

    def _show_error(self, message: str) -> None:
        self._show_notice(message, error=True)

    # -- language switch ---------------------------------------------------------------------

    def save_state(self) -> dict[str, object]:
        return {"day": self.day_box.currentData(), "candidate": self.current_candidate()}

    def restore_state(self, state: dict[str, object]) -> None:
        self._restore = state
        self.loader.loaded.connect(self._restore_once)

    def _restore_once(self, _state: object) -> None:
        self.loader.loaded.disconnect(self._restore_once)
        restore = getattr(self, "_restore", {})
        day = restore.get("day")
        if isinstance(day, int) and self.day_box.findData(day) >= 0:
            self.day_box.setCurrentIndex(self.day_box.findData(day))
        cid = restore.get("candidate")
        if isinstance(cid, str):
            self.select_candidate(cid)
