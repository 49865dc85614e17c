"""Read side of the chair's Calibration page: the mission's marks and submitted scorecards
as calibration observations (app.domain.calibration), under the desk's reading rules.

- Blind second marking: a viewer who is not the chair reads another marker's mark of a
  subject only once their own mark of that script is entered (as the candidate page).
- Blind panel: only submitted scorecards count, and a panel member whose own card of a
  candidate is not submitted reads none of the colleagues' (domain.scorecard).
- Anonymous marking: a script of a subject still marked on codes is labelled by its code,
  never by the candidate's name or number.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calibration import (
    CalibrationInput,
    LevelObs,
    MarkObs,
    level_obs,
    mark_obs,
    panel_key,
)
from app.domain.mission import MissionConfig
from app.domain.scorecard import ScorecardView, visible_scorecards
from app.domain.text import display_name

from .models import Assessor, Candidate, Interview, Mark, Scorecard
from .queries_scripts import is_anonymous, script_codes
from .ranking import mission_config
from .shared_values import Shared, shared_values


def _marks(session: Session, mission_id: str, viewer_id: str, sees_all: bool,
           config: MissionConfig, one: Shared) -> list[MarkObs]:
    rows = session.execute(
        select(Mark.candidate_id, Mark.subject, Mark.marker_id, Mark.value)
        .join(Candidate, Candidate.id == Mark.candidate_id)
        .where(Candidate.mission_id == mission_id, Mark.value.is_not(None))).all()
    own = {(cid, subject) for cid, subject, marker, _v in rows if marker == viewer_id}
    out = []
    for cid, subject, marker, value in rows:
        if not (sees_all or marker == viewer_id
                or config.sees_other_marks((cid, subject) in own)):
            continue
        obs = mark_obs(one(cid), one(subject), one(marker), value)
        if obs is not None:
            out.append(obs)
    return out


def _levels(session: Session, mission_id: str, viewer_id: str, config: MissionConfig,
            one: Shared | None = None) -> tuple[list[LevelObs], dict[str, list[str]]]:
    one = one or shared_values()
    # Streamed (a Core result, not the ORM's buffered one) one candidate at a time, with the
    # panel on the same row: every card's levels and every panel are never held at once.
    rows = session.connection().execute(
        select(Scorecard.candidate_id, Scorecard.author_id, Scorecard.submitted,
               Scorecard.levels, Interview.panel)
        .join(Candidate, Candidate.id == Scorecard.candidate_id)
        .outerjoin(Interview, Interview.candidate_id == Scorecard.candidate_id)
        .where(Candidate.mission_id == mission_id)
        .order_by(Scorecard.candidate_id))
    out: list[LevelObs] = []
    members: dict[str, list[str]] = {}
    for cid, of_one in groupby(rows, key=itemgetter(0)):
        cs = [(author, bool(submitted), levels or {}, panel)
              for _cid, author, submitted, levels, panel in of_one]
        panel = list(cs[0][3] or [])
        seen = {v.author_id for v in visible_scorecards(
            viewer_id, [ScorecardView(a, sub) for a, sub, _lv, _p in cs], panel)}
        shown = [(a, lv) for a, sub, lv, _p in cs if sub and a in seen]
        if not shown:
            continue
        group = panel or [a for a, _lv in shown]
        key = panel_key(group)
        members[key] = sorted(set(group))
        for author, lv in shown:
            out.extend(level_obs(one(cid), key, one(author), lv, config.rubric))
    return out, members


def submitted_levels(session: Session, mission_id: str, viewer_id: str | None = None
                     ) -> list[LevelObs]:
    """The submitted scorecards' levels, for the jury minutes' adjusted scores: with no
    ``viewer_id`` every submitted card counts (no draft ever does); with one, the cards
    that assessor may read (blind panel: a shared desk holds colleagues' cards)."""
    return _levels(session, mission_id, viewer_id or "",
                   mission_config(session, mission_id))[0]


def load_calibration_input(session: Session, mission_id: str, viewer_id: str, *,
                           labels: bool = True) -> CalibrationInput:
    """The mission's observations as ``viewer_id`` may read them (module docstring).
    ``labels``: also every script's label and code (a report names any script; the desk's
    page names only its few largest gaps, and reads those itself)."""
    config = mission_config(session, mission_id)
    people = {aid: (name, chair) for aid, name, chair in session.execute(
        select(Assessor.id, Assessor.name, Assessor.is_chair)
        .where(Assessor.mission_id == mission_id))}
    names = {aid: name for aid, (name, _c) in people.items()}
    sees_all = people.get(viewer_id, ("", False))[1]
    # Ids and subjects repeat over tens of thousands of observations: each held once.
    one = shared_values()
    levels, members = _levels(session, mission_id, viewer_id, config, one)
    data = CalibrationInput(
        config, _marks(session, mission_id, viewer_id, sees_all, config, one), levels, names,
        {k: " / ".join(sorted(names.get(a, "?") for a in m)) for k, m in members.items()})
    if not labels:
        return data
    for cid, number, family, given in session.execute(
            select(Candidate.id, Candidate.application_number, Candidate.family_name,
                   Candidate.given_names).where(Candidate.mission_id == mission_id)):
        data.candidate_labels[cid] = f"{number} {display_name(family, given)}"
        data.candidate_mission[cid] = mission_id
    for subject in {m.subject for m in data.marks}:
        if is_anonymous(session, mission_id, config, subject):
            codes = script_codes(session, mission_id, config, subject)
            data.script_codes.update(((cid, subject), codes.get(cid, "—"))
                                     for cid in data.candidate_labels)
    return data

