"""Applying pulled pages on the desk: rows upserted with versions, tombstones, conflicts,
pending local edits replayed on top, results recorded, cursor saved (app/store/pull.py)."""

from __future__ import annotations

from sqlalchemy import select

from app.store.database import Store
from app.store.edits import EditService
from app.store.models import Candidate, Conflict, OutboxMutation
from app.store.outbox import pending_count
from app.store.pull import apply_page, pending_batch


def _candidate(store: Store, cid: str) -> Candidate:
    with store.read() as s:
        c = s.get(Candidate, cid)
        assert c is not None
        return c


def test_pending_edit_replayed_over_pulled_row(demo: tuple[Store, str, str],
                                               chair: EditService) -> None:
    store, mission_id, _ = demo
    cid = _candidate_ids(store)[0]
    mine = "withdrawn" if _candidate(store, cid).status != "withdrawn" else "present"
    chair.set_status(cid, mine)
    with store.read() as s:
        m = pending_batch(s, 10_000)[-1]
    assert m["row_id"] == cid
    base = _candidate(store, cid)
    pulled = {"entity": "candidate", "row_id": cid, "seq": 7, "deleted": False,
              "versions": {"status": 3, "family_name": 2},
              "fields": {"mission_id": mission_id, "application_number": base.application_number,
                         "family_name": "Trần", "given_names": base.given_names,
                         "status": "absent", "track": base.track, "wishes": []}}
    with store.write() as s:
        out = apply_page(s, [], [pulled], 7)
    assert out.pulled == 1 and out.replayed == 1
    c = _candidate(store, cid)
    # The server's other fields and versions land; the desk still shows its own pending value.
    assert (c.family_name, c.status, c.versions["status"]) == ("Trần", mine, 3)
    assert "tran" in c.search_text
    assert store.get_meta("sync_cursor") == "7"
    # The server answers: applied; nothing pending any more, the row kept for history.
    with store.write() as s:
        before = pending_count(s)
        apply_page(s, [{"mid": m["mid"], "status": "applied", "detail": ""}], [], 8)
        assert pending_count(s) == before - 1
        row = s.scalar(select(OutboxMutation).where(OutboxMutation.mid == m["mid"]))
        assert row is not None and row.state == "applied" and row.answered_at is not None


def test_tombstone_and_conflict_rows(demo: tuple[Store, str, str]) -> None:
    store, _mission_id, _ = demo
    cid = _candidate_ids(store)[1]
    conflict = {"entity": "conflict", "row_id": "c0000000-0000-4000-8000-000000000001",
                "seq": 9, "deleted": False, "versions": {},
                "fields": {"entity": "candidate", "row_id": cid, "field": "status",
                           "current_value": "present", "other_value": "absent",
                           "resolved": False, "detail": "two desks"}}
    tomb = {"entity": "candidate", "row_id": cid, "seq": 10, "deleted": True, "fields": {},
            "versions": {}}
    with store.write() as s:
        apply_page(s, [], [conflict, tomb], 10)
    with store.read() as s:
        assert s.get(Candidate, cid) is None
        [c] = s.scalars(select(Conflict)).all()
        assert (c.field, c.current_value, c.other_value, c.resolved) == (
            "status", "present", "absent", False)


def _candidate_ids(store: Store) -> list[str]:
    with store.read() as s:
        return sorted(s.scalars(select(Candidate.id)))


def test_child_before_parent_waits_for_it(demo: tuple[Store, str, str]) -> None:
    """A candidate changed late moves past the page that carries its new mark: the mark
    waits for it (no broken foreign key), then both land."""
    from app.store.models import Mark

    store, mission_id, chair_id = demo
    cid = "d0000000-0000-4000-8000-00000000000a"
    mark = {"entity": "mark", "row_id": "d0000000-0000-4000-8000-00000000000b", "seq": 5,
            "deleted": False, "versions": {"value": 1},
            "fields": {"candidate_id": cid, "subject": "maths", "marker_id": chair_id,
                       "value": "12"}}
    cand = {"entity": "candidate", "row_id": cid, "seq": 9, "deleted": False,
            "versions": {"status": 2},
            "fields": {"mission_id": mission_id, "application_number": "LATE-1",
                       "family_name": "Đặng", "given_names": "Lan", "track": "free_mover",
                       "status": "present", "wishes": []}}
    with store.write() as s:
        apply_page(s, [], [mark], 5, has_more=True)
    with store.read() as s:
        assert s.get(Mark, mark["row_id"]) is None
    assert store.get_meta("sync_orphans")
    with store.write() as s:
        apply_page(s, [], [cand], 9, has_more=False)
    with store.read() as s:
        m = s.get(Mark, mark["row_id"])
        assert m is not None and m.value == "12" and m.candidate_id == cid
    assert store.get_meta("sync_orphans") is None


