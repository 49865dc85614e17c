"""The jury minutes (app.reports.ranking) printed by the server: the mission's rows read into
the reports' plain data, then the desk's own builder, so both print the same paper."""

from __future__ import annotations

import datetime as dt
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports import calibration as annex
from app.reports.data import CandidateData, MissionData
from app.reports.ranking import write_ranking

from .calibration import load_calibration
from .models import Assessor, Candidate, Decision, Mission
from .scores import mission_config, mission_rankings


def minutes_data(s: Session, mission: Mission) -> MissionData:
    """What the minutes print: the team, the live candidates with their decisions, and the
    ranking per track (marks and scorecards enter only through the scores)."""
    config = mission_config(mission.config)
    team = s.execute(select(Assessor.id, Assessor.name, Assessor.role, Assessor.is_chair)
                     .where(Assessor.mission_id == mission.id, Assessor.deleted.is_(False))
                     .order_by(Assessor.is_chair.desc(), Assessor.name)).all()
    cands: dict[str, CandidateData] = {}
    for c in s.scalars(select(Candidate).where(
            Candidate.mission_id == mission.id, Candidate.deleted.is_(False))
            .order_by(Candidate.application_number)):
        cands[c.id] = CandidateData.of(c)
    for cid, outcome, option, rationale, override in s.execute(
            select(Decision.candidate_id, Decision.outcome, Decision.option_code,
                   Decision.rationale, Decision.override_reason)
            .where(Decision.mission_id == mission.id, Decision.deleted.is_(False))):
        cd = cands.get(cid)
        if cd is None:
            continue
        cd.outcome, cd.option_code, cd.rationale = outcome, option, rationale or ""
        cd.override_reason = (override or "") if outcome == "admit" else ""
    ranking = mission_rankings(s, [mission.id])[mission.id]
    for scores in ranking.values():
        for sc in scores:
            cands[sc.candidate_id].score = sc
    data = MissionData(mission.id, mission.code, mission.name, mission.country, mission.city,
                       mission.timezone or "UTC", mission.start_date, mission.end_date, config,
                       [(a.id, a.name, a.role, a.is_chair) for a in team],
                       list(cands.values()), ranking)
    if config.adjust_interview_scores:
        data.adjustment = load_calibration(s, [mission.id]).adjustment()
    return data


def write_minutes(s: Session, mission: Mission, out: IO[bytes],
                  now: dt.datetime | None = None) -> None:
    write_ranking(minutes_data(s, mission), out, now)


def write_calibration_annex(s: Session, mission: Mission, out: IO[bytes],
                            now: dt.datetime | None = None) -> None:
    """The minutes' calibration annex, from every submitted card and mark on the server."""
    data = minutes_data(s, mission)
    data.calibration = load_calibration(s, [mission.id])
    annex.write(data, out, now)
