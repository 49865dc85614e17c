"""The HTTP API (DESIGN.md §4, §6): login, devices, missions, package, sync, admin."""


import asyncio
import base64
import datetime as dt
import functools
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError as PydanticError
from sqlalchemy import Engine, Select, bindparam, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.gzip import GZipMiddleware

from app.domain.mission import MissionConfig
from sync.protocol import (
    API_PREFIX,
    PIPELINE_WAIT_SECONDS,
    PROTOCOL_SCHEMA,
    DeviceInfo,
    ErrorResponse,
    LoginRequest,
    LoginResponse,
    MissionPackage,
    MissionSummary,
    Mutation,
    RowsRequest,
    RowsResponse,
    SyncRequest,
    SyncResponse,
    UserInfo,
)

from . import accounts, bundles, errors, receipts
from . import push_statements as statements
from .body import BodyLimit, read_json
from .console import mount_console
from .db import make_engine, session_factory
from .errors import ApiError
from .feed import changes_after_json, package, package_etag, rows_for
from .headers import SecurityHeaders
from .missions import lock_mission
from .models import Assessor, ClientState, Device, Mission, User
from .schemas import CreateUserRequest, SyncEnvelope
from .signin import SignIn
from .sync_apply import Actor, PushApplier, Refused
from .throttle import LoginThrottleStore, Throttled, ThrottlePolicy

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 413, 415, 422)
}
ENV_TOKEN_IDLE_DAYS = "MISSION_DESK_TOKEN_IDLE_DAYS"


def token_idle_from_env() -> dt.timedelta:
    days = os.environ.get(ENV_TOKEN_IDLE_DAYS)
    return dt.timedelta(days=float(days)) if days else accounts.DEFAULT_TOKEN_IDLE


@dataclass(frozen=True)
class Principal:
    user_id: str
    device_id: str
    is_admin: bool


