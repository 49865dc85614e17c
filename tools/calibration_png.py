"""Render the calibration papers of a 200-candidate demo mission, to look at them:
docs/reports/calibration-annex.png (the annex's first page) and
docs/reports/jury-minutes-adjusted.png (the minutes' page with the adjusted scores' method).

    .venv/bin/python tools/calibration_png.py   (needs pdftoppm: apt-get install poppler-utils)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.paper_png import render_demo_papers

if TYPE_CHECKING:
    from app.store.database import Store


def _papers(store: Store, mission_id: str, _chair: str, scratch: Path
            ) -> list[tuple[Path, str, int]]:
    from pypdf import PdfReader

    from app.reports.build import ReportKind, generate
    from app.store.models import Mission

    with store.write() as s:
        m = s.get_one(Mission, mission_id)
        m.config = {**m.config, "adjust_interview_scores": True}
    annex = generate(store, mission_id, ReportKind.CALIBRATION, scratch / "a.pdf")
    minutes = generate(store, mission_id, ReportKind.RANKING, scratch / "m.pdf")
    method = next(i + 1 for i, p in enumerate(PdfReader(minutes).pages)
                  if "Adjusted interview score /" in p.extract_text())
    return [(annex, "calibration-annex", 1), (minutes, "jury-minutes-adjusted", method)]


def main() -> int:
    render_demo_papers(_papers, candidates=200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
