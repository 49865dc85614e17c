"""Ranking: composite scores per track (computed, never typed), sortable, the distribution
of scores, and the chair's decision for each candidate with a rationale."""

from __future__ import annotations

import statistics

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Outcome, Track
from app.domain.errors import DomainError
from app.domain.scoring import ScoreState
from app.store.queries_ranking import RankingRow, load_decision, load_ranking_rows
from ui.context import DeskContext
from ui.models.ranking import (
    COL_APPNO,
    COL_COMPOSITE,
    COL_DECISION,
    COL_INTERVIEW,
    COL_NAME,
    COL_OPTION,
    COL_RANK,
    COL_RATIONALE,
    COL_STATE,
    COL_TIED,
    COL_WRITTEN,
    RankingModel,
    RankingProxy,
    fmt_score,
)
from ui.numbers import score_text, weight_text
from ui.widgets.background import BackgroundReader
from ui.widgets.decision_dialog import DecisionDialog
from ui.widgets.histogram import ScoreHistogram
from ui.widgets.panel_opener import install_panel_opener
from ui.widgets.reload_when_shown import ReloadWhenShown
from ui.widgets.splitter_memory import remember

TRACKS = (Track.FREE_MOVER, Track.DOUBLE_DEGREE)
NAME_MIN_WIDTH = 160  # px: "Santoso Siti Nurhaliza", "Nguyễn Thị Ánh" whole
OPTIONAL_COLUMNS = (COL_RATIONALE, COL_TIED, COL_APPNO)  # hidden in this order when narrow


