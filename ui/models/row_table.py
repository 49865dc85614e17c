"""A read-mostly table model over a list of row objects, refreshed in place.

Pages reload their rows when ``DeskContext.changed`` fires. When the same rows come back in
the same order (the usual case: one value edited), only ``dataChanged`` is emitted so the
view keeps its current cell, selection and scroll position; otherwise the model resets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, key: Callable[[Row], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = key
        self._rows: list[Row] = []
        self._headers: list[str] | None = None  # translated once: Qt asks for them constantly

    # -- rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        rows = list(rows)
        same = len(rows) == len(self._rows) and all(
            self._key(a) == self._key(b) for a, b in zip(rows, self._rows, strict=True))
        if same:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, key: Any) -> int:
        for i, r in enumerate(self._rows):
            if self._key(r) == key:
                return i
        return -1

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self._titles()
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles())

    def _titles(self) -> list[str]:
        if self._headers is None:
            self._headers = self.headers()
        return self._headers

    def retranslate(self) -> None:
        """The interface language changed: titles are translated again."""
        self._headers = None
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def headers(self) -> list[str]:
        """Column titles (translated); the number of titles is the number of columns."""
        raise NotImplementedError