def _bearer(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ApiError(401, "unauthorized", "sign in: a device token is required",
                       headers={"WWW-Authenticate": "Bearer"})
    token = authorization[7:].strip()
    if not token or len(token) > 200:
        raise ApiError(401, "unauthorized", "the device token is not valid",
                       headers={"WWW-Authenticate": "Bearer"})
    return token


def authenticate(s: Session, authorization: str | None,
                 idle: dt.timedelta = accounts.DEFAULT_TOKEN_IDLE, address: str = ""
                 ) -> Principal:
    token = _bearer(authorization)
    device, user = accounts.device_for_token(s, token)
    if device is None or user is None:
        raise ApiError(401, "unauthorized", "the device token is not valid",
                       headers={"WWW-Authenticate": "Bearer"})
    if device.revoked_at is not None:
        raise ApiError(401, "token_revoked", "this device's token was revoked: sign in again",
                       headers={"WWW-Authenticate": "Bearer"})
    if accounts.is_expired(device, idle):
        raise ApiError(401, "token_expired",
                       f"this device's sign-in expired after {idle.days} days unused: "
                       "sign in again", headers={"WWW-Authenticate": "Bearer"})
    accounts.touch(device, address)
    return Principal(user.id, device.id, user.is_admin)


def _address(request: Request) -> str:
    """The client's address (the TLS proxy's X-Forwarded-For when uvicorn trusts it)."""
    return request.client.host if request.client else ""


@functools.cache
def _mission_and_seat() -> Select[Any]:
    # built once: every mission request asks (binds mission_id, user_id)
    return (select(Mission, Assessor)
            .outerjoin(Assessor, accounts.seat_of(Mission.id, bindparam("user_id")))
            .where(Mission.id == bindparam("mission_id")))


def member_of(s: Session, mission_id: str, principal: Principal) -> tuple[Mission, Assessor]:
    # The mission and the caller's seat in it, in one query (every mission request asks).
    row = s.execute(_mission_and_seat(), {"mission_id": mission_id,
                                          "user_id": principal.user_id}
                    ).first() if len(mission_id) <= 36 else None
    if row is None or row[0].deleted:
        raise ApiError(404, "not_found", "no such mission")
    mission, assessor = row
    if assessor is None:
        raise ApiError(403, "forbidden", "you are not a member of this mission")
    return mission, assessor


def create_app(database_url: str | None = None, engine: Engine | None = None, *,
               token_idle: dt.timedelta | None = None,
               throttle: ThrottlePolicy | None = None) -> FastAPI:
    """``token_idle``: how long an unused device token stays valid (default: 90 days, or
    $MISSION_DESK_TOKEN_IDLE_DAYS); ``throttle``: the sign-in throttle's policy."""
    engine = engine or make_engine(database_url)
    sessions: sessionmaker[Session] = session_factory(engine)
    idle = token_idle or token_idle_from_env()
    app = FastAPI(title="Mission Desk central server", version="1",
                  description="Admissions server of Mission Desk (see DESIGN.md §4-§7).")
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.token_idle = idle
    # One sign-in check (throttle, argon2 gate) for the API and the console.
    signin = app.state.signin = SignIn(sessions, LoginThrottleStore(sessions, throttle))
    errors.install(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    # Responses (packages, pulled changes) are mostly repetitive JSON: gzip cuts the bytes a
    # desk downloads over hotel Wi-Fi severalfold. Small replies (an idle sync) stay plain.
    # Level 6, not Starlette's 9: the same size within 1% for a page of changes, at half the
    # server's CPU (a push's reply is a page of up to 500 rows; issue 15).
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)

    def db() -> Iterator[Session]:
        with sessions() as s, s.begin():
            yield s

    # scope="function": commit before the response leaves, so a client that got a token
    # (or a 204 for a revocation) can rely on it at once.
    SessionDep = Annotated[Session, Depends(db, scope="function")]

    def principal(s: SessionDep, request: Request,
                  authorization: Annotated[str | None, Header()] = None) -> Principal:
        return authenticate(s, authorization, idle, _address(request))

    PrincipalDep = Annotated[Principal, Depends(principal)]

    def admin(p: PrincipalDep) -> Principal:
        if not p.is_admin:
            raise ApiError(403, "forbidden", "this needs the admin role")
        return p

    AdminDep = Annotated[Principal, Depends(admin)]

    @app.post(f"{API_PREFIX}/login", response_model=LoginResponse,
              responses={**ERRORS, 429: {"model": ErrorResponse}}, tags=["accounts"])
    async def login(body: LoginRequest, request: Request) -> Response:
        address = _address(request)

        def issue(user: User) -> LoginResponse:
            with sessions() as s, s.begin():
                token, device = accounts.issue_token(s, user, body.device_name, body.replaces,
                                                     address=address)
            return LoginResponse(token=token, device_id=device.id,
                                 user=accounts.user_info(user))

        try:
            user = await signin.check(body.username, body.password, address)
        except Throttled as exc:
            raise ApiError(429, "too_many_attempts", str(exc),
                           headers={"Retry-After": str(exc.retry_after)}) from None
        if user is None:
            raise ApiError(401, "invalid_credentials", "wrong username or password")
        resp = await run_in_threadpool(issue, user)
        return Response(resp.model_dump_json(), media_type="application/json")

    def _devices(s: Session, user_id: str | None) -> list[DeviceInfo]:
        q = select(Device, User).join(User, User.id == Device.user_id).order_by(
            Device.created_at)
        if user_id is not None:
            q = q.where(Device.user_id == user_id)
        return [accounts.device_info(d, u) for d, u in s.execute(q).all()]

    @app.get(f"{API_PREFIX}/me/devices", response_model=list[DeviceInfo], responses=ERRORS,
             tags=["accounts"])
    def my_devices(s: SessionDep, p: PrincipalDep) -> list[DeviceInfo]:
        return _devices(s, p.user_id)

    @app.delete(f"{API_PREFIX}/me/devices/{{device_id}}", status_code=204, responses=ERRORS,
                tags=["accounts"])
    def revoke_mine(device_id: str, s: SessionDep, p: PrincipalDep) -> Response:
        device = s.get(Device, device_id) if len(device_id) <= 36 else None
        if device is None or device.user_id != p.user_id:
            raise ApiError(404, "not_found", "no such device among yours")
        accounts.revoke(device)
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/admin/devices", response_model=list[DeviceInfo], responses=ERRORS,
             tags=["admin"])
    def all_devices(s: SessionDep, _p: AdminDep) -> list[DeviceInfo]:
        return _devices(s, None)

    @app.delete(f"{API_PREFIX}/admin/devices/{{device_id}}", status_code=204, responses=ERRORS,
                tags=["admin"])
    def revoke_any(device_id: str, s: SessionDep, _p: AdminDep) -> Response:
        device = s.get(Device, device_id) if len(device_id) <= 36 else None
        if device is None:
            raise ApiError(404, "not_found", "no such device")
        accounts.revoke(device)
        return Response(status_code=204)

    @app.post(f"{API_PREFIX}/admin/users", response_model=UserInfo, status_code=201,
              responses={**ERRORS, 409: {"model": ErrorResponse}}, tags=["admin"])
    def create_user(body: CreateUserRequest, s: SessionDep, _p: AdminDep) -> UserInfo:
        try:
            user = accounts.create_user(s, body.username, body.password, name=body.name,
                                        email=body.email, is_admin=body.is_admin)
        except accounts.AccountError as exc:
            raise ApiError(409, "user_exists", str(exc)) from None
        return accounts.user_info(user)

    @app.get(f"{API_PREFIX}/missions", response_model=list[MissionSummary], responses=ERRORS,
             tags=["missions"])
    def my_missions(s: SessionDep, p: PrincipalDep) -> list[MissionSummary]:
        rows = s.execute(select(Mission, Assessor).join(
            Assessor, Assessor.mission_id == Mission.id).where(
            Assessor.user_id == p.user_id, Assessor.deleted.is_(False),
            Mission.deleted.is_(False)).order_by(Mission.start_date, Mission.code)).all()
        return [MissionSummary(
            id=m.id, code=m.code, name=m.name, country=m.country, city=m.city,
            start_date=m.start_date, end_date=m.end_date, status=m.status, role=a.role,
            is_chair=a.is_chair, assessor_id=a.id) for m, a in rows]

    @app.get(f"{API_PREFIX}/missions/{{mission_id}}/package", response_model=MissionPackage,
             responses={**ERRORS, 304: {"description": "not modified (If-None-Match)"}},
             tags=["missions"])
    def mission_package(mission_id: str, s: SessionDep, p: PrincipalDep,
                        if_none_match: Annotated[str | None, Header()] = None) -> Response:
        mission, assessor = member_of(s, mission_id, p)
        etag = package_etag(mission, assessor.id)
        if if_none_match and etag in [t.strip() for t in if_none_match.split(",")]:
            return Response(status_code=304, headers={"ETag": etag})
        pkg = package(s, mission, assessor.id)
        pkg.receipt_key = receipts.public_key(s)
        return Response(pkg.model_dump_json(by_alias=True), media_type="application/json",
                        headers={"ETag": etag})

    @app.post(f"{API_PREFIX}/missions/{{mission_id}}/rows", response_model=RowsResponse,
              responses=ERRORS, tags=["sync"])
    def mission_rows(mission_id: str, body: RowsRequest, s: SessionDep,
                     p: PrincipalDep) -> RowsResponse:
        """Some rows as the server holds them now: a desk undoes refused edits with them."""
        mission, assessor = member_of(s, mission_id, p)
        keys = [(k.entity, k.row_id) for k in body.keys]
        return RowsResponse(rows=rows_for(s, mission, assessor.id, keys))

    @app.post(
        f"{API_PREFIX}/missions/{{mission_id}}/sync", response_model=SyncResponse,
        responses={**ERRORS, 409: {"model": ErrorResponse}}, tags=["sync"],
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/SyncRequest"}}}}},
    )
    async def sync(mission_id: str, request: Request) -> Response:
        auth = request.headers.get("authorization")
        actor = await run_in_threadpool(_authorize_sync, sessions, mission_id, auth, idle,
                                        _address(request))
        data = await read_json(request)
        try:
            req = SyncEnvelope.model_validate(data)
        except PydanticError as exc:
            raise ApiError(422, "invalid_request", "the sync request does not match the schema",
                           errors.validation_detail(list(exc.errors()))) from None
        if req.schema_ != PROTOCOL_SCHEMA:
            raise ApiError(409, "unsupported_schema",
                           f"this server speaks protocol schema {PROTOCOL_SCHEMA}, the desk "
                           f"sent {req.schema_}: update the desk")
        mutations = [_mutation(i, raw) for i, raw in enumerate(req.mutations)]
        if req.after_mid:
            # A pipelined batch holds changes that all come after after_mid. A request that
            # does not (empty, or mids not after it) is not waited for: 409 at once unless the
            # server already holds after_mid, so a hostile client cannot park requests.
            follows = bool(mutations) and min(m.mid for m in mutations) > req.after_mid
            await _previous_batch(sessions, mission_id, req.client_id, req.after_mid,
                                  wait=follows)
        body = await run_in_threadpool(_do_sync, sessions, mission_id, actor, req, mutations)
        return Response(body, media_type="application/json")

    @app.post(f"{API_PREFIX}/missions/{{mission_id}}/bundles", responses=ERRORS,
              tags=["sync"], openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {
                      "type": "object", "required": ["bundle"],
                      "properties": {"bundle": {"type": "string", "contentEncoding": "base64",
                                                "description": "the bundle file"}}}}}}})
    async def relay_bundle(mission_id: str, request: Request) -> dict[str, Any]:
        """A teammate's bundle relayed by a member's desk, as {"bundle": base64}: applied
        as its author's push (server.bundles holds the rule and its threat model)."""
        auth = request.headers.get("authorization")
        await run_in_threadpool(_authorize_sync, sessions, mission_id, auth, idle)
        payload = await read_json(request)
        try:
            data = base64.b64decode(str(payload["bundle"]).encode("ascii"), validate=True)
        except (TypeError, KeyError, ValueError, UnicodeEncodeError):
            raise ApiError(422, "invalid_request",
                           'send {"bundle": the bundle file in base64}') from None

        def apply() -> dict[str, Any]:
            with sessions() as s, s.begin():
                out = bundles.import_bundle(s, mission_id, data)
                return {"bundle_id": out.bundle_id, "client_id": out.client_id,
                        "counts": out.counts(), "refused": out.refused}
        return await run_in_threadpool(apply)

    # The sync body is read by hand (gzip, size cap), so publish its schema explicitly.
    _openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = _openapi()
            comps = schema.setdefault("components", {}).setdefault("schemas", {})
            extra = SyncRequest.model_json_schema(by_alias=True,
                                                  ref_template="#/components/schemas/{model}")
            comps.update(extra.pop("$defs", {}))
            # What the endpoint accepts: each mutation is judged alone (a malformed one is
            # answered "rejected"); only one without a valid mid refuses the whole request.
            extra["properties"]["mutations"]["items"] = {
                "type": "object", "required": ["mid"], "additionalProperties": True,
                "properties": {"mid": {"type": "integer", "minimum": 1, "maximum": 2**53}},
                "description": "A Mutation (see that schema); one that does not match it "
                               "gets its own final status 'rejected'."}
            comps["SyncRequest"] = extra
        return app.openapi_schema or schema

    app.openapi = openapi  # type: ignore[method-assign]
    mount_console(app)
    return app


