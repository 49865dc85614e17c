"""The server's tables (SQLAlchemy 2 typed ORM), independent of the desk's store.

Every synced row carries ``versions`` (field -> int, bumped on each applied change) and
``seq``: the mission-wide change sequence number of its last change. ``Mission.last_seq`` is
the counter those numbers come from; it is only advanced while the mission row is locked
(see server.sync_apply), so seq numbers of one mission commit in order and "changes after
cursor" never skips a row. ``deleted`` rows are tombstones: they travel as deleted changes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer, "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands back naive ones written as UTC)."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        dt.datetime: DateTime(timezone=True),
    }


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The console's role (admin, officer, viewer); None: mission membership only.
    console_role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    locale: Mapped[str] = mapped_column(String(5), default="en", server_default="en")


class Device(Base):
    """A login on one desk: its token is random and only its SHA-256 is stored."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    name: Mapped[str] = mapped_column(String(120), default="desk")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    # The client address at last_seen_at (the proxy's X-Forwarded-For when trusted).
    last_address: Mapped[str] = mapped_column(String(64), default="", server_default="")


class Synced:
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Mission(Synced, Base):
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
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The mission's change counter: the highest seq handed out so far.
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Assessor(Synced, Base):
    """A user's membership of a mission, with a role; one assessor per mission is chair."""

    __tablename__ = "assessor"
    __table_args__ = (
        UniqueConstraint("mission_id", "user_id"),
        Index("ix_assessor_feed", "mission_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[str] = mapped_column(String(16))
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False)


class Candidate(Synced, Base):
    __tablename__ = "candidate"
    __table_args__ = (
        UniqueConstraint("mission_id", "application_number"),
        Index("ix_candidate_feed", "mission_id", "seq"),
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


class Interview(Synced, Base):
    __tablename__ = "interview"
    __table_args__ = (Index("ix_interview_feed", "mission_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True)
    starts_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    room: Mapped[str] = mapped_column(String(80), default="")
    panel: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Minutes; 0 = the mission's slot length.
    duration: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Seat(Synced, Base):
    """A candidate's seat and script code at a written-test sitting; the chair's row."""

    __tablename__ = "seat"
    __table_args__ = (
        UniqueConstraint("candidate_id", "sitting"),
        Index("ix_seat_feed", "mission_id", "seq"),
        Index("ix_seat_code", "mission_id", "script_code"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    sitting: Mapped[str] = mapped_column(String(40))
    seat: Mapped[int] = mapped_column(Integer, default=0)
    script_code: Mapped[str] = mapped_column(String(16), default="")


class Anonymity(Synced, Base):
    """The chair's lifting of anonymous marking for one subject; no row: not lifted."""

    __tablename__ = "anonymity"
    __table_args__ = (
        UniqueConstraint("mission_id", "subject"),
        Index("ix_anonymity_feed", "mission_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(40))
    lifted: Mapped[bool] = mapped_column(Boolean, default=False)


class Mark(Synced, Base):
    __tablename__ = "mark"
    __table_args__ = (
        UniqueConstraint("candidate_id", "subject", "marker_id"),
        Index("ix_mark_feed", "mission_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(40))
    marker_id: Mapped[str] = mapped_column(ForeignKey("assessor.id"))
    # Decimal as text ("12.75") or "absent"; None once cleared.
    value: Mapped[str | None] = mapped_column(String(16), nullable=True)


class Scorecard(Synced, Base):
    __tablename__ = "scorecard"
    __table_args__ = (
        UniqueConstraint("candidate_id", "author_id"),
        Index("ix_scorecard_feed", "mission_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    author_id: Mapped[str] = mapped_column(ForeignKey("assessor.id"))
    levels: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str | None] = mapped_column(String(16), nullable=True)
    submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    amendments: Mapped[int] = mapped_column(Integer, default=0)


class Decision(Synced, Base):
    __tablename__ = "decision"
    __table_args__ = (Index("ix_decision_feed", "mission_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    option_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    rationale: Mapped[str] = mapped_column(Text, default="")
    # Why an admit stands without a complete composite score (printed on the jury minutes).
    override_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Conflict(Synced, Base):
    """A shared field changed from a stale version to another value: both values kept."""

    __tablename__ = "conflict"
    __table_args__ = (
        Index("ix_conflict_feed", "mission_id", "seq"),
        Index("ix_conflict_field", "entity", "row_id", "field"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    current_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    other_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    current_author: Mapped[str | None] = mapped_column(String(36), nullable=True)
    other_author: Mapped[str | None] = mapped_column(String(36), nullable=True)
    other_mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by: Mapped[str | None] = mapped_column(String(36), nullable=True)


class ClientState(Base):
    """The highest mid received from one desk (client_id) for one mission.

    ``device_id`` is the device (login) the client_id is bound to: the first one that pushed
    under it. Another device's push under this client_id is refused; a new sign-in from the
    same desk (LoginRequest.replaces) moves the binding to the new device.
    """

    __tablename__ = "client_state"
    __table_args__ = (Index("ix_client_state_device", "device_id"),)

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mission_id: Mapped[str] = mapped_column(
        ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    last_mid: Mapped[int] = mapped_column(BigInteger, default=0)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class MutationOutcome(Base):
    """The final status of one received mutation, stored with its effect (exactly once)."""

    __tablename__ = "mutation_outcome"

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mission_id: Mapped[str] = mapped_column(
        ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    mid: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    mutation_id: Mapped[str] = mapped_column(String(36), index=True)
    hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(Text, default="")
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Each applied field change: who, when (desk clock and server clock), old -> new."""

    __tablename__ = "audit"
    # Led by row_id: the conflict rule reads a row's history by its id alone (migration 0007).
    __table_args__ = (Index("ix_audit_row", "row_id", "entity"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    mission_id: Mapped[str] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    client_at: Mapped[str] = mapped_column(String(64), default="")
    server_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # The desk that sent the mutation: a run of one desk's own edits is not a conflict.
    client_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class LoginThrottle(Base):
    """Failed sign-ins per user name or per client address, shared by every server worker.

    ``key`` is ``user:<name>`` or ``addr:<address>``; past a free allowance of failures the key
    is blocked until ``blocked_until``, for a time that doubles with each further failure."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    last_failure_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SecurityEvent(Base):
    """Security-relevant events outside any mission (sign-in lock-outs): the server's trail."""

    __tablename__ = "security_event"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class ConsoleSession(Base):
    """A signed-in browser of the console: the cookie holds a random id, only its SHA-256 is
    stored. Ends after ``expires_at`` (absolute) or when unused for the idle time."""

    __tablename__ = "console_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    locale: Mapped[str] = mapped_column(String(5), default="en")
    address: Mapped[str] = mapped_column(String(64), default="")


class ReceiptKey(Base):
    """The server's Ed25519 key that signs sync receipts (server.receipts), made at migrate.

    One row (id 1). In the database, not a file: the database is the only state every worker
    and every restore shares, so receipts signed before a restore still verify after it."""

    __tablename__ = "receipt_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    private_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DeskKey(Base):
    """A desk's Ed25519 public key, registered at its first sync with a mission.

    It lets teammates and the server check the bundles the desk signs (sync.bundle). The key
    of a client_id never changes; ``seq`` is the mission seq handed out at registration, so a
    desk learns of teammates' keys registered after its cursor.
    """

    __tablename__ = "desk_key"

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mission_id: Mapped[str] = mapped_column(
        ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36))
    assessor_id: Mapped[str] = mapped_column(String(36))
    public_key: Mapped[str] = mapped_column(String(60))
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class BundleKey(Base):
    """A mission's AES-GCM key for team bundles, made on first need, given to its members."""

    __tablename__ = "bundle_key"

    mission_id: Mapped[str] = mapped_column(
        ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(60))


SYNCED_MODELS: dict[str, type[Base]] = {
    "mission": Mission,
    "assessor": Assessor,
    "candidate": Candidate,
    "interview": Interview,
    "mark": Mark,
    "scorecard": Scorecard,
    "decision": Decision,
    "seat": Seat,
    "anonymity": Anonymity,
    "conflict": Conflict,
}
