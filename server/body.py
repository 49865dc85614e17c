"""Reading a JSON request body with a cap on its size, inflated from gzip if need be."""

from __future__ import annotations

import json
import zlib
from typing import Any

from fastapi import Request

from sync.protocol import MAX_BODY_BYTES

from .errors import ApiError


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
        return json.loads(data, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, 5000-digit integers
        raise ApiError(400, "malformed_json", f"the body is not valid JSON ({exc})"[:300]
                       ) from None
