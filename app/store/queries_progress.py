"""Read side of the progress view: what is left to do today, per subject, per third reading,
per assessor, and who is present but not yet interviewed. Set-based, a few queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Role, Track
from app.domain.marks import MarkValue, mark_from_wire, needs_third_reading

from .models import Assessor, Candidate, Interview, Mark, Scorecard
from .queries_marks import display_name
from .ranking import mission_config


@dataclass(frozen=True)
class SubjectProgress:
    subject: str  # key
    sitting: int  # free movers present (they sit the written tests)
    marked_twice: int
    marks_missing: int  # candidates with no mark yet
    second_missing: int  # candidates with exactly one mark
    third_needed: int


@dataclass(frozen=True)
class ThirdReading:
    candidate_id: str
    application_number: str
    name: str
    subject: str
    marks: tuple[tuple[str, str], ...]  # (marker, wire value)
    readers: tuple[str, ...]  # who should do it: professors who have not marked it, least
    # busy first


@dataclass(frozen=True)
class AssessorProgress:
    assessor_id: str
    name: str
    interviews: int
    not_started: int
    drafts: int
    submitted: int


@dataclass(frozen=True)
class Waiting:
    candidate_id: str
    application_number: str
    name: str
    starts_at: str
    room: str


@dataclass
class Progress:
    subjects: list[SubjectProgress]
    third_readings: list[ThirdReading]
    assessors: list[AssessorProgress]
    waiting: list[Waiting]


def load_progress(session: Session, mission_id: str) -> Progress:
    config = mission_config(session, mission_id)
    team = list(session.execute(select(Assessor.id, Assessor.name, Assessor.role)
                                .where(Assessor.mission_id == mission_id)
                                .order_by(Assessor.name)))
    names = {a: n for a, n, _r in team}
    people = {cid: (appno, display_name(f, g), track, status) for cid, appno, f, g, track, status
              in session.execute(select(Candidate.id, Candidate.application_number,
                                        Candidate.family_name, Candidate.given_names,
                                        Candidate.track, Candidate.status)
                                 .where(Candidate.mission_id == mission_id))}
    marks: dict[tuple[str, str], list[tuple[str, MarkValue]]] = defaultdict(list)
    load: Counter[tuple[str, str]] = Counter()  # (marker, subject) -> marks given
    for cid, subject, marker, value in session.execute(
            select(Mark.candidate_id, Mark.subject, Mark.marker_id, Mark.value)
            .join(Candidate, Candidate.id == Mark.candidate_id)
            .where(Candidate.mission_id == mission_id, Mark.value.is_not(None))):
        mv = mark_from_wire(value)
        if mv is not None:
            marks[(cid, subject)].append((marker, mv))
            load[(marker, subject)] += 1
    sitting = sorted((cid for cid, (_a, _n, track, status) in people.items()
                      if track == Track.FREE_MOVER and status == CandidateStatus.PRESENT),
                     key=lambda cid: people[cid][0])
    professors = [a for a, _n, role in team if role == Role.PROFESSOR] or list(names)
    subjects, thirds = [], []
    for s in config.subjects:
        counts: Counter[str] = Counter()
        for cid in sitting:
            given = marks.get((cid, s.key), [])
            values = [v for _m, v in given]
            if not given:
                counts["missing"] += 1
            elif len(given) == 1:
                counts["second"] += 1
            else:
                counts["twice"] += 1
            if len(given) == 2 and needs_third_reading(values, config.double_marking_threshold):
                counts["third"] += 1
                done = {m for m, _v in given}
                readers = sorted((a for a in professors if a not in done),
                                 key=lambda a: (load[(a, s.key)], names.get(a, "")))
                appno, name, _t, _st = people[cid]
                thirds.append(ThirdReading(
                    cid, appno, name, s.key,
                    tuple((names.get(m, "?"), "absent" if v == "absent" else str(v))
                          for m, v in given),
                    tuple(names.get(a, "?") for a in readers[:2])))
        subjects.append(SubjectProgress(s.key, len(sitting), counts["twice"], counts["missing"],
                                        counts["second"], counts["third"]))
    states = {(cid, author): submitted for cid, author, submitted in session.execute(
        select(Scorecard.candidate_id, Scorecard.author_id, Scorecard.submitted)
        .join(Candidate, Candidate.id == Scorecard.candidate_id)
        .where(Candidate.mission_id == mission_id))}
    started = {cid for cid, _author in states}
    per: dict[str, Counter[str]] = {a: Counter() for a in names}
    waiting = []
    for cid, panel, starts, room in session.execute(
            select(Interview.candidate_id, Interview.panel, Interview.starts_at, Interview.room)
            .join(Candidate, Candidate.id == Interview.candidate_id)
            .where(Candidate.mission_id == mission_id)):
        if people[cid][3] not in (CandidateStatus.ABSENT, CandidateStatus.WITHDRAWN):
            for a in panel or []:
                state = states.get((cid, a))
                per.setdefault(a, Counter())[
                    "none" if state is None else "submitted" if state else "draft"] += 1
        if people[cid][3] == CandidateStatus.PRESENT and cid not in started:
            waiting.append(Waiting(cid, people[cid][0], people[cid][1], starts or "", room or ""))
    assessors = [AssessorProgress(a, names[a], sum(per[a].values()), per[a]["none"],
                                  per[a]["draft"], per[a]["submitted"])
                 for a in names if per[a]]
    waiting.sort(key=lambda w: (w.starts_at, w.room, w.application_number))
    return Progress(subjects, thirds, assessors, waiting)
