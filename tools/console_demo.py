"""A demo world for the console (screenshots, benchmarks): users of every role, the desk's
demo mission (app.demo) as if its team had synced it, and a second, quieter mission.

Every synced row goes through the server's own apply rules (PushApplier, as a desk's push
would), so seq numbers, versions and the audit trail are real; each assessor pushes their
own marks and scorecards from their own device. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.demo import OPTIONS, build_demo_rows
from app.domain.enums import Role
from app.domain.mission import MissionConfig
from app.domain.mutation import WRITABLE_FIELDS, mutation_hash
from app.domain.planning.config import DayConfig, PanelConfig, PlanningConfig, RoomConfig
from server import accounts, missions
from server.db import session_factory
from server.models import Assessor, Device, Mission
from server.planning import store_planning
from server.sync_apply import Actor, PushApplier
from sync.protocol import Mutation

PASSWORD = "demo password"
STAFF = (("alice", "Alice Lambert", "admin"), ("olivier", "Olivier Girard", "officer"),
         ("vera", "Véra Rousseau", "viewer"))
# Where each team member's laptop last synced from (documentation addresses, RFC 5737).
ADDRESSES = ("203.0.113.24", "198.51.100.7", "203.0.113.91", "192.0.2.15")


@dataclass
class Demo:
    mission_id: str
    other_mission_id: str
    users: dict[str, str] = field(default_factory=dict)      # username -> id
    candidates: list[str] = field(default_factory=list)
    team: list[str] = field(default_factory=list)           # usernames, chair first


def _username(full_name: str) -> str:
    parts = [p for p in full_name.replace(".", "").split() if p not in ("Prof", "Dr")]
    return (parts[0][0] + parts[-1]).lower()


class _Pusher:
    """One assessor's desk: numbered mutations pushed through the server's apply rules."""

    def __init__(self, actor: Actor, clock: dt.datetime) -> None:
        self.actor = actor
        self.client_id = str(uuid.uuid4())
        self.mid = 0
        self.clock = clock
        self.pending: list[Mutation] = []

    def add(self, entity: str, row_id: str, fields: dict[str, Any]) -> None:
        self.mid += 1
        self.clock += dt.timedelta(seconds=37)
        at = self.clock.strftime("%Y-%m-%dT%H:%M:%S.000Z") + "-0000-desk"
        fields = {k: v for k, v in fields.items() if k in WRITABLE_FIELDS[entity]}
        mid = str(uuid.uuid4())
        self.pending.append(Mutation(
            mid=self.mid, id=mid, entity=entity, row_id=row_id, fields=fields, base={}, at=at,
            hash=mutation_hash(mid, entity, row_id, fields, {}, at)))  # type: ignore[arg-type]

    def push(self, s: Session, mission_id: str) -> None:
        mission = s.scalar(select(Mission).where(Mission.id == mission_id).with_for_update())
        assert mission is not None
        config = MissionConfig.model_validate(mission.config or {})
        for start in range(0, len(self.pending), 400):
            _, results = PushApplier(s, mission, self.actor, config).push(
                self.client_id, self.pending[start:start + 400])
            refused = [r for r in results if r.status != "applied"]
            assert not refused, refused[:3]
        self.pending = []


def build(engine: Engine, candidates: int = 120, seed: int = 2027) -> Demo:
    """Fill an empty, migrated database with the demo world."""
    rng = random.Random(seed)
    rows = build_demo_rows(candidates, seed)
    sessions = session_factory(engine)
    m = rows["mission"][0]
    team = rows["assessor"]
    with sessions() as s, s.begin():
        users = {name: accounts.create_user(s, name, PASSWORD, name=full, console_role=role)
                 for name, full, role in STAFF}
        for a in team:
            users[_username(a["name"])] = accounts.create_user(
                s, _username(a["name"]), PASSWORD, name=a["name"], email=a["email"])
        names = [_username(a["name"]) for a in team]
        chair = names[[a["is_chair"] for a in team].index(True)]
        mission = missions.create_mission(
            s, code=m["code"], name=m["name"], country=m["country"], city=m["city"],
            timezone=m["timezone"], start=m["start_date"], end=m["end_date"], chair=chair,
            members=[missions.Member(n, Role(a["role"])) for n, a in zip(names, team, strict=True)
                     if n != chair],
            config=MissionConfig(options=OPTIONS))
        other = missions.create_mission(
            s, code="VN-2027-HANOI", name="Hanoi 2027", country="Vietnam", city="Hanoi",
            timezone="Asia/Ho_Chi_Minh", start="2027-03-15", end="2027-03-19",
            chair=names[1], config=MissionConfig(options=OPTIONS))
        assessor_of = {a.user_id: a for a in s.scalars(select(Assessor).where(
            Assessor.mission_id == mission.id))}
        demo_to_real: dict[str, str] = {}
        pushers: dict[str, _Pusher] = {}
        start = dt.datetime(2027, 2, 8, 8, 30, tzinfo=dt.UTC)
        for i, (name, a) in enumerate(zip(names, team, strict=True)):
            user = users[name]
            assessor = assessor_of[user.id]
            demo_to_real[a["id"]] = assessor.id
            _, device = accounts.issue_token(s, user, f"{name}-laptop",
                                             address=ADDRESSES[i % len(ADDRESSES)])
            pushers[a["id"]] = _Pusher(Actor(user.id, device.id, assessor.id,
                                             assessor.is_chair), start)
        ids = Demo(mission.id, other.id, {n: u.id for n, u in users.items()}, team=names)
    chair_pusher = pushers[next(a["id"] for a in team if a["is_chair"])]
    by_author: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for c in rows["candidate"]:
        fields = {k: v for k, v in c.items() if k not in ("id", "versions")}
        fields["mission_id"] = ids.mission_id
        chair_pusher.add("candidate", c["id"], fields)
        ids.candidates.append(c["id"])
    for iv in rows["interview"]:
        chair_pusher.add("interview", iv["id"], {
            "candidate_id": iv["candidate_id"], "starts_at": iv["starts_at"],
            "room": iv["room"], "panel": [demo_to_real[p] for p in iv["panel"]]})
    for mark in rows["mark"]:
        by_author[mark["marker_id"]].append(("mark", mark["id"], {
            "candidate_id": mark["candidate_id"], "subject": mark["subject"],
            "marker_id": demo_to_real[mark["marker_id"]], "value": mark["value"]}))
    for card in rows["scorecard"]:
        by_author[card["author_id"]].append(("scorecard", card["id"], {
            "candidate_id": card["candidate_id"], "author_id": demo_to_real[card["author_id"]],
            "levels": card["levels"], "notes": card["notes"],
            "recommendation": card["recommendation"], "submitted": card["submitted"]}))
    decided = [c for c in rows["candidate"] if c["status"] == "present"]
    for c in decided[: len(decided) // 2]:
        outcome = rng.choice(("admit", "admit", "waitlist", "reject"))
        option = rng.choice(c["wishes"]) if outcome == "admit" else None
        by_author["decision"].append(("decision", str(uuid.UUID(int=rng.getrandbits(128))), {
            "candidate_id": c["id"], "outcome": outcome, "option_code": option,
            "rationale": "Jury of 12 February: " + {
                "admit": "strong file and interview.", "waitlist": "good, below the line.",
                "reject": "written marks too low."}[outcome],
            "override_reason": "no written test taken" if outcome == "admit" else ""}))
    with sessions() as s, s.begin():
        chair_pusher.push(s, ids.mission_id)
    for author, items in by_author.items():
        pusher = chair_pusher if author == "decision" else pushers[author]
        for entity, row_id, fields in items:
            pusher.add(entity, row_id, fields)
        with sessions() as s, s.begin():
            pusher.push(s, ids.mission_id)
    # Last seen at different times, one laptop revoked (reported lost on the second day).
    with sessions() as s, s.begin():
        devices = list(s.scalars(select(Device).order_by(Device.name)))
        now = dt.datetime.now(dt.UTC)
        for i, d in enumerate(devices):
            d.last_seen_at = now - dt.timedelta(minutes=7 + 95 * i)
        devices[-1].revoked_at = now - dt.timedelta(hours=20)
    # The setup the demo's interviews were planned with (app.demo: two panels in two rooms,
    # half-hour slots from 09:00 each day), so the plan page shows them.
    with sessions() as s, s.begin():
        mission_row = s.get(Mission, ids.mission_id)
        assert mission_row is not None
        panels = ((team[0], team[2]), (team[1], team[3]))
        store_planning(s, mission_row, PlanningConfig(
            days=tuple(DayConfig(date=dt.date(2027, 2, 8 + d)) for d in range(5)),
            rooms=(RoomConfig(name="Room 1"), RoomConfig(name="Room 2")), slot_minutes=30,
            panels=tuple(PanelConfig(id=f"P{i}", members=tuple(demo_to_real[a["id"]]
                                                                 for a in pair))
                         for i, pair in enumerate(panels, 1))), reason="demo setup")
    return ids
