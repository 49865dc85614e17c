"""One pushed mutation on its entity's row: the rules are app.domain.apply_values (the ones a
desk applying a teammate's bundle runs), asked about this push's rows through the RowFacts
answered here; what stays server-side is storage: the new row, the slot's conflicts, a
card's submission time, a decision's author. Mixed into sync_apply.PushApplier."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.apply_values import (
    ApplyContext,
    Checked,
    checked_values,
    row_values,
    stale_slot,
)
from app.domain.enums import CandidateStatus, Track
from app.domain.marks import MarkValue, mark_from_wire
from app.domain.mutation import IDENTITY
from app.domain.scoring import CandidateInput, CandidateScore, score_candidate
from sync.protocol import Mutation

from .models import (
    Anonymity,
    Base,
    Candidate,
    Decision,
    Interview,
    Mark,
    Scorecard,
    Seat,
)

if TYPE_CHECKING:
    from .sync_apply import PushApplier

    _Base = PushApplier
else:
    _Base = object


MODELS: dict[str, type[Base]] = {
    "candidate": Candidate, "mark": Mark, "scorecard": Scorecard, "decision": Decision,
    "interview": Interview, "seat": Seat, "anonymity": Anonymity,
}


# A new row's columns before the mutation's values are written over them.
_BLANK: dict[str, dict[str, Any]] = {
    "candidate": {"given_names": "", "birth_date": None, "nationality": "", "email": "",
                  "home_institution": "", "partner_institution": "", "wishes": [],
                  "status": CandidateStatus.REGISTERED.value},
    "scorecard": {"levels": {}, "notes": "", "submitted": False, "amendments": 0},
    "decision": {"rationale": ""},
    "interview": {"room": "", "panel": [], "duration": 0},
    "seat": {"seat": 0, "script_code": ""},
    "anonymity": {"lifted": False},
}


def _blank(entity: str) -> dict[str, Any]:
    """A new row's blank columns (a row's list or dict is its own)."""
    return {k: v.copy() if isinstance(v, list | dict) else v
            for k, v in _BLANK.get(entity, {}).items()}


class EntityApplier(_Base):
    # -- RowFacts (app.domain.apply_values) on this push ------------------------------------

    def candidate_known(self, candidate_id: str) -> bool:
        c = self.candidates.get(candidate_id)
        if c is None and candidate_id not in self.candidates:
            c = self.s.get(Candidate, candidate_id)
            self.candidates[candidate_id] = c
        return c is not None and c.mission_id == self.mission.id and not c.deleted

    def identity_taken(self, key: tuple[Any, ...]) -> bool:
        # identity_index holds every existing key of the batch's candidates (prefetched)
        # and every key born in this push.
        return key in self.identity_index

    def panel_of(self, candidate_id: str) -> list[str]:
        for (entity, _), r in self.rows.items():
            if entity == "interview" and r is not None and r.candidate_id == candidate_id:
                return list(r.panel or [])
        return list(self.lookups.panel(candidate_id))

    def members(self) -> set[str]:
        return self.lookups.members()

    def score(self, candidate_id: str) -> CandidateScore:
        """The candidate's score from the marks and submitted scorecards held now, this
        push's own changes included (they are not flushed yet)."""
        self.candidate_known(candidate_id)  # loads it
        cand = self.candidates[candidate_id]
        assert cand is not None
        rows: dict[str, tuple[str, Any]] = {r.id: (e, r) for e, r in
                                            self.lookups.scored_rows(cand.id)}
        for (entity, rid), r in self.rows.items():
            if entity in ("mark", "scorecard") and r is not None and r.candidate_id == cand.id:
                rows[rid] = (entity, r)
        marks: dict[str, list[MarkValue]] = {}
        cards = []
        for entity, r in rows.values():
            if entity == "mark":
                value = mark_from_wire(r.value)
                if value is not None:
                    marks.setdefault(r.subject, []).append(value)
            elif r.submitted:
                cards.append(dict(r.levels or {}))
        return score_candidate(self.config, CandidateInput(
            candidate_id=cand.id, application_number=cand.application_number,
            track=Track(cand.track), status=CandidateStatus(cand.status), marks=marks,
            scorecards=cards))

    # -- one mutation -------------------------------------------------------------------------

    def _apply_entity(self, m: Mutation) -> tuple[str, str]:
        row = self._row(m)
        created = row is None
        current = None if row is None else row_values(m.entity, row)
        ctx = ApplyContext(self.mission.id, self.config, self.actor.assessor_id, self)
        checked = checked_values(ctx, m.entity, m.row_id, m.fields, current)
        if current is not None and m.entity == "interview":
            stale = stale_slot(checked.values, current, row.versions or {}, m.base,
                               lambda f, n: self._own_run(m, f, n))
            for f, (cur, new) in stale.items():
                self._conflict(m, row, f, cur, new)
            if stale:
                return self._status(m, "conflict", created)
        if row is None:
            row = self._born(m, checked)
        seq_before = row.seq
        status = self._write(m, row, checked.values, created=created, reason=checked.reason)
        if m.entity == "scorecard":
            self._card_written(row, checked)
        elif m.entity == "decision" and row.seq != seq_before:
            row.decided_by = self.actor.assessor_id  # only with a change (a new seq)
        return self._status(m, status, created)

    def _born(self, m: Mutation, checked: Checked) -> Any:
        identity = {f: m.fields[f] for f in IDENTITY[m.entity] if f != "mission_id"}
        if m.entity == "candidate":
            identity.update({k: checked.values[k] for k in (
                "application_number", "family_name", "track")})
        row = self._new_row(m, MODELS[m.entity], **{**_blank(m.entity), **identity})
        assert checked.key is not None
        self.identity_index[checked.key] = m.row_id
        if m.entity == "candidate":
            self.candidates[m.row_id] = row
        return row

    def _card_written(self, row: Scorecard, checked: Checked) -> None:
        if checked.values.get("submitted") and row.submitted_at is None:
            row.submitted_at = self.now
            # Blind panel: the author may now read the colleagues' submitted cards, which the
            # feed held back until now; a new seq sends them in the author's next pull.
            for other in self.lookups.submitted_cards(row.candidate_id):
                if other.id != row.id:
                    self._touch(other)
        if checked.reason:
            row.amendments = (row.amendments or 0) + 1
