"""Candidate import from the platform's CSV and XLSX exports.

Columns are found by header (see headers.py); CSV text is UTF-8 (with or without BOM) or
cp1252, detected; names are kept exactly (NFC). Every bad row is reported with its line number
and reason while the good rows still import; an application number already on the desk or
repeated in the file is reported, never doubled.

The import changes nothing it reads: of a CSV file only the delimiter is guessed (from its
start), the quoting is always the standard one (``"`` doubled inside quoted fields), since a
sniffed quoting rule misreads every doubled quote after the sample. An XLSX cell holding a
formula is imported as the formula's text (exports neutralise it) and reported as a warning:
its cached result is not data anyone typed, and may be missing altogether.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import select

from app.domain.candidate import CandidateRecord
from app.domain.enums import Track
from app.domain.text import fold

from .headers import field_for

log = logging.getLogger(__name__)

REQUIRED = ("application_number", "family_name", "track")
_TRACKS = {
    "double degree": Track.DOUBLE_DEGREE, "double diplome": Track.DOUBLE_DEGREE,
    "double_degree": Track.DOUBLE_DEGREE, "dd": Track.DOUBLE_DEGREE,
    "double-degree": Track.DOUBLE_DEGREE, "double diploma": Track.DOUBLE_DEGREE,
    "free mover": Track.FREE_MOVER, "free_mover": Track.FREE_MOVER, "fm": Track.FREE_MOVER,
    "free-mover": Track.FREE_MOVER, "freemover": Track.FREE_MOVER,
    "candidat libre": Track.FREE_MOVER, "libre": Track.FREE_MOVER,
}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d")


class ImportFormatError(Exception):
    """The file as a whole cannot be read (unknown type, no header, missing column)."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


@dataclass
class ImportReport:
    records: list[CandidateRecord] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source line of each record
    errors: list[RowError] = field(default_factory=list)
    # Rows imported with something worth a look (a formula cell taken as its text).
    warnings: list[RowError] = field(default_factory=list)
    imported: int = 0
    encoding: str = ""

    def summary(self) -> str:
        skipped = len(self.errors)
        return (f"{self.imported} candidate(s) imported, {skipped} row(s) skipped"
                + (f", {len(self.warnings)} warning(s)" if self.warnings else "")
                + (f" (read as {self.encoding})" if self.encoding else ""))


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 takes those so nothing is lost.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"


def encoding_of(path: Path) -> str:
    """The encoding ``decode`` would read the file with, found reading it a block at a time."""
    with path.open("rb") as f:
        if f.read(3) == b"\xef\xbb\xbf":
            return "utf-8-sig"
        for encoding in ("utf-8", "cp1252"):
            f.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while block := f.read(1 << 16):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError:
                continue
    return "latin-1"


def _csv_rows(path: Path, report: ImportReport) -> Iterator[tuple[int, list[Any]]]:
    # read as a stream: the file is never held whole in memory
    report.encoding = encoding_of(path)
    with path.open(encoding=report.encoding, newline="") as f:
        delimiter = guess_delimiter(f.read(8192))
        f.seek(0)
        reader = csv.reader(f, delimiter=delimiter)
        for row in reader:
            # reader.line_num is the physical line where this record ended (quoted newlines).
            yield reader.line_num, row


def guess_delimiter(text: str) -> str:
    """The delimiter of a CSV text (comma, semicolon or tab), from its first 8 KB."""
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


class Formula(str):
    """The text of an XLSX formula cell, imported as is and reported."""


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    # data_only=False: a formula cell gives its formula, not a cached result that may be
    # absent (a file written by a script) or computed from other cells.
    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb.worksheets[0]
        for i, row in enumerate(ws.iter_rows(), start=1):
            yield i, [_xlsx_value(c) for c in row]
    finally:
        wb.close()


def _xlsx_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        text = value if isinstance(value, str) else getattr(value, "text", None) or ""
        return Formula(text if text.startswith("=") else "=" + text)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"birth date '{text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def _parse_track(text: str) -> Track:
    track = _TRACKS.get(fold(text).replace("-", " ").strip()) or _TRACKS.get(fold(text))
    if track is None:
        raise ValueError(f"track '{text}' is neither double degree nor free mover")
    return track


def _split_wishes(text: str) -> list[str]:
    return [w.strip() for w in re.split(r"[;|\n]", text) if w.strip()]


