"""Rows born on two desks when the server's copy lies pages away (issue 10, item 1): a real
server whose pulled pages hold a few changes each, so that the refusal of the slower desk's
rows comes back pages before the rows that replace them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.domain.candidate import CandidateRecord
from app.store.models import Candidate
from server.models import Conflict as ServerConflict

from .faultproxy import FaultProxy
from .harness import Desk, ServerProcess, check_invariants, make_mission, server_rows


def test_twin_waits_for_the_servers_row_pages_away(paged_server: ServerProcess,
                                                   tmp_path: Path) -> None:
    """Desk L, offline, adds TW-1 with a maths mark and a status, and creates the interview of
    candidate #1. Desk W makes many other changes, then creates TW-1 and the same interview,
    and syncs. L syncs: its refusals come back pages before W's rows. Nothing L typed is lost:
    the mark moves to the server's TW-1, the status and the interview's room and time come
    back as conflicts."""
    mission = make_mission(paged_server, n_candidates=30)
    # two desks of the chair (interviews are the chair's rows, CHAIR_ONLY), each signed in
    # on its own (its own address: its own token)
    second = FaultProxy("127.0.0.1", paged_server.port)
    late = Desk(tmp_path, "L", paged_server.url, mission.users["chair"])
    fast = Desk(tmp_path, "W", second.url, mission.users["chair"])
    try:
        for d in (late, fast):
            d.sync()
        assert late.edits and fast.edits
        record = CandidateRecord(application_number="TW-1", family_name="Phạm",
                                 given_names="Minh", track="free_mover")
        c1 = mission.candidates[1]
        tw_late = late.edits.add_candidate(record).row_id
        late.edits.set_mark(tw_late, "maths", "15.5")
        late.edits.set_status(tw_late, "present")
        late.edits.set_interview(c1, room="L-12", starts_at="2027-01-12T09:00:00")
        for i, cid in enumerate(mission.candidates):  # more rows than several pages
            fast.edits.set_mark(cid, "physics", str(i % 20))
        tw_fast = fast.edits.add_candidate(record).row_id
        fast.edits.set_interview(c1, room="W-3", starts_at="2027-01-13T14:00:00")
        fast.sync()
        summary = late.sync()
        assert summary.rejected >= 3  # TW-1, its mark, the interview: refused as twins
        for _ in range(2):
            for d in (late, fast):
                d.sync()
        check_invariants(paged_server, mission.mission_id, [late, fast], converged=True)
        with paged_server.sessions() as s:
            marks = [(m.fields["subject"], m.fields["value"], m.fields["marker_id"])
                     for m in server_rows(s, mission.mission_id, "mark")
                     if m.fields["candidate_id"] == tw_fast]
            conflicts = sorted((c.entity, c.row_id, c.field, c.current_value, c.other_value)
                               for c in s.scalars(select(ServerConflict).where(
                                   ServerConflict.mission_id == mission.mission_id,
                                   ServerConflict.resolved.is_(False))))
        assert marks == [("maths", "15.5", late.actor)]
        [interview] = [r for r in late.snapshot()["interview"].values()
                       if r["candidate_id"] == c1]
        interview_id = next(k for k, v in late.snapshot()["interview"].items() if v == interview)
        assert conflicts == sorted([
            ("candidate", tw_fast, "status", "registered", "present"),
            ("interview", interview_id, "room", "W-3", "L-12"),
            ("interview", interview_id, "starts_at", "2027-01-13T14:00:00",
             "2027-01-12T09:00:00"),
        ])
        with late.store.read() as s:
            assert list(s.scalars(select(Candidate.id).where(
                Candidate.application_number == "TW-1"))) == [tw_fast]
    finally:
        late.close()
        fast.close()
        second.close()
