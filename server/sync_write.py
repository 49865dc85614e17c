"""Writing a pushed mutation's checked values on the server: field by field with the conflict
rule of app.domain.apply_rules (DESIGN.md §5), a version and an audit entry per written field,
conflicts recorded with both values, and a chair's up-to-date edit settling open conflicts.
Mixed into sync_apply.PushApplier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.domain.apply_rules import Verdict, field_verdict
from sync.protocol import Mutation

from .models import Conflict

if TYPE_CHECKING:
    from .sync_apply import PushApplier

    _Base = PushApplier
else:
    _Base = object


class FieldWriter(_Base):
    def _write(self, m: Mutation, row: Any, values: Mapping[str, Any], *, created: bool,
               reason: str = "") -> str:
        """Apply ``values`` with the shared-field conflict rule; returns the status."""
        versions = dict(row.versions or {})
        conflicts: list[str] = []
        changed = False
        # what every audit entry of this mutation shares, read once
        entry = {"mission_id": self.mission.id, "entity": m.entity, "row_id": m.row_id,
                 "actor_id": self.actor.assessor_id, "user_id": self.actor.user_id,
                 "client_at": m.at, "server_at": self.now, "mutation_id": m.id,
                 "client_id": self.client_id, "reason": reason or ("created" if created else "")}
        if created:
            # A new row: every field is written (field_verdict's first rule), first version.
            for f, new in values.items():
                setattr(row, f, new)
                versions[f] = int(versions.get(f, 0)) + 1
                self.batch.audits.append({**entry, "field": f, "old": None, "new": new})
            row.versions = versions
            self._touch(row)
            return "applied"
        for f, new in values.items():
            cur = getattr(row, f)
            cur_v = int(versions.get(f, 0))
            verdict = field_verdict(
                m.entity, f, created=False, new=new, cur=cur,
                base_version=m.base.get(f, 0), current_version=cur_v,
                own_run=lambda n, f=f: self._own_run(m, f, n))  # type: ignore[misc]
            if verdict in (Verdict.SKIP_RESOLVE, Verdict.WRITE_RESOLVE):
                # only an edit made knowing the current version settles a conflict
                self._resolve(m, f)
            if verdict is Verdict.CONFLICT:
                self._conflict(m, row, f, cur, new)
                conflicts.append(f)
                continue
            if verdict in (Verdict.SKIP, Verdict.SKIP_RESOLVE):
                continue
            setattr(row, f, new)
            versions[f] = cur_v + 1
            changed = True
            self.batch.audits.append({**entry, "field": f, "old": cur, "new": new})
        if changed:
            row.versions = versions
            self._touch(row)
        if conflicts:
            return "conflict"
        return "applied"

    def _own_run(self, m: Mutation, f: str, n: int) -> bool:
        """True when the last ``n`` versions of the field all came from this same desk.

        A desk's queued edits all carry the version it last pulled: its second offline edit
        of a field looks stale after its first is applied. Versions written by this desk
        alone since that base are a sequence, not concurrent edits: no conflict.
        """
        writers = [a["client_id"] for a in reversed(self.batch.audits)
                   if (a["entity"], a["row_id"], a["field"]) == (m.entity, m.row_id, f)][:n]
        if len(writers) < n:
            writers += [client for client, _ in self.lookups.history(
                m.entity, m.row_id, f)[:n - len(writers)]]
        return len(writers) == n and all(w == self.client_id for w in writers)

    def _conflict(self, m: Mutation, row: Any, f: str, cur: Any, new: Any) -> None:
        stored = self.lookups.history(m.entity, m.row_id, f)
        author = stored[0][1] if stored else None
        if author is None:  # the last change of this field is still in this push's batch
            for a in reversed(self.batch.audits):
                if a["entity"] == m.entity and a["row_id"] == m.row_id and a["field"] == f:
                    author = a["actor_id"]
                    break
        c = Conflict(
            mission_id=self.mission.id, entity=m.entity, row_id=m.row_id, field=f,
            current_value=cur, other_value=new, current_author=author,
            other_author=self.actor.assessor_id, other_mutation_id=m.id,
            detail=(f"{f} was changed on another desk since this edit's version "
                    f"{m.base.get(f, 0)}; the current value stays, the other is kept for the "
                    "chair to decide"),
            detected_at=self.now, resolved=False, versions={}, deleted=False,
        )
        self.s.add(c)
        self._touch(c)
        if self.conflicts is not None:
            self.conflicts.setdefault((m.entity, m.row_id, f), []).append(c)

    def _open_conflicts(self) -> dict[tuple[str, str, str], list[Conflict]]:
        """Unresolved conflicts on the batch's rows, loaded once (a chair's push only)."""
        if self.conflicts is None:
            self.conflicts = self.lookups.open_conflicts({rid for (_, rid) in self.rows})
        return self.conflicts

    def _resolve(self, m: Mutation, f: str) -> None:
        """A chair's up-to-date edit of a conflicted field settles its open conflicts."""
        if not self.actor.is_chair:
            return
        for c in self._open_conflicts().pop((m.entity, m.row_id, f), []):
            c.resolved = True
            c.resolved_by = self.actor.assessor_id
            self._touch(c)

    def _status(self, m: Mutation, status: str, created: bool) -> tuple[str, str]:
        if status == "conflict":
            return status, ("a shared field was changed on another desk since your version: "
                            "the current value stays and both values are kept for the chair")
        return status, "created" if created else ""
