"""Team bundles end to end: three desks and a real server process; a desk carries a
teammate's changes by file, applies them by the server's rules, and relays them once."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.enums import CandidateStatus
from app.store.models import AuditEntry, Conflict, Mark
from server.models import AuditEntry as ServerAudit
from server.models import Mark as ServerMark
from server.models import MutationOutcome
from sync.bundle import BundleError
from sync.cli import register
from sync.desk_bundles import export_bundle, import_bundle, preview

from .harness import (
    Desk,
    MissionSetup,
    ServerProcess,
    check_conflicts,
    check_invariants,
    queue_refused_notes,
)


def _known_to_all(desks: list[Desk]) -> None:
    """Two rounds: every desk registers its key, then learns the later ones'."""
    for _ in range(2):
        for d in desks:
            d.sync()


def _marks(desk: Desk) -> dict[tuple[str, str, str], str | None]:
    with desk.store.read() as s:
        return {(m.candidate_id, m.subject, m.marker_id): m.value for m in s.scalars(select(Mark))}


def test_a_bundle_carries_changes_applied_once_with_authorship_and_relayed(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair, prof, rep = desks
    _known_to_all(desks)
    assert prof.edits and chair.edits
    c0, c1 = mission.candidates[:2]
    prof.edits.set_mark(c0, "maths", "14.5")
    prof.edits.set_mark(c1, "physics", "11")
    prof.edits.set_level(c1, "motivation", 4)
    data, header = export_bundle(prof.store)
    assert header.count == 3
    seen = preview(chair.store, data)
    assert (seen.total, seen.new) == (3, 3)

    report = import_bundle(chair.store, data)
    # The professor's card is not submitted: blind panel, the chair's desk may not show it.
    assert report.outcome.counts() == {"applied": 2, "duplicate": 0, "rejected": 0,
                                       "conflict": 0, "hidden": 1}
    assert _marks(chair)[(c0, "maths", prof.actor)] == "14.5"
    with chair.store.read() as s:  # authorship kept: the colleague, not this desk's assessor
        actors = {a.actor_id for a in s.scalars(select(AuditEntry).where(
            AuditEntry.mutation_id.in_([m.id for m in prof.outbox()])))}
    assert actors == {prof.actor}

    again = import_bundle(chair.store, data)  # replayed: nothing twice
    assert again.outcome.counts() == {"applied": 0, "duplicate": 3, "rejected": 0,
                                      "conflict": 0, "hidden": 0}
    rep_report = import_bundle(rep.store, data)  # any order, any desk
    assert rep_report.outcome.counts()["applied"] == 2

    # The chair's next sync relays the bundle: the server applies it as the professor's.
    summary = chair.sync()
    assert summary.relayed == 1
    with server.sessions() as s:
        outcomes = list(s.scalars(select(MutationOutcome).where(
            MutationOutcome.client_id == prof.store.client_id)))
        assert sorted(o.status for o in outcomes) == ["applied"] * 3
        marks = {m.subject: m.marker_id for m in s.scalars(select(ServerMark).where(
            ServerMark.mission_id == mission.mission_id))}
        assert marks == {"maths": prof.actor, "physics": prof.actor}
        assert {a.actor_id for a in s.scalars(select(ServerAudit).where(
            ServerAudit.mutation_id.in_([m.id for m in prof.outbox()])))} == {prof.actor}
    # The rep's relay and the professor's own push later: answered, never applied twice.
    assert rep.sync().relayed == 1
    prof.sync()
    assert [m.state for m in prof.outbox()] == ["applied"] * 3
    _known_to_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    check_conflicts(server, mission.mission_id, desks)


def test_a_teammate_s_refused_change_is_refused_here_as_on_the_server(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair, _, rep = desks
    _known_to_all(desks)
    assert rep.edits
    queue_refused_notes(rep.edits, mission.candidates[0], "bad\x00notes")
    data, _ = export_bundle(rep.store)
    report = import_bundle(chair.store, data)
    [(_, status, detail)] = report.outcome.results
    assert status == "rejected" and "NUL" in detail
    chair.sync()
    with server.sessions() as s:
        [o] = s.scalars(select(MutationOutcome).where(
            MutationOutcome.client_id == rep.store.client_id))
    assert (o.status, o.detail) == ("rejected", detail)  # the same rule, the same words
    _known_to_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)


def test_concurrent_edits_by_bundle_keep_both_values(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair, prof, _ = desks
    _known_to_all(desks)
    assert chair.edits and prof.edits
    c2 = mission.candidates[2]
    chair.edits.set_status(c2, CandidateStatus.ABSENT)
    prof.edits.set_status(c2, CandidateStatus.PRESENT)
    data, _ = export_bundle(prof.store)
    assert import_bundle(chair.store, data).outcome.counts()["conflict"] == 1
    with chair.store.read() as s:
        [c] = s.scalars(select(Conflict))
    assert (c.current_value, c.other_value) == ("absent", "present")  # both kept
    _known_to_all(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    check_conflicts(server, mission.mission_id, desks)
    with chair.store.read() as s:
        [c] = s.scalars(select(Conflict))
    assert {c.current_value, c.other_value} == {"absent", "present"}


def test_bundles_out_of_order_wait_for_the_gap_and_own_bundle_is_refused(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair, prof, _ = desks
    _known_to_all(desks)
    assert prof.edits
    c0, c1 = mission.candidates[:2]
    prof.edits.set_mark(c0, "maths", "10")
    first, _ = export_bundle(prof.store, since_last=True)
    prof.edits.set_mark(c1, "maths", "11")
    second, head = export_bundle(prof.store, since_last=True)
    assert (head.first_mid, head.count) == (2, 1)
    with pytest.raises(BundleError, match="changes in between"):
        import_bundle(chair.store, second)
    assert (c1, "maths", prof.actor) not in _marks(chair)  # nothing applied
    import_bundle(chair.store, first)
    import_bundle(chair.store, second)
    assert _marks(chair)[(c1, "maths", prof.actor)] == "11"
    with pytest.raises(BundleError, match="own bundle"):
        import_bundle(prof.store, first)


def _desk_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mission-desk")
    register(parser.add_subparsers(dest="command", required=True))
    return int(parser.parse_args(argv).func(parser.parse_args(argv)))


def test_the_command_line_export_and_import_and_a_tampered_file(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    chair, prof, _ = desks
    _known_to_all(desks)
    assert prof.edits
    prof.edits.set_mark(mission.candidates[0], "maths", "13")
    out = tmp_path / "prof.mdbundle"
    prof.store.close()
    chair.store.close()
    assert _desk_cli(["bundle", "export", "--data-dir", str(prof.data_dir), "--out", str(out),
                      "--all"]) == 0
    assert "1 change(s)" in capsys.readouterr().out
    bad = bytearray(out.read_bytes())
    bad[len(bad) // 2] ^= 1
    tampered = tmp_path / "tampered.mdbundle"
    tampered.write_bytes(bytes(bad))
    assert _desk_cli(["bundle", "import", "--data-dir", str(chair.data_dir),
                      str(tampered)]) == 1
    assert "nothing applied" in capsys.readouterr().err
    assert _desk_cli(["bundle", "import", "--data-dir", str(chair.data_dir), str(out)]) == 0
    assert "1 applied" in capsys.readouterr().out
    chair.restart()
    prof.restart()
    assert _marks(chair)[(mission.candidates[0], "maths", prof.actor)] == "13"


def test_scorecard_rules_are_the_server_s_and_a_submitted_card_shows(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    """An incomplete card submitted (past an older desk's checks) is refused on the
    teammate's desk in the server's words; a complete submitted card is no longer hidden."""
    from app.store.models import Scorecard
    from app.store.outbox import record_change

    chair, prof, _ = desks
    _known_to_all(desks)
    assert prof.edits
    c0, c1 = mission.candidates[:2]
    prof.edits.set_notes(c0, "half done")
    with prof.store.write() as s:  # a submit the desk's own checks would have stopped
        card = s.scalars(select(Scorecard).where(Scorecard.candidate_id == c0)).one()
        record_change(s, prof.edits.clock, prof.actor, card, {"submitted": True})
    for criterion in prof.edits.config.rubric.keys:
        prof.edits.set_level(c1, criterion, 3)
    prof.edits.set_recommendation(c1, "admit")
    prof.edits.submit_scorecard(c1)
    data, _ = export_bundle(prof.store)
    report = import_bundle(chair.store, data)
    refused = [d for _, status, d in report.outcome.results if status == "rejected"]
    assert len(refused) == 1 and refused[0].startswith("cannot submit yet; missing:")
    with chair.store.read() as s:  # the submitted card is readable by the chair: applied
        cards = {c.candidate_id: c for c in s.scalars(select(Scorecard))}
    assert c0 not in cards and cards[c1].submitted and cards[c1].recommendation == "admit"
    chair.sync()  # relayed: the server refuses the same change in the same words
    with server.sessions() as s:
        details = [o.detail for o in s.scalars(select(MutationOutcome).where(
            MutationOutcome.client_id == prof.store.client_id,
            MutationOutcome.status == "rejected"))]
    assert details == refused
