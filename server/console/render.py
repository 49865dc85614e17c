"""Rendering console pages: one Jinja2 environment per language (autoescape, the i18n
extension bound to that language's translations, Babel filters for dates and numbers)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import dates, numbers
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .deps import ConsoleUser
from .i18n import LANGUAGE_NAMES, LOCALES, negotiate, supported, translator
from .roles import ConsoleRole

TEMPLATES = Path(__file__).with_name("templates")


def _moment(value: Any) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # stored times are UTC
    return value


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def filters(locale: str) -> dict[str, Any]:
    """Babel formatters in ``locale``; empty text for a missing value."""

    def format_date(value: Any, format: str = "medium") -> str:
        day = _day(value)
        return dates.format_date(day, format=format, locale=locale) if day else ""

    def format_datetime(value: Any, tz: str | None = None, format: str = "medium") -> str:
        """Day and time (minutes) in ``tz`` (a mission's zone; default UTC), zone named."""
        moment = _moment(value)
        if moment is None:
            return ""
        zone = dates.get_timezone(tz) if tz else dt.UTC
        local = moment.astimezone(zone)
        day = dates.format_date(local, format=format, locale=locale)
        time = dates.format_time(local, format="short", locale=locale)
        return f"{day} {time} {local.strftime('%Z') or 'UTC'}"

    def format_number(value: Any) -> str:
        return "" if value is None else numbers.format_decimal(value, locale=locale)

    def format_decimal(value: Any, format: str | None = None) -> str:
        if value is None or value == "":
            return ""
        return numbers.format_decimal(Decimal(str(value)), format=format, locale=locale)

    return {"format_date": format_date, "format_datetime": format_datetime,
            "format_number": format_number, "format_decimal": format_decimal}


@lru_cache(maxsize=len(LOCALES))
def environment(locale: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)

    env.install_gettext_translations(translator(locale), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(filters(locale))
    env.globals.update(LANGUAGE_NAMES=LANGUAGE_NAMES, Role=ConsoleRole)
    return env


def locale_for(request: Request, user: ConsoleUser | None) -> str:
    if user is not None:
        return supported(user.locale)
    return negotiate(request.headers.get("accept-language"))


def render(request: Request, user: ConsoleUser | None, name: str, status: int = 200,
           headers: dict[str, str] | None = None, **ctx: Any) -> HTMLResponse:
    """The page ``name`` for ``user`` (None: signed out) in their language."""
    locale = locale_for(request, user)
    token = ctx.pop("csrf_token", None) or (user.csrf_token if user else "")

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(
            escape(token))

    html = environment(locale).get_template(name).render(
        request=request, user=user, locale=locale, csrf_token=token, csrf_field=csrf_field,
        path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status, headers=headers)
