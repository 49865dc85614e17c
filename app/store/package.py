"""Installing a mission package (everything a desk needs to work offline) into the store.

Rows arrive as the server holds them, with their per-field versions: they are not edits of
this desk, so they write no outbox mutation and no audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.domain.text import fold

from .models import (
    Anonymity,
    Assessor,
    Base,
    Candidate,
    Decision,
    Interview,
    Mark,
    Mission,
    Scorecard,
    Seat,
)

MODELS = {
    "mission": Mission,
    "assessor": Assessor,
    "candidate": Candidate,
    "interview": Interview,
    "mark": Mark,
    "scorecard": Scorecard,
    "decision": Decision,
    "seat": Seat,
    "anonymity": Anonymity,
}
ENTITY_OF_MODEL: dict[type[Base], str] = {model: name for name, model in MODELS.items()}
# Parents before children, for foreign keys.
ORDER = ("mission", "assessor", "candidate", "interview", "mark", "scorecard", "decision",
         "seat", "anonymity")


SEARCHED = ("family_name", "given_names", "application_number", "home_institution",
            "partner_institution")


def search_text_of(row: Mapping[str, Any] | object) -> str:
    """Folded names, number and institutions of a candidate (a mapping or an object with
    those attributes), for accent-insensitive search."""
    get = row.get if isinstance(row, Mapping) else lambda k: getattr(row, k, None)
    return fold(" ".join(str(get(k) or "") for k in SEARCHED))


def bulk_install(session: Session, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
    """Insert rows of each entity in foreign-key order (fast path for new missions)."""
    for entity in ORDER:
        batch = [dict(r) for r in rows.get(entity, ())]
        if not batch:
            continue
        if entity == "candidate":
            for r in batch:
                r["search_text"] = search_text_of(r)
        session.execute(insert(MODELS[entity]), batch)
