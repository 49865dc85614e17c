"""server/calibration.py: a mission's rows into calibration observations (deleted rows and
drafts left out, anonymous scripts named by code) and several missions compared through the
users who sat in both."""

from __future__ import annotations

import io
import random

from pypdf import PdfReader
from sqlalchemy import select

from app.domain.calibration import panel_key
from app.domain.mission import MissionConfig, ProgrammeOption
from server import accounts, missions
from server.calibration import load_calibration
from server.db import session_factory
from server.minutes import write_calibration_annex
from server.models import (
    Anonymity,
    Assessor,
    Candidate,
    Interview,
    Mark,
    Mission,
    Scorecard,
    Seat,
)
from tests.server.conftest import PASSWORD

CONFIG = MissionConfig(options=(ProgrammeOption(code="ENG", label="Engineering"),))
KEYS = CONFIG.rubric.keys


def _mission(s, code: str, chair: str, members: list[str]) -> tuple[str, dict[str, str]]:
    m = missions.create_mission(
        s, code=code, name=code, country="India", city="Pune", timezone="UTC",
        start="2027-01-10", end="2027-01-20", chair=chair,
        members=[missions.parse_member(f"{u}:professor") for u in members], config=CONFIG)
    team = {name.lower(): aid for aid, name in s.execute(
        select(Assessor.id, Assessor.name).where(Assessor.mission_id == m.id))}
    return m.id, team


def _interviews(s, mission_id: str, prefix: str, panel: list[str], lenient: str | None,
                n: int, rng: random.Random) -> list[str]:
    """``n`` candidates interviewed by ``panel``, every card submitted; ``lenient`` one level
    higher. Returns the candidate ids."""
    cids = []
    for i in range(n):
        c = Candidate(mission_id=mission_id, application_number=f"{prefix}{i:03d}",
                      family_name=f"Name{i}", track="double_degree")
        s.add(c)
        s.flush()
        cids.append(c.id)
        s.add(Interview(mission_id=mission_id, candidate_id=c.id, panel=panel))
        ability = rng.gauss(2.4, 0.5)
        for a in panel:
            levels = {k: min(5, max(1, round(ability + rng.gauss(0, 0.4)
                                             + (1 if a == lenient else 0)))) for k in KEYS}
            s.add(Scorecard(mission_id=mission_id, candidate_id=c.id, author_id=a,
                            levels=levels, submitted=True))
    return cids


def test_one_mission_and_two_compared_through_a_shared_professor(engine) -> None:
    sessions = session_factory(engine)
    rng = random.Random(3)
    with sessions() as s, s.begin():
        for u in ("claire", "paul", "rita", "bruno", "lena"):
            accounts.create_user(s, u, PASSWORD, name=u.title())
        a, ta = _mission(s, "IN-A", "claire", ["paul", "rita"])
        b, tb = _mission(s, "VN-B", "bruno", ["paul", "lena"])
        cids = _interviews(s, a, "A", [ta["claire"], ta["paul"]], ta["paul"], 12, rng)
        _interviews(s, a, "A2", [ta["rita"], ta["paul"]], ta["paul"], 12, rng)
        _interviews(s, b, "B", [tb["bruno"], tb["paul"]], tb["paul"], 12, rng)
        _interviews(s, b, "B2", [tb["lena"], tb["paul"]], tb["paul"], 12, rng)
        # left out: a draft, a deleted card, a deleted mark, an absent mark
        draft = Candidate(mission_id=a, application_number="DRAFT", family_name="Draft",
                          track="double_degree")
        s.add(draft)
        s.flush()
        s.add(Scorecard(mission_id=a, candidate_id=draft.id, author_id=ta["rita"],
                        levels=dict.fromkeys(KEYS, 5), submitted=False))
        s.add(Scorecard(mission_id=a, candidate_id=draft.id, author_id=ta["paul"],
                        levels=dict.fromkeys(KEYS, 5), submitted=True, deleted=True))
        for i, cid in enumerate(cids):
            s.add(Mark(mission_id=a, candidate_id=cid, subject="maths",
                       marker_id=ta["claire"], value=str(10 + i % 5)))
            s.add(Mark(mission_id=a, candidate_id=cid, subject="maths", marker_id=ta["paul"],
                       value="absent" if i == 0 else str(8 + i % 5 + (7 if i == 1 else 0))))
            s.add(Seat(mission_id=a, candidate_id=cid, sitting="maths", seat=i,
                       script_code=f"MA{i:02d}"))
        s.add(Mark(mission_id=a, candidate_id=cids[2], subject="physics",
                   marker_id=ta["paul"], value="12", deleted=True))

    with sessions() as s:
        one = load_calibration(s, [a])
    assert {o.assessor_id for o in one.levels} == {ta["claire"], ta["paul"], ta["rita"]}
    assert all(o.candidate_id != draft.id for o in one.levels)
    assert len(one.levels) == 24 * 2 * len(KEYS)
    assert len(one.marks) == 2 * 12 - 1 and {m.subject for m in one.marks} == {"maths"}
    key = panel_key([ta["claire"], ta["paul"]])
    assert one.panel_labels[key] == "Claire / Paul"
    cal = one.calibrate()
    paul = [x for x in cal.assessors if x.assessor_id == ta["paul"]]
    assert all(x.deviation.low > 0 for x in paul)  # one level above both colleagues
    (gap,) = cal.gaps  # every other pair is 2 points apart; candidate 1: 11 against 16
    assert gap.candidate_id == cids[1] and one.script_label(gap.candidate_id, "maths") == "MA01"
    out = io.BytesIO()
    with sessions() as s:
        write_calibration_annex(s, s.get_one(Mission, a), out)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Claire / Paul 12" in text and "Paul / Rita 12" in text
    assert "MA01 Mathematics / Mathématiques Claire: 11 · Paul: 16 5" in text
    assert "Name1" not in text  # the anonymous script is never named

    with sessions() as s, s.begin():
        s.add(Anonymity(mission_id=a, subject="maths", lifted=True))
    with sessions() as s:
        both = load_calibration(s, [a, b])
        paul_user = s.scalar(select(Assessor.user_id).where(Assessor.id == ta["paul"]))
    assert both.script_label(cids[1], "maths").startswith("IN-A:A001 ")
    raters = {o.assessor_id for o in both.levels}
    assert len(raters) == 5  # claire, rita, bruno, lena and one Paul for both missions
    assert paul_user in raters and ta["paul"] not in raters and tb["paul"] not in raters
    assert all(k.startswith(("IN-A:", "VN-B:")) for k in both.panel_labels)
    cal = both.calibrate()
    assert {p.panel_key.split(":")[0] for p in cal.panels} == {"IN-A", "VN-B"}
    lenient = {x.assessor_id for x in cal.assessors if x.deviation.low > 0}
    assert len(lenient) == 1 and both.rater_names[lenient.pop()] == "Paul"
