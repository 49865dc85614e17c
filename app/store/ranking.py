"""Loading a mission's marks and submitted scorecards into the domain's ranking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import MarkValue, mark_from_wire
from app.domain.mission import MissionConfig
from app.domain.scorecard import ScorecardView, visible_scorecards
from app.domain.scoring import CandidateInput, CandidateScore, rank

from .models import Candidate, Interview, Mark, Mission, Scorecard
from .shared_values import Shared, shared_values


def mission_config(session: Session, mission_id: str) -> MissionConfig:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise LookupError(f"mission {mission_id} is not on this desk")
    return MissionConfig.model_validate(mission.config)


def ranking_inputs(session: Session, mission_id: str, candidate_id: str | None = None,
                   viewer_id: str | None = None) -> list[CandidateInput]:
    """Every candidate's input to the ranking, or only ``candidate_id``'s. ``viewer_id``:
    the scorecards counted are those that assessor may read (blind panel): on a desk
    several assessors share, the desk holds colleagues' cards the server would not send
    them, and an interview score made of them would tell what the blind panel hides."""
    return list(iter_ranking_inputs(session, mission_id, candidate_id, viewer_id))


def iter_ranking_inputs(session: Session, mission_id: str, candidate_id: str | None = None,
                        viewer_id: str | None = None) -> Iterator[CandidateInput]:
    """ranking_inputs one candidate at a time: a candidate's marks and cards are let go once
    its input is made, so a whole mission's inputs are never held at once."""
    only = () if candidate_id is None else (Candidate.id == candidate_id,)
    # Subjects, authors and criteria repeat on every row: each string held once.
    one = shared_values()
    marks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cid, subject, value in session.connection().execute(
        select(Mark.candidate_id, Mark.subject, Mark.value)
        .join(Candidate, Candidate.id == Mark.candidate_id)
        .where(Candidate.mission_id == mission_id, Mark.value.is_not(None), *only)
    ):
        marks[cid].append((one(subject), value))
    cards: dict[str, list[dict[str, int]]] = defaultdict(list)
    if viewer_id is None:
        for cid, levels in session.connection().execute(
            select(Scorecard.candidate_id, Scorecard.levels)
            .join(Candidate, Candidate.id == Scorecard.candidate_id)
            .where(Candidate.mission_id == mission_id, Scorecard.submitted.is_(True), *only)
        ):
            cards[cid].append(_shared_keys(levels, one))
    else:
        cards = _readable_levels(session, mission_id, only, viewer_id, one)
    for cid, appno, track, status in session.connection().execute(
        select(Candidate.id, Candidate.application_number, Candidate.track, Candidate.status)
        .where(Candidate.mission_id == mission_id, *only)
    ):
        yield candidate_input(cid, appno, track, status, marks.pop(cid, ()),
                              cards.pop(cid, []))


def _shared_keys(levels: dict[str, int], one: Shared) -> dict[str, int]:
    """A card's levels with its criterion keys shared with every other card's."""
    if not isinstance(levels, dict):
        return levels
    return {one(k): v for k, v in levels.items()}


def _readable_levels(session: Session, mission_id: str, only: tuple[Any, ...],
                     viewer_id: str, one: Shared) -> dict[str, list[dict[str, int]]]:
    """The submitted cards' levels per candidate that ``viewer_id`` may read (their own
    card, a draft included, decides what they read)."""
    held: dict[str, list[tuple[str, bool, dict[str, int]]]] = defaultdict(list)
    for cid, author, submitted, levels in session.connection().execute(
        select(Scorecard.candidate_id, Scorecard.author_id, Scorecard.submitted,
               Scorecard.levels)
        .join(Candidate, Candidate.id == Scorecard.candidate_id)
        .where(Candidate.mission_id == mission_id, *only,
               or_(Scorecard.submitted.is_(True), Scorecard.author_id == viewer_id))
    ):
        held[cid].append((one(author), bool(submitted), _shared_keys(levels, one)))
    panels = {cid: panel for cid, panel in session.connection().execute(
        select(Interview.candidate_id, Interview.panel)
        .join(Candidate, Candidate.id == Interview.candidate_id)
        .where(Candidate.mission_id == mission_id, *only))}
    out: dict[str, list[dict[str, int]]] = defaultdict(list)
    for cid, cs in held.items():
        visible = {v.author_id for v in visible_scorecards(
            viewer_id, [ScorecardView(a, sub) for a, sub, _lv in cs], panels.get(cid) or ())}
        out[cid] = [lv for a, sub, lv in cs if sub and a in visible]
    return out


def candidate_input(cid: str, application_number: str, track: str, status: str,
                    marks: Iterable[tuple[str, str]],
                    scorecards: list[dict[str, int]]) -> CandidateInput:
    """One candidate's input to the ranking from its stored rows: (subject, wire value) of
    its marks, the levels of its submitted scorecards."""
    by_subject: dict[str, list[MarkValue]] = defaultdict(list)
    for subject, value in marks:
        mv = mark_from_wire(value)
        if mv is not None:
            by_subject[subject].append(mv)
    return CandidateInput(
        candidate_id=cid, application_number=application_number, track=Track(track),
        status=CandidateStatus(status), marks=dict(by_subject), scorecards=scorecards,
    )


def load_ranking(session: Session, mission_id: str, viewer_id: str | None = None
                 ) -> dict[Track, list[CandidateScore]]:
    """Scores and ranks per track, computed from what the desk holds now (the scorecards
    ``viewer_id`` may read, when given: see ranking_inputs)."""
    return rank(mission_config(session, mission_id),
                iter_ranking_inputs(session, mission_id, viewer_id=viewer_id))
