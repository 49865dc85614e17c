"""Read side of the written-tests sheet: one subject's marks for every candidate, set-based."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import MarkValue, mark_from_wire
from app.domain.text import display_name

from .models import Assessor, Candidate, Mark


@dataclass(slots=True)  # slotted: one per candidate, 10,000 on a large mission's sheet
class MarkSheetRow:
    """One candidate's line on a subject's sheet, as the marker at this desk sees it."""

    candidate_id: str
    application_number: str
    name: str
    track: Track
    status: CandidateStatus
    own: MarkValue | None = None
    # other markers' marks: (marker name, value), in marker-name order
    others: list[tuple[str, MarkValue]] = field(default_factory=list)


def load_mark_sheet(session: Session, mission_id: str, subject: str, marker_id: str,
                    candidate_id: str | None = None) -> list[MarkSheetRow]:
    """Every candidate of the mission (or just ``candidate_id``) with the marker's own mark
    and the others' in a subject.

    Three queries, whatever the number of candidates. Ordered free movers first (they sit the
    written tests), then by application number.
    """
    only = [Candidate.id == candidate_id] if candidate_id is not None else []
    names = dict(session.execute(
        select(Assessor.id, Assessor.name).where(Assessor.mission_id == mission_id)).all())
    own: dict[str, MarkValue] = {}
    others: dict[str, list[tuple[str, MarkValue]]] = defaultdict(list)
    # Core results, streamed (the ORM buffers a select whole).
    for cid, marker, value in session.connection().execute(
        select(Mark.candidate_id, Mark.marker_id, Mark.value)
        .join(Candidate, Candidate.id == Mark.candidate_id)
        .where(Candidate.mission_id == mission_id, Mark.subject == subject,
               Mark.value.is_not(None), *only)
    ):
        mv = mark_from_wire(value)
        if mv is None:
            continue
        if marker == marker_id:
            own[cid] = mv
        else:
            others[cid].append((names.get(marker, "?"), mv))
    rows = [
        MarkSheetRow(cid, appno, display_name(family, given), Track(track),
                     CandidateStatus(status), own.get(cid), sorted(others.get(cid, [])))
        for cid, appno, family, given, track, status in session.connection().execute(
            select(Candidate.id, Candidate.application_number, Candidate.family_name,
                   Candidate.given_names, Candidate.track, Candidate.status)
            .where(Candidate.mission_id == mission_id, *only))
    ]
    rows.sort(key=lambda r: (r.track != Track.FREE_MOVER, r.application_number))
    return rows


def mark_candidate(session: Session, mark_id: str) -> tuple[str, str] | None:
    """(candidate id, subject) of a mark row, to refresh just that line of a sheet."""
    row = session.execute(select(Mark.candidate_id, Mark.subject).where(Mark.id == mark_id)
                          ).first()
    return None if row is None else (row[0], row[1])
