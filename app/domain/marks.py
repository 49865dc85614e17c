"""Written-test marks: parsing (one grammar for desk and server), range and step rules,
double marking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final, Literal

from .errors import ValidationError
from .limits import MAX_MARK_TEXT
from .mission import Subject

ABSENT: Final = "absent"
MarkValue = Decimal | Literal["absent"]

_ABSENT_WORDS = {"abs", "absent", "a", "abs.", "absente"}


# The one grammar of a mark's text, on the desk as typed and on the server as received:
# ASCII digits with at most one decimal point or comma. No sign (a mark is never negative, and
# "-0" is not a second spelling of 0), no exponent ("1e-999999999" is not a mark anyone
# typed), no other script's digits (Python reads "١٢" as 12: a value must look the same on
# every screen and paper it reaches), no NaN or infinity.
_MARK_TEXT = re.compile(r"(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)", re.ASCII)


def parse_mark(text: str | int | float, subject: Subject) -> MarkValue:
    """Read a mark as typed by a marker or as a desk sent it: ``12.5``, ``12,5``, ``abs``.

    Raises ValidationError with a message fit for the user when the value is not allowed.
    """
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise ValidationError("a mark is a number or 'abs'")
    shown = text if isinstance(text, str) else repr(text)
    raw = shown.strip().lower()
    if len(raw) > MAX_MARK_TEXT:
        raise ValidationError(f"a mark is at most {MAX_MARK_TEXT} characters")
    if raw in _ABSENT_WORDS:
        return ABSENT
    if raw.startswith(("-", "+")) and _MARK_TEXT.fullmatch(raw[1:]):
        raise ValidationError(f"{raw} is out of range: {subject.label} is marked from 0 to "
                              f"{_fmt(subject.max_mark)}, without a sign")
    if not _MARK_TEXT.fullmatch(raw):
        raise ValidationError(f"'{shown.strip()}' is not a mark: type a number with the digits "
                              "0-9 (12.5 or 12,5) or 'abs'")
    return validate_mark(Decimal(raw.replace(",", ".")), subject)


def validate_mark(value: MarkValue | str, subject: Subject) -> MarkValue:
    """Range and step of a mark; text goes through parse_mark's grammar first."""
    if value == ABSENT:
        return ABSENT
    if not isinstance(value, Decimal):
        return parse_mark(value, subject)
    if not value.is_finite():
        raise ValidationError(f"'{value}' is not a mark")
    if value.is_signed() or value > subject.max_mark:
        raise ValidationError(f"{value} is out of range: {subject.label} is marked from 0 to "
                              f"{_fmt(subject.max_mark)}")
    if value % subject.step != 0:
        raise ValidationError(f"{value} is not a multiple of {_fmt(subject.step)}")
    return _normalise(value)


def _normalise(value: Decimal) -> Decimal:
    # 12.50 and 12.5 are the same mark; store one spelling so equal values compare equal on
    # every desk and on the server.
    q = value.normalize()
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q


def _fmt(value: Decimal) -> str:
    return format(_normalise(value), "f")


def mark_to_wire(value: MarkValue | None) -> str | None:
    """Marks travel and are stored as strings so no float rounding ever touches them."""
    if value is None:
        return None
    return ABSENT if value == ABSENT else _fmt(value)


def mark_from_wire(value: str | None) -> MarkValue | None:
    if value is None:
        return None
    return ABSENT if value == ABSENT else Decimal(value)


def needs_third_reading(values: Iterable[MarkValue], threshold: Decimal) -> bool:
    """True when two markers' numeric marks differ by more than the threshold, or when one
    marker saw the candidate absent and another gave a mark."""
    vals = list(values)
    numbers = [v for v in vals if v != ABSENT]
    if numbers and len(numbers) != len(vals):
        return True
    if len(numbers) < 2:
        return False
    return max(numbers) - min(numbers) > threshold  # type: ignore[operator]


def marking_complete(values: Sequence[MarkValue], threshold: Decimal) -> bool:
    """Whether a subject's marking of one script is done: marked twice (double marking), and
    when the two marks call a third reading (needs_third_reading), read a third time. A
    candidate absent from the subject left no script to read twice."""
    if values and all(v == ABSENT for v in values):
        return True
    if len(values) < 2:
        return False
    return len(values) >= 3 or not needs_third_reading(values, threshold)


def subject_result(values: Sequence[MarkValue]) -> MarkValue | None:
    """The candidate's mark in a subject from every marker's mark.

    - no mark yet: None (the subject is still to be marked);
    - every marker says absent: ABSENT;
    - otherwise the mean of the numeric marks (an 'absent' beside numbers is a discrepancy
      flagged by needs_third_reading, and the numbers win: a mark proves presence).
    With three readings the third reader settles the pair: the mean of the two closest.
    """
    if not values:
        return None
    numbers = sorted(v for v in values if v != ABSENT)
    if not numbers:
        return ABSENT
    if len(numbers) >= 3:
        pairs = [(numbers[i + 1] - numbers[i], i) for i in range(len(numbers) - 1)]
        _, i = min(pairs)
        numbers = [numbers[i], numbers[i + 1]]
    return sum(numbers, Decimal(0)) / len(numbers)  # type: ignore[arg-type]
