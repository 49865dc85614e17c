"""A view that follows the store's changes without recomputing while hidden."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class ReloadWhenShown:
    """Mixin, listed before the Qt widget class: a change of one of ``RELOAD_ON`` reloads the
    view at once when it is shown, else once, when it is next shown. The subclass has
    ``reload()``, sets ``self._stale`` in ``__init__`` and connects ``ctx.changed`` to
    ``_on_changed``. The empty entity means "everything" (after a sync)."""

    RELOAD_ON: frozenset[str] = frozenset()
    _stale: bool

    def _on_changed(self, entity: str, _row_id: str) -> None:
        if entity not in self.RELOAD_ON and entity != "":
            return
        if self.isVisible():  # type: ignore[attr-defined]
            self.reload()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()  # type: ignore[attr-defined]
        super().showEvent(event)  # type: ignore[misc]