class RankingPage(ReloadWhenShown, QWidget):
    RELOAD_ON = frozenset(("mark", "scorecard", "decision", "candidate"))

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: dict[Track, list[RankingRow]] = {t: [] for t in Track}
        self.track = TRACKS[0]
        self.model = RankingModel(self.track, self)
        self.model.subject_count = len(ctx.config.subjects)
        self.proxy = RankingProxy(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Ranking"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.tabs = QTabBar()
        self.tabs.setObjectName("trackTabs")
        self.tabs.setExpanding(False)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached by Tab, arrows switch
        for _ in TRACKS:
            self.tabs.addTab("")
        self.formula = QLabel()
        self.formula.setObjectName("formula")
        self.formula.setStyleSheet("color: #4b5563;")

        self.table = QTableView()
        self.table.setObjectName("rankingTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_RANK, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the decision button
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_RANK, 50), (COL_APPNO, 124), (COL_NAME, 190), (COL_WRITTEN, 70),
                           (COL_INTERVIEW, 78), (COL_COMPOSITE, 86), (COL_STATE, 130),
                           (COL_TIED, 44), (COL_DECISION, 140), (COL_OPTION, 96),
                           (COL_RATIONALE, 150)):
            # never narrower than the (translated) title and its sort arrow
            header.resizeSection(col, max(width, header.sectionSizeHint(col) + 8))
        # The name takes what is left, so the table fits without scrolling sideways.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # The decision cell names the option ("Admit · ING-GEN"): one column less to fit.
        self.table.setColumnHidden(COL_OPTION, True)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)  # columns fitted on every resize

        self.histogram = ScoreHistogram()
        self.histogram.setObjectName("histogram")
        self.stats = QLabel()
        self.stats.setObjectName("stats")
        self.stats.setWordWrap(True)
        dist = QGroupBox(self.tr("Distribution of composite scores"))
        # The figures beside the chart, not under it: the table keeps the height (rows).
        dl = QHBoxLayout(dist)
        figures = QVBoxLayout()
        # How the composite is made, beside its distribution (the track row stays short).
        self.formula.setWordWrap(True)
        figures.addWidget(self.formula)
        figures.addWidget(self.stats)
        figures.addStretch(1)
        dl.addWidget(self.histogram, 3)
        dl.addLayout(figures, 2)

        self.selected = QLabel()
        self.selected.setObjectName("selectedCandidate")
        self.selected.setWordWrap(True)
        self.selected.setTextFormat(Qt.TextFormat.RichText)
        self.decide = QPushButton(self.tr("Record decision…"))
        self.decide.setObjectName("decideButton")
        self.decide.setEnabled(False)
        self.chair_note = QLabel(
            self.tr("Double-click a row or press Enter to record the decision.")
            if ctx.is_chair else
            self.tr("Decisions are recorded by the head of delegation; you see them read-only."))
        self.chair_note.setWordWrap(True)
        self.chair_note.setStyleSheet("color: #4b5563;")
        box = QGroupBox(self.tr("Decision"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.selected)
        row = QHBoxLayout()
        row.addWidget(self.decide)
        row.addStretch(1)
        bl.addLayout(row)
        bl.addWidget(self.chair_note)
        bl.addStretch(1)

        bottom = QWidget()
        sl = QHBoxLayout(bottom)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(dist, 3)
        sl.addWidget(box, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        # The table first: the distribution and decision panel take what they need at least.
        splitter.setSizes([2000, 1])
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, True)  # dragged down, the table takes the whole page
        remember(splitter, "ranking")
        self.splitter = splitter

        self.search = QLineEdit()
        self.search.setObjectName("rankingSearch")
        self.search.setPlaceholderText(self.tr("Application no. or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(190)
        self.search.setMaximumWidth(240)
        self.search.textChanged.connect(self.proxy.set_query)
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addWidget(self.search)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.reader = BackgroundReader(self)
        self.reader.loaded.connect(self._loaded)
        self.reader.failed.connect(ctx.error)
        self._stale = True  # loaded when first shown
        self.tabs.currentChanged.connect(self._track_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_decision())
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_selected(cur))
        self.decide.clicked.connect(self.edit_decision)
        install_panel_opener(self, self.table, ctx, self.current_candidate)
        ctx.changed.connect(self._on_changed)
        for i, t in enumerate(TRACKS):
            self.tabs.setTabText(i, self.track_label(t))
        self._fill()

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Recompute the ranking on a worker thread (a few hundred ms for 5,000 candidates);
        the table keeps showing the previous figures meanwhile."""
        store, mission_id, viewer = self.ctx.store, self.ctx.mission_id, self.ctx.actor_id

        def read() -> dict[Track, list[RankingRow]]:
            with store.read() as s:
                return load_ranking_rows(s, mission_id, viewer)
        self.reader.request(read)

    def _loaded(self, rows: dict[Track, list[RankingRow]]) -> None:
        self.rows = rows
        for i, t in enumerate(TRACKS):
            ranked = sum(1 for r in self.rows[t] if r.state == ScoreState.RANKED)
            self.tabs.setTabText(i, self.tr("%1 (%2 ranked / %3)").replace(
                "%1", self.track_label(t)).replace("%2", str(ranked)).replace(
                "%3", str(len(self.rows[t]))))
        self._fill()

    def track_label(self, track: Track) -> str:
        return self.tr("Free movers") if track == Track.FREE_MOVER else self.tr("Double degree")

    def _fill(self) -> None:
        rows = self.rows[self.track]
        self.model.track = self.track
        self.model.set_rows(rows)
        w = self.ctx.config.track_weights(self.track)
        total = w.written + w.interview
        self.formula.setText(self.tr("Composite = %1 × written + %2 × interview (on /20)")
                             .replace("%1", weight_text(w.written / total))
                             .replace("%2", weight_text(w.interview / total)))
        scores = [float(r.composite) for r in rows if r.composite is not None]
        self.histogram.set_scores(scores)
        decided = {o: sum(1 for r in rows if r.outcome == o.value) for o in Outcome}
        if scores:
            text = self.tr("%1 ranked · mean %2 · median %3\nlowest %4 · highest %5").replace(
                "%1", str(len(scores))).replace("%2", score_text(statistics.fmean(scores))
                                                ).replace(
                "%3", score_text(statistics.median(scores))).replace(
                "%4", score_text(min(scores))).replace("%5", score_text(max(scores)))
        else:
            text = self.tr("No candidate ranked yet in this track")
        text += "\n" + self.tr("Decisions: %1 admitted · %2 waitlisted · %3 rejected").replace(
            "%1", str(decided[Outcome.ADMIT])).replace("%2", str(decided[Outcome.WAITLIST])
                                                       ).replace("%3", str(decided[Outcome.REJECT]))
        self.stats.setText(text)
        self._show_selected(self.table.currentIndex())

    def _track_changed(self, i: int) -> None:
        self.track = TRACKS[i]
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._fill()

    # -- selection and decisions -------------------------------------------------------------

    def current_candidate(self) -> str | None:
        r = self.current_row()
        return r.candidate_id if r is not None else None

    def save_state(self) -> dict[str, object]:
        """The track shown, carried across a language switch."""
        return {"track": self.tabs.currentIndex()}

    def restore_state(self, state: dict[str, object]) -> None:
        self.tabs.setCurrentIndex(int(state.get("track", 0)))  # type: ignore[call-overload]

    def current_row(self) -> RankingRow | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row())

    def _show_selected(self, idx: QModelIndex) -> None:
        r = self.current_row() if idx.isValid() else None
        self.decide.setEnabled(r is not None and self.ctx.is_chair)
        if r is None:
            self.selected.setText(self.tr("Select a candidate in the table."))
            self.histogram.mark(None)
            return
        self.histogram.mark(None if r.composite is None else float(r.composite))
        decision = self.model.outcome_label(r.outcome) or self.tr("none yet")
        if r.option_code:
            decision += f" — {r.option_code}"
        lines = [f"<b>{_esc(r.name)}</b> · {_esc(r.application_number)}",
                 self.tr("Composite %1 · rank %2").replace("%1", fmt_score(r.composite) or "—")
                 .replace("%2", str(r.rank) if r.rank else "—"),
                 self.tr("Wishes: %1").replace("%1", ", ".join(r.wishes) or "—"),
                 self.tr("Decision: %1").replace("%1", _esc(decision))]
        if r.rationale:
            lines.append(f"<i>{_esc(r.rationale)}</i>")
        self.selected.setText("<br>".join(lines))

    def edit_decision(self) -> None:
        r = self.current_row()
        if r is None:
            return
        if not self.ctx.is_chair:
            QMessageBox.information(self, self.tr("Decision"), self.tr(
                "Only the head of delegation records decisions."))
            return
        # The stored decision, not the table's copy: a recomputation may still be running.
        with self.ctx.store.read() as s:
            old = load_decision(s, r.candidate_id)
        dialog = DecisionDialog(f"{r.name} · {r.application_number}", self.ctx.config.options,
                                r.wishes, *old, needs_override=r.state != ScoreState.RANKED,
                                parent=self)
        dialog.setObjectName("decisionDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = (dialog.outcome(), dialog.option_code(), dialog.rationale_text(),
               dialog.override_text())
        cid, edits = r.candidate_id, self.ctx.edits
        number = r.application_number

        def label() -> str:  # said again in the current language after a switch
            return QCoreApplication.translate("RankingPage", "Decision for %1").replace(
                "%1", number)
        try:
            self.ctx.run_edit(label, "decision",
                              lambda: edits.set_decision(cid, *new),
                              lambda: edits.set_decision(cid, *old))
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Decision not recorded"), str(exc))

    def _fit_columns(self) -> None:
        """The name keeps a readable width: on a narrow screen the optional columns give
        way, least needed first (the selected candidate's panel still shows them)."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        for col in OPTIONAL_COLUMNS:
            self.table.setColumnHidden(col, False)
        for col in OPTIONAL_COLUMNS:
            others = sum(header.sectionSize(c) for c in range(header.count())
                         if c != COL_NAME and not self.table.isColumnHidden(c))
            if width - others >= NAME_MIN_WIDTH:
                break
            self.table.setColumnHidden(col, True)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.edit_decision()
            return True
        return super().eventFilter(obj, event)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
