"""A mission's configuration: written-test subjects, programme options, rubric, weights."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .enums import Track
from .errors import DomainError
from .planning.config import PlanningConfig
from .planning.timeline import zone
from .rubric import Rubric, default_rubric


class Subject(BaseModel):
    """A written-test subject: marks from 0 to ``max_mark`` in multiples of ``step``."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: str = Field(min_length=1, max_length=120)
    label_fr: str = Field(default="", max_length=120)
    max_mark: Decimal = Field(default=Decimal(20), gt=0, le=1000)
    step: Decimal = Field(default=Decimal("0.25"), gt=0, le=100)
    coefficient: Decimal = Field(default=Decimal(1), gt=0, le=100)

    @model_validator(mode="after")
    def _step_divides_max(self) -> Subject:
        if (self.max_mark / self.step) % 1 != 0:
            raise ValueError(f"subject {self.key}: step {self.step} must divide {self.max_mark}")
        return self


class ProgrammeOption(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    label: str = Field(min_length=1, max_length=200)


class TrackWeights(BaseModel):
    """Weights of the written score and interview score in a track's composite score."""

    model_config = ConfigDict(frozen=True)

    written: Decimal = Field(default=Decimal(0), ge=0, le=100)
    interview: Decimal = Field(default=Decimal(1), ge=0, le=100)

    @model_validator(mode="after")
    def _not_all_zero(self) -> TrackWeights:
        if self.written + self.interview <= 0:
            raise ValueError("track weights must not all be zero")
        return self


def default_subjects() -> tuple[Subject, ...]:
    return (
        Subject(key="maths", label="Mathematics", label_fr="Mathématiques"),
        Subject(key="physics", label="Physics", label_fr="Physique"),
        Subject(key="specialty", label="Specialty", label_fr="Spécialité"),
    )


def default_weights() -> dict[Track, TrackWeights]:
    # Free movers sit the written tests; double-degree candidates were preselected by their
    # partner institution on academic records, so only the interview is scored here.
    return {
        Track.FREE_MOVER: TrackWeights(written=Decimal("0.6"), interview=Decimal("0.4")),
        Track.DOUBLE_DEGREE: TrackWeights(written=Decimal(0), interview=Decimal(1)),
    }


class MissionConfig(BaseModel):
    """Everything that parameterises a mission's scoring, stored as JSON with the mission."""

    model_config = ConfigDict(frozen=True)

    subjects: tuple[Subject, ...] = Field(default_factory=default_subjects, max_length=20)
    rubric: Rubric = Field(default_factory=default_rubric)
    weights: dict[Track, TrackWeights] = Field(default_factory=default_weights)
    options: tuple[ProgrammeOption, ...] = Field(default=(), max_length=50)
    # A gap between two markers' marks strictly above this (in points on the subject's
    # scale) flags the pair for a third reading.
    double_marking_threshold: Decimal = Field(default=Decimal(3), ge=0, le=1000)
    # Blind second marking: a marker sees the other markers' marks of a subject only once
    # their own is entered. Packages made before this setting existed read as on.
    blind_second_marking: bool = True
    # The mission's plan setup (days, rooms, slot length, panels, sittings), None until
    # planned; written tests marked on script codes until the chair lifts anonymity per
    # subject. Packages made before these settings existed read as unplanned and anonymous.
    planning: PlanningConfig | None = None
    anonymous_marking: bool = True
    # Print beside each raw interview score the score adjusted for assessor severity
    # (app.domain.calibration.adjust: method and why) on the jury minutes. The ranking stays
    # on the raw score: candidates are never re-ranked by it. Off unless the mission asks.
    adjust_interview_scores: bool = False

    @model_validator(mode="after")
    def _unique_subject_keys(self) -> MissionConfig:
        keys = [s.key for s in self.subjects]
        if len(set(keys)) != len(keys):
            raise ValueError("subject keys must be unique")
        return self

    def subject(self, key: str) -> Subject:
        for s in self.subjects:
            if s.key == key:
                return s
        raise KeyError(key)

    def sees_other_marks(self, own_entered: bool) -> bool:
        """Whether a marker may see the other markers' marks of a subject (blind second
        marking keeps them hidden until the marker's own mark is entered)."""
        return own_entered or not self.blind_second_marking

    def track_weights(self, track: Track) -> TrackWeights:
        return self.weights.get(track) or default_weights()[track]


class MissionHeader(BaseModel):
    """A mission's identity and calendar (the mission row's own fields, beside its config)."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
    name: str = Field(default="", max_length=200)
    country: str = Field(min_length=1, max_length=80)
    city: str = Field(min_length=1, max_length=80)
    timezone: str = Field(default="UTC", min_length=1, max_length=64)
    start_date: dt.date
    end_date: dt.date

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zone(value)  # the IANA database (zoneinfo) must know it
        except DomainError as exc:
            raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _ends_after_start(self) -> MissionHeader:
        if self.end_date < self.start_date:
            raise ValueError("the mission ends before it starts")
        return self
