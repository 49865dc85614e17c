"""What the console's calibration pages show (issue 17 §3), for one mission or across
missions: the domain's statistics (app.domain.calibration, computed per mission by
server.calibration, each with its own rubric scale and third-reading threshold) laid out
with names — assessors × criteria as a heat map, markers' deviations with intervals, the
largest marking gaps, and each panel's agreement and score distribution.

The heat map's colour is a CSS class (the console's CSP allows no inline style): the
deviation's direction and size in four steps, and grey for a figure resting on too few
candidates; the cell's text always says the value and n, so colour is never the only cue."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from babel import numbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calibration import (
    MIN_CANDIDATES,
    AssessorStat,
    Calibration,
    Estimate,
    Gap,
    MarkerStat,
    PanelStat,
)
from app.domain.text import display_name

from ..calibration import mission_calibration
from ..models import Assessor, Candidate, Mission
from ..scores import mission_config

HEAT_STEPS = (0.1, 0.25, 0.5)  # levels from the panel's mean where the colour deepens
GAP_LIMIT = 20


def heat_class(e: Estimate | None) -> str:
    """``heat-hidden``, ``heat-0`` (within 0.1 level), ``heat-p1..3`` (more lenient) or
    ``heat-m1..3`` (harsher)."""
    if e is None or not e.shown:
        return "heat-hidden"
    step = sum(abs(e.value) >= b for b in HEAT_STEPS)
    if step == 0:
        return "heat-0"
    return f"heat-{'p' if e.value > 0 else 'm'}{step}"


class Figures:
    """Numbers in the reader's locale: signed deviations, intervals, shares."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def plain(self, value: float, places: int = 2) -> str:
        return numbers.format_decimal(round(value, places), format="0." + "0" * places,
                                      locale=self.locale)

    def signed(self, value: float) -> str:
        """"+0.42", "−1.10", "0.00"."""
        text = self.plain(abs(value))
        if round(value, 2) == 0:
            return text
        return ("+" if value > 0 else "\u2212") + text

    def interval(self, e: Estimate) -> str:
        return f"[{self.signed(e.low)}, {self.signed(e.high)}]"

    def plain_interval(self, e: Estimate) -> str:
        return f"[{self.plain(e.low)}, {self.plain(e.high)}]"

    def percent(self, value: float) -> str:
        return numbers.format_percent(value, locale=self.locale)


@dataclass(frozen=True)
class HeatRow:
    assessor: str
    mission_code: str
    cells: tuple[AssessorStat | None, ...]  # in the order of CalibrationPage.criteria


@dataclass(frozen=True)
class MarkerLine:
    marker: str
    mission_code: str
    subject: str
    stat: MarkerStat


@dataclass(frozen=True)
class GapLine:
    candidate_id: str
    application_number: str
    name: str
    mission_code: str
    subject: str
    marks: tuple[tuple[str, float], ...]  # (marker's name, mark)
    gap: float


@dataclass(frozen=True)
class PanelLine:
    mission_code: str
    members: str
    stat: PanelStat

    @property
    def spread(self) -> tuple[float, float, float] | None:
        """(lowest, median, highest) of the panel's candidates' scores."""
        s = self.stat.scores
        return (min(s), statistics.median(s), max(s)) if s else None


@dataclass(frozen=True)
class CalibrationPage:
    criteria: tuple[str, ...]  # column titles, in the reader's language
    heat: tuple[HeatRow, ...]
    markers: tuple[MarkerLine, ...]
    gaps: tuple[GapLine, ...]
    panels: tuple[PanelLine, ...]
    min_candidates: int = MIN_CANDIDATES

    @property
    def empty(self) -> bool:
        return not (self.heat or self.markers or self.gaps or self.panels)


def _panel_members(panel_key: str) -> list[str]:
    """The assessor ids of a panel key (sorted ids joined by '+')."""
    return [p for p in panel_key.replace(",", "+").split("+") if p]


def calibration_page(s: Session, missions: list[Mission], locale: str) -> CalibrationPage:
    """Each mission calibrated on its own (its scale, its threshold), laid out together;
    criteria of the same key share a column, the largest gaps of all missions first."""
    french = locale == "fr"
    names = dict(s.execute(select(Assessor.id, Assessor.name).where(
        Assessor.mission_id.in_([m.id for m in missions]))).all()) if missions else {}
    criteria: dict[str, str] = {}
    per_mission: list[tuple[Mission, Calibration, dict[str, str]]] = []
    for mission in missions:
        config = mission_config(mission.config)
        for c in config.rubric.criteria:
            criteria.setdefault(c.key, c.label_fr if french and c.label_fr else c.label)
        subjects = {x.key: x.label_fr if french and x.label_fr else x.label
                    for x in config.subjects}
        per_mission.append((mission, mission_calibration(s, mission), subjects))
    keys = list(criteria)

    heat: list[HeatRow] = []
    markers: list[MarkerLine] = []
    panels: list[PanelLine] = []
    gaps: list[tuple[Mission, dict[str, str], Gap]] = []
    for mission, cal, subjects in per_mission:
        cells: dict[str, dict[str, AssessorStat]] = {}
        for a in cal.assessors:
            cells.setdefault(a.assessor_id, {})[a.criterion] = a
        heat += sorted((HeatRow(names.get(aid, aid[:8]), mission.code,
                                tuple(by.get(k) for k in keys)) for aid, by in cells.items()),
                       key=lambda r: r.assessor)
        markers += sorted((MarkerLine(names.get(m.marker_id, m.marker_id[:8]), mission.code,
                                      subjects.get(m.subject, m.subject), m)
                           for m in cal.markers), key=lambda m: (m.marker, m.subject))
        panels += [PanelLine(mission.code, " – ".join(names.get(a, a[:8])
                                                      for a in _panel_members(p.panel_key)), p)
                   for p in cal.panels]
        gaps += [(mission, subjects, g) for g in cal.gaps]
    gaps.sort(key=lambda t: -t[2].gap)
    gaps = gaps[:GAP_LIMIT]
    people = {cid: (number, display_name(family, given)) for cid, number, family, given in
              s.execute(select(Candidate.id, Candidate.application_number,
                               Candidate.family_name, Candidate.given_names)
                        .where(Candidate.id.in_([g.candidate_id for _m, _s, g in gaps])))
              } if gaps else {}
    gap_lines = []
    for mission, subjects, g in gaps:
        number, name = people.get(g.candidate_id, ("", ""))
        gap_lines.append(GapLine(g.candidate_id, number, name, mission.code,
                                 subjects.get(g.subject, g.subject),
                                 tuple((names.get(a, a[:8]), v) for a, v in g.values), g.gap))
    return CalibrationPage(tuple(criteria[k] for k in keys), tuple(heat), tuple(markers),
                           tuple(gap_lines), tuple(panels))