def _mutation(index: int, raw: dict[str, Any]) -> Mutation | Refused:
    """A well-formed mutation, or the refusal of that one mutation alone: a mutation the
    server can answer (it has a valid mid) never fails the whole push."""
    try:
        return Mutation.model_validate(raw, strict=True)
    except PydanticError as exc:
        refused = Refused.of(raw, exc)
        if refused is None:
            raise ApiError(422, "invalid_request",
                           f"mutation {index} has no valid mid: it cannot be answered",
                           errors.validation_detail(list(exc.errors()))) from None
        return refused


def _authorize_sync(sessions: sessionmaker[Session], mission_id: str,
                    authorization: str | None, idle: dt.timedelta, address: str = "") -> Actor:
    with sessions() as s, s.begin():
        p = authenticate(s, authorization, idle, address)
        _, assessor = member_of(s, mission_id, p)
        return Actor(user_id=p.user_id, device_id=p.device_id, assessor_id=assessor.id,
                     is_chair=assessor.is_chair)


def _last_mid(sessions: sessionmaker[Session], mission_id: str, client_id: str) -> int:
    with sessions() as s:
        return s.scalar(select(ClientState.last_mid).where(
            ClientState.client_id == client_id, ClientState.mission_id == mission_id)) or 0


async def _previous_batch(sessions: sessionmaker[Session], mission_id: str, client_id: str,
                          after_mid: int, *, wait: bool = True) -> None:
    """A pipelined batch waits (on the event loop, no worker thread held) until the batch
    sent before it is applied: applied first, its mids would make the earlier ones look
    out of order. A batch that never came (dropped on the way) ends the wait with a 409:
    nothing of this one is applied, the desk sends both again."""
    deadline = time.monotonic() + PIPELINE_WAIT_SECONDS
    delay = 0.005
    while await run_in_threadpool(_last_mid, sessions, mission_id, client_id) < after_mid:
        if not wait or time.monotonic() > deadline:
            raise ApiError(409, "previous_batch_missing",
                           f"the batch ending at mid {after_mid} has not arrived: send it "
                           "again before this one")
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.1)


