"""Security headers on every console page and static file (issue 14 §7)."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.console.conftest import ConsoleWorld


def _csp(header: str) -> dict[str, str]:
    return {d.split()[0]: d.strip() for d in header.split(";") if d.strip()}


def test_pages_static_files_and_errors_carry_the_headers(console_world: ConsoleWorld,
                                                         console_client) -> None:
    anon = console_client(None, follow_redirects=False)
    admin = console_client("admin")
    answers = {
        "login": anon.get("/login"),
        "redirect": anon.get("/devices"),
        "devices": admin.get("/devices"),
        "users": admin.get("/users"),
        "missing mission": admin.get("/no-such-page"),
        "htmx": anon.get("/static/htmx.min.js"),
        "css": anon.get("/static/console.css"),
    }
    for name, r in answers.items():
        assert r.headers["x-content-type-options"] == "nosniff", name
        assert r.headers["referrer-policy"] in ("no-referrer", "same-origin"), name
        csp = _csp(r.headers["content-security-policy"])
        assert csp["frame-ancestors"] == "frame-ancestors 'none'", name
        assert csp["default-src"] == "default-src 'none'", name
        script = csp.get("script-src", csp["default-src"])
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, name
    assert _csp(answers["login"].headers["content-security-policy"])["script-src"] == \
        "script-src 'self'"
    # pages with people's data are never cached; the static files may be
    for name in ("login", "devices", "users"):
        assert answers[name].headers["cache-control"] == "no-store", name
    assert answers["htmx"].headers.get("cache-control") != "no-store"
    assert answers["htmx"].headers["content-type"].startswith(("text/javascript",
                                                              "application/javascript"))


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, on* handlers, style attrs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not (names.get("src") or "").startswith("/static/"):
                self.found.append("script without a static src")
        self.found += [f"{tag} {k}" for k in names
                       if k.startswith("on") or k == "style" or k.startswith("hx-on")]
        self.found += [f"{tag} {k}=javascript:" for k, v in attrs
                       if (v or "").strip().lower().startswith("javascript:")]

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("inline script text")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_inline_code_is_detected() -> None:
    assert inline_code('<script>alert(1)</script><a onclick="x" style="y">') == [
        "script without a static src", "inline script text", "a onclick", "a style"]


def test_no_page_has_inline_code(console_client) -> None:
    pages = {"/login": console_client(None)}
    admin = console_client("admin")
    pages.update(dict.fromkeys(("/account", "/users", "/devices"), admin))
    for path, client in pages.items():
        r = client.get(path)
        assert r.status_code == 200, path
        assert inline_code(r.text) == [], path


def test_console_errors_are_pages_and_api_errors_stay_json(console_client) -> None:
    admin = console_client("admin")
    r = admin.get("/no-such-page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "There is no such page." in r.text
    assert 'href="/users"' in r.text  # the signed-in header, nav included
    r = admin.post("/users", data={"username": "x" * 500, "password": "long enough"})
    assert r.status_code == 400 and "not valid" in r.text
    r = admin.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = admin.post("/api/v1/login", json={"username": 5})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
