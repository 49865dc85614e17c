"""The import report's reasons in the user's language.

The importer (app.importers.candidates) and the candidate rules (app.domain.candidate) word
their reasons in English for the command line; the console recognises the known ones and says
them again in French. An unknown reason is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .i18n import N_, translator

FIELDS = {
    "application_number": N_("application number"), "family_name": N_("family name"),
    "given_names": N_("given names"), "birth_date": N_("birth date"),
    "nationality": N_("nationality"), "email": N_("e-mail"),
    "home_institution": N_("home institution"), "track": N_("track"),
    "partner_institution": N_("partner institution"), "wishes": N_("programme wishes"),
    "unavailable": N_("unavailable times"),
}

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), message) for pattern, message in (
        (r"application number is empty", N_("The application number is empty.")),
        (r"application number (?P<appno>.+) repeats line (?P<line>\d+)",
         N_("Application number %(appno)s repeats line %(line)s.")),
        (r"application number (?P<appno>.+) is already in mission (?P<code>.+)",
         N_("Application number %(appno)s is already in mission %(code)s.")),
        (r"birth date '(?P<value>.*)' is not a date \(use YYYY-MM-DD or DD/MM/YYYY\)",
         N_("Birth date '%(value)s' is not a date (write YYYY-MM-DD or DD/MM/YYYY).")),
        (r"track '(?P<value>.*)' is neither double degree nor free mover",
         N_("Track '%(value)s' is neither double degree nor free mover.")),
        (r"a double-degree candidate needs a partner institution",
         N_("A double-degree candidate needs a partner institution.")),
        (r"(?P<field>[a-z_]+): String should have at least 1 character",
         N_("The %(field)s is missing.")),
        (r"(?P<field>[a-z_]+): String should have at most (?P<n>\d+) characters?",
         N_("The %(field)s is longer than %(n)s characters.")),
        (r"(?P<field>[a-z_]+): '(?P<value>.*)' is not an e-mail address",
         N_("'%(value)s' is not an e-mail address.")),
        (r"(?P<field>[a-z_]+): birth date (?P<value>.+) is not plausible",
         N_("Birth date %(value)s is not plausible.")),
        (r"(?P<field>.+) holds a formula, imported as its text \((?P<value>.*)\) and "
         r"neutralised in every export",
         N_("The %(field)s holds a formula, imported as its text (%(value)s) and "
            "neutralised in every export.")),
    ))


def reason_in(locale: str) -> Callable[[str], str]:
    """A function giving a reason in ``locale`` (English: as the importer wrote it)."""
    gettext = translator(locale).gettext
    if locale == "en":
        return lambda text: text

    def say(text: str) -> str:
        for pattern, message in PATTERNS:
            m = pattern.fullmatch(text)
            if m is None:
                continue
            params = m.groupdict()
            if "field" in params:
                key = params["field"].replace(" ", "_")
                params["field"] = gettext(FIELDS[key]) if key in FIELDS else params["field"]
            return gettext(message) % params
        return text

    return say