def _first_error(exc: PydanticError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


def _records(rows: Iterable[tuple[int, list[Any]]], report: ImportReport
             ) -> Iterator[tuple[int, CandidateRecord]]:
    """The good rows' records with their line, as the rows are read; bad rows and warnings
    go to ``report``."""
    it = iter(rows)
    header: list[str | None] = []
    for _, raw in it:
        if any(_cell(v) for v in raw):
            header = [field_for(_cell(v)) for v in raw]
            break
    if not header:
        raise ImportFormatError("the file is empty: no header row found")
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise ImportFormatError(
            "no column found for " + ", ".join(m.replace("_", " ") for m in missing)
            + " (see README: accepted headers)")
    seen: dict[str, int] = {}
    for line, raw in it:
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        formulas = [(name, str(v)) for name, v in zip(header, raw, strict=False)
                    if name is not None and isinstance(v, Formula)]
        values: dict[str, str] = {}
        wishes: dict[int, str] = {}
        for name, value in zip(header, cells, strict=False):
            if name is None:
                continue
            if name.startswith("wish:"):
                if value:
                    wishes[int(name[5:])] = value
            else:
                values[name] = value
        try:
            appno = values.get("application_number", "")
            if not appno:
                raise ValueError("application number is empty")
            if appno in seen:
                raise ValueError(f"application number {appno} repeats line {seen[appno]}")
            listed = _split_wishes(values.pop("wishes", ""))
            record = CandidateRecord(
                **{k: v for k, v in values.items() if k not in {"birth_date", "track"}},
                birth_date=_parse_date(values.get("birth_date", "")),
                track=_parse_track(values.get("track", "")),
                wishes=tuple(listed + [wishes[k] for k in sorted(wishes)]),
            )
        except PydanticError as exc:
            report.errors.append(RowError(line, _first_error(exc)))
            continue
        except ValueError as exc:
            report.errors.append(RowError(line, str(exc)))
            continue
        seen[appno] = line
        for name, text in formulas:
            report.warnings.append(RowError(line, (
                f"{name.replace('_', ' ').replace(':', ' ')} holds a formula, imported as its "
                f"text ({text[:60]}) and neutralised in every export")))
        yield line, record


def iter_candidates(path: Path, report: ImportReport) -> Iterator[tuple[int, CandidateRecord]]:
    """The good rows of a CSV or XLSX export with their line, read as a stream; bad rows go
    to ``report``. Raises ImportFormatError (before yielding anything) for a file that cannot
    be read as a whole. Never touches a database."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        yield from _records(_csv_rows(path, report), report)
    elif suffix in {".xlsx", ".xlsm"}:
        try:
            yield from _records(_xlsx_rows(path), report)
        except ImportFormatError:
            raise
        except Exception as exc:  # zipfile.BadZipFile, openpyxl's InvalidFileException...
            raise ImportFormatError(f"{path.name} is not a readable Excel workbook ({exc})"
                                    ) from exc
        report.encoding = ""
    else:
        raise ImportFormatError(f"{path.name}: import takes .csv or .xlsx files")


def read_candidates(path: Path) -> ImportReport:
    """Parse a CSV or XLSX export into a report holding every good record; never touches a
    database."""
    report = ImportReport()
    for line, record in iter_candidates(path, report):
        report.records.append(record)
        report.lines.append(line)
    return report


def import_into(store: Any, mission_id: str, actor_id: str, path: Path) -> ImportReport:
    """Read ``path`` and add its new candidates to the mission, each as one recorded edit, all
    in one transaction (every good row or, on a failure, none).

    The file is read as a stream into the transaction, so memory does not grow with its size.
    An application number already on the desk is reported and skipped, never doubled.
    """
    from app.store.edits import EditService
    from app.store.models import Candidate

    report = ImportReport()
    rows = iter_candidates(path, report)
    service = EditService(store, mission_id, actor_id)
    with store.read() as s:
        existing = set(s.scalars(select(Candidate.application_number)
                                 .where(Candidate.mission_id == mission_id)))

    def fresh(rows: Iterator[tuple[int, CandidateRecord]]) -> Iterator[CandidateRecord]:
        for line, record in rows:
            if record.application_number in existing:
                report.errors.append(RowError(
                    line,
                    f"application number {record.application_number} is already on this desk"))
                continue
            report.imported += 1
            yield record

    # the file's header is read (and a file that cannot be imported refused) before writing
    first = next(rows, None)
    if first is not None:
        service.add_candidates(fresh(itertools.chain([first], rows)))
    report.errors.sort(key=lambda e: e.line)
    log.info("import of %s: %s", path, report.summary())
    return report
