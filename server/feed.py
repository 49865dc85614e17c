"""What a desk pulls: rows changed after its cursor (paged), and the whole mission package.

Exactness: seq numbers of a mission are handed out only under the mission row lock and
committed with their rows, so once ``Mission.last_seq`` reads S, every row with seq <= S is
committed and visible. A page reads S first and asks only for seq in (cursor, S]: a row
committed later has a seq above S and comes in the next pull. Nothing is skipped.

Blind panel: a scorecard that is not submitted travels only to its author; others receive
it once submitted (submitting bumps its seq, so it appears in their next pull).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sqlalchemy import ColumnElement, Select, and_, literal, or_, select, union_all
from sqlalchemy.orm import Session

from sync.protocol import PAGE_SIZE, PROTOCOL_SCHEMA, Change, MissionPackage

from .models import SYNCED_MODELS, Conflict, Mission, Scorecard
from .rows import to_change

FEED_ORDER = ("assessor", "candidate", "interview", "mark", "scorecard", "decision",
              "conflict")


def _visible(entity: str, viewer_id: str) -> ColumnElement[bool] | None:
    if entity == "scorecard":
        return or_(Scorecard.submitted.is_(True), Scorecard.author_id == viewer_id,
                   Scorecard.deleted.is_(True))
    return None


def changes_after(session: Session, mission_id: str, viewer_id: str, cursor: int,
                  page_size: int | None = None) -> tuple[list[Change], int, bool]:
    """(changes in seq order, new cursor, has_more)."""
    page_size = page_size or PAGE_SIZE
    top = session.scalar(select(Mission.last_seq).where(Mission.id == mission_id)) or 0
    if cursor >= top:
        return [], max(cursor, top), False
    parts: list[Select] = []
    mission_q = select(literal("mission").label("entity"), Mission.id.label("id"),
                       Mission.seq.label("seq")).where(
        Mission.id == mission_id, Mission.seq > cursor, Mission.seq <= top)
    parts.append(mission_q)
    for entity in FEED_ORDER:
        model = SYNCED_MODELS[entity]
        conds = [model.mission_id == mission_id, model.seq > cursor,  # type: ignore[attr-defined]
                 model.seq <= top]  # type: ignore[attr-defined]
        extra = _visible(entity, viewer_id)
        if extra is not None:
            conds.append(extra)
        parts.append(select(literal(entity).label("entity"), model.id.label("id"),  # type: ignore[attr-defined]
                            model.seq.label("seq")).where(and_(*conds)))  # type: ignore[attr-defined]
    u = union_all(*parts).subquery()
    hits = session.execute(select(u.c.entity, u.c.id, u.c.seq).order_by(u.c.seq)
                           .limit(page_size + 1)).all()
    has_more = len(hits) > page_size
    hits = hits[:page_size]
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, row_id, _seq in hits:
        by_entity[entity].append(row_id)
    loaded: dict[tuple[str, str], Change] = {}
    for entity, ids in by_entity.items():
        model = SYNCED_MODELS[entity]
        for i in range(0, len(ids), 500):
            table = model.__table__  # plain rows: no ORM identity map for a read-only page
            for row in session.execute(select(table).where(table.c.id.in_(ids[i:i + 500]))):
                loaded[(entity, row.id)] = to_change(entity, row)
    changes = [loaded[(e, rid)] for e, rid, _ in hits if (e, rid) in loaded]
    new_cursor = hits[-1][2] if has_more else top
    return changes, new_cursor, has_more


def package(session: Session, mission: Mission, viewer_id: str) -> MissionPackage:
    """Every live row of the mission a desk needs offline, and the cursor to pull from."""
    top = mission.last_seq
    rows: list[Change] = []
    for entity in FEED_ORDER:
        model = SYNCED_MODELS[entity]
        conds = [model.mission_id == mission.id, model.deleted.is_(False),  # type: ignore[attr-defined]
                 model.seq <= top]  # type: ignore[attr-defined]
        extra = _visible(entity, viewer_id)
        if extra is not None:
            conds.append(extra)
        if entity == "conflict":
            conds.append(Conflict.resolved.is_(False))
        q = select(model).where(and_(*conds)).order_by(model.seq)  # type: ignore[attr-defined]
        rows.extend(to_change(entity, r) for r in session.scalars(q))
    return MissionPackage(schema=PROTOCOL_SCHEMA, mission=to_change("mission", mission),
                          rows=rows, cursor=top)


def package_etag(mission: Mission, viewer_id: str) -> str:
    # The package differs per viewer (blind panel), so the viewer is part of the tag.
    digest = hashlib.sha256(f"{PROTOCOL_SCHEMA}:{mission.id}:{mission.last_seq}:{viewer_id}"
                            .encode()).hexdigest()
    return f'"{digest[:32]}"'
