"""The mission option "adjust interview scores" (issue 17 §2): off by default; on, the jury
minutes print the adjusted interview score beside the raw one, the method in both languages
and each assessor's severity, and the ranking stays on the raw score."""

from __future__ import annotations

import re

from app.domain.mission import MissionConfig
from app.reports.build import ReportKind, generate
from app.reports.load import load_mission_data
from app.store.models import Mission
from tests.reports.pdftext import pdf_text


def _turn_on(store, mission_id: str) -> None:
    with store.write() as s:
        m = s.get_one(Mission, mission_id)
        m.config = {**m.config, "adjust_interview_scores": True}


def test_option_is_off_by_default_and_travels_in_the_config() -> None:
    assert MissionConfig().adjust_interview_scores is False
    on = MissionConfig(adjust_interview_scores=True).model_dump(mode="json")
    assert MissionConfig.model_validate(on).adjust_interview_scores is True
    old = MissionConfig().model_dump(mode="json")
    del old["adjust_interview_scores"]  # a package made before the option: off
    assert MissionConfig.model_validate(old).adjust_interview_scores is False


def test_minutes_without_the_option_print_no_adjusted_score(demo, tmp_path) -> None:
    store, mission_id, _chair = demo
    with store.read() as s:
        assert load_mission_data(s, mission_id, with_details=False).adjustment is None
    text = " ".join(pdf_text(generate(store, mission_id, ReportKind.RANKING,
                                      tmp_path / "m.pdf")).split())
    assert "Adjusted" not in text and "ajustée" not in text


def test_minutes_with_the_option_print_both_scores_and_the_method(demo, tmp_path) -> None:
    store, mission_id, _chair = demo
    with store.read() as s:
        before = load_mission_data(s, mission_id, with_details=False)
    _turn_on(store, mission_id)
    with store.read() as s:
        data = load_mission_data(s, mission_id, with_details=False)
    assert data.adjustment is not None
    assert data.ranking == before.ranking  # never re-ranked
    adjusted = data.adjustment.by_candidate()
    for track in data.ranking.values():
        for sc in track:
            if sc.interview is not None:  # raw score as scoring.py computes it
                assert abs(adjusted[sc.candidate_id].raw - float(sc.interview)) < 1e-9
    text = " ".join(pdf_text(generate(store, mission_id, ReportKind.RANKING,
                                      tmp_path / "m.pdf")).split())
    assert "Adjusted*" in text
    assert "the ranking uses the raw score" in text
    assert "le classement reste sur la note brute" in text
    names = {i: n for i, n, _r, _c in data.assessors}
    for a in data.adjustment.severities:
        assert f"{names[a.assessor_id]} {a.severity.value:+.2f}" in text
    # every ranked candidate's line: raw interview, adjusted, composite, in rank order
    by_number = {c.id: c.application_number for c in data.candidates}
    for track in data.ranking.values():
        positions = []
        for sc in track:
            if sc.rank is None or sc.interview is None:
                continue
            line = (rf"{re.escape(by_number[sc.candidate_id])} .*? "
                    rf"{float(sc.interview):.2f} {adjusted[sc.candidate_id].adjusted:.2f} "
                    rf"{float(sc.composite):.2f}")
            match = re.search(line, text)
            assert match, line
            positions.append(match.start())
        assert positions == sorted(positions)  # printed in the raw score's rank order
