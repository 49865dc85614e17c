"""The Plan page's dialogs: move an interview (the keyboard's drag and drop), a walk-in, a
panel change. Each only gathers a choice; the page re-plans with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import ValidationError as FieldError
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.candidate import CandidateRecord
from app.domain.enums import Role, Track
from app.domain.planning.timeline import DAY, at
from app.store.plan_state import PlanState
from ui.models.plan import clock, day_text

ERROR_STYLE = "color: #b71c1c;"


def slot_times(state: PlanState, day: dt.date) -> list[int]:
    """The slot starts of a day, within its opening hours and outside its breaks."""
    setup = state.setup
    mday = setup.day_at(at(day, 0))
    if mday is None:
        return []
    step = setup.slot_minutes
    out = []
    for span in mday.open_spans():
        t = span.start
        while t + step <= span.end:
            out.append(t)
            t += step
    return out


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _lay_out(dialog: QDialog, form: QFormLayout, extra: QWidget, ok_text: str,
             on_ok: Callable[[], None]) -> None:
    """The form, a line under it (a note or the error), and OK (named) / Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(extra)
    layout.addWidget(buttons)


def _panel_label(state: PlanState, members: tuple[str, ...]) -> str:
    return ", ".join(state.assessors.get(m, m) for m in members)


class MoveDialog(QDialog):
    """Day, time and panel for a candidate's interview; Enter moves it."""

    def __init__(self, state: PlanState, candidate_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.state = state
        self.setWindowTitle(self.tr("Move an interview"))
        iv = state.plan.interview_of(candidate_id)
        who = QLabel(f"<b>{state.labels.get(candidate_id, '')}</b> "
                     f"{state.names.get(candidate_id, '')}")
        self.day_box = QComboBox()
        self.day_box.setObjectName("moveDay")
        for d in state.setup.days:
            self.day_box.addItem(day_text(d.date), d.date.toordinal())
        self.time_box = QComboBox()
        self.time_box.setObjectName("moveTime")
        self.panel_box = QComboBox()
        self.panel_box.setObjectName("movePanel")
        form = QFormLayout()
        form.addRow(self.tr("Candidate:"), who)
        form.addRow(self.tr("&Day:"), self.day_box)
        form.addRow(self.tr("&Time:"), self.time_box)
        form.addRow(self.tr("&Panel:"), self.panel_box)
        note = QLabel(self.tr("Whoever holds that slot is placed again; scored interviews "
                              "never move."))
        note.setWordWrap(True)
        _lay_out(self, form, note, self.tr("Move"), self.accept)
        self.day_box.currentIndexChanged.connect(self._fill_times)
        self.time_box.currentIndexChanged.connect(self._fill_panels)
        if iv is not None:
            self.day_box.setCurrentIndex(max(0, self.day_box.findData(iv.start // DAY)))
        self._fill_times()
        if iv is not None:
            self.time_box.setCurrentIndex(max(0, self.time_box.findData(iv.start)))
            self.panel_box.setCurrentIndex(max(0, self.panel_box.findData(iv.panel_id)))
        self.day_box.setFocus()

    def _fill_times(self) -> None:
        day = dt.date.fromordinal(int(self.day_box.currentData() or 1))
        self.time_box.blockSignals(True)
        self.time_box.clear()
        for t in slot_times(self.state, day):
            self.time_box.addItem(clock(t), t)
        self.time_box.blockSignals(False)
        self._fill_panels()

    def _fill_panels(self) -> None:
        current = self.panel_box.currentData()
        self.panel_box.clear()
        start = self.time_box.currentData()
        if start is None:
            return
        for pid in self.state.setup.panel_ids():
            term = self.state.setup.panel_at(pid, start)
            if term is not None:
                self.panel_box.addItem(f"{pid} · {_panel_label(self.state, term.members)}", pid)
        self.panel_box.setCurrentIndex(max(0, self.panel_box.findData(current)))

    def choice(self) -> tuple[int, str] | None:
        """(start minute, panel id), or None when the day has no slot or panel."""
        start, pid = self.time_box.currentData(), self.panel_box.currentData()
        return (int(start), str(pid)) if start is not None and pid is not None else None


class WalkInDialog(QDialog):
    """A candidate not on the list: their details; the next free slot is theirs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self.setWindowTitle(self.tr("Walk-in candidate"))
        self.number = QLineEdit()
        self.number.setObjectName("walkInNumber")
        self.family = QLineEdit()
        self.family.setObjectName("walkInFamily")
        self.given = QLineEdit()
        self.given.setObjectName("walkInGiven")
        self.track = QComboBox()
        self.track.setObjectName("walkInTrack")
        self.track.addItem(self.tr("Free mover"), Track.FREE_MOVER.value)
        self.track.addItem(self.tr("Double degree"), Track.DOUBLE_DEGREE.value)
        self.partner = QLineEdit()
        self.partner.setObjectName("walkInPartner")
        self.error = _error_label("walkInError")
        form = QFormLayout()
        form.addRow(self.tr("&Application no.:"), self.number)
        form.addRow(self.tr("&Family name:"), self.family)
        form.addRow(self.tr("&Given names:"), self.given)
        form.addRow(self.tr("T&rack:"), self.track)
        form.addRow(self.tr("Partner &institution:"), self.partner)
        _lay_out(self, form, self.error, self.tr("Add and find a slot"), self._check)
        self.record: CandidateRecord | None = None
        self.number.setFocus()

    def _check(self) -> None:
        try:
            self.record = CandidateRecord(
                application_number=self.number.text().strip(),
                family_name=self.family.text().strip(), given_names=self.given.text().strip(),
                track=self.track.currentData(), partner_institution=self.partner.text().strip())
        except FieldError as exc:
            names = {"application_number": self.tr("application number"),
                     "family_name": self.tr("family name")}
            fields = sorted({names.get(str(e["loc"][0]), str(e["loc"][0]))
                             for e in exc.errors() if e["loc"]})
            self.error.setText(self.tr("Please fill in: %1").replace("%1", ", ".join(fields)))
            self.error.show()
            return
        self.accept()


class PanelChangeDialog(QDialog):
    """A panel's new members from a given time (an ill member, a swap)."""

    def __init__(self, state: PlanState, times: list[int], start: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelChangeDialog")
        self.state = state
        self.setWindowTitle(self.tr("Change a panel"))
        self.panel_box = QComboBox()
        self.panel_box.setObjectName("panelChangePanel")
        for pid in state.setup.panel_ids():
            self.panel_box.addItem(pid, pid)
        self.from_box = QComboBox()
        self.from_box.setObjectName("panelChangeFrom")
        for t in times:
            self.from_box.addItem(clock(t), t)
        self.from_box.setCurrentIndex(max(0, self.from_box.findData(start)))
        self.members: dict[str, QCheckBox] = {}
        members = QWidget()
        ml = QVBoxLayout(members)
        ml.setContentsMargins(0, 0, 0, 0)
        roles = state.setup.roles
        for a in state.setup.assessors:
            role = (self.tr("professor") if roles[a.id] == Role.PROFESSOR
                    else self.tr("representative"))
            box = QCheckBox(f"{a.name} ({role})")
            box.setObjectName(f"member_{a.id}")
            self.members[a.id] = box
            ml.addWidget(box)
        self.error = _error_label("panelChangeError")
        form = QFormLayout()
        form.addRow(self.tr("&Panel:"), self.panel_box)
        form.addRow(self.tr("&From:"), self.from_box)
        form.addRow(self.tr("Members:"), members)
        _lay_out(self, form, self.error, self.tr("Change the panel"), self._check)
        self.panel_box.currentIndexChanged.connect(self._fill_members)
        self.from_box.currentIndexChanged.connect(self._fill_members)
        self._fill_members()

    def _fill_members(self) -> None:
        start = self.from_box.currentData()
        term = self.state.setup.panel_at(self.panel_box.currentData(), start or 0)
        current = set(term.members) if term else set()
        for aid, box in self.members.items():
            box.setChecked(aid in current)

    def choice(self) -> tuple[str, tuple[str, ...], int]:
        members = tuple(aid for aid, box in self.members.items() if box.isChecked())
        return str(self.panel_box.currentData()), members, int(self.from_box.currentData())

    def _check(self) -> None:
        _pid, members, _start = self.choice()
        roles = self.state.setup.roles
        if len(members) < 2 or not any(roles[m] == Role.PROFESSOR for m in members):
            self.error.setText(self.tr("A panel is at least two assessors, one of them a "
                                       "professor."))
            self.error.show()
            return
        self.accept()