def test_orphan_waits_across_syncs_until_its_parent_or_its_tombstone(
        demo: tuple[Store, str, str]) -> None:
    from app.store.models import Mark

    store, mission_id, chair_id = demo
    late_parent = "d0000000-0000-4000-8000-0000000000ff"
    gone_parent = "d0000000-0000-4000-8000-0000000000fe"
    mark = {"entity": "mark", "row_id": "d0000000-0000-4000-8000-00000000000c", "seq": 5,
            "deleted": False, "versions": {},
            "fields": {"candidate_id": late_parent,
                       "subject": "maths", "marker_id": chair_id, "value": "1"}}
    doomed = {**mark, "row_id": "d0000000-0000-4000-8000-00000000000d",
              "fields": {**mark["fields"], "candidate_id": gone_parent}}
    # the last page of a sync: the parent moved past it (changed during the pull)
    with store.write() as s:
        apply_page(s, [], [mark, doomed], 5, has_more=False)
    with store.read() as s:
        assert s.get(Mark, mark["row_id"]) is None
    assert store.get_meta("sync_orphans")
    # next sync: one parent arrives, the other's tombstone
    cand = {"entity": "candidate", "row_id": late_parent, "seq": 9, "deleted": False,
            "versions": {}, "fields": {"mission_id": mission_id, "application_number": "L-2",
                                       "family_name": "Lê", "given_names": "An",
                                       "track": "free_mover", "status": "present",
                                       "wishes": []}}
    tomb = {"entity": "candidate", "row_id": gone_parent, "seq": 10, "deleted": True,
            "versions": {}, "fields": {}}
    with store.write() as s:
        apply_page(s, [], [cand, tomb], 10, has_more=False)
    with store.read() as s:
        assert s.get(Mark, mark["row_id"]).value == "1"
        assert s.get(Mark, doomed["row_id"]) is None
    assert store.get_meta("sync_orphans") is None


def _conflict_change(cid: str, n: int, resolved: bool, seq: int) -> dict[str, object]:
    return {"entity": "conflict", "row_id": f"c0000000-0000-4000-8000-00000000000{n}",
            "seq": seq, "deleted": False, "versions": {},
            "fields": {"entity": "candidate", "row_id": cid, "field": "status",
                       "current_value": "present", "other_value": "absent",
                       "resolved": resolved, "detail": ""}}


def test_a_conflict_settled_on_the_desk_takes_the_servers_verdict(
        demo: tuple[Store, str, str], chair: EditService) -> None:
    """Settled at once on the chair's desk; once the edit is answered, the server's state:
    refused (a new conflict) reopens it, applied waits for the server's settled row, which
    may come pages later."""
    store, _mission_id, _ = demo
    cid = _candidate_ids(store)[2]
    stale, fresh = _conflict_change(cid, 1, False, 3), _conflict_change(cid, 2, False, 4)
    with store.write() as s:
        apply_page(s, [], [stale, fresh], 4)
    chair.keep_current_value(str(stale["row_id"]))
    chair.keep_current_value(str(fresh["row_id"]))
    with store.read() as s:
        assert all(c.resolved for c in s.scalars(select(Conflict)))
        mids = [m["mid"] for m in pending_batch(s, 10_000)[-2:]]
    with store.write() as s:  # both answered in one reply, nothing pulled yet
        apply_page(s, [{"mid": mids[0], "status": "conflict", "detail": "stale"},
                       {"mid": mids[1], "status": "applied", "detail": ""}], [], 6,
                   has_more=True)
    with store.read() as s:
        assert [c.resolved for c in s.scalars(select(Conflict).order_by(Conflict.id))] == [
            False, False]
    with store.write() as s:  # the next page: the server settled the second one
        apply_page(s, [], [{**fresh, "seq": 6, "fields": {**fresh["fields"],
                                                          "resolved": True}}], 6)
    with store.read() as s:
        assert [c.resolved for c in s.scalars(select(Conflict).order_by(Conflict.id))] == [
            False, True]
    assert store.get_meta("conflicts_awaiting") is None


def test_restore_spares_a_row_a_pending_mutation_gives_birth_to(
        demo: tuple[Store, str, str], chair: EditService) -> None:
    """A row the server does not hold goes, unless a pending mutation creates it (a twin's
    child moved to the server's row is sent again as a new row): it is not lost meanwhile."""
    from app.store.models import Mark
    from app.store.pull import restore_rows

    store, _mission_id, _ = demo
    cid = _candidate_ids(store)[3]
    mark_id = chair.set_mark(cid, "maths", "12").row_id
    with store.write() as s:
        restore_rows(s, [], {("mark", mark_id)})
    with store.read() as s:
        assert s.get(Mark, mark_id).value == "12"
        [m] = [m for m in pending_batch(s, 10_000) if m["row_id"] == mark_id]
    with store.write() as s:
        apply_page(s, [{"mid": m["mid"], "status": "rejected", "detail": "no"}], [], 9)
        restore_rows(s, [], {("mark", mark_id)})
    with store.read() as s:
        assert s.get(Mark, mark_id) is None
