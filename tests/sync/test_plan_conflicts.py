"""Plan rows are shared rows owned by the chair: two desks that move the same candidate (or
seat) offline end in a conflict kept for the chair, never a silent overwrite, and never a
merged slot nobody chose; a member's desk cannot write seats at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import PermissionDenied
from app.domain.planning import new_script_code
from app.store.models import Conflict, Interview, Seat

from .faultproxy import FaultProxy
from .harness import Desk, MissionSetup, ServerProcess, check_conflicts, check_invariants


def _open(desk: Desk) -> list[tuple[str, str, object, object]]:
    with desk.store.read() as s:
        return sorted((c.entity, c.field, c.current_value, c.other_value) for c in s.scalars(
            select(Conflict).where(Conflict.resolved.is_(False))))


def test_two_chair_desks_moving_one_candidate_offline_conflict(
        server: ServerProcess, mission: MissionSetup, proxy: FaultProxy, tmp_path: Path) -> None:
    chair = Desk(tmp_path, "chair", server.url, mission.users["chair"])
    # the chair's second laptop, signed in on its own (its own address: its own token)
    laptop = Desk(tmp_path, "chair-laptop", proxy.url, mission.users["chair"])
    prof = Desk(tmp_path, "prof", server.url, mission.users["prof"])
    desks = [chair, laptop, prof]
    try:
        for d in desks:
            d.sync()
        assert chair.edits and laptop.edits and prof.edits
        c = mission.candidates[0]
        panel = [chair.actor, prof.actor]
        code = new_script_code()
        chair.edits.set_slot(c, "2027-01-12T09:00+05:30", "A", panel, 0)
        chair.edits.set_seat(c, "W1", 4, code)
        chair.sync()
        for d in desks:
            d.sync()
        with pytest.raises(PermissionDenied):
            prof.edits.set_seat(c, "W1", 5, code)
        # both chair desks move the candidate while offline
        chair.edits.set_slot(c, "2027-01-12T10:00+05:30", "A", panel, 0)
        chair.edits.set_seat(c, "W1", 7, code)
        laptop.edits.set_slot(c, "2027-01-12T11:30+05:30", "B", panel, 45)
        laptop.edits.set_seat(c, "W1", 9, code)
        chair.sync()
        summary = laptop.sync()
        assert summary.conflicts == 2  # the slot and the seat: the first moves stay
        for d in desks:
            d.sync()
        for d in desks:
            with d.store.read() as s:
                iv = s.scalars(select(Interview).where(Interview.candidate_id == c)).one()
                seat = s.scalars(select(Seat).where(Seat.candidate_id == c)).one()
            assert (iv.starts_at, iv.room, iv.duration, seat.seat) == (
                "2027-01-12T10:00+05:30", "A", 0, 7)
            assert _open(d) == [("interview", "duration", 0, 45),
                                ("interview", "room", "A", "B"),
                                ("interview", "starts_at", "2027-01-12T10:00+05:30",
                                 "2027-01-12T11:30+05:30"), ("seat", "seat", 7, 9)]
        check_invariants(server, mission.mission_id, desks, converged=True)
        check_conflicts(server, mission.mission_id, desks)
        # the chair takes the laptop's slot, field by field, and keeps the first seat
        with chair.store.read() as s:
            open_ = {(k.entity, k.field): k.id for k in s.scalars(select(Conflict))}
        for (entity, _field), cid in sorted(open_.items()):
            chair.edits.resolve_conflict(cid, take_other=entity == "interview")
        for _ in range(2):
            for d in desks:
                d.sync()
        for d in desks:
            assert _open(d) == []
            with d.store.read() as s:
                iv = s.scalars(select(Interview).where(Interview.candidate_id == c)).one()
            assert (iv.starts_at, iv.room, iv.duration) == ("2027-01-12T11:30+05:30", "B", 45)
        check_invariants(server, mission.mission_id, desks, converged=True)

        # one desk changes only the time, the other only the room: still one slot each, a
        # conflict, never 12:00 in room A that nobody chose
        chair.edits.set_slot(c, "2027-01-12T12:00+05:30", "B", panel, 45)
        laptop.edits.set_slot(c, "2027-01-12T11:30+05:30", "A", panel, 45)
        chair.sync()
        assert laptop.sync().conflicts == 1
        for d in desks:
            d.sync()
        for d in desks:
            with d.store.read() as s:
                iv = s.scalars(select(Interview).where(Interview.candidate_id == c)).one()
            assert (iv.starts_at, iv.room) == ("2027-01-12T12:00+05:30", "B")
            assert _open(d) == [("interview", "room", "B", "A"),
                                ("interview", "starts_at", "2027-01-12T12:00+05:30",
                                 "2027-01-12T11:30+05:30")]
    finally:
        for d in desks:
            d.close()
