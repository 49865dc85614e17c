"""Spreadsheet-safe cells: a text that a spreadsheet would run as a formula is neutralised.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs strip before evaluating) is a formula to Excel and LibreOffice: a candidate named
``=HYPERLINK(...)`` must not become a link in a jury's workbook. Such text gets a leading
apostrophe (OWASP "CSV injection" advice). Numbers stay numbers.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value to write in a CSV or XLSX cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(values: list[Any]) -> list[Any]:
    return [neutralise(v) for v in values]
