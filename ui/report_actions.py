"""Placeholder: the Reports menu, replaced by its owner."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from ui.context import DeskContext


def build_reports_menu(ctx: DeskContext, parent: QWidget) -> QMenu:
    return QMenu(parent.tr("&Reports"), parent)
