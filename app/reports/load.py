"""Reading a mission from the desk's store into the reports' plain data, in a fixed number of
queries."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calibration import adjust_mission
from app.domain.mission import MissionConfig
from app.domain.scorecard import ScorecardView, visible_scorecards
from app.export.appointments import Schedule, build_schedule, zone_of
from app.store.models import (
    Assessor,
    Candidate,
    Decision,
    Interview,
    Mark,
    Mission,
    Scorecard,
    Seat,
)
from app.store.queries_calibration import submitted_levels
from app.store.queries_seats import lifted_subjects
from app.store.ranking import load_ranking

from .data import CandidateData, CardData, MissionData, MissionMissing


def load_mission_data(session: Session, mission_id: str, *, with_details: bool = True,
                      viewer_id: str | None = None) -> MissionData:
    """The mission, its team and candidates; ``with_details`` adds marks, scorecards,
    interviews and decisions (the ranking report needs only decisions and scores).
    ``viewer_id``: who prints; the scorecards are then those the blind panel lets them read
    (app.domain.scorecard.visible_scorecards: never a colleague's draft, and a colleague's
    submitted card only once one's own is submitted), and the marks those blind second
    marking does. Several assessors share a desk (issue
    17): the desk holds cards the server would not send to the one who prints."""
    m = session.get(Mission, mission_id)
    if m is None:
        raise MissionMissing(f"mission {mission_id} is not on this desk")
    config = MissionConfig.model_validate(m.config)
    team = list(session.scalars(select(Assessor).where(Assessor.mission_id == mission_id)
                                .order_by(Assessor.is_chair.desc(), Assessor.name)))
    assessors = [(a.id, a.name, a.role, a.is_chair) for a in team]
    names = {a[0]: a[1] for a in assessors}
    cands: dict[str, CandidateData] = {}
    for c in session.scalars(select(Candidate).where(Candidate.mission_id == mission_id)
                             .order_by(Candidate.application_number)):
        cands[c.id] = CandidateData.of(c)
    for cid, outcome, option, rationale, override in session.execute(
            select(Decision.candidate_id, Decision.outcome, Decision.option_code,
                   Decision.rationale, Decision.override_reason)
            .join(Candidate, Candidate.id == Decision.candidate_id)
            .where(Candidate.mission_id == mission_id)):
        cd = cands[cid]
        cd.outcome, cd.option_code, cd.rationale = outcome, option, rationale or ""
        cd.override_reason = (override or "") if outcome == "admit" else ""
    schedule, lifted = Schedule(zone_of(m.timezone or "UTC")), frozenset[str]()
    if with_details:
        interviews = session.execute(
            select(Interview.candidate_id, Interview.starts_at, Interview.room,
                   Interview.panel, Interview.duration)
            .join(Candidate, Candidate.id == Interview.candidate_id)
            .where(Candidate.mission_id == mission_id)).mappings().all()
        panels: dict[str, list[str]] = {}
        for row in interviews:
            panels[row["candidate_id"]] = list(row["panel"] or [])
            cd = cands[row["candidate_id"]]
            cd.interview_at, cd.room = row["starts_at"], row["room"] or ""
            cd.panel = [names.get(p, p) for p in (row["panel"] or [])]
        seats = session.execute(
            select(Seat.candidate_id, Seat.sitting, Seat.seat, Seat.script_code)
            .join(Candidate, Candidate.id == Seat.candidate_id)
            .where(Candidate.mission_id == mission_id)).mappings().all()
        schedule = build_schedule(m.timezone or "UTC", config.planning, interviews, seats)
        lifted = frozenset(lifted_subjects(session, mission_id))
        marks: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(
            lambda: defaultdict(list))
        rows = session.execute(
            select(Mark.candidate_id, Mark.subject, Mark.marker_id, Mark.value)
            .join(Candidate, Candidate.id == Mark.candidate_id)
            .where(Candidate.mission_id == mission_id, Mark.value.is_not(None))).all()
        # Blind second marking, as on the pages: a marker who prints reads a colleague's
        # mark of a subject only once their own is entered; the chair reads every mark.
        sees_all = viewer_id is None or any(a.id == viewer_id and a.is_chair for a in team)
        own = {(cid, subject) for cid, subject, marker, _v in rows if marker == viewer_id}
        for cid, subject, marker, value in rows:
            if (sees_all or marker == viewer_id
                    or config.sees_other_marks((cid, subject) in own)):
                marks[cid][subject].append((names.get(marker, marker), value))
        for cid, by_subject in marks.items():
            cands[cid].marks = {k: sorted(v) for k, v in by_subject.items()}
        by_candidate: dict[str, list[Scorecard]] = defaultdict(list)
        for card in session.scalars(
                select(Scorecard).join(Candidate, Candidate.id == Scorecard.candidate_id)
                .where(Candidate.mission_id == mission_id)):
            by_candidate[card.candidate_id].append(card)
        for cid, cards in by_candidate.items():
            if viewer_id is not None:
                seen = {v.author_id for v in visible_scorecards(
                    viewer_id, [ScorecardView(c.author_id, c.submitted) for c in cards],
                    panels.get(cid, ()))}
                cards = [c for c in cards if c.author_id in seen]
            cands[cid].cards.extend(CardData(
                names.get(card.author_id, card.author_id), dict(card.levels or {}),
                card.notes or "", card.recommendation, card.submitted) for card in cards)
        for cd in cands.values():
            cd.cards.sort(key=lambda c: c.author)
    ranking = load_ranking(session, mission_id, viewer_id)
    for scores in ranking.values():
        for s in scores:
            cands[s.candidate_id].score = s
    data = MissionData(m.id, m.code, m.name, m.country, m.city, m.timezone or "UTC",
                       m.start_date, m.end_date, config, assessors, list(cands.values()),
                       ranking, schedule, lifted, {a.id: a.email for a in team})
    if config.adjust_interview_scores:
        data.adjustment = adjust_mission(config, submitted_levels(session, mission_id,
                                                                  viewer_id))
    return data
