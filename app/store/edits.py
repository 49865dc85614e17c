"""One call per user edit. Each call is one transaction: the row, an outbox mutation and its
audit entries are durable together when the call returns, or nothing is written at all."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.candidate import CandidateRecord
from app.domain.clock import HybridClock
from app.domain.decision import check_decision
from app.domain.enums import CandidateStatus, Outcome, Recommendation
from app.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from app.domain.limits import (
    MAX_NOTES,
    MAX_RATIONALE,
    MAX_REASON,
    check_text,
)
from app.domain.marks import MarkValue, mark_to_wire, validate_mark
from app.domain.mission import MissionConfig
from app.domain.plan_fields import (
    check_duration,
    check_lifted,
    check_script_code,
    check_seat_number,
)
from app.domain.scorecard import (
    ScorecardView,
    missing_for_submit,
    validate_level,
    visible_scorecards,
)
from app.domain.scoring import score_candidate

from .conflicts import settle_ahead
from .database import Store
from .models import (
    Assessor,
    Candidate,
    Conflict,
    Interview,
    Mission,
    Scorecard,
    new_id,
)
from .outbox import last_stamp, record_change
from .package import MODELS, search_text_of
from .plan_edits import PlanEdits
from .ranking import candidate_input
from .row_edits import edit_transaction, loads, write_change
from .types import utcnow

log = logging.getLogger(__name__)
# The frequent edits read what they change with one prepared statement each (row_edits).
# A candidate's mission and status.
_STATUS_OF = "SELECT mission_id, status, versions FROM candidate WHERE id = ?"
# A candidate's mission with the actor's mark of a subject (NULLs when there is none yet).
_MARK_OF = ("SELECT c.mission_id, m.id, m.value, m.versions FROM candidate c "
            "LEFT JOIN mark m ON m.candidate_id = c.id AND m.subject = ? AND m.marker_id = ? "
            "WHERE c.id = ?")
# A candidate's mission, interview panel and the actor's scorecard (NULLs when missing).
_SCORECARD_OF = ("SELECT c.mission_id, i.panel, s.id, s.levels, s.notes, s.recommendation, "
                 "s.submitted, s.versions FROM candidate c "
                 "LEFT JOIN interview i ON i.candidate_id = c.id "
                 "LEFT JOIN scorecard s ON s.candidate_id = c.id AND s.author_id = ? "
                 "WHERE c.id = ?")
# A candidate's mission and decision (NULLs when there is none yet).
_DECISION_OF = ("SELECT c.mission_id, d.id, d.outcome, d.option_code, d.rationale, "
                "d.override_reason, d.versions, c.application_number, c.track, c.status "
                "FROM candidate c LEFT JOIN decision d ON d.candidate_id = c.id WHERE c.id = ?")
# What the candidate's composite score is computed from (as app.store.ranking reads it).
_MARKS_OF = "SELECT subject, value FROM mark WHERE candidate_id = ? AND value IS NOT NULL"
_CARDS_OF = "SELECT levels FROM scorecard WHERE candidate_id = ? AND submitted = 1"
# Candidates an import writes to its transaction before letting go of their rows (memory).
IMPORT_CHUNK = 500


@dataclass(frozen=True)
class EditResult:
    """What an edit did: the mutation queued (None when the value was already there)."""

    row_id: str
    mutation_id: str | None


class EditService(PlanEdits):
    """The edits one assessor makes on one mission at this desk."""

    def __init__(self, store: Store, mission_id: str, actor_id: str) -> None:
        self.store = store
        self.mission_id = mission_id
        self.actor_id = actor_id
        self.reload()
        with store.read() as s:
            stamp = last_stamp(s)
        self.clock = HybridClock(store.client_id[:8], stamp)

    def reload(self) -> None:
        """Re-read the mission's configuration and the actor's role (after a sync)."""
        with self.store.read() as s:
            mission = s.get(Mission, self.mission_id)
            if mission is None:
                raise NotFound(f"mission {self.mission_id} is not on this desk")
            actor = s.get(Assessor, self.actor_id)
            if actor is None or actor.mission_id != self.mission_id:
                raise PermissionDenied("you are not a member of this mission")
            self.config = MissionConfig.model_validate(mission.config)
            self.actor_is_chair = actor.is_chair
            self.actor_name = actor.name

    # -- helpers ---------------------------------------------------------------------------

    def _candidate(self, s: Session, candidate_id: str) -> Candidate:
        c = s.get(Candidate, candidate_id)
        if c is None or c.mission_id != self.mission_id:
            raise NotFound(f"candidate {candidate_id} is not in this mission")
        return c

    def _check_mission(self, candidate_id: str, found: Any) -> None:
        """A prepared SELECT's row starts with the candidate's mission (None: no candidate)."""
        if found is None or found[0] != self.mission_id:
            raise NotFound(f"candidate {candidate_id} is not in this mission")

    def _record(self, s: Session, row: Any, changes: Mapping[str, Any], *,
                identity: Mapping[str, Any] | None = None, reason: str = "") -> EditResult:
        m = record_change(s, self.clock, self.actor_id, row, changes, identity=identity,
                          reason=reason)
        return EditResult(row.id, m.id if m else None)

    # -- candidates --------------------------------------------------------------------------

    def add_candidate(self, record: CandidateRecord) -> EditResult:
        with self.store.write() as s:
            return self._add_candidate(s, record)

    def add_candidates(self, records: Iterable[CandidateRecord]) -> list[EditResult]:
        """An import: every candidate with its own mutation and audit, in one transaction.

        The rows are written to the transaction a chunk at a time and let go of: a session
        holding 20,000 candidates with their mutations and audit entries took a gigabyte.
        The transaction is still one: all of them are committed, or none.
        """
        results: list[EditResult] = []
        with self.store.write() as s:
            for i, record in enumerate(records, start=1):
                results.append(self._add_candidate(s, record))
                if i % IMPORT_CHUNK == 0:
                    s.flush()
                    s.expunge_all()
        return results

    def _add_candidate(self, s: Session, record: CandidateRecord) -> EditResult:
        data = record.model_dump(mode="json")
        row = Candidate(id=new_id(), mission_id=self.mission_id,
                        application_number=record.application_number,
                        search_text=search_text_of(record))
        s.add(row)  # flushed at commit, once record_change has set every field
        fields = {k: v for k, v in data.items() if k != "application_number"}
        return self._record(s, row, fields, identity={
            "mission_id": self.mission_id, "application_number": record.application_number})

    def set_status(self, candidate_id: str, status: CandidateStatus | str) -> EditResult:
        try:
            status = CandidateStatus(status)
        except ValueError:
            raise ValidationError(f"unknown status '{status}'") from None
        with edit_transaction(self.store.engine) as cur:
            found = cur.execute(_STATUS_OF, (candidate_id,)).fetchone()
            self._check_mission(candidate_id, found)
            m = write_change(cur, self.clock, self.actor_id, "candidate", candidate_id,
                             {"status": found[1]}, loads(found[2]), {"status": status.value})
            return EditResult(candidate_id, m.id if m else None)

    # -- written tests -----------------------------------------------------------------------

    def set_mark(self, candidate_id: str, subject: str, value: MarkValue | None,
                 marker_id: str | None = None) -> EditResult:
        """Set the actor's own mark; ``value`` None clears it. Another marker's mark is theirs."""
        if marker_id is not None and marker_id != self.actor_id:
            raise PermissionDenied("a mark belongs to its marker: you cannot change another's")
        try:
            subj = self.config.subject(subject)
        except KeyError:
            raise ValidationError(f"unknown subject '{subject}'") from None
        wire = None if value is None else mark_to_wire(validate_mark(value, subj))
        with edit_transaction(self.store.engine) as cur:
            # the candidate's check and the actor's mark in one statement (an edit's hot path)
            found = cur.execute(_MARK_OF, (subject, self.actor_id, candidate_id)).fetchone()
            self._check_mission(candidate_id, found)
            identity = None
            row_id = found[1]
            if row_id is None:  # a new mark: one INSERT with its value
                row_id = new_id()
                identity = {"candidate_id": candidate_id, "subject": subject,
                            "marker_id": self.actor_id}
            m = write_change(cur, self.clock, self.actor_id, "mark", row_id,
                             {"value": found[2]}, loads(found[3]), {"value": wire},
                             identity=identity)
            return EditResult(row_id, m.id if m else None)

    # -- interviews ----------------------------------------------------------------------------

    def _own_scorecard(self, s: Session, candidate_id: str,
                       author_id: str | None) -> tuple[Scorecard, dict[str, Any] | None]:
        if author_id is not None and author_id != self.actor_id:
            raise PermissionDenied("a scorecard belongs to its author: you cannot change another's")
        self._candidate(s, candidate_id)
        interview = s.scalar(select(Interview).where(Interview.candidate_id == candidate_id))
        if interview is not None and interview.panel and self.actor_id not in interview.panel:
            raise PermissionDenied("you are not on this candidate's interview panel")
        row = s.scalar(select(Scorecard).where(
            Scorecard.candidate_id == candidate_id, Scorecard.author_id == self.actor_id))
        if row is None:
            row = Scorecard(candidate_id=candidate_id, author_id=self.actor_id, levels={},
                            notes="", submitted=False)
            s.add(row)
            s.flush()
            return row, {"candidate_id": candidate_id, "author_id": self.actor_id}
        return row, None

    def _edit_scorecard(self, candidate_id: str, changes: dict[str, Any],
                        author_id: str | None) -> EditResult:
        """A level, the notes or the recommendation of the actor's own scorecard, with the
        same checks as _own_scorecard, read in one prepared statement (an edit's hot path)."""
        if author_id is not None and author_id != self.actor_id:
            raise PermissionDenied("a scorecard belongs to its author: you cannot change another's")
        with edit_transaction(self.store.engine) as cur:
            found = cur.execute(_SCORECARD_OF, (self.actor_id, candidate_id)).fetchone()
            self._check_mission(candidate_id, found)
            panel = loads(found[1])
            if panel and self.actor_id not in panel:
                raise PermissionDenied("you are not on this candidate's interview panel")
            identity = None
            row_id = found[2]
            if row_id is None:  # a new scorecard, blank until these changes
                row_id = new_id()
                identity = {"candidate_id": candidate_id, "author_id": self.actor_id}
                current: dict[str, Any] = {"levels": {}, "notes": "", "recommendation": None}
                versions = None
            else:
                if found[6]:
                    raise DomainError("this scorecard is submitted: change it through an "
                                      "amendment with a reason")
                current = {"levels": loads(found[3]), "notes": found[4],
                           "recommendation": found[5]}
                versions = loads(found[7])
            if "levels" in changes:
                levels = {**(current["levels"] or {}), **changes["levels"]}
                changes["levels"] = {k: v for k, v in levels.items() if v is not None}
            m = write_change(cur, self.clock, self.actor_id, "scorecard", row_id,
                             {f: current[f] for f in changes}, versions, changes,
                             identity=identity)
            return EditResult(row_id, m.id if m else None)

    def set_level(self, candidate_id: str, criterion: str, level: int | None,
                  author_id: str | None = None) -> EditResult:
        validate_level(self.config.rubric, criterion, level)
        return self._edit_scorecard(candidate_id, {"levels": {criterion: level}}, author_id)

    def set_notes(self, candidate_id: str, notes: str, author_id: str | None = None) -> EditResult:
        check_text(notes, MAX_NOTES, "notes")
        return self._edit_scorecard(candidate_id, {"notes": notes}, author_id)

    def set_recommendation(self, candidate_id: str, recommendation: Recommendation | str | None,
                           author_id: str | None = None) -> EditResult:
        rec = _recommendation(recommendation)
        return self._edit_scorecard(candidate_id, {"recommendation": rec}, author_id)

    def submit_scorecard(self, candidate_id: str) -> EditResult:
        with self.store.write() as s:
            row, identity = self._own_scorecard(s, candidate_id, None)
            if row.submitted:
                return EditResult(row.id, None)
            rec = Recommendation(row.recommendation) if row.recommendation else None
            missing = missing_for_submit(self.config.rubric, row.levels or {}, rec)
            if missing:
                raise ValidationError("cannot submit yet; missing: " + ", ".join(missing))
            row.submitted_at = utcnow()
            return self._record(s, row, {"submitted": True}, identity=identity)

    def amend_scorecard(self, candidate_id: str, reason: str, *,
                        levels: Mapping[str, int] | None = None, notes: str | None = None,
                        recommendation: Recommendation | str | None = None) -> EditResult:
        """Change a submitted scorecard: allowed to its author, with a reason kept in the trail."""
        reason = check_text(reason, MAX_REASON, "the reason").strip()
        if not reason:
            raise ValidationError("an amendment needs a reason")
        changes: dict[str, Any] = {}
        with self.store.write() as s:
            row, _ = self._own_scorecard(s, candidate_id, None)
            if not row.submitted:
                raise DomainError("this scorecard is not submitted yet: edit it directly")
            if levels:
                for k, v in levels.items():
                    if validate_level(self.config.rubric, k, v) is None:
                        raise ValidationError("a submitted scorecard keeps a level per criterion")
                changes["levels"] = {**row.levels, **levels}
            if notes is not None:
                changes["notes"] = notes
            if recommendation is not None:
                changes["recommendation"] = _recommendation(recommendation)
            changes = {k: v for k, v in changes.items() if getattr(row, k) != v}
            if not changes:
                return EditResult(row.id, None)
            row.amendments = (row.amendments or 0) + 1
            m = record_change(s, self.clock, self.actor_id, row, changes, reason=reason,
                              annotations={"amendment_reason": reason})
            return EditResult(row.id, m.id if m else None)

    def scorecards_visible(self, candidate_id: str) -> list[Scorecard]:
        """The scorecards of a candidate this assessor may read (blind panel)."""
        with self.store.read() as s:
            self._candidate(s, candidate_id)
            cards = list(s.scalars(select(Scorecard).where(Scorecard.candidate_id == candidate_id)))
            interview = s.scalar(select(Interview).where(Interview.candidate_id == candidate_id))
        panel = set(interview.panel or []) if interview else set()
        views = visible_scorecards(
            self.actor_id, [ScorecardView(c.author_id, c.submitted) for c in cards], panel)
        allowed = {v.author_id for v in views}
        return [c for c in cards if c.author_id in allowed]

    def set_interview(self, candidate_id: str, *, starts_at: str | None = None,
                      room: str | None = None, panel: list[str] | None = None,
                      duration: int | None = None) -> EditResult:
        """Change some fields of a candidate's interview (set_slot moves the whole slot).
        Interviews are the chair's (CHAIR_ONLY): the same rule as the server's."""
        # as on the server: a member who left the panel would read colleagues' cards
        self._chair_only("sets an interview panel" if panel is not None else "plans interviews")
        changes: dict[str, Any] = {k: v for k, v in (
            ("starts_at", starts_at), ("room", room), ("panel", panel),
            ("duration", duration)) if v is not None}
        with self.store.write() as s:
            self._candidate(s, candidate_id)
            return self._slot(s, candidate_id, changes)

    # -- decisions ----------------------------------------------------------------------------

    def set_decision(self, candidate_id: str, outcome: Outcome | str | None,
                     option_code: str | None = None, rationale: str = "",
                     override_reason: str = "") -> EditResult:
        """The chair's decision. An admit needs the candidate's complete composite score as
        this desk holds it, or an override reason (app.domain.decision, the server's rule)."""
        if not self.actor_is_chair:
            raise PermissionDenied("only the head of delegation (chair) records decisions")
        out = None
        if outcome is not None:
            try:
                out = Outcome(outcome).value
            except ValueError:
                raise ValidationError(f"unknown outcome '{outcome}'") from None
        if out != Outcome.ADMIT:
            option_code = None
        check_text(rationale, MAX_RATIONALE, "a rationale")
        with edit_transaction(self.store.engine) as cur:
            found = cur.execute(_DECISION_OF, (candidate_id,)).fetchone()
            self._check_mission(candidate_id, found)
            marks = cur.execute(_MARKS_OF, (candidate_id,)).fetchall()
            cards = [loads(levels) for levels, in cur.execute(_CARDS_OF, (candidate_id,))]
            score = score_candidate(self.config, candidate_input(
                candidate_id, *found[7:10], marks, cards))
            override = check_decision(self.config, out, option_code, override_reason, score)
            identity = None
            row_id = found[1]
            if row_id is None:
                row_id = new_id()
                identity = {"candidate_id": candidate_id}
                current: dict[str, Any] = {"outcome": None, "option_code": None,
                                           "rationale": "", "override_reason": ""}
            else:
                current = dict(zip(("outcome", "option_code", "rationale", "override_reason"),
                                   found[2:6], strict=True))
            m = write_change(cur, self.clock, self.actor_id, "decision", row_id, current,
                             loads(found[6]), {"outcome": out, "option_code": option_code,
                                               "rationale": rationale,
                                               "override_reason": override},
                             identity=identity, also={"decided_by": self.actor_id})
            return EditResult(row_id, m.id if m else None)

    # -- conflicts ----------------------------------------------------------------------------

    def keep_current_value(self, conflict_id: str) -> EditResult:
        """The chair settles a conflict by keeping the field's current value."""
        return self.resolve_conflict(conflict_id, take_other=False)

    def resolve_conflict(self, conflict_id: str, *, take_other: bool) -> EditResult:
        """The chair settles a conflict: an up-to-date edit of the field with the chosen value
        (queued even when the desk already shows it: the server settles a conflict only on
        such an edit), and the conflict marked resolved, in one transaction."""
        if not self.actor_is_chair:
            raise PermissionDenied("only the head of delegation (chair) resolves conflicts")
        with self.store.write() as s:
            conflict = s.get(Conflict, conflict_id)
            if conflict is None:
                raise NotFound("this conflict is no longer on the desk")
            model = MODELS.get(conflict.entity)
            row = s.get(model, conflict.row_id) if model is not None else None
            if row is None:
                raise NotFound("this row is no longer on the desk")
            field = conflict.field
            value = conflict.other_value if take_other else getattr(row, field)
            if take_other:
                try:
                    self._check_shared_value(s, conflict.entity, field, value)
                except ValueError:  # an enum refused the value
                    raise ValidationError(f"'{value}' is not a valid {field}") from None
            reason = ("conflict resolved: other value taken" if take_other
                      else "conflict resolved: current value kept")
            m = record_change(s, self.clock, self.actor_id, row, {field: value},
                              force={field}, reason=reason)
            assert m is not None  # forced: always queued
            s.flush()  # m.mid
            # Settled here at once; the server's answer decides (a stale edit reopens it).
            settle_ahead(s, conflict, m.mid)
            return EditResult(row.id, m.id)

    def _check_shared_value(self, s: Session, entity: str, field: str, value: Any) -> None:
        """The same rules as the edit of that field, for a value taken from a conflict."""
        if (entity, field) == ("candidate", "status"):
            CandidateStatus(value)
        elif (entity, field) == ("decision", "outcome"):
            if value is not None:
                Outcome(value)
        elif (entity, field) == ("decision", "option_code"):
            codes = {o.code for o in self.config.options}
            if value is not None and codes and value not in codes:
                raise ValidationError(f"unknown programme option '{value}'")
        elif (entity, field) == ("interview", "panel"):
            if not isinstance(value, list):
                raise ValidationError("the panel names people outside the mission")
            self._check_panel(s, value)
        elif (entity, field) == ("interview", "duration"):
            check_duration(value)
        elif (entity, field) == ("seat", "seat"):
            check_seat_number(value)
        elif (entity, field) == ("seat", "script_code"):
            check_script_code(value)
        elif (entity, field) == ("anonymity", "lifted"):
            check_lifted(value)
        elif not isinstance(value, str | None):
            raise ValidationError(f"unexpected value for {entity}.{field}")


def _recommendation(value: Recommendation | str | None) -> str | None:
    if value is None:
        return None
    try:
        return Recommendation(value).value
    except ValueError:
        raise ValidationError(f"unknown recommendation '{value}'") from None
