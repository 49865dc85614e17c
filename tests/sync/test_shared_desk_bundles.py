"""Bundles from a shared desk (issues 16+17): each assessor's changes travel in their own
section, under their own identity (author, client_id, mids), to a teammate's desk and on to
the server; an assessor whose identity the mission does not know yet is refused by name,
never applied under a colleague's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store.desk_users import DeskUsers
from app.store.edits import EditService
from app.store.models import Assessor, AuditEntry, Mark
from server.bundles import import_bundle as server_import
from server.models import AuditEntry as ServerAudit
from server.models import User as ServerUser
from sync.accounts import sign_in_desk_user
from sync.bundle import UNKNOWN_SIGNER, BundleError, split_file
from sync.desk_bundles import export_bundle, import_bundle

from .harness import FAST_RETRY, FAST_TIMEOUTS, PASSWORD, Desk, MissionSetup, ServerProcess

OPTIONS = {"retry": FAST_RETRY, "timeouts": FAST_TIMEOUTS}


def _rep(desk: Desk) -> str:
    with desk.store.read() as s:
        return s.scalars(select(Assessor.id).where(Assessor.role == "representative")).one()


@contextmanager
def _desks(tmp_path: Path, server: ServerProcess, mission: MissionSetup, *,
           rep_signs_in: bool) -> Iterator[tuple[Desk, str, str, EditService, Desk]]:
    """The professor's desk, on which the representative works too (their PIN set), and the
    chair's desk: (shared desk, professor, representative, the latter's edits, chair's)."""
    shared = Desk(tmp_path, "shared", server.url, mission.users["prof"])
    chair = Desk(tmp_path, "chair", server.url, mission.users["chair"])
    try:
        shared.sync()
        rep = _rep(shared)
        DeskUsers(shared.store).set_pin(rep, "918273")
        if rep_signs_in:
            sign_in_desk_user(shared.store, server.url, rep, mission.users["rep"], PASSWORD,
                              **OPTIONS)
        assert shared.edits
        yield shared, shared.actor, rep, EditService(shared.store, mission.mission_id, rep), chair
    finally:
        shared.close()
        chair.close()


def test_each_assessor_s_changes_travel_by_bundle_under_their_own_identity(
        tmp_path: Path, server: ServerProcess, mission: MissionSetup) -> None:
    with _desks(tmp_path, server, mission, rep_signs_in=True) as (
            shared, prof, rep, rep_edits, chair):
        assert shared.edits
        c0, c1 = mission.candidates[:2]
        rep_edits.set_mark(c1, "maths", "9")  # both identities sync once: keys registered
        shared.edits.set_mark(c1, "physics", "11")
        assert shared.sync().pushed_for
        for _ in range(2):
            chair.sync()
        # Then, with no connection: each writes a mark on the shared desk.
        prof_mark = shared.edits.set_mark(c0, "maths", "14.5").mutation_id
        rep_mark = rep_edits.set_mark(c0, "physics", "12").mutation_id
        users = DeskUsers(shared.store)
        ids = {prof: shared.store.client_id, rep: users.client_id(rep)}
        assert ids[prof] != ids[rep]

        data, exported = export_bundle(shared.store)
        assert len(split_file(data)) == 2
        assert {h.client_id: h.assessor_id for h in exported.sections} == {
            ids[prof]: prof, ids[rep]: rep}
        report = import_bundle(chair.store, data)
        assert report.refused == []
        with shared.store.read() as s:
            mids = {m.id: m.mid for m in shared.outbox()}
        statuses = {mid: status for mid, status, _ in report.outcome.results}
        assert statuses[mids[prof_mark]] == statuses[mids[rep_mark]] == "applied"
        with chair.store.read() as s:
            marks = {(m.candidate_id, m.subject): m.marker_id for m in s.scalars(select(Mark))}
            actors = {a.mutation_id: a.actor_id for a in s.scalars(select(AuditEntry).where(
                AuditEntry.mutation_id.in_([prof_mark, rep_mark])))}
        assert marks[(c0, "maths")] == prof and marks[(c0, "physics")] == rep
        assert actors == {prof_mark: prof, rep_mark: rep}

        again = import_bundle(chair.store, data)  # replayed: nothing twice
        assert again.outcome.counts()["applied"] == 0

        assert chair.sync().relayed == 2  # one section per identity, each its own push
        with server.sessions() as s:
            accounts = {u.id: u.username for u in s.scalars(select(ServerUser))}
            audit = {e.mutation_id: (e.actor_id, e.client_id, accounts[e.user_id])
                     for e in s.scalars(select(ServerAudit).where(
                         ServerAudit.mutation_id.in_([prof_mark, rep_mark])))}
        assert audit == {prof_mark: (prof, ids[prof], mission.users["prof"]),
                         rep_mark: (rep, ids[rep], mission.users["rep"])}

        # The shared desk's own sync later: answered, never applied twice.
        summary = shared.sync()
        assert summary.rejected == 0 and summary.pending == 0
        with server.sessions() as s:
            entries = list(s.scalars(select(ServerAudit.mutation_id).where(
                ServerAudit.mutation_id.in_([prof_mark, rep_mark]))))
        assert sorted(entries) == sorted([prof_mark, rep_mark])


