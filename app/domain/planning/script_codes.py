"""Script codes for anonymous marking, as French examinations are marked.

Each candidate gets one code per sitting, drawn at random (``secrets``; a seeded
``random.Random`` in tests), so a code says nothing of the name or the application number.
A code is five characters and a check character, shown as ``7KX-4MR``.

The alphabet has 23 characters, none easily mistaken for another on paper or aloud: digits 2-9
and the letters A C E F H J K M N P R T W X Y (no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V).
23 is prime, so the check character (weights 1..6 on the six positions, the weighted sum
0 modulo 23) catches every single wrong character and every swap of two characters.
5 random characters give 23**5 (6.4 million) codes: collisions within a mission are rare and
redrawn.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable

from ..errors import ValidationError
from .model import Seat

ALPHABET = "23456789ACEFHJKMNPRTWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_N = len(ALPHABET)  # prime
PAYLOAD = 5
_INV_CHECK_WEIGHT = pow(PAYLOAD + 1, -1, _N)


def check_character(payload: str) -> str:
    total = sum((i + 1) * _VALUE[ch] for i, ch in enumerate(payload))
    return ALPHABET[(-total * _INV_CHECK_WEIGHT) % _N]


def new_script_code(rng: random.Random | None = None) -> str:
    """A fresh code, formatted ``XXX-XXX``; ``rng`` only in tests (the default is secrets)."""
    pick = rng.choice if rng is not None else secrets.choice
    payload = "".join(pick(ALPHABET) for _ in range(PAYLOAD))
    return _format(payload + check_character(payload))


def _format(raw: str) -> str:
    return f"{raw[:3]}-{raw[3:]}"


def parse_script_code(text: str) -> str:
    """The code as typed (any case, spaces or hyphens anywhere) in its printed form; a
    ValidationError says what is wrong, so that a typo is caught before a mark is saved."""
    raw = "".join(ch for ch in text.upper() if ch not in " -")
    if bad := [ch for ch in raw if ch not in _VALUE]:
        raise ValidationError(f"'{bad[0]}' is not used in script codes (they use 2-9 and "
                              "A C E F H J K M N P R T W X Y)")
    if len(raw) != PAYLOAD + 1:
        raise ValidationError(f"a script code has {PAYLOAD + 1} characters, like 7KX-4MR")
    if check_character(raw[:PAYLOAD]) != raw[PAYLOAD]:
        raise ValidationError(f"{_format(raw)} is not a script code: check for a typo")
    return _format(raw)


def is_script_code(text: str) -> bool:
    try:
        parse_script_code(text)
    except ValidationError:
        return False
    return True


def issue_script_codes(seats: Iterable[Seat], *, taken: Iterable[str] = (),
                       rng: random.Random | None = None) -> tuple[Seat, ...]:
    """Give every seat without a code a fresh one, unique within the mission (``taken``: the
    codes the mission already holds, e.g. on seats of other sittings)."""
    used = set(taken)
    seats = list(seats)
    used.update(s.script_code for s in seats if s.script_code)
    out = []
    for seat in seats:
        if not seat.script_code:
            code = new_script_code(rng)
            while code in used:
                code = new_script_code(rng)
            used.add(code)
            seat = Seat(seat.candidate_id, seat.sitting_id, seat.seat, code)
        out.append(seat)
    return tuple(out)
