"""Table look shared by the reports: a ruled grid with a shaded header row repeated on every
page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table, TableStyle

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
