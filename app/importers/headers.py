"""Column headers of the platform's exports, in English and French, found by meaning.

A header is folded (accents, case, punctuation dropped) before lookup, so "N° de candidature",
"numero de candidature" and "Application number" all land on ``application_number``.
"""

from __future__ import annotations

import re

from app.domain.text import fold

HEADERS: dict[str, tuple[str, ...]] = {
    "application_number": (
        "application number", "application no", "application id", "application",
        "n de candidature", "no de candidature", "numero de candidature", "numero candidature",
        "numero de dossier", "n dossier", "dossier",
    ),
    "family_name": ("family name", "last name", "surname", "nom", "nom de famille"),
    "given_names": ("given names", "given name", "first name", "first names", "prenom",
                    "prenoms"),
    "birth_date": ("birth date", "date of birth", "dob", "date de naissance", "ne le",
                   "nee le"),
    "nationality": ("nationality", "nationalite", "citizenship"),
    "email": ("email", "e mail", "email address", "courriel", "adresse electronique",
              "adresse email", "mail"),
    "home_institution": ("home institution", "institution", "university", "home university",
                         "etablissement d origine", "etablissement", "universite",
                         "universite d origine"),
    "track": ("track", "type", "admission track", "filiere", "voie", "voie d admission",
              "programme type"),
    "partner_institution": ("partner institution", "partner", "partner university",
                            "etablissement partenaire", "partenaire", "universite partenaire"),
    "wishes": ("wishes", "programme wishes", "program wishes", "choices", "voeux", "souhaits",
               "choix"),
    # Declared unavailable times (planning.unavailable's form), optional.
    "unavailable": ("unavailable", "unavailable times", "unavailability", "not available",
                    "indisponible", "indisponibilite", "indisponibilites"),
}
# Numbered wish columns: "Wish 1", "Choice 2", "Vœu 3"... (vœu folds to "voeu").
WISH_COLUMN = re.compile(r"^(?:wish|choice|voeu|choix|souhait)\s*(\d{1,2})$")

_LOOKUP = {alias: field for field, aliases in HEADERS.items() for alias in aliases}


def normalise_header(text: str) -> str:
    folded = fold(str(text).replace("œ", "oe").replace("Œ", "oe"))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def field_for(header: str) -> str | None:
    """The candidate field a header names, ``wish:N`` for a numbered wish, or None."""
    key = normalise_header(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    m = WISH_COLUMN.match(key)
    return f"wish:{int(m.group(1))}" if m else None
