"""Read side of the ranking page: scores per track joined with names and the chair's
decisions, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import Track
from app.domain.scoring import CandidateScore, ScoreState

from .models import Candidate, Decision
from .queries_marks import display_name
from .ranking import load_ranking
from .shared_values import shared_values


@dataclass(slots=True)
class RankingRow:
    candidate_id: str
    application_number: str
    name: str
    track: Track
    state: ScoreState
    rank: int | None
    tied: bool
    written: Fraction | None
    interview: Fraction | None
    composite: Fraction | None
    missing: tuple[str, ...]
    candidate_status: str
    wishes: tuple[str, ...]
    outcome: str | None = None
    option_code: str | None = None
    rationale: str = ""


def load_ranking_rows(session: Session, mission_id: str, viewer_id: str | None = None
                      ) -> dict[Track, list[RankingRow]]:
    """The ranking as ``viewer_id`` may read it (the scorecards of the blind panel's rule)."""
    scores = load_ranking(session, mission_id, viewer_id)
    # One row per candidate, kept by the page: values that repeat from row to row (a status,
    # a list of wishes, what is missing, an outcome) are held once, not once per row.
    one = shared_values()

    people = {
        cid: (display_name(family, given), one(status),
              one(tuple(one(w) for w in wishes or ())))
        for cid, family, given, status, wishes in session.connection().execute(
            select(Candidate.id, Candidate.family_name, Candidate.given_names, Candidate.status,
                   Candidate.wishes).where(Candidate.mission_id == mission_id))
    }
    decisions = {
        cid: (one(outcome), one(option), rationale or "")
        for cid, outcome, option, rationale in session.execute(
            select(Decision.candidate_id, Decision.outcome, Decision.option_code,
                   Decision.rationale)
            .join(Candidate, Candidate.id == Decision.candidate_id)
            .where(Candidate.mission_id == mission_id))
    }
    out: dict[Track, list[RankingRow]] = {t: [] for t in Track}
    for track in list(scores):  # each track's scores let go once its rows are made
        out[track] = [_row(s, people, decisions, one(s.missing)) for s in scores.pop(track)]
    return out


def _row(s: CandidateScore, people: dict[str, tuple[str, str, tuple[str, ...]]],
         decisions: dict[str, tuple[str | None, str | None, str]],
         missing: tuple[str, ...]) -> RankingRow:
    name, status, wishes = people.get(s.candidate_id, ("", "", ()))
    outcome, option, rationale = decisions.get(s.candidate_id, (None, None, ""))
    return RankingRow(s.candidate_id, s.application_number, name, s.track, s.state, s.rank,
                      s.tied, s.written, s.interview, s.composite, missing, status, wishes,
                      outcome, option, rationale)


def load_decision(session: Session, candidate_id: str
                  ) -> tuple[str | None, str | None, str, str]:
    """(outcome, option code, rationale, override reason) as stored now, the arguments of
    EditService.set_decision; nothing decided: (None, None, "", "")."""
    row = session.execute(select(Decision.outcome, Decision.option_code, Decision.rationale,
                                 Decision.override_reason)
                          .where(Decision.candidate_id == candidate_id)).first()
    return (None, None, "", "") if row is None else (row[0], row[1], row[2] or "",
                                                     row[3] or "")
