"""Applying a teammate's mutations (from a bundle) to the desk, by the server's rules.

The rules that decide are app.domain.apply_rules and apply_values, the ones the server's push
runs: shape and chair-only checks, single writers, every value's bounds and references, and
the field-by-field conflict rule (a slot moving as a whole) on the versions the desk last saw
from the server. What stays desk-side is storage:

- exactly once per (teammate desk, mid): the desk keeps the last mid applied from each
  teammate's desk; a mutation at or below it is ``duplicate``; a bundle leaving a gap after
  it is refused whole (the server's rule for a relayed bundle too);
- authorship is kept: the audit entries name the teammate (the bundle's verified author);
- a field this desk has itself changed and not yet sent is a conflict (the server would make
  one of whichever of the two edits reached it second): the desk's value stays, both are kept;
- a version applied here is the server's next version of the field (the server applies the
  same mutation the same way), and the next pull replaces it with the server's own.

Takes plain dicts (the wire shapes): app/ never imports sync/.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.apply_rules import RuleBroken, Verdict, check_mutation, field_verdict, same
from app.domain.apply_values import ApplyContext, checked_values, row_values, stale_slot
from app.domain.errors import DomainError
from app.domain.mission import MissionConfig
from app.domain.mutation import IDENTITY, SHARED_FIELDS, mutation_hash
from app.domain.scorecard import ScorecardView, visible_scorecards
from app.domain.scoring import CandidateScore, ScoreState, score_candidate

from .database import get_meta, set_meta
from .models import (
    Assessor,
    AuditEntry,
    Candidate,
    Conflict,
    Interview,
    Mission,
    OutboxMutation,
    Scorecard,
    Seat,
)
from .package import MODELS, search_text_of
from .ranking import ranking_inputs

log = logging.getLogger(__name__)

SEEN_KEY = "foreign_last_mid"  # {client_id: last mid applied from that desk}
# Teammates' scorecard mutations this desk's assessor may not read yet (blind panel): kept
# out of the tables, applied in order once the card becomes readable here.
HELD_KEY = "foreign_held_cards"
# Which teammate desk wrote each shared field's versions applied here (the last few): a desk's
# run of offline edits of one field is a sequence, not a conflict (as on the server).
WRITERS_KEY = "foreign_writers"
MAX_WRITERS = 20
HIDDEN = "kept hidden until this assessor may read the card (blind panel)"


class BundleRefused(Exception):
    """A bundle this desk will not apply at all (nothing was applied)."""


@dataclass
class ForeignOutcome:
    results: list[tuple[int, str, str]] = field(default_factory=list)  # (mid, status, detail)

    def counts(self) -> dict[str, int]:
        out = {"applied": 0, "duplicate": 0, "rejected": 0, "conflict": 0, "hidden": 0}
        for _, status, _ in self.results:
            out[status] += 1
        return out


def last_seen(session: Session) -> dict[str, int]:
    return {k: int(v) for k, v in json.loads(get_meta(session, SEEN_KEY) or "{}").items()}


def conflict_detail(source: str) -> str:
    """How a conflict found by applying bundle ``source`` is marked on the desk (until the
    server, given the bundle, sends its own record of it)."""
    return f"bundle {source}"


def apply_foreign(session: Session, *, client_id: str, author_id: str, source: str,
                  mutations: Sequence[Mapping[str, Any]],
                  after_mid: int | None = None) -> ForeignOutcome:
    """Apply one teammate desk identity's mutations (in mid order), in the caller's
    transaction; ``source`` names where they came from (the bundle's id); ``after_mid``: the
    identity's mid just before the first (its mids have holes on a shared desk, whose
    identities share one sequence), None when its mids run without holes."""
    seen = last_seen(session)
    last = seen.get(client_id, 0)
    new = [m for m in mutations if int(m["mid"]) > last]
    before_new = int(new[0]["mid"]) - 1 if new else last
    if new and after_mid is not None and int(new[0]["mid"]) == int(mutations[0]["mid"]):
        before_new = after_mid
    elif new and after_mid is not None:
        before_new = last  # the bundle's own mutations reach back to what is held
    if before_new > last:
        raise BundleRefused(
            f"this bundle starts at change {new[0]['mid']} of its desk, but this desk holds "
            f"its changes only up to {last}: import the bundle with the changes in between "
            "first, or ask for one made with --all")
    author = session.get(Assessor, author_id)
    if author is None:
        raise BundleRefused("the bundle's author is not a member of this mission")
    mission = session.scalar(select(Mission).limit(1))
    assert mission is not None
    applier = _Applier(session, author, MissionConfig.model_validate(mission.config or {}),
                       mission.id, conflict_detail(source), client_id)
    out = ForeignOutcome()
    held: list[dict[str, Any]] = json.loads(get_meta(session, HELD_KEY) or "[]")
    for m in mutations:
        mid = int(m["mid"])
        if mid <= last:
            out.results.append((mid, "duplicate", "already applied from an earlier bundle"))
            continue
        last = mid
        # A card's held (hidden) mutations are replayed first: the new one is checked on the
        # card as its author has it; they all stay held while the card is hidden here.
        chain = [h for h in held if m["entity"] == "scorecard"
                 and h["m"]["row_id"] == m["row_id"]]
        savepoint = session.begin_nested()  # a refused mutation leaves nothing behind
        try:
            for h in chain:
                _applier_of(session, h["author"], applier).apply(h["m"])
            status, detail = applier.apply(m), ""
            if m["entity"] == "scorecard" and not _card_visible(session, m["row_id"]):
                savepoint.rollback()
                held.append({"author": author_id, "m": dict(m)})
                status, detail = "hidden", HIDDEN
            else:
                savepoint.commit()
                held = [h for h in held if h not in chain]
        except (DomainError, ArithmeticError, ValueError, TypeError, KeyError) as exc:
            savepoint.rollback()
            status = "rejected"
            detail = str(exc) if isinstance(exc, DomainError) else f"invalid value: {exc}"
            detail = detail[:500]
        if status == "rejected":
            log.info("bundle mutation %s of %s refused: %s", mid, client_id, detail)
        out.results.append((mid, status, detail))
    seen[client_id] = last
    set_meta(session, SEEN_KEY, json.dumps(seen, sort_keys=True))
    set_meta(session, WRITERS_KEY, json.dumps(applier.writers, sort_keys=True))
    set_meta(session, HELD_KEY, json.dumps(_release(session, held, source)) if held else None)
    return out


def _applier_of(session: Session, author_id: str, like: _Applier) -> _Applier:
    """An applier for another author's held mutation, with ``like``'s mission and source."""
    if author_id == like.author.id:
        return like
    author = session.get(Assessor, author_id)
    if author is None:
        raise RuleBroken("the card's author is no longer a member of this mission")
    return _Applier(session, author, like.config, like.mission_id, like.detail)


def _card_visible(session: Session, row_id: str) -> bool:
    """Whether this desk's assessor may read the scorecard (the server's feed rule)."""
    card = session.get(Scorecard, row_id)
    viewer = get_meta(session, "current_assessor") or ""
    if card is None or card.author_id == viewer:
        return True
    cards = list(session.scalars(select(Scorecard).where(
        Scorecard.candidate_id == card.candidate_id)))
    panel = session.scalar(select(Interview.panel).where(
        Interview.candidate_id == card.candidate_id)) or []
    return card.author_id in {v.author_id for v in visible_scorecards(
        viewer, [ScorecardView(c.author_id, c.submitted) for c in cards], panel)}


def _cards_withheld(session: Session, candidate_id: str) -> bool:
    """Colleagues' submitted cards of the candidate may exist that this desk does not hold:
    its assessor has not submitted their own and is on the panel or holds a card (the
    server's feed rule, server.feed), or a teammate's card is held here unapplied."""
    viewer = get_meta(session, "current_assessor") or ""
    panel = session.scalar(select(Interview.panel).where(
        Interview.candidate_id == candidate_id)) or []
    own = session.scalar(select(Scorecard.submitted).where(
        Scorecard.candidate_id == candidate_id, Scorecard.author_id == viewer))
    if not own and (viewer in panel or own is not None):
        return True
    held: list[dict[str, Any]] = json.loads(get_meta(session, HELD_KEY) or "[]")
    cards = set(session.scalars(select(Scorecard.id).where(
        Scorecard.candidate_id == candidate_id)))
    return any(h["m"]["fields"].get("candidate_id") == candidate_id or h["m"]["row_id"] in cards
               for h in held)


def _release(session: Session, held: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    """Apply the held mutations of each card that this desk's assessor may now read (its
    author submitted it, say); returns those still held."""
    mission = session.scalar(select(Mission).limit(1))
    assert mission is not None
    config = MissionConfig.model_validate(mission.config or {})
    by_card: dict[str, list[dict[str, Any]]] = {}
    for h in held:
        by_card.setdefault(h["m"]["row_id"], []).append(h)
    still: list[dict[str, Any]] = []
    for row_id, items in by_card.items():
        savepoint = session.begin_nested()
        try:
            for h in items:
                author = session.get(Assessor, h["author"])
                assert author is not None
                _Applier(session, author, config, mission.id,
                         conflict_detail(source)).apply(h["m"])
        except (DomainError, ArithmeticError, ValueError, TypeError, KeyError):
            savepoint.rollback()  # each was checked on arrival: kept for a later try
            still.extend(items)
            continue
        if _card_visible(session, row_id):
            savepoint.commit()
        else:
            savepoint.rollback()
            still.extend(items)
    return still


class _Applier:
    def __init__(self, session: Session, author: Assessor, config: MissionConfig,
                 mission_id: str, detail: str, client_id: str = "") -> None:
        self.s = session
        self.detail = detail
        self.client_id = client_id
        self.writers: dict[str, list[str]] = json.loads(get_meta(session, WRITERS_KEY) or "{}")
        self.author = author
        self.config = config
        self.mission_id = mission_id

    # -- RowFacts (app.domain.apply_values) on this desk's tables ----------------------------

    def candidate_known(self, candidate_id: str) -> bool:
        c = self.s.get(Candidate, candidate_id)
        return c is not None and c.mission_id == self.mission_id

    def identity_taken(self, key: tuple[Any, ...]) -> bool:
        model = MODELS[key[0]]
        conds = [getattr(model, f) == v for f, v in zip(IDENTITY[key[0]], key[1:], strict=True)
                 if f in model.__table__.columns]
        return self.s.scalar(select(model.id).where(*conds).limit(1)) is not None

    def panel_of(self, candidate_id: str) -> list[str]:
        return list(self.s.scalar(select(Interview.panel).where(
            Interview.candidate_id == candidate_id)) or [])

    def members(self) -> set[str]:
        return set(self.s.scalars(select(Assessor.id).where(
            Assessor.mission_id == self.mission_id)))

    def script_code_taken(self, code: str, row_id: str) -> bool:
        return self.s.scalar(select(Seat.id).where(
            Seat.script_code == code, Seat.id != row_id).limit(1)) is not None

    def score(self, candidate_id: str) -> CandidateScore | None:
        """None (unknown) when the score lacks only scorecards and the blind panel keeps the
        colleagues' submitted cards off this desk: the server, holding them, may rank it."""
        self.s.flush()
        [one] = ranking_inputs(self.s, self.mission_id, candidate_id)
        score = score_candidate(self.config, one)
        if score.state is ScoreState.INCOMPLETE and score.missing == ("scorecard",) \
                and _cards_withheld(self.s, candidate_id):
            return None
        return score

    # -- one mutation -------------------------------------------------------------------------

    def apply(self, m: Mapping[str, Any]) -> str:
        entity, row_id, fields = m["entity"], m["row_id"], dict(m["fields"])
        base = {k: int(v) for k, v in (m.get("base") or {}).items()}
        ok = mutation_hash(m["id"], entity, row_id, fields, base, m["at"]) == m["hash"]
        check_mutation(entity, fields, m["at"], hash_ok=ok,
                       author_is_chair=self.author.is_chair)
        model = MODELS[entity]
        row = self.s.get(model, row_id)
        current = None if row is None else row_values(entity, row)
        checked = checked_values(ApplyContext(self.mission_id, self.config, self.author.id,
                                              self), entity, row_id, fields, current)
        if current is not None and entity == "interview":
            stale = stale_slot(checked.values, current, row.versions or {}, base,
                               lambda f, n: self._own_run(entity, row_id, f, n))
            for f, (cur, new) in stale.items():
                self.s.add(Conflict(entity=entity, row_id=row_id, field=f, current_value=cur,
                                    other_value=new, detail=self.detail))
            if stale:
                return "conflict"
        values = checked.values
        if row is None:  # the identity first: a new row's audit names it, as the desk's own
            values = {**{f: fields[f] for f in IDENTITY[entity]
                         if f in model.__table__.columns and f != "mission_id"}, **values}
        status = self._write(m, entity, model, row, values, base, row is None, checked.reason)
        written = self.s.get(model, row_id)
        if entity == "scorecard" and checked.reason:
            written.amendments = (written.amendments or 0) + 1
        elif entity == "decision" and status == "applied":
            written.decided_by = self.author.id  # as the server records it
        return status

    def _wrote(self, entity: str, row_id: str, f: str) -> None:
        key = f"{entity}:{row_id}:{f}"
        self.writers[key] = [*self.writers.get(key, []), self.client_id][-MAX_WRITERS:]

    def _own_run(self, entity: str, row_id: str, f: str, n: int) -> bool:
        """The server's rule (PushApplier._own_run) on what this desk saw: the field's last
        ``n`` versions applied here all came from this mutation's desk."""
        written = self.writers.get(f"{entity}:{row_id}:{f}", [])
        return len(written) >= n and all(w == self.client_id for w in written[-n:])

    def _pending_fields(self, entity: str, row_id: str) -> set[str]:
        out: set[str] = set()
        for fields in self.s.scalars(select(OutboxMutation.fields).where(
                OutboxMutation.state == "pending", OutboxMutation.entity == entity,
                OutboxMutation.row_id == row_id)):
            out.update(fields)
        return out

    def _write(self, m: Mapping[str, Any], entity: str, model: Any, row: Any,
               values: Mapping[str, Any], base: Mapping[str, int], created: bool,
               reason: str = "") -> str:
        if created:
            row = model(id=m["row_id"], versions={}, **values)
            if "mission_id" in model.__table__.columns:
                row.mission_id = self.mission_id
            self.s.add(row)
        versions = dict(row.versions or {})
        mine = set() if created else self._pending_fields(entity, m["row_id"])
        audits: list[dict[str, Any]] = []
        conflicts = 0
        for f, new in values.items():
            cur = None if created else getattr(row, f)
            cur_v = int(versions.get(f, 0))
            verdict = field_verdict(entity, f, created=created, new=new, cur=cur,
                                    base_version=base.get(f, 0), current_version=cur_v,
                                    own_run=lambda n, f=f: self._own_run(entity, m["row_id"],
                                                                         f, n))
            if f in mine and not same(new, cur) and verdict is not Verdict.SKIP:
                # This desk's own unsent edit of the field: both values are kept. The
                # teammate's stays current when made after versions this desk has not seen
                # (relayed edits, this one's likely among them: the server will apply it
                # after them and take this desk's edit, older-based, as the conflict).
                if base.get(f, 0) > cur_v:
                    self.s.add(Conflict(entity=entity, row_id=m["row_id"], field=f,
                                        current_value=new, other_value=cur,
                                        detail=self.detail))
                    conflicts += 1
                    verdict = Verdict.WRITE
                else:
                    verdict = Verdict.CONFLICT
            if verdict is Verdict.CONFLICT:
                self.s.add(Conflict(entity=entity, row_id=m["row_id"], field=f,
                                    current_value=cur, other_value=new,
                                    detail=self.detail))
                conflicts += 1
                continue
            shared = f in SHARED_FIELDS.get(entity, frozenset())
            base_v = base.get(f, 0)
            if verdict in (Verdict.SKIP, Verdict.SKIP_RESOLVE):
                continue
            if not created:
                setattr(row, f, new)
            # Made after versions this desk has not seen (the author applied other
            # teammates' changes first): an older-based edit arriving later is concurrent.
            versions[f] = max(cur_v, base_v) + 1
            if shared:
                self._wrote(entity, m["row_id"], f)
            audits.append({"actor_id": self.author.id, "entity": entity,
                           "row_id": m["row_id"], "field": f, "old": cur, "new": new,
                           "reason": "created" if created else reason,
                           "mutation_id": m["id"]})
        row.versions = versions
        if entity == "candidate":
            row.search_text = search_text_of(row)
        self.s.flush()
        if audits:
            self.s.execute(insert(AuditEntry), audits)
        return "conflict" if conflicts else "applied"
