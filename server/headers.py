"""Security headers on every response (DESIGN.md §6).

Every answer: ``X-Content-Type-Options: nosniff``, no framing, no referrer, resources for this
origin only. API answers (``/api/...``: tokens, candidates' data) are never stored by a cache:
``Cache-Control: no-store``. Strict-Transport-Security when the request came over HTTPS (the
TLS proxy's ``X-Forwarded-Proto``, trusted through uvicorn's ``--forwarded-allow-ips``).
The interactive docs (``/docs``) load Swagger UI's scripts, so they get a looser policy.
The console's pages (every other path) load this origin's scripts, styles and images only:
no inline script (``script-src 'self'``), no framing, forms posted to this origin only; its
pages hold candidates' data, so they are not stored by a cache either (its static files are).
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
CONSOLE_CSP = (b"content-security-policy",
               b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               b"connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
               b"frame-ancestors 'none'")
HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = b"no-store"
# The pages that run a browser UI (Swagger UI, ReDoc) keep their own script sources.
DOC_PATHS = ("/docs", "/redoc")
STATIC_PREFIX = "/static/"


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
        console = not api and not docs and path not in ("/openapi.json",)
        private = api or (console and not path.startswith(STATIC_PREFIX))
        https = scope.get("scheme") == "https"

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ())
                           if not (private and k.lower() == b"cache-control")]
                headers += COMMON
                if console:
                    headers.append(CONSOLE_CSP)
                elif not docs:
                    headers.append(STRICT_CSP)
                if https:
                    headers.append(HSTS)
                if private:
                    headers.append((b"cache-control", NO_STORE))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
