"""The statements a push runs, each built once per kind of database and run with every push's
values as bound parameters (issue 15): building a statement (its columns, its conditions, its
cache key) took a tenth of a push's CPU, more than PostgreSQL took to answer some of them.

The names bound are those of each builder's docstring; ids go through
``server.among.among_value``.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Exists,
    Insert,
    Select,
    Update,
    bindparam,
    exists,
    insert,
    literal,
    select,
    union_all,
    update,
)

from .among import among_param
from .models import (
    Assessor,
    Base,
    Candidate,
    ClientState,
    Decision,
    DeskKey,
    Interview,
    Mark,
    Mission,
    MutationOutcome,
    Scorecard,
)


@functools.cache
def after_lock(ask_desks: bool) -> Select[Any]:
    """Read once the mission is locked: the caller's seat, the desk's state (None before its
    first push) and, with ``ask_desks``, whether desks registered after its cursor. Binds
    ``assessor_id``, ``client_id``, ``mission_id`` and ``cursor``."""
    desks = (desks_after(bindparam("mission_id"), bindparam("cursor")) if ask_desks
             else literal(False))
    return (select(Assessor, ClientState, desks)
            .outerjoin(ClientState, (ClientState.client_id == bindparam("client_id"))
                       & (ClientState.mission_id == bindparam("mission_id")))
            .where(Assessor.id == bindparam("assessor_id")))


def desks_after(mission_id: Any, after_seq: Any) -> Exists:
    """Whether a desk registered its key after ``after_seq`` (values or bound parameters)."""
    return exists().where(DeskKey.mission_id == mission_id, DeskKey.seq > after_seq)


@functools.cache
def outcomes_held(dialect: str) -> CompoundSelect:
    """(1, mid, mutation id, hash, status, detail) of the desk's outcomes under the batch's
    mids, and (0, ...) of anyone's under its mutation ids. Binds ``client_id``,
    ``mission_id``, ``mids`` and ``ids``."""
    o = MutationOutcome
    held = (select(literal(1), o.mid, o.mutation_id, o.hash, o.status, o.detail)
            .where(o.client_id == bindparam("client_id"),
                   o.mission_id == bindparam("mission_id"),
                   among_param(dialect, o.mid, "mids")))
    seen = (select(literal(0), o.mid, o.mutation_id, o.hash, o.status, o.detail)
            .where(among_param(dialect, o.mutation_id, "ids")))
    return union_all(held, seen)


@functools.cache
def rows_by_id(dialect: str, model: type[Base]) -> Select[Any]:
    """The model's rows (any mission) with these ids. Binds ``ids``."""
    return select(model).where(among_param(dialect, model.id, "ids"))  # type: ignore[attr-defined]


# The identity keys an entity's new rows could collide with, as (entity, value, subject):
# the application numbers of the mission, a marker's marks and an author's cards of the
# batch's candidates, their decisions and interviews.
KEYED = ("candidate", "mark", "scorecard", "decision", "interview")


@functools.cache
def identity_keys(dialect: str, entities: tuple[str, ...]) -> Select[Any] | CompoundSelect:
    """The stored identity keys of ``entities`` (some of KEYED, in that order). Binds
    ``mission_id`` and ``appnos`` (candidate), ``cands`` (the others) and ``me`` (mark,
    scorecard)."""
    parts: list[Select[Any]] = []
    for entity in entities:
        if entity == "candidate":
            parts.append(select(literal("candidate"), Candidate.application_number,
                                literal("")).where(
                Candidate.mission_id == bindparam("mission_id"),
                among_param(dialect, Candidate.application_number, "appnos")))
        elif entity == "mark":
            parts.append(select(literal("mark"), Mark.candidate_id, Mark.subject).where(
                among_param(dialect, Mark.candidate_id, "cands"),
                Mark.marker_id == bindparam("me")))
        elif entity == "scorecard":
            parts.append(select(literal("scorecard"), Scorecard.candidate_id, literal("")).where(
                among_param(dialect, Scorecard.candidate_id, "cands"),
                Scorecard.author_id == bindparam("me")))
        else:
            model = {"decision": Decision, "interview": Interview}[entity]
            parts.append(select(literal(entity), model.candidate_id, literal("")).where(
                among_param(dialect, model.candidate_id, "cands")))
    return parts[0] if len(parts) == 1 else union_all(*parts)


@functools.cache
def insert_state() -> Insert:
    """A desk's first state. Binds every ClientState column."""
    return insert(ClientState.__table__)  # type: ignore[arg-type]


@functools.cache
def update_state() -> Update:
    """A desk's state. Binds ``key_client``, ``key_mission`` and the columns written."""
    table = ClientState.__table__
    return update(table).where(  # type: ignore[arg-type]
        table.c.client_id == bindparam("key_client"),
        table.c.mission_id == bindparam("key_mission"))


@functools.cache
def write_seq() -> Update:
    """The mission's last seq. Binds ``key_mission`` and ``last_seq``."""
    table = Mission.__table__
    return update(table).where(table.c.id == bindparam("key_mission"))  # type: ignore[arg-type]
