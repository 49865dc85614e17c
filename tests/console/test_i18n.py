"""Every message of the console (templates and Python) has a French translation, and the
pages come out in the user's language (issue 14 §1)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from server.console.i18n import merged_catalog, translator
from server.console.render import filters

CONSOLE = Path(__file__).parents[2] / "server" / "console"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def console_messages() -> dict[str | tuple[str, ...], str]:
    """msgid -> where it is used, from every template and Python module of the console."""
    found: dict[str | tuple[str, ...], str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            CONSOLE, method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
            keywords=KEYWORDS,
            options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}):
        found.setdefault(message, f"{filename}:{lineno}")
    return found


def test_extraction_sees_templates_and_python() -> None:
    messages = console_messages()
    assert "Sign in to the console" in messages  # login.html
    assert "Wrong user name or password." in messages  # auth_routes.py, N_()


def test_every_console_message_has_a_french_translation() -> None:
    catalog = merged_catalog("fr")
    missing = []
    for msgid, where in console_messages().items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = catalog.get(key)
        strings = entry.string if entry is not None else None
        ok = all(strings) if isinstance(strings, tuple | list) else bool(strings)
        if not ok or (entry is not None and entry.fuzzy):
            missing.append(f"{where}: {key!r}")
    assert not missing, "no French for:\n" + "\n".join(missing)


def test_python_code_translates_with_the_merged_catalog() -> None:
    assert translator("fr").gettext("Wrong user name or password.") == \
        "Identifiant ou mot de passe incorrect."
    assert translator("en").gettext("Wrong user name or password.") == \
        "Wrong user name or password."


def test_dates_and_numbers_follow_the_locale() -> None:
    en, fr = filters("en"), filters("fr")
    assert fr["format_decimal"]("12.75") == "12,75" and en["format_decimal"]("12.75") == "12.75"
    assert fr["format_number"](1234567) == "1\u202f234\u202f567"
    assert en["format_date"]("2027-01-12") == "Jan 12, 2027"
    assert fr["format_date"]("2027-01-12") == "12 janv. 2027"
    # in a mission's time zone, the zone named
    assert fr["format_datetime"]("2027-01-12T09:05:00+00:00", "Asia/Kolkata") == \
        "12 janv. 2027 14:35 IST"
    assert en["format_datetime"]("2027-01-12T09:05:00+00:00") == "Jan 12, 2027 9:05\u202fAM UTC"


def test_pages_come_in_the_users_language(console_world, console_client) -> None:
    anon = console_client(None)
    r = anon.get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert '<html lang="fr">' in r.text and "Connexion à la console" in r.text
    r = anon.get("/login", headers={"Accept-Language": "de-DE"})
    assert '<html lang="en">' in r.text and "Sign in to the console" in r.text
    viewer = console_client("viewer")
    assert "My account" in viewer.get("/account").text
    viewer.post("/account/language", data={"locale": "fr"})
    page = viewer.get("/account").text
    assert '<html lang="fr">' in page and "Mon compte" in page
    # French for the user, whatever the browser asks
    assert "Mon compte" in viewer.get("/account", headers={"Accept-Language": "en"}).text
