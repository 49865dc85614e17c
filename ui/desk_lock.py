"""Several assessors on one desk (issue 17): the window's lock, by Ctrl+L or after an idle
period, and the unlock by PIN that makes the desk work as the next assessor.

A mixin of MainWindow (kept apart so the window's module stays about its pages and menus): it
uses the window's ``ctx``, ``screens`` (the pages or the lock screen), ``_drop_pages``,
``_show_page`` and ``refresh_status``.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from app.domain.errors import DomainError
from app.store.desk_users import DeskUsers
from ui.context import DeskContext
from ui.idle_lock import IdleWatcher, idle_minutes, save_idle_minutes

if TYPE_CHECKING:
    from ui.widgets.lock_screen import LockScreen

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("LockableWindow", text)


class DialogGuard(QObject):
    """While the desk is locked, a dialog that opens is cancelled at once: a worker started
    before the lock (a report ready to open, a sync's or a sign-in's message) must not show
    the previous user's work over the lock screen. Watches the application only while
    locked (no cost otherwise)."""

    def watch(self, on: bool) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QDialog)
                and watched.isWindow()):
            log.info("a dialog opened behind the lock screen was cancelled")
            # Deferred: a widget cannot be hidden from inside its own show.
            QTimer.singleShot(0, watched, watched.reject)
        return False


class LockableWindow:
    """The lock of the desk's window; ``locked`` while the lock screen is shown."""

    ctx: DeskContext
    screens: Any
    sidebar: Any
    _pages: dict[str, Any]
    switch_user: QAction
    warn_if_stale: Any
    undo_action: QAction
    redo_action: QAction

    def _init_lock(self, ctx: DeskContext) -> None:
        self.users = DeskUsers(ctx.store)
        self.lock_screen: LockScreen | None = None  # built at the first lock
        self.locked = False
        self._enabled_before_lock: dict[QAction, bool] = {}
        self._page_before_lock = "candidates"
        # Idle lock only where someone set a PIN: a desk of one assessor works as before.
        self.idle = IdleWatcher(0, self)  # type: ignore[arg-type]
        self.idle.idle.connect(self.lock)
        self._dialog_guard = DialogGuard(self)  # type: ignore[arg-type]
        # Pages kept through a switch of user because a worker of theirs ran (a sync, a
        # sign-in): built for the previous assessor, rebuilt as soon as their work ends.
        self._stale_pages: set[str] = set()
        self._stale_warning_due = False  # "mission ended" held back by the lock at start
        self._locked_by = ctx.actor_id
        self._stale_timer = QTimer(self)  # type: ignore[arg-type]
        self._stale_timer.setInterval(250)
        self._stale_timer.timeout.connect(self._rebuild_stale_pages)

    def lock(self) -> None:
        """Ctrl+L or the idle period: the pages go (typed text saved under the assessor who
        typed it), the lock screen takes their place until the next person unlocks."""
        if self.locked:
            return
        self.locked = True
        self._locked_by = self.ctx.actor_id
        self.idle.pause()
        self._page_before_lock = self.current_page_key()
        # An open dialog (a scorecard's amendment, a confirmation) would stay on top of the
        # lock screen with its user's data: it is cancelled, as a click on Cancel would; so
        # is one that opens while locked, and an open popup (a context menu) is closed.
        self._dialog_guard.watch(True)  # first: a dialog opened by a cancelled one goes too
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for _ in range(8):  # nested popups (a submenu) close one by one
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self._drop_pages(carry=False)
        self.ctx.suspend_undo()
        if self.lock_screen is None:
            from ui.widgets.lock_screen import LockScreen

            self.lock_screen = LockScreen(self.ctx.store, self.ctx.mission_id, self.users)
            self.lock_screen.unlocked.connect(self.unlock)
            self.screens.addWidget(self.lock_screen)
        self.lock_screen.reset(self.ctx.actor_id)
        self.screens.setCurrentWidget(self.lock_screen)
        self.menuBar().setVisible(False)
        self.statusBar().setVisible(False)
        self._disable_actions()
        log.info("desk locked")

    def unlock(self, actor_id: str) -> None:
        """The lock screen accepted ``actor_id``'s PIN: the desk works as them from now on."""
        try:
            self.ctx.set_actor(actor_id)
        except DomainError as exc:
            self._show_error(str(exc))
            return
        self.locked = False
        self.ctx.resume_undo()
        self._dialog_guard.watch(False)
        for action, enabled in self._enabled_before_lock.items():
            with contextlib.suppress(RuntimeError):  # a menu rebuilt meanwhile took it
                action.setEnabled(enabled)
        self._enabled_before_lock.clear()
        self.undo_action.setEnabled(self.ctx.undo_stack.canUndo())
        self.redo_action.setEnabled(self.ctx.undo_stack.canRedo())
        self._drop_pages(carry=False)  # nothing built for the previous user stays
        if actor_id != self._locked_by and self._pages:  # but a page whose worker runs
            self._stale_pages.update(self._pages)
            self._stale_timer.start()
        self.screens.setCurrentIndex(0)
        self.menuBar().setVisible(True)
        self.statusBar().clearMessage()  # the previous user's last message
        self.statusBar().setVisible(True)
        self.show_page(self._page_before_lock)  # the page the desk was locked on
        self._show_page(self.sidebar.currentRow())
        self.refresh_status()
        self.idle.set_interval(int(idle_minutes() * 60_000))
        log.info("desk unlocked by assessor %s", actor_id)
        if self._stale_warning_due:
            self._stale_warning_due = False
            QTimer.singleShot(0, self.warn_if_stale)

    def _rebuild_stale_pages(self) -> None:
        """Drop each page kept for the previous assessor once its worker ended; the shown
        one is rebuilt at once, for the assessor unlocked now."""
        for key in list(self._stale_pages):
            page = self._pages.get(key)
            if page is not None and getattr(page, "busy", False):
                continue
            self._stale_pages.discard(key)
            if page is None:
                continue
            shown = not self.locked and self.current_page_key() == key
            self._drop_page(key, carry=False)
            if shown:
                self._show_page(self.sidebar.currentRow())
        if not self._stale_pages:
            self._stale_timer.stop()

    def _disable_actions(self) -> None:
        """No shortcut acts on the work behind the lock screen (undo least of all)."""
        for action in self.findChildren(QAction):
            if action is self.switch_user or action in self._enabled_before_lock:
                continue
            self._enabled_before_lock[action] = action.isEnabled()
            action.setEnabled(False)

    def _ask_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getDouble(
            self, _tr("Idle lock"),
            _tr("Lock this desk after this many minutes without use (0: never):"),
            idle_minutes(), 0, 240, 1)
        if ok:
            save_idle_minutes(minutes)
            if self.users.any_pin():
                self.idle.set_interval(int(minutes * 60_000))
