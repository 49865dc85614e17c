"""Calibration, for the head of delegation (issue 17 §3): how the team's interview levels and
written marks compare, so that a lenient or harsh colleague is seen on day one.

- assessors × criteria: each assessor's mean deviation from their panel's mean for the same
  candidates, as a heat map (blue harsher, orange more lenient, the value and n written in
  every cell);
- markers: each marker's mean deviation from the other marker of the same scripts with its
  95% interval, the intraclass correlation and the third-reading rate;
- the scripts with the largest marking gaps; a double click (or Enter) opens their marks on
  the written-tests page, named by script code while the subject is marked anonymously.

The statistics are the domain's (app.domain.calibration), computed on a worker thread and
again when marks, scorecards or panels change. Other members see why the page is not theirs:
it compares colleagues, which the blind panel keeps from them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.store.calibration_view import CalibrationView, load_calibration_view
from ui.context import DeskContext
from ui.models.calibration import (
    COL_GAP,
    COL_MARKER,
    COL_MARKS,
    HARSH,
    LENIENT,
    CalibrationProxy,
    GapRow,
    GapsModel,
    HeatMapModel,
    MarkerRow,
    MarkersModel,
    heat_colour,
)
from ui.models.interviews import criterion_label
from ui.numbers import weight_text
from ui.vocabulary import subject_label
from ui.widgets.background import BackgroundReader
from ui.widgets.panel_opener import install_panel_opener
from ui.widgets.reload_when_shown import ReloadWhenShown

MUTED = "color: #4b5563;"
HEAT_ROWS = 8  # assessors shown before the heat map scrolls


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setWordWrap(False)
    return table


class CalibrationPage(ReloadWhenShown, QWidget):
    RELOAD_ON = frozenset(("mark", "scorecard", "interview", "candidate", "anonymity", "seat",
                           "assessor"))

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: CalibrationView | None = None
        title = QLabel(self.tr("Calibration"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)

        self.heat_model = HeatMapModel(self)
        self.heat_proxy = CalibrationProxy(self)
        self.heat_proxy.setSourceModel(self.heat_model)
        self.markers_model = MarkersModel(self)
        self.markers_proxy = CalibrationProxy(self)
        self.markers_proxy.setSourceModel(self.markers_model)
        self.gaps_model = GapsModel(self)
        self.gaps_proxy = CalibrationProxy(self)
        self.gaps_proxy.setSourceModel(self.gaps_model)

        self.intro = QLabel()
        self.intro.setObjectName("calibrationIntro")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(MUTED)
        layout.addWidget(self.intro)
        if not ctx.is_chair:
            self.intro.setText(self.tr(
                "Calibration compares how each colleague marks and scores: it is for the "
                "head of delegation, and the blind panel keeps it from the other members. "
                "Ask the head of delegation to go through it with the team."))
            self.intro.setObjectName("notChairNote")
            layout.addStretch(1)
            self._stale = False
            return

        self.heat = _table("heatMap")
        self.heat.setModel(self.heat_proxy)
        self.heat.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.heat.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.heat.verticalHeader().setDefaultSectionSize(30)
        self.legend = QLabel()
        self.legend.setObjectName("heatLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.kappa = QLabel()
        self.kappa.setObjectName("panelAgreement")
        self.kappa.setWordWrap(True)
        self.kappa.setStyleSheet(MUTED)
        heat_box = QGroupBox(self.tr("Interview levels: assessors × criteria"))
        hl = QVBoxLayout(heat_box)
        hl.addWidget(self.heat)
        hl.addWidget(self.legend)
        hl.addWidget(self.kappa)

        self.markers = _table("markersTable")
        self.markers.setModel(self.markers_proxy)
        self.markers.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        self.table = _table("gapsTable")  # the page's main table (Ctrl+I, tests)
        self.table.setModel(self.gaps_proxy)
        self.table.sortByColumn(COL_GAP, Qt.SortOrder.DescendingOrder)
        self.gaps_hint = QLabel(self.tr(
            "Double-click or Enter: the script's marks on the written-tests page"))
        self.gaps_hint.setWordWrap(True)
        self.gaps_hint.setStyleSheet(MUTED)
        gaps = QWidget()
        gl = QVBoxLayout(gaps)
        gl.setContentsMargins(6, 6, 6, 6)
        gl.addWidget(self.table, 1)
        gl.addWidget(self.gaps_hint)
        self._size_columns()

        # Written marks below the heat map, one table at a time at the page's full width
        # (side by side, neither fitted a 13-inch screen).
        self.tabs = QTabWidget()
        self.tabs.setObjectName("writtenTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.markers, self.tr("Written marks: markers"))
        self.tabs.addTab(gaps, self.tr("Largest marking gaps: scripts to read again"))
        self.status = QLabel(self.tr("Computing…"))
        self.status.setObjectName("calibrationStatus")
        self.status.setStyleSheet(MUTED)
        # The heat map takes the height of its rows; the written marks the rest.
        layout.addWidget(heat_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self.reader = BackgroundReader(self)
        self.reader.loaded.connect(self._loaded)
        self.reader.failed.connect(ctx.error)
        self._stale = True  # computed when first shown
        self.table.doubleClicked.connect(self.open_marks)
        self.table.installEventFilter(self)
        install_panel_opener(self, self.table, ctx, self.current_candidate)
        ctx.changed.connect(self._on_changed)
        self._describe()

    def _size_columns(self) -> None:
        heat = self.heat.horizontalHeader()
        heat.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        heat.setMinimumSectionSize(92)  # "+0.42 (n=31)" whole
        heat.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole name in its tooltip
        markers = self.markers.horizontalHeader()
        markers.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        markers.setSectionResizeMode(COL_MARKER, QHeaderView.ResizeMode.Stretch)
        gaps = self.table.horizontalHeader()
        gaps.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        gaps.setSectionResizeMode(COL_MARKS, QHeaderView.ResizeMode.Stretch)  # elided, tooltip

    def _fit_heat_map(self) -> None:
        """As tall as its rows (up to HEAT_ROWS, then it scrolls)."""
        rows = max(1, min(HEAT_ROWS, self.heat_proxy.rowCount()))
        frame = 2 * self.heat.frameWidth()
        self.heat.setFixedHeight(self.heat.horizontalHeader().sizeHint().height() + frame
                                 + rows * self.heat.verticalHeader().defaultSectionSize())

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        """The statistics on a worker thread; the tables keep the previous figures meanwhile."""
        if not self.ctx.is_chair:
            return
        store, mission_id, viewer = self.ctx.store, self.ctx.mission_id, self.ctx.actor_id

        def read() -> CalibrationView:
            with store.read() as s:
                return load_calibration_view(s, mission_id, viewer)
        self.status.setText(self.tr("Computing…"))
        self.reader.request(read)

    def _loaded(self, view: CalibrationView) -> None:
        self.view = view
        config = self.ctx.config
        criteria = [(c.key, criterion_label(c)) for c in config.rubric.criteria]
        self.heat_model.set_view(view, criteria)
        labels = {s.key: subject_label(s) for s in config.subjects}
        self.markers_model.min_candidates = view.min_candidates
        self.markers_model.set_rows([MarkerRow(m, view.assessor_name(m.marker_id),
                                               labels.get(m.subject, m.subject))
                                     for m in view.calibration.markers])
        self.gaps_model.set_rows([GapRow(g, labels.get(g.gap.subject, g.gap.subject),
                                         " · ".join(f"{view.assessor_name(a)} {weight_text(v)}"
                                                    for a, v in g.gap.values))
                                  for g in view.gaps])
        self._show_kappa(view)
        self._fit_heat_map()
        self._describe()
        self.status.setText(self.tr(
            "Assessors: %1 · marker figures: %2 · scripts with a gap listed: %3").replace(
            "%1", str(self.heat_model.rowCount())).replace(
            "%2", str(self.markers_model.rowCount())).replace(
            "%3", str(self.gaps_model.rowCount())))

    def _show_kappa(self, view: CalibrationView) -> None:
        parts = []
        for p in view.calibration.panels:
            if p.kappa is None:
                continue
            names = view.panels.get(p.panel_key, p.panel_key)
            figure = (f"{weight_text(round(p.kappa.value, 2))} (n={p.kappa.n})"
                      if p.kappa.shown else f"n<{view.min_candidates}")
            parts.append(f"{names}: {figure}")
        self.kappa.setText(self.tr("Agreement within panels (weighted kappa): %1").replace(
            "%1", " · ".join(parts)) if parts else "")
        self.kappa.setVisible(bool(parts))

    def _describe(self) -> None:
        n = self.view.min_candidates if self.view else 0
        self.intro.setText(self.tr(
            "How each colleague's levels and marks compare with the others' for the same "
            "candidates, with 95% intervals. A figure resting on fewer than %1 candidates "
            "is hidden (n<%1).").replace("%1", str(n) if n else "…"))
        swatch = ("<span style='background:{};color:{};'>&nbsp;{}&nbsp;</span>")
        self.legend.setText("&nbsp;&nbsp;".join((
            swatch.format(HARSH.name(), "#ffffff", self.tr("harsher than the panel")),
            swatch.format(heat_colour(0).name(), "#111827", self.tr("in line")),
            swatch.format(LENIENT.name(), "#ffffff", self.tr("more lenient")),
            self.tr("levels from the panel's mean for the same candidates; "
                    "hover a cell for its interval"))))

    # -- the gaps' scripts -------------------------------------------------------------------

    def current_gap(self) -> GapRow | None:
        idx = self.table.currentIndex() if self.ctx.is_chair else QModelIndex()
        if not idx.isValid():
            return None
        return self.gaps_model.row_at(self.gaps_proxy.mapToSource(idx).row())

    def current_candidate(self) -> str | None:
        """None while the script's subject is anonymous: the panel would name the candidate."""
        row = self.current_gap()
        return None if row is None or row.script.anonymous else row.script.gap.candidate_id

    def open_marks(self, _index: QModelIndex | None = None) -> None:
        """The written-tests page on the script's subject, filtered to the script (by its
        code while anonymous, else by application number)."""
        row = self.current_gap()
        window = self.window()
        if row is None or not hasattr(window, "show_page"):
            return
        window.show_page("written_tests")
        page = window.page("written_tests")
        page.subject_box.setCurrentIndex(page.subject_box.findData(row.script.gap.subject))
        page.track_box.setCurrentIndex(page.track_box.findData(""))  # every track
        page.present_only.setChecked(False)
        page.search.setText(row.script.identifier)
        if page.proxy.rowCount():
            page.table.setCurrentIndex(page.proxy.index(0, 3))
        page.table.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is getattr(self, "table", None) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_marks()
            return True
        return super().eventFilter(obj, event)

    def save_state(self) -> dict[str, object]:
        return {}

    def restore_state(self, state: dict[str, object]) -> None:
        """Nothing typed on this page to carry across a language switch."""

