"""Security headers on every response (DESIGN.md §6).

Every answer: ``X-Content-Type-Options: nosniff``, no framing, no referrer, resources for this
origin only. API answers (``/api/...``: tokens, candidates' data) are never stored by a cache:
``Cache-Control: no-store``. Strict-Transport-Security when the request came over HTTPS (the
TLS proxy's ``X-Forwarded-Proto``, trusted through uvicorn's ``--forwarded-allow-ips``).
The interactive docs (``/docs``) load Swagger UI's scripts, so they get a looser policy.
"""

from __future__ import annotations

from typing import Any

from sync.protocol import API_PREFIX

COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
STRICT_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = b"no-store"
# The pages that run a browser UI (Swagger UI, ReDoc) keep their own script sources.
DOC_PATHS = ("/docs", "/redoc")


class SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        api = path.startswith(API_PREFIX + "/")
        docs = path.startswith(DOC_PATHS)
        https = scope.get("scheme") == "https"

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ())
                           if not (api and k.lower() == b"cache-control")]
                headers += COMMON
                if not docs:
                    headers.append(STRICT_CSP)
                if https:
                    headers.append(HSTS)
                if api:
                    headers.append((b"cache-control", NO_STORE))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
