"""Changes born on the server (planning, mission setup from the console): written the way a
desk's pull expects them, so every desk receives them on its next sync.

Each changed field bumps its version and gets an audit entry (who, server time, old -> new,
why); each written row gets a new seq from the mission's counter, under the mission lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from .missions import lock_mission, next_seq
from .models import AuditEntry, Mission, utcnow


class RowWriter:
    """Server-born changes: a version per field, a seq per row, an audit entry per field."""

    def __init__(self, s: Session, mission: Mission, reason: str,
                 user_id: str | None = None) -> None:
        self.s = s
        self.mission = lock_mission(s, mission.id) or mission
        self.reason = reason
        self.user_id = user_id
        self.now = utcnow()
        self.written = 0

    def write(self, entity: str, row: Any, values: Mapping[str, Any], *, created: bool) -> bool:
        """Store ``values`` on ``row``; False when nothing changed (no seq spent)."""
        versions = dict(row.versions or {})
        changed = {f: v for f, v in values.items() if created or getattr(row, f) != v}
        if not changed:
            return False
        for f, v in changed.items():
            old = None if created else getattr(row, f)
            setattr(row, f, v)
            versions[f] = int(versions.get(f, 0)) + 1
            self.s.add(AuditEntry(mission_id=self.mission.id, entity=entity, row_id=row.id,
                                  field=f, old=old, new=v, actor_id=None, user_id=self.user_id,
                                  client_at="", server_at=self.now, reason=self.reason))
        row.versions = versions
        row.seq = next_seq(self.mission)
        self.written += 1
        return True
