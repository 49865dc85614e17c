"""An admit without a complete composite score stands on the jury minutes with its reason
(issue 11, item 9)."""

from __future__ import annotations

from app.domain.scoring import ScoreState
from app.reports.build import ReportKind, generate
from app.reports.load import load_mission_data
from app.store.edits import EditService
from tests.reports.pdftext import pdf_text


def test_the_override_reason_is_printed_on_the_minutes(demo, tmp_path):
    store, mission_id, chair_id = demo
    with store.read() as s:
        data = load_mission_data(s, mission_id, with_details=False)
    scores = [sc for track in data.ranking.values() for sc in track]
    incomplete = next(sc for sc in scores if sc.state == ScoreState.INCOMPLETE)
    ranked = next(sc for sc in scores if sc.state == ScoreState.RANKED)
    edits = EditService(store, mission_id, chair_id)
    edits.set_decision(incomplete.candidate_id, "admit", "MSC-DATA", "Unanimous",
                       override_reason="Physics paper lost in transit; oral exam held instead")
    edits.set_decision(ranked.candidate_id, "admit", "ING-GEN", "First of the list")
    path = generate(store, mission_id, ReportKind.RANKING, tmp_path / "minutes.pdf")
    text = " ".join(pdf_text(path).split())
    assert "† Admitted without a complete composite score" in text
    assert (f"{incomplete.application_number}" in text
            and "Physics paper lost in transit; oral exam held instead" in text)
    assert "Admit · MSC-DATA †" in text
    assert "Admit · ING-GEN †" not in text
