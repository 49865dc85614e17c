"""What the desk's Calibration page shows, read in one go off the UI thread: the domain's
statistics (app.domain.calibration.calibrate over the observations of
app.store.queries_calibration) and the words around them — assessors' names, and for each
script with a large marking gap, how the page may name it (its script code while the subject
is still marked anonymously, as on the written-tests page; the application number and name
once anonymity is lifted)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calibration import MIN_CANDIDATES, Calibration, Gap, calibrate
from app.domain.mission import MissionConfig
from app.domain.text import display_name

from .models import Assessor, Candidate
from .queries_calibration import load_observations
from .queries_scripts import is_anonymous, script_codes


@dataclass(frozen=True)
class GapScript:
    """A script with a large gap, as the page may name it."""

    gap: Gap
    identifier: str  # the script code while anonymous, else the application number
    name: str  # "" while anonymous
    anonymous: bool


@dataclass(frozen=True)
class CalibrationView:
    calibration: Calibration
    assessors: dict[str, str]  # assessor id -> name
    gaps: tuple[GapScript, ...]
    min_candidates: int  # below it a figure hides itself

    def assessor_name(self, assessor_id: str) -> str:
        return self.assessors.get(assessor_id, assessor_id[:8])


def scale_max(config: MissionConfig) -> int:
    """The top level of the rubric (the domain counts levels at either end as extreme)."""
    return max(c.max_level for c in config.rubric.criteria)


def load_calibration_view(session: Session, mission_id: str,
                          config: MissionConfig) -> CalibrationView:
    marks, levels = load_observations(session, mission_id)
    calibration = calibrate(marks, levels, scale_max=scale_max(config),
                            gap_threshold=float(config.double_marking_threshold))
    assessors = dict(session.execute(select(Assessor.id, Assessor.name)
                                     .where(Assessor.mission_id == mission_id)).all())
    wanted = {g.candidate_id for g in calibration.gaps}
    people = {cid: (number, display_name(family, given)) for cid, number, family, given in
              session.execute(select(Candidate.id, Candidate.application_number,
                                     Candidate.family_name, Candidate.given_names)
                              .where(Candidate.id.in_(wanted)))} if wanted else {}
    codes: dict[str, dict[str, str] | None] = {}  # subject -> codes, None when not anonymous
    for subject in {g.subject for g in calibration.gaps}:
        codes[subject] = (script_codes(session, mission_id, config, subject)
                          if is_anonymous(session, mission_id, config, subject) else None)
    gaps = []
    for g in calibration.gaps:
        number, name = people.get(g.candidate_id, ("", ""))
        subject_codes = codes.get(g.subject)
        # No code issued (a mission never seated): the written-tests page shows names too.
        if subject_codes:
            gaps.append(GapScript(g, subject_codes.get(g.candidate_id, "—"), "", True))
        else:
            gaps.append(GapScript(g, number, name, False))
    return CalibrationView(calibration, assessors, tuple(gaps), MIN_CANDIDATES)
