"""Scores and ranks of missions' candidates, computed from the server's tables by the domain's
scoring (app.domain.scoring.rank: the same formula and tie rule as the desk), in three grouped
queries whatever the number of candidates or missions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import MarkValue, mark_from_wire
from app.domain.mission import MissionConfig
from app.domain.scoring import CandidateInput, CandidateScore, rank

from .models import Candidate, Mark, Mission, Scorecard


def mission_config(raw: dict[str, Any] | None) -> MissionConfig:
    return MissionConfig.model_validate(raw or {})


def mission_rankings(s: Session, mission_ids: Collection[str],
                     configs: dict[str, MissionConfig] | None = None
                     ) -> dict[str, dict[Track, list[CandidateScore]]]:
    """Per mission, the scores per track in rank order (ranked first, then the others), of its
    live candidates. ``configs`` saves reading the missions' configurations again."""
    ids = list(mission_ids)
    if not ids:
        return {}
    if configs is None:
        configs = {mid: mission_config(raw) for mid, raw in s.execute(
            select(Mission.id, Mission.config).where(Mission.id.in_(ids)))}
    marks: dict[str, dict[str, list[MarkValue]]] = defaultdict(lambda: defaultdict(list))
    for cid, subject, value in s.execute(
            select(Mark.candidate_id, Mark.subject, Mark.value).where(
                Mark.mission_id.in_(ids), Mark.deleted.is_(False), Mark.value.is_not(None))):
        mv = mark_from_wire(value)
        if mv is not None:
            marks[cid][subject].append(mv)
    cards: dict[str, list[dict[str, int]]] = defaultdict(list)
    for cid, levels in s.execute(
            select(Scorecard.candidate_id, Scorecard.levels).where(
                Scorecard.mission_id.in_(ids), Scorecard.deleted.is_(False),
                Scorecard.submitted.is_(True))):
        cards[cid].append(dict(levels or {}))
    inputs: dict[str, list[CandidateInput]] = defaultdict(list)
    for cid, mid, appno, track, status in s.execute(
            select(Candidate.id, Candidate.mission_id, Candidate.application_number,
                   Candidate.track, Candidate.status).where(
                Candidate.mission_id.in_(ids), Candidate.deleted.is_(False))):
        inputs[mid].append(CandidateInput(
            candidate_id=cid, application_number=appno, track=Track(track),
            status=CandidateStatus(status), marks=marks.get(cid, {}),
            scorecards=cards.get(cid, [])))
    return {mid: rank(configs[mid], inputs.get(mid, [])) for mid in ids if mid in configs}


def scores_by_candidate(rankings: dict[str, dict[Track, list[CandidateScore]]]
                        ) -> dict[str, CandidateScore]:
    return {sc.candidate_id: sc for by_track in rankings.values()
            for scores in by_track.values() for sc in scores}
