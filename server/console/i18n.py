"""The console's languages (Babel): English is the source, French comes from the .po files
of every area (translations/fr/LC_MESSAGES/*.po), merged and compiled in memory at first
use, so no compiled .mo can ever be stale."""

from __future__ import annotations

import gettext
import io
import logging
from functools import lru_cache
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

log = logging.getLogger(__name__)

LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"
TRANSLATIONS = Path(__file__).with_name("translations")
# Each language named in itself, for the language switch.
LANGUAGE_NAMES = {code: Locale.parse(code).get_display_name(code).capitalize()
                  for code in LOCALES}


def supported(locale: str | None) -> str:
    return locale if locale in LOCALES else DEFAULT_LOCALE


def po_files(locale: str) -> list[Path]:
    return sorted((TRANSLATIONS / locale / "LC_MESSAGES").glob("*.po"))


def merged_catalog(locale: str) -> Catalog:
    """Every area's messages for ``locale`` in one catalog."""
    catalog = Catalog(locale=locale, domain="console")
    for path in po_files(locale):
        with path.open("rb") as f:
            for message in read_po(f, locale=locale):
                if message.id:
                    catalog[message.id] = message
    return catalog


@lru_cache(maxsize=len(LOCALES))
def translator(locale: str) -> gettext.NullTranslations:
    """The translations of ``locale`` (``gettext``/``ngettext`` for Python code)."""
    locale = supported(locale)
    if locale == DEFAULT_LOCALE:
        return gettext.NullTranslations()
    buf = io.BytesIO()
    write_mo(buf, merged_catalog(locale))
    buf.seek(0)
    log.debug("console translations for %s compiled from %d files", locale,
              len(po_files(locale)))
    return gettext.GNUTranslations(buf)


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for a browser's Accept-Language header."""
    wanted = []
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        if tag and len(tag) < 20:
            wanted.append(tag)
    return negotiate_locale(wanted, list(LOCALES)) or DEFAULT_LOCALE


def N_(text: str) -> str:
    """Marks a message for extraction; it is translated where shown (``_()`` in a template)."""
    return text
