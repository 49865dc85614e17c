"""What the console's calibration pages show (issue 17 §3), for one mission or across
missions: the domain's statistics (app.domain.calibration over server.calibration's
observations; across missions the people behind the assessors link the missions) laid out
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
    Estimate,
    MarkerStat,
    PanelStat,
)
from app.domain.mission import MissionConfig
from app.domain.text import display_name

from ..calibration import load_calibration
from ..models import Candidate, Mission
from ..scores import mission_config

HEAT_STEPS = (0.1, 0.25, 0.5)  # levels from the panel's mean where the colour deepens


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
    cells: tuple[AssessorStat | None, ...]  # in the order of CalibrationPage.criteria


@dataclass(frozen=True)
class MarkerLine:
    marker: str
    subject: str
    stat: MarkerStat


@dataclass(frozen=True)
class GapLine:
    candidate_id: str | None  # None while the script is named by its code
    label: str  # "number · name", or the script code while its subject is anonymous
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
    criteria: tuple[str, ...] = ()  # column titles, in the reader's language
    heat: tuple[HeatRow, ...] = ()
    markers: tuple[MarkerLine, ...] = ()
    gaps: tuple[GapLine, ...] = ()
    panels: tuple[PanelLine, ...] = ()
    min_candidates: int = MIN_CANDIDATES

    @property
    def empty(self) -> bool:
        return not (self.heat or self.markers or self.gaps or self.panels)


def _labels(configs: list[MissionConfig], french: bool) -> tuple[dict[str, str],
                                                                 dict[str, str]]:
    """Criteria and subjects by key, in the reader's language (the first mission's words
    where missions differ)."""
    criteria: dict[str, str] = {}
    subjects: dict[str, str] = {}
    for config in configs:
        for c in config.rubric.criteria:
            criteria.setdefault(c.key, c.label_fr if french and c.label_fr else c.label)
        for x in config.subjects:
            subjects.setdefault(x.key, x.label_fr if french and x.label_fr else x.label)
    return criteria, subjects


def calibration_page(s: Session, missions: list[Mission], locale: str) -> CalibrationPage:
    """One mission's figures, or several missions calibrated together (server.calibration:
    an assessor who worked on several missions is one rater linking them)."""
    if not missions:
        return CalibrationPage()
    data = load_calibration(s, [m.id for m in missions])
    cal = data.calibrate()
    criteria, subjects = _labels([mission_config(m.config) for m in missions], locale == "fr")
    keys = [k for k in criteria if any(a.criterion == k for a in cal.assessors)]
    codes = dict(data.missions)
    name = data.rater_names.get

    cells: dict[str, dict[str, AssessorStat]] = {}
    for a in cal.assessors:
        cells.setdefault(a.assessor_id, {})[a.criterion] = a
    heat = sorted((HeatRow(name(rid, rid[:8]), tuple(by.get(k) for k in keys))
                   for rid, by in cells.items()), key=lambda r: r.assessor)
    markers = sorted((MarkerLine(name(m.marker_id, m.marker_id[:8]),
                                 subjects.get(m.subject, m.subject), m) for m in cal.markers),
                     key=lambda m: (m.marker, m.subject))
    panels = []
    for p in cal.panels:
        label = data.panel_labels.get(p.panel_key, p.panel_key)
        code, _, members = (label.partition(":") if len(missions) > 1
                            else (missions[0].code, "", label))
        panels.append(PanelLine(code, members, p))

    # As the desk: a subject marked anonymously names its scripts by code, unless no code
    # was ever issued in that mission (then there are only names to show).
    coded = {(data.candidate_mission.get(cid), subject)
             for (cid, subject), code in data.script_codes.items() if code != "—"}
    people = {cid: (number, display_name(family, given)) for cid, number, family, given in
              s.execute(select(Candidate.id, Candidate.application_number,
                               Candidate.family_name, Candidate.given_names)
                        .where(Candidate.id.in_([g.candidate_id for g in cal.gaps])))
              } if cal.gaps else {}
    gaps = []
    for g in cal.gaps:
        mission_id = data.candidate_mission.get(g.candidate_id, "")
        code = data.script_codes.get((g.candidate_id, g.subject))
        marks = tuple((name(a, a[:8]), v) for a, v in g.values)
        if code is not None and (mission_id, g.subject) in coded:
            gaps.append(GapLine(None, code, codes.get(mission_id, ""),
                                subjects.get(g.subject, g.subject), marks, g.gap))
        else:
            number, full = people.get(g.candidate_id, ("", ""))
            gaps.append(GapLine(g.candidate_id, f"{number} · {full}", codes.get(mission_id, ""),
                                subjects.get(g.subject, g.subject), marks, g.gap))
    return CalibrationPage(tuple(criteria[k] for k in keys), tuple(heat), tuple(markers),
                           tuple(gaps), tuple(panels))