def _do_sync(sessions: sessionmaker[Session], mission_id: str, actor: Actor,
             req: SyncEnvelope, mutations: list[Mutation | Refused]) -> str:
    """Push then pull; returns the SyncResponse as JSON text."""
    # Hashing every mutation needs no lock: done before taking the mission's, which
    # serializes the pushes of a mission (issue 15).
    hashes_ok = {id(m): m.content_hash() == m.hash for m in mutations
                 if isinstance(m, Mutation)}
    attempts = 0
    while True:
        attempts += 1
        try:
            with sessions() as s, s.begin():
                # The lock that serializes pushes (and seq allocation) per mission.
                mission = lock_mission(s, mission_id)
                if mission is None:
                    raise ApiError(404, "not_found", "no such mission")
                # Read after the lock, not joined to its statement: PostgreSQL re-reads only
                # the locked row after waiting, and a removal (or a desk) committed
                # meanwhile under the same lock would go unseen. One statement: each read
                # of a push costs a round trip and ~0.3 ms of CPU (issue 15).
                # Without a pull the cursor stays where the desk has it, and whether desks
                # registered after it is asked now: no other push can add one while this
                # one holds the lock, and this push's own key sends the team anyway. With
                # a pull it is asked after the pull (below): a desk registered in between
                # is past the new cursor, and would never be sent.
                ask_desks = not req.pull and not req.public_key
                assessor, state, desks = s.execute(statements.after_lock(ask_desks), {
                    "assessor_id": actor.assessor_id, "client_id": req.client_id,
                    "mission_id": mission_id, "cursor": req.cursor}).first() or (None, None, False)
                if assessor is None or assessor.deleted:
                    raise ApiError(403, "forbidden", "you are no longer a member of this mission")
                config = MissionConfig.model_validate(mission.config or {})
                if req.public_key:
                    bundles.register_desk(s, mission, actor, req.client_id, req.public_key)
                applier = PushApplier(s, mission, actor, config, hashes_ok)
                last_mid, results = applier.push(req.client_id, mutations, state=state)
                # Read in the push's transaction: a second one per push cost more (issue 15).
                # Nothing pushed and nothing newer held than the receipt the desk has: no
                # new receipt.
                signed = bool(mutations) or req.receipt_mid != last_mid
                last_id = applier.last_id
                if signed and last_id is None:
                    last_id = receipts.stored_id(s, mission_id, req.client_id, last_mid)
                key = receipts.signing_key(s) if signed else None
                with_team = bool(req.public_key) or bool(desks)
            break
        except (IntegrityError, DBAPIError) as exc:
            # A race with another mission's push on a unique row id, or a deadlock:
            # nothing was committed, so trying again gives the same final answer.
            if attempts >= 3 or not (isinstance(exc, IntegrityError)
                                     or getattr(exc, "connection_invalidated", False)
                                     or "deadlock" in str(exc).lower()):
                raise
            log.warning("sync push retried after %s", type(exc).__name__)
    receipt = None if key is None else receipts.sign_outcome(
        key, mission_id, req.client_id, last_mid, results, last_id or "")
    changes: list[str] = []
    cursor, has_more, team = req.cursor, False, None
    if req.pull or with_team:
        # Read-your-writes: the pull runs after the push committed. Without a pull, more
        # batches are behind this one: the last of them pulls.
        with sessions() as s, s.begin():
            if req.pull:
                changes, cursor, has_more = changes_after_json(s, mission_id,
                                                               actor.assessor_id, req.cursor)
                with_team = with_team or bundles.has_desks_after(s, mission_id, req.cursor)
            if with_team:
                mission_row = s.get(Mission, mission_id)
                assert mission_row is not None
                team = bundles.team(s, mission_row, 0 if req.public_key else req.cursor)
    # A SyncResponse, assembled from the rows' cached JSON texts.
    head = SyncResponse(last_mid=last_mid, results=results, cursor=cursor, has_more=has_more,
                        receipt=receipt, team=team)
    # an idle sync's reply carries no receipt at all (not even its key)
    body = head.model_dump_json(exclude={"changes"} if receipt else {"changes", "receipt"})
    return body[:-1] + ',"changes":[' + ",".join(changes) + "]}"


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (several workers): the URL comes from the environment."""
    from .workers import tune_for_serving

    app = create_app()
    tune_for_serving()
    return app
