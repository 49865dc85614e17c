"""Read side of the candidate detail panel: identity, wishes, marks by marker, interview,
decision and the history of changes (who, when, old -> new) from the audit table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.mission import MissionConfig
from app.domain.scorecard import ScorecardView, visible_scorecards

from .models import Assessor, AuditEntry, Candidate, Decision, Interview, Mark, Scorecard
from .queries_marks import display_name
from .ranking import mission_config


@dataclass(frozen=True)
class MarkLine:
    subject: str
    marker: str
    value: str | None  # wire value ("12.5", "absent"); None when hidden (blind marking)
    own: bool


@dataclass(frozen=True)
class PanelCard:
    assessor: str
    state: str  # "none" | "draft" | "submitted"


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    actor: str
    entity: str
    field: str
    old: Any
    new: Any
    reason: str
    subject: str = ""  # for a mark: which subject


@dataclass
class CandidateDetail:
    id: str
    application_number: str
    name: str
    family_name: str
    given_names: str
    birth_date: str | None
    email: str
    nationality: str
    home_institution: str
    partner_institution: str
    track: str
    status: str
    wishes: list[str]
    marks: list[MarkLine] = field(default_factory=list)
    interview_at: str | None = None
    room: str = ""
    panel: list[PanelCard] = field(default_factory=list)
    outcome: str | None = None
    option_code: str | None = None
    rationale: str = ""
    decided_by: str = ""
    history: list[HistoryLine] = field(default_factory=list)


def _visible_marks(config: MissionConfig, viewer_id: str, viewer_is_chair: bool,
                   rows: list[tuple[str, str, str | None]], names: dict[str, str]
                   ) -> list[MarkLine]:
    """Blind second marking: a marker sees another marker's mark of a subject only once
    their own is entered; the head of delegation sees every mark."""
    own_subjects = {subject for subject, marker, _v in rows if marker == viewer_id}
    out = []
    for subject, marker, value in rows:
        own = marker == viewer_id
        shown = (own or viewer_is_chair
                 or config.sees_other_marks(subject in own_subjects))
        out.append(MarkLine(subject, names.get(marker, "?"), value if shown else None, own))
    return out


def load_candidate_detail(session: Session, mission_id: str, candidate_id: str,
                          viewer_id: str) -> CandidateDetail | None:
    c = session.get(Candidate, candidate_id)
    if c is None or c.mission_id != mission_id:
        return None
    config = mission_config(session, mission_id)
    people = {a.id: (a.name, a.is_chair) for a in session.scalars(
        select(Assessor).where(Assessor.mission_id == mission_id))}
    names = {k: v[0] for k, v in people.items()}
    viewer_is_chair = people.get(viewer_id, ("", False))[1]
    detail = CandidateDetail(
        c.id, c.application_number, display_name(c.family_name, c.given_names), c.family_name,
        c.given_names, c.birth_date, c.email, c.nationality, c.home_institution,
        c.partner_institution or "", c.track, c.status, list(c.wishes or []))
    order = {s.key: i for i, s in enumerate(config.subjects)}
    rows = [(subject, marker, value) for subject, marker, value in session.execute(
        select(Mark.subject, Mark.marker_id, Mark.value).where(
            Mark.candidate_id == candidate_id, Mark.value.is_not(None)))]
    rows.sort(key=lambda r: (order.get(r[0], 99), names.get(r[1], "")))
    detail.marks = _visible_marks(config, viewer_id, viewer_is_chair, rows, names)
    interview = session.scalar(select(Interview).where(Interview.candidate_id == candidate_id))
    states = {author: ("submitted" if submitted else "draft")
              for author, submitted in session.execute(
                  select(Scorecard.author_id, Scorecard.submitted)
                  .where(Scorecard.candidate_id == candidate_id))}
    if interview is not None:
        detail.interview_at, detail.room = interview.starts_at, interview.room or ""
        detail.panel = [PanelCard(names.get(a, "?"), states.get(a, "none"))
                        for a in interview.panel or []]
    decision = session.scalar(select(Decision).where(Decision.candidate_id == candidate_id))
    if decision is not None:
        detail.outcome, detail.option_code = decision.outcome, decision.option_code
        detail.rationale = decision.rationale or ""
        detail.decided_by = names.get(decision.decided_by or "", "")
    detail.history = load_history(session, candidate_id, viewer_id, viewer_is_chair, config,
                                  names)
    return detail


def load_history(session: Session, candidate_id: str, viewer_id: str, viewer_is_chair: bool,
                 config: MissionConfig, names: dict[str, str]) -> list[HistoryLine]:
    """Every recorded change of the candidate and of its marks, scorecards, interview and
    decision, newest first. A colleague's unsubmitted scorecard and a mark hidden by blind
    marking show who and when, not the values."""
    marks = {mid: (subject, marker) for mid, subject, marker in session.execute(
        select(Mark.id, Mark.subject, Mark.marker_id).where(Mark.candidate_id == candidate_id))}
    cards = {sid: (author, submitted) for sid, author, submitted in session.execute(
        select(Scorecard.id, Scorecard.author_id, Scorecard.submitted)
        .where(Scorecard.candidate_id == candidate_id))}
    # The blind panel's own rule (app.domain.scorecard), the chair's included: a colleague's
    # draft is never read, a submitted card only once one's own is (issue 17: colleagues
    # share this desk, so their drafts are held here).
    panel = session.scalar(select(Interview.panel).where(
        Interview.candidate_id == candidate_id)) or []
    readable = {v.author_id for v in visible_scorecards(
        viewer_id, [ScorecardView(a, sub) for a, sub in cards.values()], panel)}
    others = [rid for (rid,) in session.execute(
        select(Interview.id).where(Interview.candidate_id == candidate_id).union_all(
            select(Decision.id).where(Decision.candidate_id == candidate_id)))]
    ids = [candidate_id, *marks, *cards, *others]
    own_subjects = {s for s, m in marks.values() if m == viewer_id}
    lines = []
    for a in session.scalars(select(AuditEntry).where(AuditEntry.row_id.in_(ids))
                             .order_by(AuditEntry.id.desc())):
        old, new, subject = a.old, a.new, ""
        if a.entity == "mark" and a.row_id in marks:
            subject, marker = marks[a.row_id]
            if not (marker == viewer_id or viewer_is_chair
                    or config.sees_other_marks(subject in own_subjects)):
                old = new = None
        if (a.entity == "scorecard" and a.row_id in cards
                and cards[a.row_id][0] not in readable):
            old = new = None  # blind panel
        lines.append(HistoryLine(a.at, names.get(a.actor_id, "?"), a.entity, a.field, old, new,
                                 a.reason or "", subject))
    return lines


@dataclass(frozen=True)
class FieldChange:
    """The last recorded change of one field on this desk: who, when, to what."""

    actor: str
    at: dt.datetime
    new: Any


def last_change(session: Session, entity: str, row_id: str, field_name: str
                ) -> FieldChange | None:
    row = session.execute(
        select(AuditEntry.actor_id, AuditEntry.at, AuditEntry.new).where(
            AuditEntry.entity == entity, AuditEntry.row_id == row_id,
            AuditEntry.field == field_name).order_by(AuditEntry.id.desc()).limit(1)).first()
    if row is None:
        return None
    actor = session.scalar(select(Assessor.name).where(Assessor.id == row[0])) or "?"
    return FieldChange(actor, row[1], row[2])
