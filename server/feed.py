"""What a desk pulls: rows changed after its cursor (paged), and the whole mission package.

Exactness: seq numbers of a mission are handed out only under the mission row lock and
committed with their rows, so once ``Mission.last_seq`` reads S, every row with seq <= S is
committed and visible. A page reads S first and asks only for seq in (cursor, S]: a row
committed later has a seq above S and comes in the next pull. Nothing is skipped.

Blind panel (app.domain.scorecard.visible_scorecards, the desk's rule, enforced here): a
scorecard travels to its author; to another member only once it is submitted, and then only
to a member who has submitted their own card (submitting bumps the seq of the colleagues'
submitted cards, so they come in the member's next pull) or who holds no card and is not on
the candidate's panel (the chair deliberating). A member holding an unsubmitted card of their
own never receives a colleague's, whether the candidate has an interview row or not and
whatever the panel says now (only the chair changes a panel).
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict, defaultdict

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from sync.protocol import PAGE_BYTES, PAGE_SIZE, PROTOCOL_SCHEMA, Change, MissionPackage

from .among import among
from .models import SYNCED_MODELS, Conflict, Interview, Mission, Scorecard
from .rows import to_change

FEED_ORDER = ("assessor", "candidate", "interview", "mark", "scorecard", "decision", "seat",
              "anonymity", "conflict")


def on_panel_pattern(viewer_id: str) -> str:
    """The LIKE pattern of a panel (a JSON list of assessor ids) naming ``viewer_id``: ids are
    uuids, with no LIKE wildcard in them."""
    return f'%"{viewer_id}"%'


def _visible(entity: str, viewer_id: ColumnElement[str] | str,
             panel_pattern: ColumnElement[str] | str | None = None) -> ColumnElement[bool] | None:
    """The rows of ``entity`` the viewer may receive (None: all). ``viewer_id`` and
    ``panel_pattern`` (``'%"<viewer id>"%'``) may be bound parameters (the page statement)."""
    if entity == "scorecard":
        own = aliased(Scorecard)
        mine = and_(own.candidate_id == Scorecard.candidate_id, own.author_id == viewer_id,
                    own.deleted.is_(False))
        own_submitted = exists().where(mine, own.submitted.is_(True))
        own_any = exists().where(mine)
        if panel_pattern is None:
            panel_pattern = on_panel_pattern(str(viewer_id))
        on_panel = exists().where(Interview.candidate_id == Scorecard.candidate_id,
                                  cast(Interview.panel, String).like(panel_pattern))
        # A colleague's card: once submitted, to a viewer who submitted their own, or who
        # never held a card and is not on the panel (the chair deliberating). Whoever holds
        # an unsubmitted card of their own never receives one, panel or not.
        return or_(Scorecard.author_id == viewer_id, Scorecard.deleted.is_(True),
                   and_(Scorecard.submitted.is_(True),
                        or_(own_submitted, and_(~own_any, ~on_panel))))
    return None


class RowCache:
    """Serialized Changes keyed by (entity, row id, seq), bounded in bytes (least recently
    stored first out): a few huge rows cannot take the server's memory.

    Every change of a row gives it a new seq, so a key always names one content: entries never
    go stale, they only stop being asked for. With many desks on a mission each row is pulled
    by every other desk; serializing it once saves most of a page's cost.
    """

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._data: OrderedDict[tuple[str, str, int], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, int]) -> str | None:
        with self._lock:
            return self._data.get(key)

    def get_many(self, keys: list[tuple[str, str, int]]) -> list[str | None]:
        """The texts of ``keys`` (None where not held), under one lock for the page."""
        with self._lock:
            get = self._data.get
            return [get(k) for k in keys]

    def put(self, key: tuple[str, str, int], value: str) -> None:
        size = len(value)  # JSON text is mostly ASCII: characters ~ bytes
        if size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.bytes -= len(old)
            self._data[key] = value
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, dropped = self._data.popitem(last=False)
                self.bytes -= len(dropped)


ROW_CACHE = RowCache()


def changes_after_json(session: Session, mission_id: str, viewer_id: str, cursor: int,
                       page_size: int | None = None) -> tuple[list[str], int, bool]:
    """(changes in seq order as JSON texts, new cursor, has_more)."""
    page_size = page_size or PAGE_SIZE
    hits, cursor, has_more = _page(session, mission_id, viewer_id, cursor, page_size)
    texts: dict[tuple[str, str, int], str] = {}
    missing: dict[str, list[str]] = defaultdict(list)
    for key, cached in zip(hits, ROW_CACHE.get_many(hits), strict=True):
        if cached is None:
            missing[key[0]].append(key[1])
        else:
            texts[key] = cached
    for entity, ids in missing.items():
        for change in _load(session, entity, ids):
            text = change.model_dump_json()
            key = (entity, change.row_id, change.seq)
            ROW_CACHE.put(key, text)
            texts[key] = text
    # a row changed again since the page query is skipped here: its newer seq is above
    # this page's bound and comes in a later pull
    out: list[str] = []
    size = 0
    for i, key in enumerate(hits):
        text = texts.get(key)
        if text is None:
            continue
        if out and size + len(text) > PAGE_BYTES:
            # over the page's byte budget: the rest comes in the next page, from just
            # before this row
            return out, hits[i - 1][2], True
        out.append(text)
        size += len(text)
    return out, cursor, has_more


def changes_after(session: Session, mission_id: str, viewer_id: str, cursor: int,
                  page_size: int | None = None) -> tuple[list[Change], int, bool]:
    """(changes in seq order, new cursor, has_more)."""
    texts, cursor, has_more = changes_after_json(session, mission_id, viewer_id, cursor,
                                                 page_size)
    return [Change.model_validate_json(t) for t in texts], cursor, has_more


def _load(session: Session, entity: str, ids: list[str]) -> list[Change]:
    model = SYNCED_MODELS[entity]
    table = model.__table__  # plain rows: no ORM identity map for a read-only page
    out = []
    for i in range(0, len(ids), 500):
        out += [to_change(entity, row) for row in session.execute(
            select(table).where(among(session, table.c.id, ids[i:i + 500])))]
    return out


def _page(session: Session, mission_id: str, viewer_id: str, cursor: int, page_size: int
          ) -> tuple[list[tuple[str, str, int]], int, bool]:
    top = session.scalar(select(Mission.last_seq).where(Mission.id == mission_id)) or 0
    if cursor >= top:
        return [], max(cursor, top), False
    hits = session.execute(_page_statement(), {
        "mission_id": mission_id, "viewer_id": viewer_id, "cursor": cursor, "top": top,
        "panel_pattern": on_panel_pattern(viewer_id), "limit": page_size + 1}).all()
    has_more = len(hits) > page_size
    hits = hits[:page_size]
    new_cursor = hits[-1][2] if has_more else top
    return [(e, rid, int(seq)) for e, rid, seq in hits], new_cursor, has_more


@functools.cache
def _page_statement() -> Select:
    """The page query, built once with bound parameters: built per pull (a union over every
    entity with the blind-panel rule) its construction and cache key cost more than the
    database's answer (issue 15)."""
    mission_id = bindparam("mission_id", type_=String)
    cursor, top = bindparam("cursor", type_=BigInteger), bindparam("top", type_=BigInteger)
    parts: list[Select] = [select(literal("mission").label("entity"), Mission.id.label("id"),
                                  Mission.seq.label("seq")).where(
        Mission.id == mission_id, Mission.seq > cursor, Mission.seq <= top)]
    for entity in FEED_ORDER:
        model = SYNCED_MODELS[entity]
        conds = [model.mission_id == mission_id, model.seq > cursor,  # type: ignore[attr-defined]
                 model.seq <= top]  # type: ignore[attr-defined]
        extra = _visible(entity, bindparam("viewer_id", type_=String),
                         bindparam("panel_pattern", type_=String))
        if extra is not None:
            conds.append(extra)
        parts.append(select(literal(entity).label("entity"), model.id.label("id"),  # type: ignore[attr-defined]
                            model.seq.label("seq")).where(and_(*conds)))  # type: ignore[attr-defined]
    u = union_all(*parts).subquery()
    return select(u.c.entity, u.c.id, u.c.seq).order_by(u.c.seq).limit(
        bindparam("limit", type_=Integer))


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


def rows_for(session: Session, mission: Mission, viewer_id: str,
             keys: list[tuple[str, str]]) -> list[Change]:
    """The live rows named by ``keys`` that the viewer may hold (same rule as the feed)."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, row_id in keys:
        by_entity[entity].append(row_id)
    out: list[Change] = []
    for entity in FEED_ORDER:
        ids = by_entity.get(entity)
        if not ids:
            continue
        model = SYNCED_MODELS[entity]
        conds = [model.mission_id == mission.id, model.deleted.is_(False),  # type: ignore[attr-defined]
                 model.id.in_(ids)]  # type: ignore[attr-defined]
        extra = _visible(entity, viewer_id)
        if extra is not None:
            conds.append(extra)
        out.extend(to_change(entity, r) for r in session.scalars(select(model).where(*conds)))
    return out


def package_etag(mission: Mission, viewer_id: str) -> str:
    # The package differs per viewer (blind panel), so the viewer is part of the tag.
    digest = hashlib.sha256(f"{PROTOCOL_SCHEMA}:{mission.id}:{mission.last_seq}:{viewer_id}"
                            .encode()).hexdigest()
    return f'"{digest[:32]}"'
