"""The progress of the day for the head of delegation and every assessor: per subject the
marks and second markings still missing, the third readings needed and who should do them,
per assessor the scorecards not started / drafts / submitted, and the candidates present but
not yet interviewed. Searchable by application number; refreshed on every change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store.queries_progress import load_progress
from ui.context import DeskContext
from ui.models.progress import (
    AssessorProgressModel,
    CandidateIdRole,
    NumberFilter,
    SubjectProgressModel,
    ThirdReadingModel,
    WaitingModel,
)
from ui.widgets.panel_opener import install_panel_opener
from ui.widgets.reload_when_shown import ReloadWhenShown


class ProgressView(ReloadWhenShown, QDialog):
    RELOAD_ON = frozenset(("mark", "scorecard", "candidate", "interview"))

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Progress of the day"))
        config = ctx.config
        self.subjects = SubjectProgressModel(config, self)
        self.thirds = ThirdReadingModel(config, self)
        self.assessors = AssessorProgressModel(self)
        self.waiting = WaitingModel(self)
        self.thirds_proxy = NumberFilter((0, 1), self)
        self.thirds_proxy.setSourceModel(self.thirds)
        self.waiting_proxy = NumberFilter((2, 3), self)
        self.waiting_proxy.setSourceModel(self.waiting)

        self.search = QLineEdit()
        self.search.setObjectName("progressSearch")
        self.search.setPlaceholderText(self.tr("Application number or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.summary = QLabel()
        self.summary.setObjectName("progressSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Search:")))
        top.addWidget(self.search, 1)

        self.subject_view = self._table(self.subjects, "progressSubjects")
        self.thirds_view = self._table(self.thirds_proxy, "progressThirds")
        self.assessor_view = self._table(self.assessors, "progressAssessors")
        self.waiting_view = self._table(self.waiting_proxy, "progressWaiting")
        for view in (self.thirds_view, self.waiting_view):
            install_panel_opener(self, view, ctx, lambda v=view: self._candidate(v),
                                 double_click=True)
        grid = QGridLayout()
        grid.addWidget(self._box(self.tr("Written tests, per subject"), self.subject_view), 0, 0)
        grid.addWidget(self._box(self.tr("Scorecards, per assessor"), self.assessor_view), 0, 1)
        grid.addWidget(self._box(self.tr("Third readings needed"), self.thirds_view), 1, 0)
        grid.addWidget(self._box(self.tr("Present, not yet interviewed"), self.waiting_view),
                       1, 1)
        grid.setColumnStretch(0, 3)  # subjects and third readings have more columns
        grid.setColumnStretch(1, 2)
        hint = QLabel(self.tr("Double-click a candidate or press Ctrl+I for the details."))
        hint.setStyleSheet("color: #4b5563;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        layout.addWidget(hint)
        self.resize(1000, 600)  # fits a 1024x640 laptop screen; grows with the window
        self._stale = False
        ctx.changed.connect(self._on_changed)
        self.reload()

    def _table(self, model: object, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)  # type: ignore[arg-type]
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        # every column shares the width: no sideways scrolling at 1280 or 1024 pixels
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        return view

    def _box(self, title: str, view: QTableView) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(view)
        return box

    def _candidate(self, view: QTableView) -> str | None:
        idx = view.currentIndex()
        return idx.siblingAtColumn(0).data(CandidateIdRole) if idx.isValid() else None

    def _search(self, text: str) -> None:
        for proxy in (self.thirds_proxy, self.waiting_proxy):
            proxy.set_query(text)

    def reload(self) -> None:
        with self.ctx.store.read() as s:
            p = load_progress(s, self.ctx.mission_id)
        self.subjects.set_rows(p.subjects)
        self.thirds.set_rows(p.third_readings)
        self.assessors.set_rows(p.assessors)
        self.waiting.set_rows(p.waiting)
        missing = sum(r.marks_missing for r in p.subjects)
        second = sum(r.second_missing for r in p.subjects)
        drafts = sum(a.drafts + a.not_started for a in p.assessors)
        self.summary.setText(self.tr(
            "Marks missing: %1 · second markings missing: %2 · third readings: %3 · "
            "scorecards still open: %4 · present, not yet interviewed: %5").replace(
            "%1", str(missing)).replace("%2", str(second)).replace(
            "%3", str(len(p.third_readings))).replace("%4", str(drafts)).replace(
            "%5", str(len(p.waiting))))


