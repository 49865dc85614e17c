"""Mission overview: where and when, the team, the tests and options, and where the
candidates stand (counts per status and track), refreshed on every change."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from app.domain.enums import CandidateStatus, Track
from app.store.models import Assessor, Candidate, Mission
from ui.context import DeskContext
from ui.models.candidates import status_label, track_label
from ui.numbers import decimal_text


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(6)
    head = QLabel(title)
    head.setProperty("role", "cardTitle")
    layout.addWidget(head)
    return frame, layout


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(iso: str) -> str:
    from PySide6.QtCore import QDate

    d = QDate.fromString(iso, Qt.DateFormat.ISODate)
    return QLocale().toString(d, QLocale.FormatType.LongFormat) if d.isValid() else iso


class MissionPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("missionSubtitle")
        self.subtitle.setProperty("role", "muted")

        where, self.where_body = _card(self.tr("Mission"))
        team, self.team_body = _card(self.tr("Team"))
        tests, self.tests_body = _card(self.tr("Written tests"))
        options, self.options_body = _card(self.tr("Programme options"))
        counts, self.counts_body = _card(self.tr("Candidates"))
        self.labels: dict[str, QLabel] = {}
        for name, body in (("where", self.where_body), ("team", self.team_body),
                           ("tests", self.tests_body), ("options", self.options_body),
                           ("counts", self.counts_body)):
            label = QLabel()
            label.setObjectName(f"mission_{name}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            body.addWidget(label)
            body.addStretch(1)
            self.labels[name] = label

        grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(where, 0, 0)
        grid.addWidget(team, 0, 1)
        grid.addWidget(counts, 1, 0)
        grid.addWidget(tests, 1, 1)
        grid.addWidget(options, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        inner = QWidget()
        inner.setObjectName("missionInner")
        box = QVBoxLayout(inner)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(8)
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        box.addSpacing(6)
        box.addLayout(grid)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        ctx.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, entity: str, _row_id: str) -> None:
        if entity in ("candidate", "mission", "assessor", ""):
            self.reload()

    def reload(self) -> None:
        with self.ctx.store.read() as s:
            m = s.get(Mission, self.ctx.mission_id)
            team = s.scalars(select(Assessor).where(Assessor.mission_id == self.ctx.mission_id)
                             .order_by(Assessor.is_chair.desc(), Assessor.name)).all()
            counts = s.execute(
                select(Candidate.track, Candidate.status, func.count())
                .where(Candidate.mission_id == self.ctx.mission_id)
                .group_by(Candidate.track, Candidate.status)).all()
        if m is None:
            return
        config = self.ctx.config
        self.title.setText(m.name or m.code)
        self.subtitle.setText(f"{m.code} · {m.city}, {m.country}")
        rows = [(self.tr("Code"), m.code), (self.tr("Place"), f"{m.city}, {m.country}"),
                (self.tr("Dates"), self.tr("%1 to %2").replace("%1", _date(m.start_date))
                 .replace("%2", _date(m.end_date))),
                (self.tr("Time zone"), m.timezone),
                (self.tr("Status"), self._mission_status(m.status))]
        self.labels["where"].setText(_table(rows))

        team_rows = []
        for a in team:
            role = self.tr("Professor") if a.role == "professor" else self.tr("Representative")
            name = _esc(a.name)
            if a.id == self.ctx.actor_id:
                name = f"<b>{name}</b> " + self.tr("(you)")
            chair_label = self.tr("head of delegation")
            chair = (f' · <span style="color:#1f4e8c;font-weight:600">{chair_label}</span>'
                     if a.is_chair else "")
            team_rows.append((name, role + chair))
        self.labels["team"].setText(_table(team_rows, escape=False))

        test_rows = [(_esc(s.label_fr if _french() and s.label_fr else s.label),
                      self.tr("out of %1, step %2, coefficient %3")
                      .replace("%1", decimal_text(s.max_mark))
                      .replace("%2", decimal_text(s.step))
                      .replace("%3", decimal_text(s.coefficient)))
                     for s in config.subjects]
        test_rows.append((self.tr("Third reading"), self.tr("when two marks differ by more than %1")
                          .replace("%1", decimal_text(config.double_marking_threshold))))
        self.labels["tests"].setText(_table(test_rows, escape=False))
        self.labels["options"].setText(_table(
            [(f"<b>{_esc(o.code)}</b>", _esc(o.label)) for o in config.options]
            or [(self.tr("none"), "")], escape=False))

        by: dict[tuple[str, str], int] = {(t, s): n for t, s, n in counts}
        head = ["", *[track_label(t) for t in Track], self.tr("Total")]
        body = []
        for status in CandidateStatus:
            per = [by.get((t.value, status.value), 0) for t in Track]
            body.append([status_label(status), *map(str, per), str(sum(per))])
        totals = [sum(by.get((t.value, s.value), 0) for s in CandidateStatus) for t in Track]
        body.append([self.tr("Total"), *map(str, totals), str(sum(totals))])
        self.labels["counts"].setText(_grid(head, body))

    def _mission_status(self, status: str) -> str:
        return {"preparing": self.tr("in preparation"), "open": self.tr("open"),
                "closed": self.tr("closed")}.get(status, status)


def _french() -> bool:
    return QLocale().language() == QLocale.Language.French


def _table(rows: list[tuple[str, str]], escape: bool = True) -> str:
    cells = "".join(
        f'<tr><td style="color:#5b6472;padding:3px 18px 3px 0">{_esc(k) if escape else k}</td>'
        f'<td style="padding:3px 0">{_esc(v) if escape else v}</td></tr>' for k, v in rows)
    return f'<table cellspacing="0">{cells}</table>'


def _grid(head: list[str], body: list[list[str]]) -> str:
    th = "".join(f'<th align="{"left" if i == 0 else "right"}" style="color:#5b6472;'
                 f'font-weight:600;padding:3px 0 3px 22px">{_esc(h)}</th>'
                 for i, h in enumerate(head))
    trs = []
    for n, row in enumerate(body):
        weight = "font-weight:600;" if n == len(body) - 1 else ""
        tds = "".join(f'<td align="{"left" if i == 0 else "right"}" style="{weight}'
                      f'padding:3px 0 3px {0 if i == 0 else 22}px">{_esc(c)}</td>'
                      for i, c in enumerate(row))
        trs.append(f"<tr>{tds}</tr>")
    return f'<table cellspacing="0"><tr>{th}</tr>{"".join(trs)}</table>'
