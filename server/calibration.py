"""Calibration on the server (issue 17 §2): a mission's, or several missions', marks and
submitted scorecards as calibration observations, for the console and the minutes' annex.

One mission: raters are the mission's assessors (the same ids as on the desks). Several
missions: raters are the *users* behind the assessors, so a professor who sat on panels in
Chennai and in Hanoi links the two missions and their severities become comparable;
panel keys and labels are prefixed by the mission's code. Deleted rows and draft scorecards
never count. Scripts of a subject still marked anonymously are labelled by their code.
The server reads everything: the pages that show it decide who may (office and chairs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calibration import CalibrationInput, level_obs, mark_obs, panel_key
from app.domain.mission import MissionConfig
from app.domain.text import display_name

from .models import Anonymity, Assessor, Candidate, Interview, Mark, Mission, Scorecard, Seat
from .scores import mission_config


def gap_thresholds(configs: Sequence[MissionConfig]) -> dict[str, float]:
    """Per subject, the smallest double-marking threshold of the missions (across missions a
    gap is listed if any of them would call a third reading)."""
    out: dict[str, float] = {}
    for config in configs:
        thr = float(config.double_marking_threshold)
        for subject in config.subjects:
            out[subject.key] = min(out.get(subject.key, thr), thr)
    return out


def _anonymous_codes(s: Session, mission_id: str, config: MissionConfig,
                     cids: Sequence[str]) -> dict[tuple[str, str], str]:
    """Every candidate's code per subject still anonymous ("—" for a candidate without a
    seat: never the name)."""
    if not config.anonymous_marking:
        return {}
    lifted = set(s.scalars(select(Anonymity.subject).where(
        Anonymity.mission_id == mission_id, Anonymity.lifted.is_(True),
        Anonymity.deleted.is_(False))))
    codes = {(cid, sitting): code for cid, sitting, code in s.execute(
        select(Seat.candidate_id, Seat.sitting, Seat.script_code).where(
            Seat.mission_id == mission_id, Seat.deleted.is_(False), Seat.script_code != ""))}
    out: dict[tuple[str, str], str] = {}
    for subject in config.subjects:
        if subject.key in lifted:
            continue
        sittings = ([st.id for st in config.planning.sittings if subject.key in st.subjects]
                    if config.planning is not None else [subject.key])
        for cid in cids:
            code = next((codes[(cid, st)] for st in sittings if (cid, st) in codes), "—")
            out[(cid, subject.key)] = code
    return out


def load_calibration(s: Session, mission_ids: Sequence[str]) -> CalibrationInput:
    """The observations of one mission, or of several compared (module docstring)."""
    if not mission_ids:
        raise ValueError("no mission to calibrate")
    rows = {m.id: m for m in s.scalars(select(Mission).where(
        Mission.id.in_(list(mission_ids)), Mission.deleted.is_(False)))}
    missing = [m for m in mission_ids if m not in rows]
    if missing:
        raise LookupError(f"no mission {missing[0]}")
    across = len(mission_ids) > 1
    configs = {m: mission_config(rows[m].config) for m in mission_ids}
    data = CalibrationInput(configs[mission_ids[0]],
                            missions=[(m, rows[m].code) for m in mission_ids],
                            gap_threshold=gap_thresholds(list(configs.values())))
    rater: dict[str, str] = {}  # assessor id -> rater id
    for aid, uid, name in s.execute(select(Assessor.id, Assessor.user_id, Assessor.name)
                                    .where(Assessor.mission_id.in_(list(mission_ids)))):
        rater[aid] = uid if across else aid
        data.rater_names.setdefault(rater[aid], name)
    for mid in mission_ids:
        _load_mission(s, data, mid, configs[mid], rater, across)
    return data


def _load_mission(s: Session, data: CalibrationInput, mission_id: str, config: MissionConfig,
                  rater: dict[str, str], across: bool) -> None:
    prefix = f"{dict(data.missions)[mission_id]}:" if across else ""
    for cid, number, family, given in s.execute(
            select(Candidate.id, Candidate.application_number, Candidate.family_name,
                   Candidate.given_names)
            .where(Candidate.mission_id == mission_id, Candidate.deleted.is_(False))):
        data.candidate_labels[cid] = f"{prefix}{number} {display_name(family, given)}"
        data.candidate_mission[cid] = mission_id
    live = data.candidate_mission
    for cid, subject, marker, value in s.execute(
            select(Mark.candidate_id, Mark.subject, Mark.marker_id, Mark.value).where(
                Mark.mission_id == mission_id, Mark.deleted.is_(False),
                Mark.value.is_not(None))):
        obs = mark_obs(cid, subject, rater.get(marker, marker), value) if cid in live else None
        if obs is not None:
            data.marks.append(obs)
    panels = {cid: list(p or []) for cid, p in s.execute(
        select(Interview.candidate_id, Interview.panel).where(
            Interview.mission_id == mission_id, Interview.deleted.is_(False)))}
    cards: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for cid, author, levels in s.execute(
            select(Scorecard.candidate_id, Scorecard.author_id, Scorecard.levels).where(
                Scorecard.mission_id == mission_id, Scorecard.deleted.is_(False),
                Scorecard.submitted.is_(True))):
        if cid in live:
            cards[cid].append((author, levels or {}))
    for cid, cs in cards.items():
        members = panels.get(cid) or [a for a, _lv in cs]
        key = prefix + panel_key(rater.get(a, a) for a in members)
        data.panel_labels[key] = prefix + " / ".join(
            sorted(data.rater_names.get(rater.get(a, a), "?") for a in set(members)))
        for author, lv in cs:
            data.levels.extend(level_obs(cid, key, rater.get(author, author), lv,
                                         config.rubric))
    data.script_codes.update(_anonymous_codes(
        s, mission_id, config, [c for c, m in live.items() if m == mission_id]))
