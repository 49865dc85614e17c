"""The server's storage side of the plan's rows (issue 13): interviews, seats with script codes
and the lifting of anonymity are the chair's (app.domain.mutation.CHAIR_ONLY), checked by
app.domain.apply_values like every entity; seats and anonymity rows have an identity, so a
second birth of the same thing is refused, and a script code is the mission's only once.
Mixed into sync_apply.PushApplier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from sync.protocol import Mutation

from .among import among
from .models import Anonymity, Seat

if TYPE_CHECKING:
    from .sync_apply import PushApplier

    _Base = PushApplier
else:
    _Base = object


class PlanApplier(_Base):
    def _prefetch_plan_keys(self, mutations: list[Mutation], cand_ids: set[str]) -> None:
        wanted = {m.entity for m in mutations}
        if "seat" in wanted and cand_ids:
            for cid, sitting in self.s.execute(select(Seat.candidate_id, Seat.sitting).where(
                    among(self.s, Seat.candidate_id, cand_ids))):
                self.identity_index[("seat", cid, sitting)] = cid
        if "anonymity" in wanted:
            for subject in self.s.scalars(select(Anonymity.subject).where(
                    Anonymity.mission_id == self.mission.id)):
                self.identity_index[("anonymity", self.mission.id, subject)] = subject

    def script_code_taken(self, code: str, row_id: str) -> bool:
        """Whether another seat of the mission holds ``code`` (this push's seats included);
        one of app.domain.apply_values.RowFacts."""
        for (entity, rid), r in self.rows.items():
            if entity == "seat" and rid != row_id and r is not None and r.script_code == code:
                return True
        holders = [h for h in self.lookups.code_holders(code) if h != row_id]
        return any(self.rows.get(("seat", h)) is None for h in holders)
