"""The candidate detail panel: everything the desk knows of one candidate in one window
(identity with the date of birth for the check at the door, wishes, marks by marker, the
interview and its panel, the decision, and the history of changes: who, when, old -> new).

Opened from every page with Ctrl+I, from a table's context menu, or by double-click where a
double-click does nothing else. Blind rules hold here too (see app.store.queries_detail).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.marks import mark_from_wire
from app.store.queries_detail import CandidateDetail, load_candidate_detail
from ui.context import DeskContext
from ui.models.candidates import status_label, track_label
from ui.models.interviews import slot_time
from ui.models.marks import mark_text
from ui.numbers import date_text, datetime_text
from ui.vocabulary import entity_label, field_label, outcome_label, subject_label, value_label


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CandidatePanel(QDialog):
    def __init__(self, ctx: DeskContext, candidate_id: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("candidatePanel")
        self.ctx = ctx
        with ctx.store.read() as s:
            self.detail = load_candidate_detail(s, ctx.mission_id, candidate_id, ctx.actor_id)
        d = self.detail
        self.setWindowTitle(self.tr("Candidate %1").replace("%1", d.application_number if d
                                                             else "?"))
        layout = QVBoxLayout(self)
        self.identity = QLabel()
        self.identity.setObjectName("panelIdentity")
        self.identity.setTextFormat(Qt.TextFormat.RichText)
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setObjectName("panelFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("panelHistory")
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"),
                                                self.tr("What"), self.tr("Change")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        h = self.history.horizontalHeader()
        for col in range(3):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        history_title = QLabel(self.tr("History of changes"))
        history_title.setStyleSheet("font-weight: 600;")
        self.print_button = QPushButton(self.tr("&Print report…"))
        self.print_button.setObjectName("panelPrint")
        self.print_button.setToolTip(self.tr("This candidate's interview report as a PDF"))
        self.print_button.clicked.connect(self.print_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.identity)
        layout.addWidget(self.facts)
        layout.addWidget(history_title)
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)
        self._runner = None
        self.fill()

    def fill(self) -> None:
        d = self.detail
        if d is None:
            self.identity.setText(self.tr("This candidate is no longer on this desk."))
            self.print_button.setEnabled(False)
            return
        born = (self.tr("born %1").replace("%1", date_text(d.birth_date, long=True))
                if d.birth_date else self.tr("birth date unknown"))
        self.identity.setText(
            f"<span style='font-size:17px;font-weight:600'>{_esc(d.name)}</span>"
            f"&nbsp;&nbsp;<span style='font-size:15px;color:#1f4e8c'>{_esc(born)}</span><br>"
            f"{_esc(d.application_number)} · {_esc(track_label(d.track))} · "
            f"{_esc(status_label(d.status))}")
        self.facts.setText(self._facts_html(d))
        self.history.setRowCount(len(d.history))
        for i, line in enumerate(d.history):
            what = entity_label(line.entity)
            if line.subject:
                what += " · " + self._subject(line.subject)
            what += " · " + field_label(line.field)
            if line.old is None and line.new is None and line.entity == "mark":
                change = self.tr("(hidden until your own mark is entered)")
            elif line.old is None and line.new is None and line.entity == "scorecard":
                change = self.tr("(hidden until your own scorecard is submitted)")
            else:
                change = self.tr("%1 → %2").replace("%1", value_label(line.field, line.old)
                                                    ).replace("%2", value_label(line.field,
                                                                                line.new))
            if line.reason:
                change += " — " + line.reason
            for col, text in enumerate((datetime_text(line.at), line.actor, what, change)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(i, col, item)
        self.history.resizeRowsToContents()

    def _subject(self, key: str) -> str:
        try:
            return subject_label(self.ctx.config.subject(key))
        except KeyError:
            return key

    def _facts_html(self, d: CandidateDetail) -> str:
        options = {o.code: o.label for o in self.ctx.config.options}
        rows = [
            (self.tr("E-mail"), _esc(d.email) or "—"),
            (self.tr("Nationality"), _esc(d.nationality) or "—"),
            (self.tr("Home institution"), _esc(d.home_institution) or "—"),
        ]
        if d.partner_institution:
            rows.append((self.tr("Partner institution"), _esc(d.partner_institution)))
        rows.append((self.tr("Wishes"), " · ".join(
            f"<b>{i}.</b>&nbsp;{_esc(options.get(w, w))}" for i, w in enumerate(d.wishes, 1))
            or "—"))
        by_subject: dict[str, list[str]] = {}
        for m in d.marks:
            shown = (self.tr("hidden until yours is entered") if m.value is None
                     else mark_text(mark_from_wire(m.value)))
            who = self.tr("%1 (you)").replace("%1", m.marker) if m.own else m.marker
            by_subject.setdefault(m.subject, []).append(f"{_esc(who)}: <b>{_esc(shown)}</b>")
        marks = "<br>".join(f"{_esc(self._subject(k))} — {', '.join(v)}"
                            for k, v in by_subject.items())
        rows.append((self.tr("Marks"), marks or self.tr("no mark yet")))
        if d.interview_at or d.room or d.panel:
            states = {"none": self.tr("not started"), "draft": self.tr("draft"),
                      "submitted": self.tr("submitted")}
            panel = ", ".join(f"{_esc(p.assessor)} ({states.get(p.state, p.state)})"
                              for p in d.panel)
            interview = self.tr("%1, room %2").replace(
                "%1", slot_time(d.interview_at) if d.interview_at else "—").replace(
                "%2", _esc(d.room) or "—")
            rows.append((self.tr("Interview"), interview + "<br>" + panel))
        else:
            rows.append((self.tr("Interview"), self.tr("not scheduled")))
        if d.outcome:
            decision = outcome_label(d.outcome)
            if d.option_code:
                decision += f" · {_esc(d.option_code)}"
            if d.decided_by:
                decision += " " + self.tr("(by %1)").replace("%1", _esc(d.decided_by))
            if d.rationale:
                decision += f"<br><i>{_esc(d.rationale)}</i>"
        else:
            decision = self.tr("none yet")
        rows.append((self.tr("Decision"), decision))
        cells = "".join(f"<tr><td style='color:#5b6472;padding:2px 14px 2px 0'>{_esc(k)}</td>"
                        f"<td style='padding:2px 0'>{v}</td></tr>" for k, v in rows)
        return f"<table cellspacing='0'>{cells}</table>"

    def print_report(self) -> None:
        if self.detail is None:
            return
        from app.reports.build import ReportKind
        from ui.report_actions import ReportRunner

        if self._runner is None:
            self._runner = ReportRunner(self.ctx, self)
        self._runner.start(ReportKind.CANDIDATE, self.tr("Report of candidate %1").replace(
            "%1", self.detail.application_number),
            candidate_number=self.detail.application_number)

    @property
    def runner(self) -> object:
        """The ReportRunner once Print was pressed (tests wait on its signals)."""
        return self._runner
