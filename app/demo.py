"""A realistic demo mission: candidates of the target countries in their own scripts, a
team of four, written marks and scorecards partly filled. Used by ``--demo``, the tests and
the benchmarks; deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal
from typing import Any

from app.domain.enums import CandidateStatus, Recommendation, Role, Track
from app.domain.marks import mark_to_wire
from app.domain.mission import MissionConfig, ProgrammeOption

from .store.database import Store, set_meta
from .store.package import bulk_install

DEMO_CODE = "DEMO-2027-ASIA-LATAM"

# (country, nationality, family names, given names, institutions, partner institutions)
_PEOPLE: list[tuple[str, list[str], list[str], list[str], list[str]]] = [
    ("Vietnamese",
     ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"],
     ["Thị Ánh", "Văn Đức", "Minh Khôi", "Thu Hương", "Quốc Bảo", "Ngọc Trâm", "Hữu Nghĩa",
      "Thanh Tùng", "Bảo Ngọc", "Đức Anh"],
     ["Đại học Bách khoa Hà Nội", "Trường Đại học Bách khoa - ĐHQG TP.HCM",
      "Đại học Đà Nẵng"],
     ["Hanoi University of Science and Technology"]),
    ("Chinese",
     ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"],
     ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "嘉怡", "子轩", "雨涵"],
     ["清华大学", "上海交通大学", "浙江大学", "华中科技大学"],
     ["上海交通大学"]),
    ("Indian",
     ["शर्मा", "वर्मा", "गुप्ता", "Iyer", "Reddy", "Krishnan", "Patel", "Nair", "सिंह", "Menon"],
     ["प्रिया", "अर्जुन", "Ananya", "Vikram", "दीपिका", "Rahul", "Lakshmi", "Aditya", "स्नेहा",
      "Karthik"],
     ["IIT Madras", "Anna University", "College of Engineering, Guindy", "NIT Tiruchirappalli"],
     ["IIT Madras"]),
    ("Brazilian",
     ["Gonçalves", "Araújo", "Conceição", "Magalhães", "Simões", "Brandão", "Lopes", "Sá"],
     ["João", "Luíza", "Márcio", "Letícia", "Caio", "Beatriz", "Thiago", "Vitória"],
     ["Universidade de São Paulo", "Universidade Estadual de Campinas",
      "Universidade Federal do Rio Grande do Sul"],
     ["Universidade de São Paulo"]),
    ("Mexican",
     ["Hernández", "García", "Martínez", "López", "Pérez", "Sánchez", "Ramírez", "Núñez"],
     ["José Ángel", "María Fernanda", "Andrés", "Sofía", "Iñaki", "Ximena", "Raúl", "Valentina"],
     ["Instituto Politécnico Nacional", "Universidad Nacional Autónoma de México",
      "Tecnológico de Monterrey"],
     ["Tecnológico de Monterrey"]),
    ("Colombian",
     ["Rodríguez", "Gómez", "Díaz", "Muñoz", "Álvarez", "Ortíz"],
     ["Camila", "Sebastián", "Valeria", "Nicolás", "Mariana"],
     ["Universidad de los Andes", "Universidad Nacional de Colombia"],
     ["Universidad de los Andes"]),
    ("Indonesian",
     ["Wijaya", "Santoso", "Pratama", "Kusuma", "Hidayat"],
     ["Putri", "Budi", "Dewi", "Agus", "Siti Nurhaliza"],
     ["Institut Teknologi Bandung", "Universitas Indonesia"],
     ["Institut Teknologi Bandung"]),
    ("Malaysian",
     ["Abdullah", "Tan", "Lim", "Ibrahim", "Subramaniam"],
     ["Nur Aisyah", "Wei Ming", "Muhammad Hafiz", "Kavitha", "Jia Hui"],
     ["Universiti Malaya", "Universiti Teknologi Malaysia"],
     ["Universiti Malaya"]),
]

OPTIONS = (
    ProgrammeOption(code="ING-GEN", label="Engineering cycle (Diplôme d'ingénieur), generalist"),
    ProgrammeOption(code="ING-NUM", label="Engineering cycle, digital systems"),
    ProgrammeOption(code="MSC-ENERGY", label="MSc Energy transition"),
    ProgrammeOption(code="MSC-DATA", label="MSc Data science and AI"),
)

TEAM = (
    ("Prof. Claire Dubois", "claire.dubois@example.edu", Role.PROFESSOR, True),
    ("Prof. Karim Benali", "karim.benali@example.edu", Role.PROFESSOR, False),
    ("Sophie Martin", "sophie.martin@example.edu", Role.REPRESENTATIVE, False),
    ("Dr. Lucas Moreau", "lucas.moreau@example.edu", Role.PROFESSOR, False),
)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _mark(rng: random.Random) -> Decimal:
    raw = min(20.0, max(0.0, rng.gauss(12.5, 3.2)))
    return Decimal(round(raw * 4)) / 4


def build_demo_rows(candidates: int = 300, seed: int = 2027) -> dict[str, list[dict[str, Any]]]:
    """Rows of a demo mission, as a server package would bring them."""
    rng = random.Random(seed)
    config = MissionConfig(options=OPTIONS)
    v1: dict[str, int] = {}
    mission_id = _uid(rng)
    mission = {
        "id": mission_id, "code": DEMO_CODE, "name": "Demo mission: Asia and Latin America",
        "country": "India", "city": "Chennai", "timezone": "Asia/Kolkata",
        "start_date": "2027-02-08", "end_date": "2027-02-12", "status": "open",
        "config": config.model_dump(mode="json"), "versions": v1,
    }
    team = [
        {"id": _uid(rng), "mission_id": mission_id, "name": n, "email": e, "role": r.value,
         "is_chair": chair, "versions": v1}
        for n, e, r, chair in TEAM
    ]
    rows: dict[str, list[dict[str, Any]]] = {
        "mission": [mission], "assessor": team, "candidate": [], "interview": [], "mark": [],
        "scorecard": [], "decision": [],
    }
    day0 = dt.datetime(2027, 2, 8, 9, 0)
    panels = [(team[0], team[2]), (team[1], team[3])]
    for i in range(candidates):
        nationality, families, givens, institutions, partners = rng.choice(_PEOPLE)
        track = Track.DOUBLE_DEGREE if rng.random() < 0.4 else Track.FREE_MOVER
        roll = rng.random()
        status = (CandidateStatus.PRESENT if roll < 0.7 else CandidateStatus.REGISTERED
                  if roll < 0.9 else CandidateStatus.ABSENT if roll < 0.97
                  else CandidateStatus.WITHDRAWN)
        cid = _uid(rng)
        wishes = rng.sample([o.code for o in OPTIONS], k=rng.randint(1, 3))
        rows["candidate"].append({
            "id": cid, "mission_id": mission_id,
            "application_number": f"APP-2027-{i + 1:05d}",
            "family_name": rng.choice(families), "given_names": rng.choice(givens),
            "birth_date": dt.date(2002 + rng.randint(0, 3), rng.randint(1, 12),
                                  rng.randint(1, 28)).isoformat(),
            "nationality": nationality, "email": f"candidate{i + 1:05d}@mail.example",
            "home_institution": rng.choice(institutions), "track": track.value,
            "partner_institution": rng.choice(partners) if track == Track.DOUBLE_DEGREE else "",
            "wishes": wishes, "status": status.value, "versions": v1,
        })
        panel = panels[i % 2]
        slot = day0 + dt.timedelta(days=(i // 32) % 5, minutes=30 * ((i // 2) % 16))
        rows["interview"].append({
            "id": _uid(rng), "candidate_id": cid, "starts_at": slot.isoformat(timespec="minutes"),
            "room": f"Room {1 + i % 2}", "panel": [p["id"] for p in panel], "versions": v1,
        })
        if status != CandidateStatus.PRESENT:
            continue
        if track == Track.FREE_MOVER and rng.random() < 0.75:
            for subject in config.subjects:
                first = _mark(rng)
                absent = rng.random() < 0.02
                value = "absent" if absent else mark_to_wire(first)
                rows["mark"].append({"id": _uid(rng), "candidate_id": cid, "subject": subject.key,
                                     "marker_id": team[1].get("id"), "value": value,
                                     "versions": v1})
                if not absent and rng.random() < 0.2:  # double marking
                    delta = Decimal(rng.choice([0, 0.25, 0.5, 1, 1.5, 4])) * rng.choice([1, -1])
                    second = min(Decimal(20), max(Decimal(0), first + delta))
                    rows["mark"].append({"id": _uid(rng), "candidate_id": cid,
                                         "subject": subject.key, "marker_id": team[3]["id"],
                                         "value": mark_to_wire(second), "versions": v1})
        if rng.random() < 0.65:
            base = rng.randint(2, 5)
            for member in panel:
                submitted = rng.random() < 0.9
                levels = {c.key: max(1, min(5, base + rng.choice([-1, 0, 0, 1])))
                          for c in config.rubric.criteria}
                mean = sum(levels.values()) / len(levels)
                rec = (Recommendation.STRONG_ADMIT if mean >= 4.5 else Recommendation.ADMIT
                       if mean >= 3.5 else Recommendation.WAITLIST if mean >= 2.5
                       else Recommendation.REJECT)
                rows["scorecard"].append({
                    "id": _uid(rng), "candidate_id": cid, "author_id": member["id"],
                    "levels": levels, "notes": rng.choice(_NOTES), "recommendation": rec.value,
                    "submitted": submitted,
                    "submitted_at": dt.datetime(2027, 2, 8, 12, tzinfo=dt.UTC) if submitted
                    else None, "amendments": 0, "versions": v1,
                })
    # As if pulled from a server: every field at version 1.
    for entity_rows in rows.values():
        for row in entity_rows:
            row["versions"] = {k: 1 for k in row if k not in {"id", "versions"}}
    return rows


_NOTES = [
    "Clear project in energy systems; asked good questions about the labs.",
    "Strong in maths, less at ease explaining the internship. English fluent.",
    "Very motivated; knows alumni from the partner university. Check visa timing.",
    "Hesitant at first, then convincing on the final-year project.",
    "Good background; wishes could be better argued.",
    "",
]


def init_demo(store: Store, candidates: int = 300, seed: int = 2027) -> tuple[str, str]:
    """Create the demo mission in ``store``; returns (mission id, the chair's assessor id).

    The chair becomes this desk's current assessor, so ``--demo`` opens ready to work.
    """
    rows = build_demo_rows(candidates, seed)
    mission_id = rows["mission"][0]["id"]
    chair_id = next(a["id"] for a in rows["assessor"] if a["is_chair"])
    with store.write() as s:
        bulk_install(s, rows)
        set_meta(s, "current_mission", mission_id)
        set_meta(s, "current_assessor", chair_id)
    return mission_id, chair_id
