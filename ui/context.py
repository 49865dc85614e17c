"""The desk's shared state for every page: the store, the edit service, undo, change signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

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
    # Another assessor unlocked the desk (issue 17): pages show what that assessor may see.
    actor_changed = Signal(str)

    def __init__(self, store: Store, mission_id: str, actor_id: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.mission_id = mission_id
        self.actor_id = actor_id
        self.edits = EditService(store, mission_id, actor_id)
        # One undo stack per assessor, the group's active one is the unlocked assessor's: undo
        # never crosses users, and each finds their own history again after a switch.
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._activate_stack(actor_id)

    @property
    def undo_stack(self) -> QUndoStack:
        return self._stacks[self.actor_id]

    def _activate_stack(self, actor_id: str) -> None:
        stack = self._stacks.get(actor_id)
        if stack is None:
            stack = self._stacks[actor_id] = QUndoStack(self)
            self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(stack)

    def set_actor(self, actor_id: str) -> None:
        """Work as another assessor of the mission from now on: a new EditService with that
        assessor as the actor of every edit, and their own undo stack."""
        if actor_id == self.actor_id:
            return
        edits = EditService(self.store, self.mission_id, actor_id)  # raises for a stranger
        self.actor_id, self.edits = actor_id, edits
        self._activate_stack(actor_id)
        log.info("the desk now works as assessor %s", actor_id)
        self.actor_changed.emit(actor_id)

    def suspend_undo(self) -> None:
        """No stack is active (the desk is locked): Undo and Redo stay disabled even if an
        edit of a worker started before the lock lands on its author's stack meanwhile."""
        self.undo_group.setActiveStack(None)

    def resume_undo(self) -> None:
        """The unlocked assessor's own stack is active again."""
        self._activate_stack(self.actor_id)

    def clear_undo(self) -> None:
        """Empty every assessor's undo stack (a pull made their captured values stale)."""
        for stack in self._stacks.values():
            stack.clear()

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
        for stack in self._stacks.values():
            for i in range(stack.count()):
                command = stack.command(i)
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
