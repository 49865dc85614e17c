import datetime as dt

import pytest
from pydantic import ValidationError

from app.domain.candidate import CandidateRecord
from app.domain.enums import Track
from app.domain.mission import MissionConfig
from app.domain.rubric import default_rubric
from app.domain.text import fold


@pytest.mark.parametrize("name,query", [
    ("Nguyễn Thị Ánh", "nguyen thi anh"), ("João", "joao"), ("São Paulo", "sao paulo"),
    ("Đặng Đức", "dang duc"), ("Iñaki Núñez", "inaki nunez"), ("MÜLLER", "muller"),
])
def test_fold_strips_accents_and_case(name, query):
    assert fold(name) == query


def test_fold_keeps_non_latin_scripts():
    assert fold("张伟") == "张伟"
    assert fold("प्रिया शर्मा") == "प्रिया शर्मा"  # matras and virama are kept


def test_mission_defaults():
    cfg = MissionConfig()
    assert [s.key for s in cfg.subjects] == ["maths", "physics", "specialty"]
    assert all(str(s.max_mark) == "20" and str(s.step) == "0.25" for s in cfg.subjects)
    rubric = default_rubric()
    assert rubric.keys == ["motivation", "project", "science", "communication", "english",
                           "openness"]
    for c in rubric.criteria:
        assert [lvl.value for lvl in c.levels] == [1, 2, 3, 4, 5]
        assert all(lvl.description for lvl in c.levels)


def test_config_round_trips_through_json():
    cfg = MissionConfig()
    assert MissionConfig.model_validate(cfg.model_dump(mode="json")) == cfg


def test_candidate_record_keeps_names_in_nfc_and_checks_fields():
    decomposed = "Nguye\u0302\u0303n"  # NFD input
    rec = CandidateRecord(application_number="A1", family_name=decomposed, given_names="Ánh",
                          track=Track.FREE_MOVER)
    assert rec.family_name == "Nguyễn"
    with pytest.raises(ValidationError, match="partner institution"):
        CandidateRecord(application_number="A2", family_name="X", track=Track.DOUBLE_DEGREE)
    with pytest.raises(ValidationError, match="e-mail"):
        CandidateRecord(application_number="A3", family_name="X", track="free_mover",
                        email="not-an-address")
    with pytest.raises(ValidationError, match="plausible"):
        CandidateRecord(application_number="A4", family_name="X", track="free_mover",
                        birth_date=dt.date(1850, 1, 1))


def test_rubric_levels_are_described_in_french_too():
    for c in default_rubric().criteria:
        assert c.label_fr
        for lvl in c.levels:
            assert lvl.label_fr and lvl.description_fr
            assert lvl.description_in(True) == lvl.description_fr
            assert lvl.description_in(False) == lvl.description
