"""How pages open the candidate detail panel (Ctrl+I, a table's context menu, a double
click), apart from the panel itself: a page installs the opener at start-up, and the panel's
module (its queries and models) loads when a panel is first opened."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from ui.context import DeskContext

if TYPE_CHECKING:
    from ui.widgets.candidate_panel import CandidatePanel

DETAIL_KEY = QKeySequence("Ctrl+I")


def open_candidate_panel(ctx: DeskContext, candidate_id: str | None,
                         parent: QWidget) -> CandidatePanel | None:
    if not candidate_id:
        return None
    from ui.widgets.candidate_panel import CandidatePanel

    panel = CandidatePanel(ctx, candidate_id, parent)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    panel.open()
    return panel


def install_panel_opener(page: QWidget, view: QAbstractItemView, ctx: DeskContext,
                         current: Callable[[], str | None], *, double_click: bool = False
                         ) -> None:
    """Ctrl+I on the page, "Candidate details" in the table's context menu (and a double
    click when the page has no other use for it) open the selected candidate's panel."""
    def show() -> None:
        page.last_panel = open_candidate_panel(ctx, current(), page)  # type: ignore[attr-defined]

    key = QShortcut(DETAIL_KEY, page)
    key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    key.activated.connect(show)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(pos: QPoint) -> None:
        if view.indexAt(pos).isValid():
            view.setCurrentIndex(view.indexAt(pos))
        m = QMenu(view)
        m.setObjectName("candidateContextMenu")
        action = QAction(QCoreApplication.translate("CandidatePanel", "Candidate details…"), m)
        action.setShortcut(DETAIL_KEY)
        action.setEnabled(current() is not None)
        action.triggered.connect(show)
        m.addAction(action)
        page.context_menu = m  # type: ignore[attr-defined]
        m.popup(view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(menu)
    if double_click:
        view.doubleClicked.connect(lambda _i: show())
