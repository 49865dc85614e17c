"""The jury minutes' calibration annex (app/reports/calibration.py): every figure with its n,
hidden below the threshold, bilingual headings; on a synthetic mission the planted lenient
assessor and harsh marker read on the paper; from the desk's CLI and from the server."""

from __future__ import annotations

import argparse
import io
import re

from pypdf import PdfReader

from app import cli
from app.domain.calibration import MIN_CANDIDATES, CalibrationInput
from app.domain.mission import MissionConfig
from app.reports import calibration as annex
from app.reports.build import ReportKind, generate
from app.reports.data import MissionData
from app.store.queries_calibration import load_calibration_input
from tests.domain import calibration_data as synthetic
from tests.reports.pdftext import pdf_text


def _flat(text: str) -> str:
    return " ".join(text.split())


def _synthetic_data() -> MissionData:
    config = MissionConfig()
    marks = synthetic.marks(0)
    levels = synthetic.levels(0)
    # a seventh panel of four candidates: too few for its figures to be shown
    levels += [o for o in synthetic.levels(9, per_panel=4, panels={"P7": ("A0", "A9")})]
    names = {f"M{i}": f"Marker {i}" for i in range(6)} | {
        f"A{i}": f"Assessor {i}" for i in (0, 1, 2, 3, 4, 5, 9)}
    inp = CalibrationInput(config, marks, levels, names,
                           {k: " / ".join(names[a] for a in m)
                            for k, m in (synthetic.PANELS | {"P7": ("A0", "A9")}).items()},
                           {m.candidate_id: f"N{m.candidate_id}" for m in marks})
    data = MissionData("m", "SYN-1", "Synthetic", "Nowhere", "Town", "UTC", "2027-01-01",
                       "2027-01-02", config, [("A0", "Assessor 0", "professor", True)], [], {})
    data.calibration = inp
    return data


def test_annex_prints_the_planted_severities_with_their_n() -> None:
    data = _synthetic_data()
    assert data.calibration is not None
    cal = data.calibration.calibrate()
    out = io.BytesIO()
    annex.write(data, out)
    text = _flat(" ".join(p.extract_text() for p in PdfReader(out).pages))
    for heading in ("Markers / Correcteurs", "Assessors × criteria / Évaluateurs × critères",
                    "Panels side by side / Jurys côte à côte",
                    "Largest marking gaps / Plus grands écarts de correction"):
        assert heading in text
    harsh = next(m for m in cal.markers if m.marker_id == synthetic.HARSH_MARKER)
    assert f"Marker 5 {annex.signed(harsh.deviation)} {annex.plain(harsh.icc)}" in text
    assert annex.signed(harsh.deviation).startswith(("-2", "-1.8", "-1.9"))
    lenient = [a for a in cal.assessors if a.assessor_id == synthetic.LENIENT]
    for a in lenient:
        assert annex.signed(a.deviation) in text and a.deviation.value > 0.7
    # panel P7 rests on 4 candidates: its kappa and distribution are hidden, with their n
    assert re.search(r"Assessor 0 / Assessor 9 4 not enough data: n=4 not enough data: n=4",
                     text)
    assert "Whole mission / Toute la mission 244" in text
    first = cal.gaps[0]
    assert f"N{first.candidate_id}" in text and f"{first.gap:g}" in text


def test_hidden_figures_name_their_n() -> None:
    from app.domain.calibration import Estimate

    assert annex.signed(Estimate(1.0, 0.5, 1.5, MIN_CANDIDATES - 3)) == "not enough data: n=5"
    assert annex.percent(Estimate(0.5, 0.2, 0.8, MIN_CANDIDATES)) == "50% [20%; 80%]"


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mission-desk")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return cli.run(args.handler, args)


def test_report_calibration_from_the_command_line(tmp_path, capsys) -> None:
    d = str(tmp_path / "desk")
    assert _run(["init-demo", "--data-dir", d, "--candidates", "40"]) == 0
    capsys.readouterr()
    out = tmp_path / "annex.pdf"
    assert _run(["report", "calibration", "--out", str(out), "--data-dir", d]) == 0
    assert f"written to {out}" in capsys.readouterr().out
    text = _flat(pdf_text(out))
    assert "Annex to the jury minutes: calibration" in text
    assert "Markers / Correcteurs" in text and "not enough data: n=" in text


def test_desk_annex_matches_the_loader(demo, tmp_path) -> None:
    store, mission_id, chair_id = demo
    with store.read() as s:
        cal = load_calibration_input(s, mission_id, chair_id).calibrate()
    path = generate(store, mission_id, ReportKind.CALIBRATION, tmp_path / "a.pdf")
    text = _flat(pdf_text(path))
    for p in cal.panels:
        assert f" {p.n} {annex.plain(p.kappa)} " in text
    for a in cal.assessors:
        assert annex.signed(a.deviation) in text
