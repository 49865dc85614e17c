"""An import of many candidates holds a bounded amount in memory: the file is read as a
stream, and the rows written to the one transaction are let go of a chunk at a time (20,000
candidates took a gigabyte held in the session). The import is still all-or-nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.candidate import CandidateRecord
from app.domain.enums import Track
from app.importers.candidates import ImportReport, decode, encoding_of, import_into, iter_candidates
from app.store import edits
from app.store.edits import EditService
from app.store.models import AuditEntry, Candidate, OutboxMutation

N = 1300  # more than two chunks


def _write_csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Application number", "Family name", "Given names", "Track"])
        for i in range(n):
            w.writerow([f"STREAM-{i:05d}", f"Nguyễn {i}", "Ánh", "FM"])
    return path


def _count(store, model) -> int:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_session_holds_at_most_a_chunk(demo, tmp_path, monkeypatch) -> None:
    store, mission_id, chair_id = demo
    held: list[int] = []
    add = EditService._add_candidate

    def watching(self, s, record):  # type: ignore[no-untyped-def]
        held.append(len(s.identity_map) + len(s.new))
        return add(self, s, record)

    monkeypatch.setattr(EditService, "_add_candidate", watching)
    before = _count(store, Candidate)
    report = import_into(store, mission_id, chair_id, _write_csv(tmp_path / "c.csv", N))
    assert report.imported == N and not report.errors
    assert _count(store, Candidate) == before + N
    # a candidate, its mutation and an audit entry per field: 14 objects each, so at most a
    # chunk's worth, where the whole import (18,000 objects here) used to stay in the session
    assert max(held) <= edits.IMPORT_CHUNK * 15 < N * 14


def test_still_all_or_nothing(demo) -> None:
    store, mission_id, chair_id = demo
    before = [_count(store, m) for m in (Candidate, OutboxMutation, AuditEntry)]

    def records() -> Iterator[CandidateRecord]:
        for i in range(N):
            if i == edits.IMPORT_CHUNK * 2 + 7:  # after two chunks went to the transaction
                raise OSError("the disk went away")
            yield CandidateRecord(application_number=f"ALL-{i}", family_name="Silva",
                                  track=Track.FREE_MOVER)

    with pytest.raises(OSError):
        EditService(store, mission_id, chair_id).add_candidates(records())
    assert [_count(store, m) for m in (Candidate, OutboxMutation, AuditEntry)] == before


def test_rows_come_while_the_file_is_read(tmp_path) -> None:
    path = _write_csv(tmp_path / "c.csv", N)
    report = ImportReport()
    rows = iter_candidates(path, report)
    line, first = next(rows)
    assert (line, first.application_number) == (2, "STREAM-00000")
    assert sum(1 for _ in rows) == N - 1


@pytest.mark.parametrize("data", [
    "Nom,Prénom\n".encode("utf-8-sig"), "Nom,Prénom\n".encode(),
    "Nom,Prénom,Œuvre\n".encode("cp1252"), b"Nom,\x81\x8d\xe9\n", b"",
    # a cp1252 byte far past the first block
    b"a,b\n" * 40_000 + "é\n".encode("cp1252"),
])
def test_encoding_found_as_a_stream_as_decode_finds_it(tmp_path, data: bytes) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert encoding_of(path) == decode(data)[1]
