"""The desk's tables (SQLAlchemy 2 typed ORM). Schema changes go through Alembic."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import UtcDateTime, utcnow


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, dt.datetime: UtcDateTime}


class Versioned:
    """Per-field versions as last seen from the server: the base of the next edit."""

    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Mission(Versioned, Base):
    __tablename__ = "mission"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    start_date: Mapped[str] = mapped_column(String(10), default="")
    end_date: Mapped[str] = mapped_column(String(10), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    # MissionConfig as JSON: subjects, rubric, weights, options, double-marking threshold.
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Assessor(Versioned, Base):
    __tablename__ = "assessor"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[str] = mapped_column(String(16))
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False)


class Candidate(Versioned, Base):
    __tablename__ = "candidate"
    __table_args__ = (
        UniqueConstraint("mission_id", "application_number"),
        Index("ix_candidate_mission_status", "mission_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    application_number: Mapped[str] = mapped_column(String(40))
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    nationality: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    home_institution: Mapped[str] = mapped_column(String(300), default="")
    track: Mapped[str] = mapped_column(String(16))
    partner_institution: Mapped[str] = mapped_column(String(300), default="")
    wishes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="registered")
    # Declared unavailable times (the import column's text, planning.unavailable's form).
    unavailable: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Folded names, number and institution for accent-insensitive search; derived, not synced.
    search_text: Mapped[str] = mapped_column(Text, default="")


class Interview(Versioned, Base):
    __tablename__ = "interview"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True
    )
    starts_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    room: Mapped[str] = mapped_column(String(80), default="")
    panel: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Minutes; 0 = the mission's slot length.
    duration: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Seat(Versioned, Base):
    """A candidate's seat and script code at a written-test sitting (planning)."""

    __tablename__ = "seat"
    __table_args__ = (UniqueConstraint("candidate_id", "sitting"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    sitting: Mapped[str] = mapped_column(String(40))  # the sitting's id in PlanningConfig
    seat: Mapped[int] = mapped_column(Integer, default=0)
    script_code: Mapped[str] = mapped_column(String(16), default="", index=True)


class Anonymity(Versioned, Base):
    """The chair's lifting of anonymous marking for a subject; no row: not lifted."""

    __tablename__ = "anonymity"
    __table_args__ = (UniqueConstraint("mission_id", "subject"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(40))
    lifted: Mapped[bool] = mapped_column(Boolean, default=False)


class Mark(Versioned, Base):
    __tablename__ = "mark"
    __table_args__ = (UniqueConstraint("candidate_id", "subject", "marker_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str] = mapped_column(String(40))
    marker_id: Mapped[str] = mapped_column(ForeignKey("assessor.id"))
    # Decimal as text ("12.75") or "absent"; None once a mark is cleared.
    value: Mapped[str | None] = mapped_column(String(16), nullable=True)


class Scorecard(Versioned, Base):
    __tablename__ = "scorecard"
    __table_args__ = (UniqueConstraint("candidate_id", "author_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[str] = mapped_column(ForeignKey("assessor.id"))
    levels: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str | None] = mapped_column(String(16), nullable=True)
    submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    amendments: Mapped[int] = mapped_column(Integer, default=0)


class Decision(Versioned, Base):
    __tablename__ = "decision"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True
    )
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    option_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    rationale: Mapped[str] = mapped_column(Text, default="")
    # Why an admit stands without a complete composite score (printed on the jury minutes).
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by: Mapped[str | None] = mapped_column(String(36), nullable=True)


class OutboxMutation(Base):
    """One edit waiting for (or answered by) the server. Kept until answered."""

    __tablename__ = "outbox"
    # AUTOINCREMENT: a mid is never reused, even after the newest row is gone.
    __table_args__ = (Index("ix_outbox_state", "state", "mid"), {"sqlite_autoincrement": True})

    mid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[str] = mapped_column(String(36))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    base: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # pending | applied | duplicate | rejected | conflict
    state: Mapped[str] = mapped_column(String(12), default="pending")
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Who made the edit: it travels under that assessor's account (several share a desk).
    author_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class AuditEntry(Base):
    """Who changed what, when, from what to what: the trail an appeal relies on."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_row", "entity", "row_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor_id: Mapped[str] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Conflict(Base):
    """A shared field two people changed from the same version: both values kept."""

    __tablename__ = "conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    current_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    other_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    detected_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class Receipt(Base):
    """A server's signed receipt (app.domain.receipts), kept only once checked against the
    pinned key: the server holds every change of this desk up to ``last_mid``."""

    __tablename__ = "receipt"
    __table_args__ = (Index("ix_receipt_last_mid", "last_mid"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mission_id: Mapped[str] = mapped_column(String(36))
    last_mid: Mapped[int] = mapped_column(Integer)
    server_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The desk identity the receipt answers (None: the desk's own client_id).
    client_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class DeskUser(Base):
    """An assessor who unlocks this desk with their own PIN (argon2id hash, never the PIN),
    with their wrong-try throttle and their own sync identity on this desk."""

    __tablename__ = "desk_user"

    assessor_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pin_hash: Mapped[str] = mapped_column(Text)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    client_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class Meta(Base):
    """Small key/value settings of this desk: client id, current mission and assessor,
    sync cursor, last successful sync."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
