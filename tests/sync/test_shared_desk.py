"""Several assessors on one desk (issue 17): each one's changes reach the server under their
own account and their own client_id, with nobody typing a password again; one who never
signed in on this desk is named and waits without blocking the others."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.store.desk_users import DeskUsers
from app.store.edits import EditService
from app.store.models import Assessor, OutboxMutation
from server.models import AuditEntry as ServerAudit
from server.models import ClientState
from server.models import User as ServerUser
from sync.accounts import sign_in_desk_user
from sync.errors import AuthFailed

from .harness import FAST_RETRY, FAST_TIMEOUTS, PASSWORD, Desk, MissionSetup, ServerProcess

OPTIONS = {"retry": FAST_RETRY, "timeouts": FAST_TIMEOUTS}


def _assessor(desk: Desk, role: str) -> tuple[str, str]:
    with desk.store.read() as s:
        a = s.scalars(select(Assessor).where(Assessor.role == role,
                                             Assessor.is_chair.is_(False))).one()
        return a.id, a.name


def _pending_authors(desk: Desk) -> set[str | None]:
    with desk.store.read() as s:
        return set(s.scalars(select(OutboxMutation.author_id).where(
            OutboxMutation.state == "pending")))


def test_each_assessor_of_a_shared_desk_syncs_under_their_own_account(
        tmp_path, server: ServerProcess, mission: MissionSetup) -> None:
    desk = Desk(tmp_path, "shared", server.url, mission.users["chair"])
    desk.sync()  # the desk's own account: the chair's
    assert desk.edits is not None
    chair = desk.actor
    (prof, prof_name), (rep, rep_name) = _assessor(desk, "professor"), _assessor(
        desk, "representative")
    users = DeskUsers(desk.store)
    users.set_pin(prof, "402719")
    users.set_pin(rep, "918273")
    assert len({desk.store.client_id, users.client_id(prof), users.client_id(rep)}) == 3

    c0, c1 = mission.candidates[:2]
    desk.edits.set_status(c0, "present")  # the chair's
    prof_edits = EditService(desk.store, mission.mission_id, prof)  # the professor unlocked
    prof_edits.set_mark(c0, "maths", "14.5")
    rep_edits = EditService(desk.store, mission.mission_id, rep)  # then the representative
    rep_edits.set_status(c1, "present")

    summary = desk.sync()  # nobody but the chair signed in here yet
    assert sorted(summary.must_sign_in) == sorted([prof_name, rep_name])
    assert summary.pushed_for == []
    assert _pending_authors(desk) == {prof, rep}  # theirs wait, the chair's went

    with pytest.raises(AuthFailed):  # an account that is not theirs is refused
        sign_in_desk_user(desk.store, server.url, rep, mission.users["prof"], PASSWORD,
                          **OPTIONS)
    sign_in_desk_user(desk.store, server.url, prof, mission.users["prof"], PASSWORD, **OPTIONS)
    summary = desk.sync()  # the professor's go; the representative's still wait
    assert summary.pushed_for == [prof_name] and summary.must_sign_in == [rep_name]
    assert _pending_authors(desk) == {rep}
    assert desk.store.get_meta("sync_user") == mission.users["chair"]  # the desk's own

    sign_in_desk_user(desk.store, server.url, rep, mission.users["rep"], PASSWORD, **OPTIONS)
    rep_edits.set_status(c0, "absent")
    summary = desk.sync()
    assert summary.pushed_for == [rep_name] and summary.must_sign_in == []
    assert _pending_authors(desk) == set() and summary.pending == 0
    assert summary.rejected == 0

    # On the server: each change under its author's account and that author's client_id.
    with desk.store.read() as s:
        outbox = {m.id: (m.author_id, m.state) for m in s.scalars(select(OutboxMutation))}
    assert {a for a, _ in outbox.values()} == {chair, prof, rep}
    assert all(state == "applied" for _, state in outbox.values())
    ids = {chair: desk.store.client_id, prof: users.client_id(prof), rep: users.client_id(rep)}
    with server.sessions() as s:
        accounts = {u.id: u.username for u in s.scalars(select(ServerUser))}
        audit = list(s.scalars(select(ServerAudit).where(
            ServerAudit.mutation_id.in_(list(outbox)))))
        bound = {c.client_id: accounts[c.user_id] for c in s.scalars(
            select(ClientState).where(ClientState.client_id.in_(list(ids.values()))))}
    assert {e.mutation_id for e in audit} == set(outbox)
    for e in audit:
        author = outbox[e.mutation_id][0]
        assert e.actor_id == author and e.client_id == ids[author]
    assert {accounts[e.user_id] for e in audit if e.actor_id == prof} == {mission.users["prof"]}
    assert bound == {ids[chair]: mission.users["chair"], ids[prof]: mission.users["prof"],
                     ids[rep]: mission.users["rep"]}

    # Every change is covered by a receipt of its own identity: the mission can be closed.
    import datetime as dt

    from app.store.closing import _record, check_can_close

    assert check_can_close(desk.store).uncovered == 0
    with desk.store.read() as s:
        record = _record(s, dt.datetime.now(dt.UTC))
    assert record["receipt"] is not None and record["changes"] == max(
        m.mid for m in desk.outbox())

    summary = desk.sync()  # nothing left: an idle sync as before
    assert summary.sent == 0 and summary.pushed_for == []
    desk.close()
