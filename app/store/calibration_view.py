"""What the desk's Calibration page shows, read in one go off the UI thread: the domain's
statistics over the observations the viewer may read (app.store.queries_calibration, then
CalibrationInput.calibrate) and the words around them — assessors' names, panels' members,
and for each script with a large marking gap how the page may name it: its script code
while the subject is still marked anonymously (as on the written-tests page), else the
application number and name."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calibration import MIN_CANDIDATES, Calibration, Gap
from app.domain.text import display_name

from .models import Candidate
from .queries_calibration import load_calibration_input
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
    min_candidates: int = MIN_CANDIDATES  # below it a figure hides itself
    panels: dict[str, str] = field(default_factory=dict)  # panel key -> members' names

    def assessor_name(self, assessor_id: str) -> str:
        return self.assessors.get(assessor_id, assessor_id[:8])


def load_calibration_view(session: Session, mission_id: str,
                          viewer_id: str) -> CalibrationView:
    data = load_calibration_input(session, mission_id, viewer_id, labels=False)
    calibration = data.calibrate()
    wanted = {g.candidate_id for g in calibration.gaps}
    people = {cid: (number, display_name(family, given)) for cid, number, family, given in
              session.execute(select(Candidate.id, Candidate.application_number,
                                     Candidate.family_name, Candidate.given_names)
                              .where(Candidate.id.in_(wanted)))} if wanted else {}
    # As the written-tests page: a subject marked anonymously names its scripts by code, but
    # one with no code issued at all (a mission never seated) has only names to show.
    coded: dict[str, dict[str, str]] = {}
    for subject in {g.subject for g in calibration.gaps}:
        if is_anonymous(session, mission_id, data.config, subject):
            codes = script_codes(session, mission_id, data.config, subject)
            if codes:
                coded[subject] = codes
    gaps = []
    for g in calibration.gaps:
        codes = coded.get(g.subject)
        if codes is not None:  # still marked on codes: never the name
            gaps.append(GapScript(g, codes.get(g.candidate_id, "—"), "", True))
        else:
            number, name = people.get(g.candidate_id, ("", ""))
            gaps.append(GapScript(g, number, name, False))
    return CalibrationView(calibration, dict(data.rater_names), tuple(gaps),
                           panels=dict(data.panel_labels))
