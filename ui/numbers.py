"""Numbers and dates as the interface language writes them ("12,5" in French, "12.5" in
English), from the default QLocale that ``ui.app.Translations.install`` sets.

Marks stay exact: a Decimal is spelt by ``mark_to_wire`` and only its decimal separator is
localised, so no float ever rounds a mark on screen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from PySide6.QtCore import QDate, QLocale, Qt

from app.domain.marks import ABSENT, MarkValue, mark_to_wire


def _point(text: str) -> str:
    sep = QLocale().decimalPoint()
    return text.replace(".", sep) if sep != "." else text


def decimal_text(value: Decimal | MarkValue | None) -> str:
    """A Decimal (a mark, a step, a coefficient) in the interface's spelling; "" for None.
    ``absent`` is returned as is: callers say it in words."""
    if value is None:
        return ""
    if value == ABSENT:
        return ABSENT
    return _point(mark_to_wire(value) or "")


def score_text(value: Fraction | Decimal | float | None, places: int = 2) -> str:
    """A computed score rounded for display ("13,47"); "" for None."""
    if value is None:
        return ""
    return _point(f"{float(value):.{places}f}")


def weight_text(value: Fraction | Decimal | float) -> str:
    """A weight or ratio in its shortest form ("0,6")."""
    return _point(f"{float(value):g}")


def date_text(iso: str | None, long: bool = False) -> str:
    """An ISO date (YYYY-MM-DD) in the interface's format; the text itself if not a date."""
    if not iso:
        return ""
    d = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    if not d.isValid():
        return iso
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(d, kind)


def local_time(when: dt.datetime | str) -> dt.datetime | None:
    """A stored moment (ISO 8601, "Z" or an offset; naive means UTC) in this computer's zone;
    None for text that is not a moment."""
    if isinstance(when, str):
        try:
            when = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone()


def datetime_text(when: dt.datetime | str | None) -> str:
    """A moment in local time, short date and hour:minute in the interface's format."""
    if when is None or when == "":
        return ""
    local = local_time(when)
    if local is None:
        return str(when)
    day = QDate(local.year, local.month, local.day)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) + " " + local.strftime("%H:%M")
