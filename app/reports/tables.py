"""Table look shared by the reports: a ruled grid with a shaded header row repeated on every
page, and ``PagedGrid`` for long tables laid out a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from .fonts import SANS, SANS_BOLD
from .styles import HEAD_FILL, INK, RULE, SHADE


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header_rows: int = 1,
         zebra: bool = True, align_right: Sequence[int] = (), align_center: Sequence[int] = (),
         font_size: float = 8, extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    table = Table(list(rows), colWidths=list(widths), repeatRows=header_rows)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds += [("FONT", (0, 0), (-1, header_rows - 1), SANS_BOLD, font_size),
                 ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL)]
    if zebra and len(rows) > header_rows + 1:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, SHADE]))
    for col in align_right:
        cmds.append(("ALIGN", (col, header_rows), (col, -1), "RIGHT"))
    for col in align_center:
        cmds.append(("ALIGN", (col, 0), (col, -1), "CENTER"))
    cmds.extend(extra)
    table.setStyle(TableStyle(cmds))
    return table


# The shortest row a grid can have: one line of text (leading 1.2 x size) and its padding.
_ROW_PADDING = 2 * 2.2


class PagedGrid(Flowable):
    """A ``grid`` of many rows, cut into one table per page as the page is reached.

    ReportLab splits a long table at a page break by measuring every remaining row and
    building a new table of them, so a table of n rows over n/50 pages costs n²/50 row
    measurements. Here each page only ever measures a window of rows just larger than the page
    can hold, and the rest waits, unmeasured, for the next page: the cost is linear. The pages
    look the same as the split table's: the header on each page, the shading starting afresh.
    """

    def __init__(self, rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
                 header_rows: int = 1, start: int | None = None, **style: Any) -> None:
        super().__init__()
        self._rows, self._widths, self._header_rows = rows, widths, header_rows
        self._start = header_rows if start is None else start
        self._style = style
        self._whole: Table | None = None

    def _table(self, avail_width: float, avail_height: float) -> tuple[Table, bool]:
        """The remaining rows, or a window of them taller than ``avail_height`` (wrapped);
        and whether that is all of them."""
        size = self._style.get("font_size", 8)
        count = int(avail_height / (size * 1.2 + _ROW_PADDING)) + 1
        while True:
            end = min(len(self._rows), self._start + count)
            rows = [*self._rows[:self._header_rows], *self._rows[self._start:end]]
            table = grid(rows, self._widths, header_rows=self._header_rows, **self._style)
            whole = end == len(self._rows)
            width, height = table.wrap(avail_width, avail_height)
            if whole or height > avail_height:
                self.width, self.height = width, height
                return table, whole
            count *= 2

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        table, whole = self._table(avail_width, avail_height)
        # a window that is not the whole rest is taller than the page: the frame splits it
        self._whole = table if whole else None
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        table, whole = self._table(avail_width, avail_height)
        parts = table.split(avail_width, avail_height)
        if not parts:
            return []
        placed = len(parts[0]._cellvalues) - self._header_rows  # type: ignore[attr-defined]
        if placed <= 0:
            return []
        if whole and placed == len(self._rows) - self._start:
            return [parts[0]]
        rest = PagedGrid(self._rows, self._widths, header_rows=self._header_rows,
                         start=self._start + placed, **self._style)
        return [parts[0], rest]

    def draw(self) -> None:
        if self._whole is not None:
            self._whole.drawOn(self.canv, 0, 0)
