"""Text folding for accent- and case-insensitive search, and name normalisation."""

from __future__ import annotations

import unicodedata

# Letters that carry no combining mark in Unicode, so NFKD alone keeps them as they are.
_EXTRA = str.maketrans(
    {"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae",
     "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
)


def fold(text: str) -> str:
    """Lower-case, strip diacritics, collapse whitespace: 'Nguyễn  Đức' -> 'nguyen duc'.

    Scripts without Latin decomposition (Chinese, Devanagari) pass through unchanged, so a
    search typed in those scripts still matches them exactly.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or _keeps(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


def _keeps(ch: str) -> bool:
    # Devanagari vowel signs and viramas are combining marks but part of the letters;
    # dropping them would merge different names.
    return "\u0900" <= ch <= "\u097f"


def nfc(text: str) -> str:
    """Names are stored exactly as typed, in composed form (NFC), trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def display_name(family: str, given: str) -> str:
    """A candidate's name as written in their own script: family name first, as on the list."""
    return f"{family} {given}".strip()
