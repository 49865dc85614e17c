"""The plan's edits on a desk (issue 13): an interview slot, a seat with its script code, the
lifting of anonymity, a walk-in. Plan rows are shared rows owned by the chair: only the chair
writes them (the server's rule too), and each edit carries the versions the chair last saw, so
two desks moving the same candidate offline end in a conflict, never a silent overwrite."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.candidate import CandidateRecord
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.limits import MAX_PANEL, MAX_ROOM, check_starts_at, check_text
from app.domain.plan_fields import (
    check_duration,
    check_script_code,
    check_seat_number,
    check_sitting,
    check_subject,
)

from .models import Anonymity, Assessor, Candidate, Interview, Seat
from .outbox import record_change

if TYPE_CHECKING:
    from .edits import EditResult


class PlanEdits:
    """Mixed into EditService (which provides store, mission_id, config, _record...)."""

    def _chair_only(self, what: str) -> None:
        if not self.actor_is_chair:  # type: ignore[attr-defined]
            raise PermissionDenied(f"only the head of delegation (chair) {what}")

    def _check_panel(self, s: Session, panel: list[str]) -> None:
        if len(panel) > MAX_PANEL:
            raise ValidationError(f"a panel has at most {MAX_PANEL} members")
        members = set(s.scalars(select(Assessor.id).where(
            Assessor.mission_id == self.mission_id)))  # type: ignore[attr-defined]
        if any(p not in members for p in panel):
            raise ValidationError("the panel names people outside the mission")

    def _slot(self, s: Session, candidate_id: str, changes: dict[str, Any], *,
              whole: bool = False) -> EditResult:
        """Write an interview's fields in the caller's transaction. ``whole``: a move of the
        whole slot, sent with every slot field and the version this desk saw of each, so that
        the server sees a move made elsewhere meanwhile (on any of them) and keeps both as a
        conflict instead of merging two moves into a slot nobody chose."""
        if "starts_at" in changes:
            check_starts_at(changes["starts_at"])
        if "room" in changes:
            check_text(changes["room"], MAX_ROOM, "the room")
        if "duration" in changes:
            check_duration(changes["duration"])
        if "panel" in changes:
            changes["panel"] = list(changes["panel"])
            self._check_panel(s, changes["panel"])
        row = s.scalar(select(Interview).where(Interview.candidate_id == candidate_id))
        identity = None
        if row is None:
            row = Interview(candidate_id=candidate_id, room="", panel=[], duration=0)
            s.add(row)
            s.flush()
            identity = {"candidate_id": candidate_id}
        if whole and identity is None:
            from .edits import EditResult  # edits imports this module

            if all(getattr(row, f) == v for f, v in changes.items()):
                return EditResult(row.id, None)
            m = record_change(s, self.clock, self.actor_id, row,  # type: ignore[attr-defined]
                              changes, force=set(changes))
            return EditResult(row.id, m.id if m else None)
        return self._record(s, row, changes, identity=identity)  # type: ignore[attr-defined]

    def set_slot(self, candidate_id: str, starts_at: str | None, room: str,
                 panel: list[str], duration: int = 0) -> EditResult:
        """Place (or move) a candidate's interview: one edit of the whole slot."""
        self._chair_only("plans interviews")
        with self.store.write() as s:  # type: ignore[attr-defined]
            self._candidate(s, candidate_id)  # type: ignore[attr-defined]
            return self._slot(s, candidate_id, {"starts_at": starts_at, "room": room,
                                                "panel": panel, "duration": duration},
                              whole=True)

    def add_walk_in(self, record: CandidateRecord, starts_at: str | None, room: str,
                    panel: list[str], duration: int = 0) -> EditResult:
        """A candidate who turned up unannounced: the candidate and their slot, one edit.
        Returns the candidate's row id."""
        self._chair_only("adds a walk-in with a slot")
        with self.store.write() as s:  # type: ignore[attr-defined]
            added = self._add_candidate(s, record)  # type: ignore[attr-defined]
            s.flush()
            self._slot(s, added.row_id, {"starts_at": starts_at, "room": room,
                                         "panel": panel, "duration": duration})
            return added

    def set_seat(self, candidate_id: str, sitting: str, seat: int,
                 script_code: str = "") -> EditResult:
        """A candidate's seat at a sitting and their script code (unique in the mission)."""
        self._chair_only("seats candidates")
        check_sitting(sitting, self.config)  # type: ignore[attr-defined]
        check_seat_number(seat)
        code = check_script_code(script_code)
        with self.store.write() as s:  # type: ignore[attr-defined]
            self._candidate(s, candidate_id)  # type: ignore[attr-defined]
            row = s.scalar(select(Seat).where(Seat.candidate_id == candidate_id,
                                              Seat.sitting == sitting))
            if code:
                holder = s.scalar(select(Seat.candidate_id).join(
                    Candidate, Candidate.id == Seat.candidate_id).where(
                    Candidate.mission_id == self.mission_id,  # type: ignore[attr-defined]
                    Seat.script_code == code,
                    Seat.id != (row.id if row is not None else "")))
                if holder is not None:
                    raise ValidationError(f"script code {code} is already given to another "
                                          "script of this mission")
            identity = None
            if row is None:
                row = Seat(candidate_id=candidate_id, sitting=sitting, seat=0, script_code="")
                s.add(row)
                s.flush()
                identity = {"candidate_id": candidate_id, "sitting": sitting}
            return self._record(s, row, {"seat": seat, "script_code": code},  # type: ignore[attr-defined]
                                identity=identity)

    def lift_anonymity(self, subject: str) -> EditResult:
        """The chair shows candidates' names beside a subject's script codes: a recorded,
        audited edit (an anonymity row), after which every desk shows the names."""
        self._chair_only("lifts anonymity")
        check_subject(subject, self.config)  # type: ignore[attr-defined]
        with self.store.write() as s:  # type: ignore[attr-defined]
            row = s.scalar(select(Anonymity).where(
                Anonymity.mission_id == self.mission_id,  # type: ignore[attr-defined]
                Anonymity.subject == subject))
            identity = None
            if row is None:
                row = Anonymity(mission_id=self.mission_id,  # type: ignore[attr-defined]
                                subject=subject, lifted=False)
                s.add(row)
                s.flush()
                identity = {"mission_id": row.mission_id, "subject": subject}
            return self._record(s, row, {"lifted": True}, identity=identity,  # type: ignore[attr-defined]
                                reason="anonymity lifted")
