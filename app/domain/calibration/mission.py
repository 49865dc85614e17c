"""A mission's rows into observations, and the mission's settings into calibrate()'s
arguments: one place for the desk's loader (app/store/queries_calibration.py) and the
server's (server/calibration.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..marks import ABSENT, mark_from_wire
from ..mission import MissionConfig
from ..rubric import Rubric
from .adjust import adjusted_interview_scores
from .compute import calibrate
from .model import Adjustment, Calibration, LevelObs, MarkObs


def panel_key(members: Iterable[str]) -> str:
    """A panel is the set of its members: the same people make the same key, in any order."""
    return "+".join(sorted(set(members)))


def mark_obs(candidate_id: str, subject: str, marker_id: str,
             wire_value: str | None) -> MarkObs | None:
    """A stored mark as an observation; None for a cleared or an ``absent`` mark."""
    value = mark_from_wire(wire_value)
    if value is None or value == ABSENT:
        return None
    return MarkObs(candidate_id, subject, marker_id, float(value))  # type: ignore[arg-type]


def level_obs(candidate_id: str, panel: str, author_id: str, levels: Mapping[str, Any] | None,
              rubric: Rubric) -> list[LevelObs]:
    """A submitted scorecard's levels on the rubric's criteria (anything else is ignored)."""
    out = []
    for key in rubric.keys:
        level = (levels or {}).get(key)
        if isinstance(level, int) and not isinstance(level, bool):
            out.append(LevelObs(candidate_id, panel, author_id, key, level))
    return out


def _range(rubric: Rubric) -> tuple[int, int]:
    return (min(c.min_level for c in rubric.criteria),
            max(c.max_level for c in rubric.criteria))


def calibrate_mission(config: MissionConfig, marks: Iterable[MarkObs],
                      levels: Iterable[LevelObs], gap_limit: int = 20,
                      gap_threshold: Mapping[str, float] | float | None = None) -> Calibration:
    """calibrate() with the mission's rubric and double-marking threshold."""
    low, high = _range(config.rubric)
    thr = float(config.double_marking_threshold) if gap_threshold is None else gap_threshold
    return calibrate(marks, levels, scale_max=high, scale_min=low, gap_threshold=thr,
                     gap_limit=gap_limit, rubric=config.rubric)


def adjust_mission(config: MissionConfig, levels: Iterable[LevelObs]) -> Adjustment:
    low, high = _range(config.rubric)
    return adjusted_interview_scores(levels, scale_max=high, scale_min=low,
                                     rubric=config.rubric)


@dataclass
class CalibrationInput:
    """What a calibration rests on, as a loader read it (the desk's under its reading rules,
    the server's for one mission or several), with the labels a page or a paper prints."""

    config: MissionConfig  # the rubric and threshold used (the first mission's, if several)
    marks: list[MarkObs] = field(default_factory=list)
    levels: list[LevelObs] = field(default_factory=list)
    rater_names: dict[str, str] = field(default_factory=dict)  # marker / assessor id -> name
    panel_labels: dict[str, str] = field(default_factory=dict)  # panel_key -> members' names
    candidate_labels: dict[str, str] = field(default_factory=dict)  # "number name"
    # (candidate id, subject) -> script code, for every script of a subject still marked
    # anonymously ("—" without a code): such a script is never named
    script_codes: dict[tuple[str, str], str] = field(default_factory=dict)
    # None: the config's double-marking threshold for every subject
    gap_threshold: Mapping[str, float] | float | None = None
    missions: list[tuple[str, str]] = field(default_factory=list)  # (id, code)
    candidate_mission: dict[str, str] = field(default_factory=dict)  # candidate -> mission

    def calibrate(self, gap_limit: int = 20) -> Calibration:
        return calibrate_mission(self.config, self.marks, self.levels, gap_limit,
                                 self.gap_threshold)

    def adjustment(self) -> Adjustment:
        return adjust_mission(self.config, self.levels)

    def script_label(self, candidate_id: str, subject: str) -> str:
        """How a script is named: its code while the subject is anonymous."""
        code = self.script_codes.get((candidate_id, subject))
        return code if code is not None else self.candidate_labels.get(candidate_id, "?")
