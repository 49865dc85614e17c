"""Plain rows of a small planned mission, as the desk or the server hands them to the
exports: two sittings, three interviews stored with three different offsets."""

from __future__ import annotations

from app.domain.planning.config import PlanningConfig
from app.export.appointments import Schedule, build_schedule

TEAM = [{"id": "a-chair", "name": "Prof. Claire Dubois"},
        {"id": "a-karim", "name": "Prof. Karim Benali"},
        {"id": "a-sophie", "name": "Sophie Martin"}]
CANDIDATES = [
    {"id": "c1", "application_number": "APP-1", "family_name": "शर्मा", "given_names": "Aditya",
     "email": "aditya@mail.example", "track": "free_mover", "status": "registered"},
    {"id": "c2", "application_number": "APP-2", "family_name": "=HYPERLINK(\"x\")",
     "given_names": "Eve", "email": "+eve@mail.example", "track": "free_mover",
     "status": "present"},
    {"id": "c3", "application_number": "APP-3", "family_name": "Nguyễn", "given_names": "Thị Ánh",
     "email": "anh@mail.example", "track": "double_degree", "status": "registered"},
    {"id": "c4", "application_number": "APP-4", "family_name": "Gone", "given_names": "",
     "email": "", "track": "double_degree", "status": "withdrawn"},
    {"id": "c5", "application_number": "APP-5", "family_name": "Later", "given_names": "Not",
     "email": "", "track": "double_degree", "status": "registered"},
]
PLANNING = PlanningConfig.model_validate({
    "days": [{"date": "2027-03-01"}, {"date": "2027-03-02"}],
    "rooms": [{"name": "Sala 1"}, {"name": "Auditório", "capacity": 80}],
    "slot_minutes": 40,
    "sittings": [
        {"id": "W1", "date": "2027-03-01", "start": "08:30", "duration": 120,
         "room": "Auditório", "subjects": ["maths", "physics"], "invigilators": ["a-sophie"]},
        {"id": "W2", "date": "2027-03-01", "start": "13:00", "duration": 90,
         "room": "Auditório", "subjects": ["specialty"], "invigilators": ["a-sophie",
                                                                          "a-karim"]}]})
INTERVIEWS = [
    # 14:00 in São Paulo (-03:00), stored as planned in Paris (+01:00): 18:00+01:00
    {"candidate_id": "c1", "starts_at": "2027-03-02T18:00:00+01:00", "room": "Sala 1",
     "panel": ["a-chair", "a-karim"], "duration": 0},
    # already local, no offset (older packages, the demo)
    {"candidate_id": "c2", "starts_at": "2027-03-02T09:00", "room": "Sala 1",
     "panel": ["a-chair", "a-karim"], "duration": 25},
    {"candidate_id": "c3", "starts_at": "2027-03-02T12:20:00Z", "room": "Sala 2",
     "panel": ["a-chair", "a-sophie"], "duration": 0},
    {"candidate_id": "c4", "starts_at": "2027-03-02T10:00", "room": "Sala 1",
     "panel": ["a-chair", "a-karim"], "duration": 0},
    {"candidate_id": "c5", "starts_at": None, "room": "", "panel": [], "duration": 0},
]
SEATS = [
    {"candidate_id": "c1", "sitting": "W1", "seat": 1, "script_code": "ABC-DEF"},
    {"candidate_id": "c1", "sitting": "W2", "seat": 4, "script_code": "GHJ-KLM"},
    {"candidate_id": "c2", "sitting": "W1", "seat": 2, "script_code": "NPQ-RST"},
]
SUBJECTS = {"maths": "Mathematics", "physics": "Physics", "specialty": "Specialty"}
ZONE = "America/Sao_Paulo"


def schedule() -> Schedule:
    return build_schedule(ZONE, PLANNING, INTERVIEWS, SEATS)
