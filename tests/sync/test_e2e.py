"""End to end: a real server process, three desks with their own data folders, a
fault-injecting proxy between them (DESIGN.md §8)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.enums import CandidateStatus
from app.store.models import Candidate, Conflict

from .faultproxy import FAULTS, FaultProxy
from .harness import Desk, MissionSetup, ServerProcess, check_invariants, queue_refused_notes


def _edit_all(desks: list[Desk], mission: MissionSetup, round_: int) -> None:
    chair, prof, rep = desks
    c0, c1, c2 = mission.candidates[:3]
    assert chair.edits and prof.edits and rep.edits
    chair.edits.set_mark(c0, "maths", f"{10 + round_}")
    prof.edits.set_mark(c0, "maths", f"{12 + round_}")
    prof.edits.set_level(c1, "motivation", 4 if round_ % 2 else 3)
    rep.edits.set_notes(c2, f"round {round_} notes: café Nguyễn")
    chair.edits.set_decision(c1, "waitlist", rationale=f"round {round_}")


def _clean_sync_all(desks: list[Desk]) -> None:
    # Twice round: the later desks' edits reach the earlier ones on the second pass.
    for _ in range(2):
        for d in desks:
            d.sync()


def test_first_pull_and_clean_round_trip(server: ServerProcess, mission: MissionSetup,
                                         desks: list[Desk]) -> None:
    for d in desks:
        with d.store.read() as s:
            assert s.query(Candidate).count() == len(mission.candidates)
    _edit_all(desks, mission, 1)
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    chair = desks[0]
    assert all(m.state == "applied" for m in chair.outbox())


@pytest.mark.parametrize("fault", FAULTS)
def test_every_fault_converges(server: ServerProcess, mission: MissionSetup,
                               desks: list[Desk], proxy: FaultProxy, fault: str) -> None:
    _edit_all(desks, mission, 2)
    # Each desk's next sync meets the fault twice, then goes through (retries, same body).
    for d in desks:
        proxy.arm(fault, count=2)
        summary = d.sync()
        assert proxy.armed == 0
        assert summary.pending == 0
        check_invariants(server, mission.mission_id, desks, converged=False)
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    assert proxy.faults_fired == [fault] * 6


def test_reply_lost_then_desk_killed_resumes(server: ServerProcess, mission: MissionSetup,
                                            desks: list[Desk], proxy: FaultProxy) -> None:
    """The server commits a batch, the reply is lost for good, the desk dies; on restart it
    resends the identical mids and gets the stored answers: nothing doubled."""
    chair = desks[0]
    assert chair.edits is not None
    for i, c in enumerate(mission.candidates):
        chair.edits.set_mark(c, "maths", f"{8 + i}")
    chair.client.batch_size = 2
    chair.client.transport.retry = type(chair.client.transport.retry)(attempts=1)
    proxy.arm("drop_reply", count=1, skip=1)  # the second batch is committed, reply lost
    from sync.errors import Offline

    with pytest.raises(Offline):  # the reply never came and there is no second attempt
        chair.sync()
    states = [m.state for m in chair.outbox()]
    assert states.count("applied") == 2 and states.count("pending") == len(states) - 2
    check_invariants(server, mission.mission_id, desks, converged=False)
    chair.restart()
    summary = chair.sync()
    assert summary.duplicate == 0 and summary.applied == len(states) - 2
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)


def test_latency_and_bandwidth(server: ServerProcess, mission: MissionSetup,
                               desks: list[Desk], proxy: FaultProxy) -> None:
    proxy.latency = 0.05
    proxy.bandwidth_bps = 2_000_000
    _edit_all(desks, mission, 3)
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)


def test_shared_field_conflict_reaches_every_desk(server: ServerProcess, mission: MissionSetup,
                                                  desks: list[Desk]) -> None:
    chair, prof, _rep = desks
    assert chair.edits and prof.edits
    c = mission.candidates[0]
    chair.edits.set_status(c, CandidateStatus.PRESENT)
    prof.edits.set_status(c, CandidateStatus.ABSENT)
    chair.sync()
    summary = prof.sync()
    assert summary.conflicts == 1
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    for d in desks:
        with d.store.read() as s:
            conflicts = s.query(Conflict).all()
            assert [(x.field, x.current_value, x.other_value) for x in conflicts] == [
                ("status", "present", "absent")]
            assert s.get(Candidate, c).status == "present"


def test_rejected_edit_is_listed_and_undone_on_the_desk(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    """The server refuses notes with a NUL character: the desk lists the rejection with its
    reason and shows the server's value again."""
    _chair, prof, _rep = desks
    assert prof.edits is not None
    c = mission.candidates[0]
    prof.edits.set_notes(c, "ok")
    queue_refused_notes(prof.edits, c, "bad\x00")
    summary = prof.sync()
    assert summary.applied == 1 and summary.rejected == 1
    [(mid, detail)] = summary.rejections
    assert detail
    states = {m.mid: (m.state, m.detail) for m in prof.outbox()}
    assert states[mid] == ("rejected", detail)
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    [card] = [r for r in prof.snapshot()["scorecard"].values() if r["candidate_id"] == c]
    assert card["notes"] == "ok"


