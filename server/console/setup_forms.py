"""The setup pages' forms: rows of fields named ``part-index-field`` read into the shapes the
domain's models take (MissionHeader, MissionConfig), and the models' errors brought back to
the fields they concern, in the user's language.

A table form (subjects, options, levels) shows the rows held plus blank ones to fill; a blank
row is ignored and a row whose "remove" box is ticked is dropped, so no script is needed to
add or remove a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from .i18n import N_, translator

BLANK_ROWS = 2
MAX_ROWS = 60  # beyond every domain bound (20 subjects, 50 options, 11 levels)

SUBJECT_FIELDS = ("key", "label", "label_fr", "max_mark", "step", "coefficient")
OPTION_FIELDS = ("code", "label")
LEVEL_FIELDS = ("label", "description", "label_fr", "description_fr")
CRITERION_FIELDS = ("key", "label", "label_fr", "weight")
TRACKS = ("free_mover", "double_degree")

# pydantic's error types, as short messages for a form (English source, French in .po).
MESSAGES: dict[str, str] = {
    "missing": N_("Required."),
    "string_too_short": N_("Required."),
    "string_too_long": N_("Too long."),
    "string_pattern_mismatch": N_("Not in the expected form."),
    "date_from_datetime_parsing": N_("Not a date (YYYY-MM-DD)."),
    "date_parsing": N_("Not a date (YYYY-MM-DD)."),
    "date_type": N_("Not a date (YYYY-MM-DD)."),
    "decimal_parsing": N_("Not a number."),
    "decimal_type": N_("Not a number."),
    "float_parsing": N_("Not a number."),
    "int_parsing": N_("Not a whole number."),
    "greater_than": N_("Too small."),
    "greater_than_equal": N_("Too small."),
    "less_than": N_("Too large."),
    "less_than_equal": N_("Too large."),
    "too_short": N_("Too few rows."),
    "too_long": N_("Too many rows."),
}
# The domain's own messages (app.domain.mission, rubric, planning.timeline), by their start.
DOMAIN_MESSAGES: tuple[tuple[str, str], ...] = (
    ("the mission ends before it starts", N_("The mission ends before it starts.")),
    ("subject keys must be unique", N_("Two subjects have the same key.")),
    ("rubric criteria keys must be unique", N_("Two criteria have the same key.")),
    ("track weights must not all be zero", N_("The two weights cannot both be zero.")),
)
DOMAIN_PATTERNS: tuple[tuple[str, str], ...] = (
    ("is not a time zone", N_("Not a time zone (e.g. Asia/Kolkata).")),
    ("must divide", N_("The step must divide the maximum mark.")),
    ("levels must be consecutive", N_("Levels must be consecutive.")),
)


def message(error: Mapping[str, Any], gettext: Callable[[str], str]) -> str:
    """One pydantic error in the user's language."""
    text = str(error.get("msg", "")).removeprefix("Value error, ")
    for start, msg in DOMAIN_MESSAGES:
        if text.startswith(start):
            return gettext(msg)
    for part, msg in DOMAIN_PATTERNS:
        if part in text:
            return gettext(msg)
    known = MESSAGES.get(str(error.get("type", "")))
    return gettext(known) if known else text


def field_errors(exc: ValidationError, locale: str,
                 rename: Callable[[tuple[Any, ...]], str] | None = None) -> dict[str, str]:
    """Errors keyed by form field name (``subjects-0-step``; a row-level error by the row's
    name, ``subjects-0``; a whole-form error under ``""``)."""
    gettext = translator(locale).gettext
    out: dict[str, str] = {}
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        key = rename(loc) if rename else "-".join(str(p) for p in loc)
        out.setdefault(key, message(err, gettext))
    return out


def rows(form: Mapping[str, Any], part: str, fields: Sequence[str]
         ) -> tuple[list[dict[str, str]], list[int]]:
    """The filled, kept rows of a table form and the form row index of each."""
    out: list[dict[str, str]] = []
    index: list[int] = []
    for i in range(MAX_ROWS):
        if not any(f"{part}-{i}-{f}" in form for f in fields):
            break
        if form.get(f"{part}-{i}-remove"):
            continue
        row = {f: str(form.get(f"{part}-{i}-{f}", "")).strip() for f in fields}
        if not any(row.values()):
            continue
        out.append(row)
        index.append(i)
    return out, index


def table_rename(part: str, index: list[int]) -> Callable[[tuple[Any, ...]], str]:
    """Error locations of a model built from ``rows`` -> the form's field names."""

    def rename(loc: tuple[Any, ...]) -> str:
        if len(loc) >= 2 and loc[0] == part and isinstance(loc[1], int):
            i = index[loc[1]] if loc[1] < len(index) else loc[1]
            return "-".join([part, str(i), *(str(p) for p in loc[2:])])
        return "-".join(str(p) for p in loc)

    return rename


def subjects_part(form: Mapping[str, Any]) -> tuple[dict[str, Any], list[int]]:
    found, index = rows(form, "subjects", SUBJECT_FIELDS)
    # an empty number is the domain's default (maximum 20, step 0.25, coefficient 1)
    return {"subjects": [{k: v for k, v in r.items() if v != "" or k in ("key", "label")}
                         for r in found]}, index


def options_part(form: Mapping[str, Any]) -> tuple[dict[str, Any], list[int]]:
    found, index = rows(form, "options", OPTION_FIELDS)
    return {"options": found}, index


def scoring_part(form: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "weights": {t: {"written": str(form.get(f"weights-{t}-written", "")).strip(),
                        "interview": str(form.get(f"weights-{t}-interview", "")).strip()}
                    for t in TRACKS},
        "double_marking_threshold": str(form.get("double_marking_threshold", "")).strip(),
        "blind_second_marking": bool(form.get("blind_second_marking")),
        "anonymous_marking": bool(form.get("anonymous_marking")),
        "adjust_interview_scores": bool(form.get("adjust_interview_scores")),
    }


def criterion_part(form: Mapping[str, Any]) -> tuple[dict[str, Any], list[int]]:
    """One criterion: its levels numbered from the first level's value, in the form's order."""
    found, index = rows(form, "levels", LEVEL_FIELDS)
    first = str(form.get("first_level", "1")).strip() or "1"
    start = int(first) if first.isdigit() else 1
    criterion: dict[str, Any] = {f: str(form.get(f, "")).strip() for f in CRITERION_FIELDS}
    if not criterion["weight"]:
        criterion["weight"] = "1"
    criterion["levels"] = [{"value": start + n, **r} for n, r in enumerate(found)]
    return criterion, index


def criterion_rename(position: int, index: list[int]) -> Callable[[tuple[Any, ...]], str]:
    """Locations inside ``rubric.criteria.<position>`` -> the criterion form's fields."""

    def rename(loc: tuple[Any, ...]) -> str:
        inner = loc[3:] if loc[:3] == ("rubric", "criteria", position) else loc
        if len(inner) >= 2 and inner[0] == "levels" and isinstance(inner[1], int):
            i = index[inner[1]] if inner[1] < len(index) else inner[1]
            return "-".join(["levels", str(i), *(str(p) for p in inner[2:])])
        return "-".join(str(p) for p in inner)

    return rename
