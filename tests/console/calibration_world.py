"""Mission A with enough double marking and paired scorecards for calibration figures, pushed
the way desks push them (on top of ``results_world``): twelve candidates marked in maths by
the chair (14) and by Paul (12: a harsh marker, −2 points), interviewed by the panel
chair + Paul, the chair giving level 3 on every criterion and Paul level 4 (a lenient
assessor), both cards submitted. Physics is marked twice on three scripts only: below the
threshold, its figures stay hidden."""

from __future__ import annotations

import uuid

from tests.console.results_world import ResultsWorld
from tests.server.conftest import CONFIG, Desk

PLANTED = 12


def plant(rw: ResultsWorld) -> list[str]:
    w = rw.base
    api = w.api
    chair = Desk(api, rw.chair, w.mission_a)
    paul = Desk(api, rw.paul, w.mission_a)
    keys = CONFIG.rubric.keys
    ids, mine, his = [], [], []
    for i in range(PLANTED):
        cid, m = chair.new_candidate(f"VN-2027-{100 + i}", family_name="Đỗ",
                                     given_names=f"Văn {i}")
        ids.append(cid)
        mine += [m, chair.new_mark(cid, "maths", "14")[1],
                 chair.mutation("interview", str(uuid.uuid4()), {
                     "candidate_id": cid, "room": "R2",
                     "panel": [rw.chair.assessor_id, rw.paul.assessor_id]}),
                 chair.mutation("scorecard", str(uuid.uuid4()), {
                     "candidate_id": cid, "author_id": rw.chair.assessor_id,
                     "levels": dict.fromkeys(keys, 3), "recommendation": "admit",
                     "submitted": True})]
        his += [paul.new_mark(cid, "maths", "12")[1],
                paul.mutation("scorecard", str(uuid.uuid4()), {
                    "candidate_id": cid, "author_id": rw.paul.assessor_id,
                    "levels": dict.fromkeys(keys, 4), "recommendation": "admit",
                    "submitted": True})]
        if i < 3:
            mine.append(chair.new_mark(cid, "physics", "10")[1])
            his.append(paul.new_mark(cid, "physics", "11")[1])
    for desk, batch in ((chair, mine), (paul, his)):
        results = desk.push(batch)["results"]
        assert [r["status"] for r in results] == ["applied"] * len(batch), results
    return ids
