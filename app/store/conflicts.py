"""A conflict's state on the desk is the server's verdict (DESIGN.md §5).

The chair resolves a conflict with an edit of the field; the desk shows the conflict settled
at once, but only the server decides: an edit made on a stale version becomes a new conflict
and leaves the old one open. Until the chair's edit is answered, the desk remembers which
conflicts it settled ahead of the server (meta "conflicts_awaiting": conflict id -> the mid
of the edit and the server's last known state of the conflict). Once answered, the conflict
takes the server's state: the one last pulled, or any pulled after (the server gives a
conflict it settles a new seq, so that state comes in the same sync).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from .database import get_meta, set_meta
from .models import Conflict

AWAITING_KEY = "conflicts_awaiting"


def _load(session: Session) -> dict[str, dict[str, Any]]:
    return json.loads(get_meta(session, AWAITING_KEY) or "{}")


def _save(session: Session, awaiting: Mapping[str, Any]) -> None:
    set_meta(session, AWAITING_KEY, json.dumps(awaiting, sort_keys=True) if awaiting else None)


def settle_ahead(session: Session, conflict: Conflict, mid: int) -> None:
    """The chair's edit ``mid`` settles ``conflict`` on this desk until the server answers."""
    awaiting = _load(session)
    server_state = awaiting.get(conflict.id, {}).get("server", bool(conflict.resolved))
    awaiting[conflict.id] = {"mid": int(mid), "server": server_state}
    conflict.resolved = True
    _save(session, awaiting)


def pulled_state(session: Session, conflict_id: str, resolved: bool) -> bool:
    """The state to show for a pulled conflict: the server's, unless an edit settling it
    is still unanswered (then the server's is kept for the answer)."""
    awaiting = _load(session)
    entry = awaiting.get(conflict_id)
    if entry is None:
        return resolved
    if not resolved:
        entry["server"] = False
        _save(session, awaiting)
        return True
    del awaiting[conflict_id]  # the server settled it: nothing left to wait for
    _save(session, awaiting)
    return True


def answered(session: Session, mids: set[int]) -> None:
    """Edits ``mids`` have their final answer: the conflicts they settled ahead go back to
    the server's last known state (a later pull brings the server's settling, if any)."""
    awaiting = _load(session)
    done = [cid for cid, e in awaiting.items() if int(e["mid"]) in mids]
    if not done:
        return
    for cid in done:
        row = session.get(Conflict, cid)
        if row is not None:
            row.resolved = bool(awaiting[cid]["server"])
        del awaiting[cid]
    _save(session, awaiting)
