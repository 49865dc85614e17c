"""Labels of the domain's closed vocabularies on the results pages, translated once per
language, and scores written as the exports and the jury minutes print them (two places) in
the reader's locale. Tables of a thousand rows look labels up in a dict instead of calling a
template macro per cell."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from babel import numbers

from .i18n import N_, supported, translator

TRACK = {"free_mover": N_("Free mover"), "double_degree": N_("Double degree")}
TRACKS = {"free_mover": N_("Free movers"), "double_degree": N_("Double degree")}
STATUS = {"registered": N_("Registered"), "present": N_("Present"), "absent": N_("Absent"),
          "withdrawn": N_("Withdrawn")}
OUTCOME = {"admit": N_("Admit"), "waitlist": N_("Waitlist"), "reject": N_("Reject")}
RECOMMENDATION = {"strong_admit": N_("Strong admit"), "admit": N_("Admit"),
                  "waitlist": N_("Waitlist"), "reject": N_("Reject")}
STATE = {"ranked": N_("Ranked"), "incomplete": N_("Incomplete"), "absent": N_("Absent"),
         "withdrawn": N_("Withdrawn")}
ENTITY = {"candidate": N_("Candidate"), "mark": N_("Mark"), "scorecard": N_("Scorecard"),
          "interview": N_("Interview"), "decision": N_("Decision"), "seat": N_("Seat")}
FIELD = {
    "value": N_("value"), "levels": N_("levels"), "notes": N_("notes"),
    "recommendation": N_("recommendation"), "submitted": N_("submitted"),
    "status": N_("status"), "outcome": N_("outcome"), "option_code": N_("programme option"),
    "rationale": N_("rationale"), "override_reason": N_("override reason"),
    "starts_at": N_("time"), "room": N_("room"), "panel": N_("panel"),
    "duration": N_("duration"), "family_name": N_("family name"),
    "given_names": N_("given names"), "birth_date": N_("date of birth"),
    "nationality": N_("nationality"), "email": N_("e-mail"),
    "home_institution": N_("home institution"), "track": N_("track"),
    "partner_institution": N_("partner institution"), "wishes": N_("wishes"),
    "application_number": N_("application number"), "deleted": N_("removed"),
    "subject": N_("subject"), "marker_id": N_("marker"), "author_id": N_("author"),
    "decided_by": N_("proposed by"), "seat": N_("seat"), "script_code": N_("script code"),
    "sitting": N_("sitting"), "unavailable": N_("unavailable times"),
    "submitted_at": N_("submitted at"), "amendments": N_("amendments"),
}
# Fields whose values are words of a vocabulary above: shown translated in the history.
VALUE_WORDS = {"status": STATUS, "outcome": OUTCOME, "recommendation": RECOMMENDATION,
               "track": TRACK}


@dataclass(frozen=True)
class Labels:
    locale: str
    track: dict[str, str]
    tracks: dict[str, str]
    status: dict[str, str]
    outcome: dict[str, str]
    recommendation: dict[str, str]
    state: dict[str, str]
    entity: dict[str, str]
    field: dict[str, str]
    values: dict[str, dict[str, str]]
    decimal_sign: str

    def score(self, value: Fraction | Decimal | None) -> str:
        """Two places, rounded as server.export and the jury minutes round (f"{x:.2f}")."""
        if value is None:
            return ""
        return f"{float(value):.2f}".replace(".", self.decimal_sign)

    def word(self, field: str, value: str) -> str:
        """A history value: the translated word of a vocabulary, or the value itself."""
        return self.values.get(field, {}).get(value, value)


@lru_cache(maxsize=4)
def labels_for(locale: str) -> Labels:
    locale = supported(locale)
    tr = translator(locale).gettext

    def t(table: dict[str, str]) -> dict[str, str]:
        return {k: tr(v) for k, v in table.items()}

    return Labels(locale, t(TRACK), t(TRACKS), t(STATUS), t(OUTCOME), t(RECOMMENDATION),
                  t(STATE), t(ENTITY), t(FIELD),
                  {field: t(words) for field, words in VALUE_WORDS.items()},
                  numbers.get_decimal_symbol(locale))