def test_same_interview_born_on_two_desks(server: ServerProcess, mission: MissionSetup,
                                          desks: list[Desk], chair_laptop: Desk) -> None:
    """Both of the chair's desks create the interview of one candidate: the server keeps the
    first, refuses the other with its reason, and both desks end with the server's row; the
    second desk's room is not lost: it comes back as a conflict with both values."""
    chair, laptop = desks[0], chair_laptop  # interviews are the chair's (CHAIR_ONLY)
    desks = [*desks, laptop]
    assert chair.edits and laptop.edits
    c = mission.candidates[1]
    laptop.edits.set_interview(c, room="A1")
    chair.edits.set_interview(c, room="B2")
    laptop.sync()
    summary = chair.sync()
    assert summary.rejected == 1 and "already has an interview" in summary.rejections[0][1]
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    rooms = {r["room"] for d in desks for r in d.snapshot()["interview"].values()}
    assert rooms == {"A1"}
    assert summary.conflicts == 1
    for d in desks:
        with d.store.read() as s:
            kept = [(c.field, c.current_value, c.other_value) for c in s.scalars(
                select(Conflict).where(Conflict.resolved.is_(False)))]
        assert kept == [("room", "A1", "B2")]


def test_same_candidate_imported_on_two_desks_keeps_every_mark(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    """Two desks import the same application number offline and type marks on their copies:
    the server keeps the first candidate; the second desk's copy gives way and its marks move
    to the server's candidate, so nothing typed is lost or doubled."""
    from app.domain.candidate import CandidateRecord

    chair, prof, _rep = desks
    assert chair.edits and prof.edits
    record = CandidateRecord(application_number="LATE-77", family_name="Nguyễn",
                             given_names="Văn Toàn", track="free_mover")
    a = chair.edits.add_candidate(record).row_id
    b = prof.edits.add_candidate(record).row_id
    assert a != b
    chair.edits.set_status(a, "present")
    prof.edits.set_status(b, "absent")
    prof.edits.set_mark(b, "maths", "13.5")
    prof.edits.set_mark(b, "physics", "absent")
    chair.sync()
    prof.sync()
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    for d in desks:
        snap = d.snapshot()
        late = [cid for cid, c in snap["candidate"].items()
                if c["application_number"] == "LATE-77"]
        assert late == [a]
        marks = sorted((m["subject"], m["value"]) for m in snap["mark"].values()
                       if m["candidate_id"] == a)
        assert marks == [("maths", "13.5"), ("physics", "absent")]
    with chair.store.read() as s:
        kept = [(c.field, c.current_value, c.other_value) for c in s.scalars(
            select(Conflict).where(Conflict.resolved.is_(False)))]
    assert kept == [("status", "present", "absent")]


def test_revoked_device_is_told_and_signs_in_again(server: ServerProcess, mission: MissionSetup,
                                                   desks: list[Desk]) -> None:
    from sqlalchemy import select

    from server import accounts
    from server.models import Device, User
    from sync.errors import DeviceRevoked

    from .harness import PASSWORD

    chair = desks[0]
    with server.sessions() as s, s.begin():
        for device in s.scalars(select(Device).join(User, User.id == Device.user_id)
                                .where(User.username == chair.username)):
            accounts.revoke(device)
    with pytest.raises(DeviceRevoked, match="sign in again"):
        chair.sync()
    chair.client.login(PASSWORD)
    chair.sync()


def test_cancel_between_batches_keeps_what_was_committed(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    from sync.errors import Cancelled

    chair = desks[0]
    assert chair.edits is not None
    for i, c in enumerate(mission.candidates):
        chair.edits.set_mark(c, "physics", str(i))
    chair.client.batch_size = 2

    def progress(phase: str, done: int, _total: int) -> None:
        if phase == "sending changes" and done >= 2:
            chair.client.cancel.set()

    chair.client.progress = progress
    with pytest.raises(Cancelled):
        chair.sync()
    states = [m.state for m in chair.outbox()]
    assert states.count("applied") == 2 and states.count("pending") == len(states) - 2
    check_invariants(server, mission.mission_id, desks, converged=False)
    chair.client.cancel.clear()
    chair.client.progress = lambda *_: None
    chair.sync()
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)


def test_first_pull_survives_a_cut_package(server: ServerProcess, mission: MissionSetup,
                                           proxy: FaultProxy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    proxy.arm("cut", count=2, match="/package")
    proxy.arm("reset", count=1, match="/missions ")
    desk = Desk(tmp_path, "late", proxy.url, mission.users["rep"])
    try:
        summary = desk.sync()
        assert summary.first_pull and proxy.armed == 0
        check_invariants(server, mission.mission_id, [desk], converged=True)
    finally:
        desk.close()


def test_restore_owed_after_a_drop_is_done_next_time(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk],
        proxy: FaultProxy) -> None:
    from sync.errors import Offline
    from sync.transport import RetryPolicy

    _chair, prof, _rep = desks
    assert prof.edits is not None
    c = mission.candidates[0]
    prof.edits.set_notes(c, "ok")
    prof.sync()
    queue_refused_notes(prof.edits, c, "bad\x00")
    prof.client.transport.retry = RetryPolicy(attempts=1)
    proxy.arm("reset", match="/rows")  # the rejection lands, the restore cannot
    with pytest.raises(Offline):
        prof.sync()
    assert prof.store.get_meta("sync_restore")
    prof.restart()
    prof.sync()
    assert prof.store.get_meta("sync_restore") is None
    [card] = [r for r in prof.snapshot()["scorecard"].values() if r["candidate_id"] == c]
    assert card["notes"] == "ok"
    check_invariants(server, mission.mission_id, desks, converged=False)


def test_a_batch_over_the_body_cap_is_split_and_nothing_is_lost(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk],
        caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from sync.protocol import BATCH_SIZE, MAX_BODY_BYTES

    chair = desks[0]
    assert chair.edits is not None
    cid = mission.candidates[0]
    # Long notes in Devanagari (3 bytes a character): each mutation carries the whole text,
    # so fewer mutations than one batch already inflate past the server's cap (HTTP 413).
    text = "प्रेरणा स्पष्ट है। " * 1000
    count = BATCH_SIZE - 10
    assert count * len(text.encode()) > MAX_BODY_BYTES
    for i in range(count):
        chair.edits.set_notes(cid, text[: len(text) - i])
    with caplog.at_level(logging.INFO, logger="sync.client"):
        summary = chair.sync()
    assert any("over the server's cap" in r.getMessage() for r in caplog.records)
    assert summary.pending == 0 and summary.applied == count and summary.rejected == 0
    _clean_sync_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
