"""The words the interface uses for the store's identifiers: entities, fields and values
(``candidate``, ``status``, ``absent``...), so that conflicts, history and refusals read in
the interface language instead of raw names. Translated in the "Vocabulary" context."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from app.domain.enums import Outcome, Recommendation
from app.domain.marks import ABSENT
from app.domain.mission import Subject
from ui.models.candidates import status_label, track_label
from ui.models.interviews import recommendation_label
from ui.numbers import datetime_text, decimal_text


def subject_label(subject: Subject) -> str:
    """The subject's name in the interface language (French label under a French locale)."""
    french = QLocale().language() == QLocale.Language.French
    return subject.label_fr if french and subject.label_fr else subject.label


def entity_label(entity: str) -> str:
    labels = {
        "candidate": QCoreApplication.translate("Vocabulary", "Candidate"),
        "mark": QCoreApplication.translate("Vocabulary", "Mark"),
        "scorecard": QCoreApplication.translate("Vocabulary", "Scorecard"),
        "decision": QCoreApplication.translate("Vocabulary", "Decision"),
        "interview": QCoreApplication.translate("Vocabulary", "Interview"),
        "mission": QCoreApplication.translate("Vocabulary", "Mission"),
        "assessor": QCoreApplication.translate("Vocabulary", "Assessor"),
    }
    return labels.get(entity, entity)


def field_label(field: str) -> str:
    labels = {
        "status": QCoreApplication.translate("Vocabulary", "status"),
        "value": QCoreApplication.translate("Vocabulary", "mark"),
        "outcome": QCoreApplication.translate("Vocabulary", "decision"),
        "option_code": QCoreApplication.translate("Vocabulary", "programme option"),
        "rationale": QCoreApplication.translate("Vocabulary", "rationale"),
        "starts_at": QCoreApplication.translate("Vocabulary", "interview time"),
        "room": QCoreApplication.translate("Vocabulary", "room"),
        "panel": QCoreApplication.translate("Vocabulary", "panel"),
        "levels": QCoreApplication.translate("Vocabulary", "rubric levels"),
        "notes": QCoreApplication.translate("Vocabulary", "notes"),
        "recommendation": QCoreApplication.translate("Vocabulary", "recommendation"),
        "submitted": QCoreApplication.translate("Vocabulary", "submitted"),
        "submitted_at": QCoreApplication.translate("Vocabulary", "submission time"),
        "amendments": QCoreApplication.translate("Vocabulary", "amendments"),
        "family_name": QCoreApplication.translate("Vocabulary", "family name"),
        "given_names": QCoreApplication.translate("Vocabulary", "given names"),
        "birth_date": QCoreApplication.translate("Vocabulary", "birth date"),
        "email": QCoreApplication.translate("Vocabulary", "e-mail"),
        "nationality": QCoreApplication.translate("Vocabulary", "nationality"),
        "home_institution": QCoreApplication.translate("Vocabulary", "home institution"),
        "partner_institution": QCoreApplication.translate("Vocabulary", "partner institution"),
        "track": QCoreApplication.translate("Vocabulary", "track"),
        "wishes": QCoreApplication.translate("Vocabulary", "wishes"),
        "subject": QCoreApplication.translate("Vocabulary", "subject"),
        "decided_by": QCoreApplication.translate("Vocabulary", "decided by"),
        "application_number": QCoreApplication.translate("Vocabulary", "application number"),
    }
    return labels.get(field, field.replace("_", " "))


def outcome_label(outcome: str | None) -> str:
    return {
        Outcome.ADMIT.value: QCoreApplication.translate("Vocabulary", "Admit"),
        Outcome.WAITLIST.value: QCoreApplication.translate("Vocabulary", "Waitlist"),
        Outcome.REJECT.value: QCoreApplication.translate("Vocabulary", "Reject"),
    }.get(outcome or "", outcome or "")


def value_label(field: str, value: Any) -> str:
    """A stored value in words: a status, a track, a decision, a mark with a decimal comma,
    yes/no; anything else as written."""
    if value is None or value == "":
        return QCoreApplication.translate("Vocabulary", "(none)")
    if isinstance(value, bool):
        return (QCoreApplication.translate("Vocabulary", "yes") if value
                else QCoreApplication.translate("Vocabulary", "no"))
    if field == "status":
        return status_label(str(value))
    if field == "track":
        return track_label(str(value))
    if field == "outcome":
        return outcome_label(str(value))
    if field == "recommendation" and value in {r.value for r in Recommendation}:
        return recommendation_label(str(value))
    if field == "value":
        if value == ABSENT:
            return QCoreApplication.translate("Vocabulary", "absent")
        try:
            return decimal_text(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            return str(value)
    if field == "starts_at" and isinstance(value, str):
        return datetime_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return json.dumps(value, ensure_ascii=False)