def test_an_assessor_who_never_synced_is_refused_by_name_the_other_applied(
        tmp_path: Path, server: ServerProcess, mission: MissionSetup) -> None:
    with _desks(tmp_path, server, mission, rep_signs_in=False) as (
            shared, prof, rep, rep_edits, chair):
        assert shared.edits
        c0 = mission.candidates[0]
        for _ in range(2):
            chair.sync()
        prof_mark = shared.edits.set_mark(c0, "maths", "14.5").mutation_id
        rep_mark = rep_edits.set_mark(c0, "physics", "12").mutation_id
        data, _ = export_bundle(shared.store)

        report = import_bundle(chair.store, data)
        with chair.store.read() as s:
            rep_name = s.get(Assessor, rep).name
            marks = {(m.subject, m.marker_id) for m in s.scalars(select(Mark).where(
                Mark.candidate_id == c0))}
            audited = set(s.scalars(select(AuditEntry.mutation_id).where(
                AuditEntry.mutation_id.in_([prof_mark, rep_mark]))))
        assert report.refused == [(rep_name, UNKNOWN_SIGNER)]
        assert report.refused[0][1].startswith("unknown signer: sync with the server first")
        assert marks == {("maths", prof)} and audited == {prof_mark}

        assert chair.sync().relayed == 1  # only the professor's section went on
        with server.sessions() as s, s.begin():  # an officer imports the whole file
            out = server_import(s, mission.mission_id, data)
            assert [r.split(": ", 1) for r in out.refused] == [[rep, UNKNOWN_SIGNER]]
            assert out.counts()["applied"] == 0  # the professor's: already relayed
            held = set(s.scalars(select(ServerAudit.mutation_id).where(
                ServerAudit.mutation_id.in_([prof_mark, rep_mark]))))
        assert held == {prof_mark}


def test_a_later_bundle_of_a_shared_desk_follows_each_identity_s_own_mids(
        tmp_path: Path, server: ServerProcess, mission: MissionSetup) -> None:
    """--since-seen: each section names its identity's previous mid (the desk's identities
    share one sequence), so a desk holding the earlier file applies the next one, and a desk
    that missed it refuses it whole as a gap."""
    with _desks(tmp_path, server, mission, rep_signs_in=True) as (
            shared, prof, rep, rep_edits, chair):
        assert shared.edits
        c0, c1 = mission.candidates[:2]
        rep_edits.set_mark(c1, "maths", "9")
        shared.edits.set_mark(c1, "physics", "11")
        shared.sync()
        for _ in range(2):
            chair.sync()
        rep_edits.set_mark(c0, "physics", "12")
        shared.edits.set_mark(c0, "maths", "14")
        first, _ = export_bundle(shared.store, since_last=True)
        rep_edits.set_mark(c0, "physics", "13")
        shared.edits.set_mark(c0, "maths", "15")
        second, exported = export_bundle(shared.store, since_last=True)
        assert sorted(h.after_mid for h in exported.sections) == [3, 4]  # each one's own

        late = Desk(tmp_path, "late", server.url, mission.users["chair"])
        try:
            late.sync()
            with pytest.raises(BundleError, match="import the bundle with the changes in "
                                                  "between first"):
                import_bundle(late.store, second)
        finally:
            late.close()
        for data in (first, second):
            counts = import_bundle(chair.store, data).outcome.counts()
            assert counts["rejected"] == counts["conflict"] == 0 and counts["applied"] >= 2
        with chair.store.read() as s:
            marks = {(m.subject, m.marker_id): m.value for m in s.scalars(select(Mark).where(
                Mark.candidate_id == c0))}
        assert marks == {("maths", prof): "15", ("physics", rep): "13"}
