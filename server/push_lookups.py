"""What a push's rules read from the database besides its rows, read once per push for the whole
batch (issue 15): a question asked for one mutation (the panel of a candidate, the marks a
decision is scored from, who last wrote a field...) loads the answer for every candidate or row
of the batch the first time it is asked, so that the statements of a push do not grow with its
mutations.

Every answer is the database's state before the push's writes, as the one-row query it
replaces gave it: a push's changes are written only at its end (no autoflush), and rows already
in the session come back as the same objects, carrying this push's changes. The callers
overlay the rows changed in this push, as they did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.plan_fields import check_script_code
from sync.protocol import Mutation

from .among import among
from .models import Assessor, AuditEntry, Conflict, Interview, Mark, Scorecard, Seat

# Large IN lists are split so that no statement carries more parameters than a database takes.
CHUNK = 1000


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


class PushLookups:
    """Batched reads for one push. ``candidate_ids``: every candidate the batch names or
    whose rows it changes; ``stale_rows``: the (entity, row id) of existing rows a mutation
    edits from an older version than the one held (whose audit history the conflict rule
    reads)."""

    def __init__(self, s: Session, mission_id: str, mutations: list[Mutation],
                 candidate_ids: set[str], stale_rows: set[tuple[str, str]]) -> None:
        self.s = s
        self.mission_id = mission_id
        self.mutations = mutations
        self.candidate_ids = candidate_ids
        self.stale_rows = stale_rows
        self._panels: dict[str, list[Any]] = {}
        self._members: set[str] | None = None
        self._scored: dict[str, list[Any]] = {}
        self._submitted: dict[str, list[Any]] = {}
        self._codes: dict[str, list[str]] = {}
        self._history: dict[tuple[str, str, str], list[tuple[str | None, str | None]]] = {}
        self._history_rows: set[str] = set()

    def _per_candidate(self, cache: dict[str, list[Any]], candidate_id: str,
                       query: Callable[[list[str]], Iterable[tuple[str, Any]]]) -> list[Any]:
        """``cache[candidate_id]``, loaded by ``query`` (candidate ids -> (candidate id,
        value) pairs) for every candidate of the batch at once on the first question."""
        if candidate_id not in cache:
            for chunk in _chunks((self.candidate_ids | {candidate_id}) - set(cache)):
                for cid in chunk:
                    cache[cid] = []
                for cid, value in query(chunk):
                    cache[cid].append(value)
        return cache[candidate_id]

    def panel(self, candidate_id: str) -> list[str]:
        """The candidate's interview panel as stored (empty without an interview)."""
        panels = self._per_candidate(self._panels, candidate_id, lambda ids: (
            (cid, panel) for cid, panel in self.s.execute(
                select(Interview.candidate_id, Interview.panel)
                .where(among(self.s, Interview.candidate_id, ids)))))
        return list(panels[0] or []) if panels else []

    def members(self) -> set[str]:
        """The mission's assessors (not deleted)."""
        if self._members is None:
            self._members = set(self.s.scalars(select(Assessor.id).where(
                Assessor.mission_id == self.mission_id, Assessor.deleted.is_(False))))
        return self._members

    def scored_rows(self, candidate_id: str) -> list[tuple[str, Any]]:
        """The candidate's stored marks and scorecards (not deleted) as (entity, row)."""
        def query(ids: list[str]) -> Iterable[tuple[str, tuple[str, Any]]]:
            for entity, model in (("mark", Mark), ("scorecard", Scorecard)):
                for r in self.s.scalars(select(model).where(
                        among(self.s, model.candidate_id, ids), model.deleted.is_(False))):
                    yield r.candidate_id, (entity, r)
        return self._per_candidate(self._scored, candidate_id, query)

    def submitted_cards(self, candidate_id: str) -> list[Scorecard]:
        """The candidate's stored submitted scorecards (not deleted)."""
        return self._per_candidate(self._submitted, candidate_id, lambda ids: (
            (r.candidate_id, r) for r in self.s.scalars(select(Scorecard).where(
                among(self.s, Scorecard.candidate_id, ids), Scorecard.submitted.is_(True),
                Scorecard.deleted.is_(False)))))

    def code_holders(self, code: str) -> list[str]:
        """The stored seats of the mission (not deleted) holding script code ``code``."""
        if code not in self._codes:
            codes = {code}
            for m in self.mutations:
                if m.entity == "seat" and "script_code" in m.fields:
                    with suppress(DomainError, ValueError):  # refused by its own rule
                        codes.add(check_script_code(m.fields["script_code"]))
            codes -= set(self._codes)
            codes.discard("")
            for c in codes:
                self._codes[c] = []
            for chunk in _chunks(codes):
                for sid, c in self.s.execute(select(Seat.id, Seat.script_code).where(
                        Seat.mission_id == self.mission_id, among(self.s, Seat.script_code, chunk),
                        Seat.deleted.is_(False))):
                    self._codes[c].append(sid)
        return self._codes.get(code, [])

    def history(self, entity: str, row_id: str, field: str
                ) -> list[tuple[str | None, str | None]]:
        """The stored audit of one field, newest first: (client_id, actor_id) of each
        change."""
        if row_id not in self._history_rows:
            ids = {rid for _, rid in self.stale_rows} | {row_id}
            ids -= self._history_rows
            self._history_rows |= ids
            for chunk in _chunks(ids):
                for e, rid, f, client, actor in self.s.execute(
                        select(AuditEntry.entity, AuditEntry.row_id, AuditEntry.field,
                               AuditEntry.client_id, AuditEntry.actor_id)
                        .where(among(self.s, AuditEntry.row_id, chunk))
                        .order_by(AuditEntry.id.desc())):
                    self._history.setdefault((e, rid, f), []).append((client, actor))
        return self._history.get((entity, row_id, field), [])

    def open_conflicts(self, row_ids: set[str]) -> dict[tuple[str, str, str], list[Conflict]]:
        """The unresolved conflicts on these rows, by (entity, row id, field)."""
        out: dict[tuple[str, str, str], list[Conflict]] = defaultdict(list)
        for c in self.s.scalars(select(Conflict).where(
                Conflict.mission_id == self.mission_id, Conflict.resolved.is_(False))):
            if c.row_id in row_ids:
                out[(c.entity, c.row_id, c.field)].append(c)
        return dict(out)
