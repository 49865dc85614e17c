"""The server's rules for the plan's rows (issue 13): interviews, seats with script codes and
the lifting of anonymity are the chair's (app.domain.mutation.CHAIR_ONLY); seats and anonymity
rows have an identity, so a second birth of the same thing is refused; their fields are shared,
so a stale move is a conflict, never a silent overwrite. Mixed into sync_apply.PushApplier."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.domain.plan_fields import (
    check_duration,
    check_lifted,
    check_script_code,
    check_seat_number,
    check_sitting,
    check_subject,
)
from sync.protocol import Mutation

from .models import Anonymity, Seat

if TYPE_CHECKING:
    from .sync_apply import PushApplier

    _Base = PushApplier
else:
    _Base = object


# The fields of an interview slot, which move together (see _slot_stale).
SLOT_FIELDS = frozenset({"starts_at", "room", "duration", "panel"})


class PlanApplier(_Base):
    def _prefetch_plan_keys(self, mutations: list[Mutation], cand_ids: set[str]) -> None:
        wanted = {m.entity for m in mutations}
        if "seat" in wanted and cand_ids:
            for cid, sitting in self.s.execute(select(Seat.candidate_id, Seat.sitting).where(
                    Seat.candidate_id.in_(cand_ids))):
                self.identity_index[("seat", cid, sitting)] = cid
        if "anonymity" in wanted:
            for subject in self.s.scalars(select(Anonymity.subject).where(
                    Anonymity.mission_id == self.mission.id)):
                self.identity_index[("anonymity", self.mission.id, subject)] = subject

    def _plan_duration(self, f: dict[str, Any], values: dict[str, Any]) -> None:
        if "duration" in f:
            values["duration"] = check_duration(f["duration"])

    def _slot_stale(self, m: Mutation, row: Any, values: dict[str, Any]) -> bool:
        """A slot moves as a whole: when any of its fields was changed elsewhere since the
        editor's version, every field this edit changes is a conflict (both values kept), so
        two offline moves never merge into a slot nobody chose (one desk's time in the other's
        room). Records the conflicts; True when there are some."""
        from .sync_apply import _same

        versions = row.versions or {}
        differing = {f: v for f, v in values.items()
                     if f in SLOT_FIELDS and not _same(v, getattr(row, f))}
        stale = [f for f in differing
                 if (gap := int(versions.get(f, 0)) - m.base.get(f, 0)) > 0
                 and not self._own_run(m, f, gap)]
        if not stale:
            return False
        for f, v in differing.items():
            self._conflict(m, row, f, getattr(row, f), v)
        return True

    def _code_taken(self, code: str, row_id: str) -> bool:
        """Whether another seat of the mission holds ``code`` (this push's seats included)."""
        for (entity, rid), r in self.rows.items():
            if entity == "seat" and rid != row_id and r is not None and r.script_code == code:
                return True
        holders = self.s.scalars(select(Seat.id).where(
            Seat.mission_id == self.mission.id, Seat.script_code == code,
            Seat.deleted.is_(False), Seat.id != row_id))
        return any(self.rows.get(("seat", h)) is None for h in holders)

    def _apply_seat(self, m: Mutation) -> tuple[str, str]:
        from .sync_apply import Rejected

        row: Seat | None = self._row(m)
        created = row is None
        f = m.fields
        if row is None:
            cand = self._candidate(f.get("candidate_id"))
            sitting = check_sitting(f.get("sitting"), self.config)
            self._unique(("seat", cand.id, sitting))
        else:
            self._check_identity(m, row)
        values: dict[str, Any] = {}
        if "seat" in f:
            values["seat"] = check_seat_number(f["seat"])
        if "script_code" in f:
            code = check_script_code(f["script_code"])
            if code and self._code_taken(code, m.row_id):
                raise Rejected(f"script code {code} is already given to another script of "
                               "this mission")
            values["script_code"] = code
        if created:
            row = self._new_row(m, Seat, candidate_id=f["candidate_id"], sitting=f["sitting"],
                                seat=0, script_code="")
            self.identity_index[("seat", row.candidate_id, row.sitting)] = m.row_id
            values.setdefault("seat", 0)
            values.setdefault("script_code", "")
        return self._status(m, self._write(m, row, values, created=created), created)

    def _apply_anonymity(self, m: Mutation) -> tuple[str, str]:
        from .sync_apply import Rejected

        row: Anonymity | None = self._row(m)
        created = row is None
        f = m.fields
        if row is None:
            if f.get("mission_id") != self.mission.id:
                raise Rejected("anonymity is lifted for a subject of this mission")
            subject = check_subject(f.get("subject"), self.config)
            self._unique(("anonymity", self.mission.id, subject))
        else:
            self._check_identity(m, row)
        values: dict[str, Any] = {}
        if "lifted" in f:
            values["lifted"] = check_lifted(f["lifted"])
        if created:
            row = self._new_row(m, Anonymity, subject=f["subject"], lifted=False)
            self.identity_index[("anonymity", self.mission.id, row.subject)] = m.row_id
            values.setdefault("lifted", False)
        return self._status(m, self._write(m, row, values, created=created), created)
