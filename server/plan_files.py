"""The plan as a file: export-plan writes one row per appointment (CSV or XLSX, formulas
neutralised like export-results), import-plan reads the same columns back."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.domain.planning.rows import COLUMNS
from app.export.cells import append_xlsx_row, neutralise_row, sheet_title
from app.importers.candidates import decode, guess_delimiter

PLAN_SUFFIXES = (".csv", ".xlsx")


def write_plan_file(rows: list[Mapping[str, str]], out: Path, title: str) -> None:
    table = [list(COLUMNS), *([row.get(c, "") for c in COLUMNS] for row in rows)]
    suffix = out.suffix.lower()
    if suffix == ".csv":
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(neutralise_row(r) for r in table)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title(title)
        for r in table:
            append_xlsx_row(ws, r)
        wb.save(out)
    else:
        raise ValueError(f"{out.name}: a plan is written as .csv or .xlsx")


def read_plan_file(path: Path) -> list[dict[str, str]]:
    """The rows of a plan file, keyed by header (lower case, trimmed)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text, _ = decode(path.read_bytes())
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
        table = [row for row in reader]
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=False)
        try:
            table = [[_cell(c.value) for c in row] for row in wb.worksheets[0].iter_rows()]
        finally:
            wb.close()
    else:
        raise ValueError(f"{path.name}: a plan is read from .csv or .xlsx")
    if not table:
        raise ValueError(f"{path.name} is empty")
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in COLUMNS if c not in header and c != "sitting"]
    if missing:
        raise ValueError(f"{path.name}: no column {', '.join(missing)} (export-plan's columns)")
    return [dict(zip(header, row, strict=False)) for row in table[1:] if any(row)]


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
