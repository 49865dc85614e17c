"""Spreadsheet-safe cells: a text that a spreadsheet would run as a formula is neutralised.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs strip before evaluating) is a formula to Excel and LibreOffice: a candidate named
``=HYPERLINK(...)`` must not become a link in a jury's workbook. In CSV such text gets a
leading apostrophe (OWASP "CSV injection" advice). In XLSX the cell is written as a string
with Excel's quote prefix: the exact text shows and is never evaluated. Numbers stay numbers.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value to write in a CSV or XLSX cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(values: list[Any]) -> list[Any]:
    return [neutralise(v) for v in values]


def append_xlsx_row(ws: Any, values: list[Any]) -> None:
    """Append a row to an openpyxl worksheet with formula-like text stored as plain text."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl took it for a formula
            cell.quotePrefix = True


def sheet_title(text: str) -> str:
    """A valid worksheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31] or "results"
