"""The console's candidates table, per mission and across missions: search (folded like the
desk's), filters, sorting and paging over the candidates of the missions a user may read, with
each one's computed score and rank and the chair's decision.

A fixed number of grouped queries whatever the number of rows: the candidates with their
mission and decision in one, the nationalities offered by the country filter in one, and the
scores (server.scores) in three. Search and sorting run in Python because the search folds
accents the way app.domain.text does, which SQL cannot, and the score is computed, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Outcome, Track
from app.domain.scoring import CandidateScore, ScoreState
from app.domain.text import display_name, fold

from ..models import Candidate, Decision, Mission
from ..scores import mission_rankings, scores_by_candidate

SORTS = ("application_number", "name", "nationality", "track", "status", "score", "decision",
         "mission")
PER_PAGE = (25, 50, 100, 250, 500, 1000)
DEFAULT_PER_PAGE = 50
NO_DECISION = "none"  # the decision filter's value for "no decision recorded yet"
MAX_QUERY = 200
MAX_FILTER = 80  # the nationality column's length


@dataclass(frozen=True)
class TableQuery:
    """What the table shows, read from the URL's query string; an unknown or malformed value
    falls back to its default (a hand-edited URL never fails)."""

    q: str = ""
    country: str = ""
    track: str = ""
    status: str = ""
    decision: str = ""
    sort: str = "application_number"
    desc: bool = False
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> TableQuery:
        def pick(name: str, allowed: Sequence[str]) -> str:
            value = params.get(name, "")
            return value if value in allowed else ""

        def number(name: str, default: int) -> int:
            raw = params.get(name, "")
            return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else default

        per_page = number("per_page", DEFAULT_PER_PAGE)
        return cls(
            q=" ".join(params.get("q", "").split())[:MAX_QUERY],
            country=params.get("country", "").strip()[:MAX_FILTER],
            track=pick("track", [t.value for t in Track]),
            status=pick("status", [s.value for s in CandidateStatus]),
            decision=pick("decision", [o.value for o in Outcome] + [NO_DECISION]),
            sort=pick("sort", SORTS) or "application_number",
            desc=params.get("desc", "") == "1",
            page=max(1, number("page", 1)),
            per_page=per_page if per_page in PER_PAGE else DEFAULT_PER_PAGE,
        )

    def params(self, **changes: Any) -> str:
        """This query as a query string (defaults left out), with ``changes`` applied."""
        q = replace(self, **changes)
        out: dict[str, Any] = {}
        for f in fields(q):
            value = getattr(q, f.name)
            if value != f.default:
                out[f.name] = "1" if value is True else value
        return urlencode(out)

    def sorted_by(self, key: str) -> str:
        """The query string of a column header's link: sort by ``key``, or reverse it."""
        return self.params(sort=key, desc=not self.desc if self.sort == key else False, page=1)

    @property
    def filtered(self) -> bool:
        return any((self.q, self.country, self.track, self.status, self.decision))


@dataclass(frozen=True)
class ResultRow:
    candidate_id: str
    mission_id: str
    mission_code: str
    application_number: str
    name: str
    nationality: str
    track: str
    status: str
    outcome: str | None
    option_code: str | None
    state: ScoreState | None
    composite: Fraction | None
    rank: int | None
    tied: bool

    @property
    def rank_text(self) -> str:
        return "" if self.rank is None else f"{self.rank}{'=' if self.tied else ''}"


@dataclass(frozen=True)
class TablePage:
    rows: list[ResultRow]
    total: int  # rows matching the search and filters
    count: int  # every candidate of the missions shown
    query: TableQuery
    countries: list[str]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def page(self) -> int:
        return min(self.query.page, self.pages)

    @property
    def first(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.query.per_page + 1

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.query.per_page)


def _matches(query_tokens: list[str], row: ResultRow) -> bool:
    haystack = fold(f"{row.application_number} {row.name}")
    return all(t in haystack for t in query_tokens)


def _sort_key(key: str) -> Any:
    if key == "name":
        return lambda r: (fold(r.name), r.application_number)
    if key == "decision":
        return lambda r: (r.outcome is None, r.outcome or "", r.application_number)
    if key == "mission":
        return lambda r: (r.mission_code, r.application_number)
    return lambda r: (getattr(r, key), r.application_number)


def candidates_table(s: Session, mission_ids: Sequence[str], query: TableQuery) -> TablePage:
    """The page of candidates ``query`` asks for, among the live candidates of ``mission_ids``
    (the caller has checked the user may read each of them)."""
    ids = list(mission_ids)
    if not ids:
        return TablePage([], 0, 0, query, [])
    live = (Candidate.mission_id.in_(ids), Candidate.deleted.is_(False))
    countries = [n for (n,) in s.execute(
        select(Candidate.nationality).where(*live, Candidate.nationality != "")
        .distinct().order_by(Candidate.nationality))]
    where = list(live)
    if query.country:
        where.append(Candidate.nationality == query.country)
    if query.track:
        where.append(Candidate.track == query.track)
    if query.status:
        where.append(Candidate.status == query.status)
    if query.decision == NO_DECISION:
        where.append(Decision.outcome.is_(None))
    elif query.decision:
        where.append(Decision.outcome == query.decision)
    stmt = (select(Candidate.id, Candidate.mission_id, Mission.code,
                   Candidate.application_number, Candidate.family_name, Candidate.given_names,
                   Candidate.nationality, Candidate.track, Candidate.status, Decision.outcome,
                   Decision.option_code)
            .join(Mission, Mission.id == Candidate.mission_id)
            .outerjoin(Decision, and_(Decision.candidate_id == Candidate.id,
                                      Decision.deleted.is_(False)))
            .where(*where))
    scores: dict[str, CandidateScore] = scores_by_candidate(mission_rankings(s, ids))
    count = len(scores)
    tokens = fold(query.q).split()
    rows: list[ResultRow] = []
    for cid, mid, code, appno, family, given, nat, track, status, outcome, option in s.execute(
            stmt):
        sc = scores.get(cid)
        row = ResultRow(cid, mid, code, appno, display_name(family, given), nat, track, status,
                        outcome, option, sc.state if sc else None, sc.composite if sc else None,
                        sc.rank if sc else None, sc.tied if sc else False)
        if not tokens or _matches(tokens, row):
            rows.append(row)
    if query.sort == "score":
        # best first reads naturally for a score: "descending" is the default direction.
        # Equal scores keep the ranking's order (its tie rule), then application numbers;
        # the unranked come after, whichever the direction.
        ranked = sorted((r for r in rows if r.composite is not None),
                        key=lambda r: (r.rank or 0, r.application_number))
        ranked.sort(key=lambda r: r.composite, reverse=not query.desc)  # stable
        rows = ranked + sorted((r for r in rows if r.composite is None),
                               key=lambda r: r.application_number)
    else:
        rows.sort(key=_sort_key(query.sort), reverse=query.desc)
    page = TablePage(rows, len(rows), count, query, countries)
    start = (page.page - 1) * query.per_page
    return replace(page, rows=rows[start:start + query.per_page])
