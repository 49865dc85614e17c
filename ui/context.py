"""The desk's shared state for every page: the store, the edit service, undo, change signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain.mission import MissionConfig
from app.store.database import Store
from app.store.edits import EditResult, EditService

log = logging.getLogger(__name__)

# The meta key holding the assessor who works on this desk (chosen on first run).
CURRENT_ASSESSOR = "current_assessor"

Edit = Callable[[], EditResult]
# An undo label: a plain text, or a function that says it in the current language (kept by
# the command, so the Edit menu never mixes languages after a live switch).
Label = str | Callable[[], str]


class EditCommand(QUndoCommand):
    """An edit on the undo stack. Undo and redo are *new recorded edits* (each its own
    transaction, outbox mutation and audit entry); history is never erased."""

    def __init__(self, ctx: DeskContext, label: Label, entity: str, do: Edit,
                 undo: Edit) -> None:
        super().__init__(label() if callable(label) else label)
        self._ctx, self._entity, self._do, self._undo = ctx, entity, do, undo
        self._label = label
        self._first = True

    def retranslate(self) -> None:
        if callable(self._label):
            self.setText(self._label())

    def redo(self) -> None:
        if self._first:  # the edit itself already ran in DeskContext.run_edit
            self._first = False
            return
        self._ctx._apply(self._entity, self._do)

    def undo(self) -> None:
        self._ctx._apply(self._entity, self._undo)


class DeskContext(QObject):
    """Handed to every page. Pages edit only through ``run_edit`` and refresh on ``changed``."""

    # (entity, row_id): a row changed here or arrived by sync; row_id "" means "many rows".
    changed = Signal(str, str)
    # A failed undo/redo or edit outside a page's own handling: a message for the status bar.
    error = Signal(str)

    def __init__(self, store: Store, mission_id: str, actor_id: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.mission_id = mission_id
        self.actor_id = actor_id
        self.edits = EditService(store, mission_id, actor_id)
        self.undo_stack = QUndoStack(self)

    @property
    def config(self) -> MissionConfig:
        return self.edits.config

    @property
    def is_chair(self) -> bool:
        return self.edits.actor_is_chair

    def run_edit(self, label: Label, entity: str, do: Edit,
                 undo: Edit | None = None) -> EditResult:
        """Run one edit now (durable on return) and put it on the undo stack.

        Raises the domain's errors (ValidationError, PermissionDenied...) for the page to show
        in place; nothing is written then.
        """
        result = do()
        if undo is not None and result.mutation_id is not None:
            self.undo_stack.push(EditCommand(self, label, entity, do, undo))
        self.changed.emit(entity, result.row_id)
        return result

    def retranslate_undo(self) -> None:
        """Say every command on the stack in the current language."""
        for i in range(self.undo_stack.count()):
            command = self.undo_stack.command(i)
            if isinstance(command, EditCommand):
                command.retranslate()

    def _apply(self, entity: str, edit: Edit) -> None:
        try:
            result = edit()
        except Exception as exc:  # shown, not raised: Qt calls undo()/redo() from a shortcut
            log.warning("undo/redo failed: %s", exc)
            self.error.emit(str(exc))
            return
        self.changed.emit(entity, result.row_id)


def remembered_assessor(store: Store, mission_id: str) -> str | None:
    """The assessor chosen earlier on this desk for this mission, or None."""
    from app.store.models import Assessor

    current = store.get_meta(CURRENT_ASSESSOR)
    if current:
        with store.read() as s:
            a = s.get(Assessor, current)
            if a is not None and a.mission_id == mission_id:
                return current
    return None
