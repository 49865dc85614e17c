"""Scores and ranks of missions' candidates, computed from the server's tables by the domain's
scoring (app.domain.scoring.rank: the same formula and tie rule as the desk), in three grouped
queries whatever the number of candidates or missions.

Pages ask for the same mission's ranking again and again (a table being filtered, sorted,
paged) while nothing changes, so rankings are kept per mission with its change counter
(Mission.last_seq): every change of a synced row, an import, a removal or a setup change
advances it and gives the row that seq (server.missions.next_seq, server.sync_apply). When
the counter moved, only the candidates whose own row, marks or scorecards carry a later seq
are scored again, and the ranks set again; a changed configuration scores all. Each worker
process keeps its own few.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import MarkValue, mark_from_wire
from app.domain.mission import MissionConfig
from app.domain.scoring import CandidateInput, CandidateScore, order, rank, score_candidate

from .models import Candidate, Mark, Mission, Scorecard


def mission_config(raw: dict[str, Any] | None) -> MissionConfig:
    return MissionConfig.model_validate(raw or {})


Ranking = dict[Track, list[CandidateScore]]
CACHED_MISSIONS = 32
_cache: OrderedDict[str, tuple[int, dict[str, Any], Ranking]] = OrderedDict()
_cache_lock = threading.Lock()


def mission_rankings(s: Session, mission_ids: Collection[str]) -> dict[str, Ranking]:
    """Per mission, the scores per track in rank order (ranked first, then the others), of its
    live candidates; computed again only for a mission that changed since last asked, and
    then, when few candidates changed, only theirs (ranks are then set again for all)."""
    ids = list(dict.fromkeys(mission_ids))
    if not ids:
        return {}
    out: dict[str, Ranking] = {}
    stale: dict[str, tuple[int, dict[str, Any]]] = {}
    for mid, seq, raw in s.execute(select(Mission.id, Mission.last_seq, Mission.config)
                                   .where(Mission.id.in_(ids))):
        with _cache_lock:
            hit = _cache.get(mid)
        if hit is not None and hit[1] == raw and hit[0] <= seq:
            out[mid] = hit[2] if hit[0] == seq else _update(s, mid, raw, hit[0], hit[2])
            if hit[0] != seq:
                _keep(mid, seq, raw, out[mid])
            continue
        stale[mid] = (seq, raw)
    if stale:
        fresh = compute_rankings(s, {mid: mission_config(raw) for mid, (_q, raw) in stale.items()})
        for mid, ranking in fresh.items():
            _keep(mid, *stale[mid], ranking)
        out.update(fresh)
    return {mid: out[mid] for mid in ids if mid in out}


INCREMENTAL_MAX = 200  # more changed candidates than this: the whole mission is scored again


def _keep(mid: str, seq: int, raw: dict[str, Any], ranking: Ranking) -> None:
    with _cache_lock:
        _cache[mid] = (seq, raw, ranking)
        _cache.move_to_end(mid)
        while len(_cache) > CACHED_MISSIONS:
            _cache.popitem(last=False)


def _update(s: Session, mission_id: str, raw: dict[str, Any], since: int, ranking: Ranking
            ) -> Ranking:
    """The ranking kept at change ``since``, with the candidates whose rows changed after it
    (their own row, a mark, a scorecard: every change advances the seq) scored again."""
    changed: set[str] = set()
    for model, column in ((Candidate, Candidate.id), (Mark, Mark.candidate_id),
                          (Scorecard, Scorecard.candidate_id)):
        changed.update(s.scalars(select(column).where(
            model.mission_id == mission_id, model.seq > since)))  # type: ignore[attr-defined]
    config = mission_config(raw)
    if len(changed) > INCREMENTAL_MAX:
        return compute_rankings(s, {mission_id: config})[mission_id]
    scores = {sc.candidate_id: sc for by_track in ranking.values() for sc in by_track}
    for cid in changed:
        scores.pop(cid, None)  # removed candidates stay out
    for c in _inputs(s, [mission_id], changed).get(mission_id, []):
        scores[c.candidate_id] = score_candidate(config, c)
    return order(scores.values())


def compute_rankings(s: Session, configs: dict[str, MissionConfig]) -> dict[str, Ranking]:
    """The rankings of these missions, from their rows as they are now."""
    inputs = _inputs(s, list(configs))
    return {mid: rank(config, inputs.get(mid, [])) for mid, config in configs.items()}


def _inputs(s: Session, ids: list[str], only: Collection[str] | None = None
            ) -> dict[str, list[CandidateInput]]:
    """Each live candidate's input to the scoring (of ``only`` these candidates if given)."""
    if only is not None and not only:
        return {}
    just = (lambda col: (col.in_(list(only)),)) if only is not None else (lambda col: ())
    marks: dict[str, dict[str, list[MarkValue]]] = defaultdict(lambda: defaultdict(list))
    for cid, subject, value in s.execute(
            select(Mark.candidate_id, Mark.subject, Mark.value).where(
                Mark.mission_id.in_(ids), Mark.deleted.is_(False), Mark.value.is_not(None),
                *just(Mark.candidate_id))):
        mv = mark_from_wire(value)
        if mv is not None:
            marks[cid][subject].append(mv)
    cards: dict[str, list[dict[str, int]]] = defaultdict(list)
    for cid, levels in s.execute(
            select(Scorecard.candidate_id, Scorecard.levels).where(
                Scorecard.mission_id.in_(ids), Scorecard.deleted.is_(False),
                Scorecard.submitted.is_(True), *just(Scorecard.candidate_id))):
        cards[cid].append(dict(levels or {}))
    inputs: dict[str, list[CandidateInput]] = defaultdict(list)
    for cid, mid, appno, track, status in s.execute(
            select(Candidate.id, Candidate.mission_id, Candidate.application_number,
                   Candidate.track, Candidate.status).where(
                Candidate.mission_id.in_(ids), Candidate.deleted.is_(False),
                *just(Candidate.id))):
        inputs[mid].append(CandidateInput(
            candidate_id=cid, application_number=appno, track=Track(track),
            status=CandidateStatus(status), marks=marks.get(cid, {}),
            scorecards=cards.get(cid, [])))
    return inputs


def scores_by_candidate(rankings: dict[str, dict[Track, list[CandidateScore]]]
                        ) -> dict[str, CandidateScore]:
    return {sc.candidate_id: sc for by_track in rankings.values()
            for scores in by_track.values() for sc in scores}
