"""Reading a JSON request body with a cap on its size, inflated from gzip if need be."""

from __future__ import annotations

import json
import logging
import zlib
from typing import Any

from fastapi import Request

from app.domain.errors import ValidationError
from app.domain.limits import check_depth
from sync.protocol import MAX_BODY_BYTES

from .errors import ApiError

log = logging.getLogger(__name__)
# Nesting allowed in a request body at all; the rules refuse deeper values inside a mutation
# (app.domain.limits.MAX_DEPTH) one mutation at a time.
MAX_BODY_DEPTH = 32


def _too_large() -> ApiError:
    return ApiError(413, "body_too_large",
                    f"the request body exceeds {MAX_BODY_BYTES} bytes (after decompression)")


async def read_json(request: Request, limit: int = MAX_BODY_BYTES) -> Any:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise ApiError(400, "bad_request", "invalid Content-Length")
        if int(length) > limit:
            raise _too_large()
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise _too_large()
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        data = _gunzip(bytes(raw), limit)
    elif encoding in ("identity", ""):
        data = bytes(raw)
    else:
        raise ApiError(415, "unsupported_encoding", "Content-Encoding must be gzip or identity")
    return parse_json(data)


def _gunzip(raw: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        # Never inflate more than limit + 1 bytes: a gzip bomb stops here.
        data = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise ApiError(400, "bad_encoding", f"the body is not valid gzip ({exc})") from None
    if len(data) > limit or inflater.unconsumed_tail:
        raise _too_large()
    if not inflater.eof:
        raise ApiError(400, "bad_encoding", "the gzip body is truncated")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(data: bytes) -> Any:
    try:
        # NaN and Infinity are not JSON: PostgreSQL would refuse them deep inside a push.
        value = json.loads(data, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, 5000-digit integers
        raise ApiError(400, "malformed_json", f"the body is not valid JSON ({exc})"[:300]
                       ) from None
    try:
        check_depth(value, MAX_BODY_DEPTH)
    except ValidationError as exc:
        log.warning("request body refused: %s", exc)
        raise ApiError(400, "too_deep", str(exc)) from None
    return value


class BodyLimit:
    """ASGI middleware: no request body, on any route, may exceed ``limit`` bytes on the wire
    (the sync route also caps the inflated size itself)."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _reject(send)
                return
        seen = 0
        refused = False

        async def limited() -> Any:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Answer 413 now and tell the app the client left: it stops reading,
                    # and whatever it tries to send afterwards is dropped.
                    refused = True
                    await _reject(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Any) -> None:
            if not refused:
                await send(message)

        await self.app(scope, limited, guarded_send)


async def _reject(send: Any) -> None:
    body = json.dumps({"error": {"code": "body_too_large", "message": str(_too_large()),
                                 "detail": None}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
