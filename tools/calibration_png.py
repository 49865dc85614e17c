"""Render the calibration papers of a 200-candidate demo mission, to look at them:
docs/reports/calibration-annex.png (the annex's first page) and
docs/reports/jury-minutes-adjusted.png (the minutes' page with the adjusted scores' method).

    .venv/bin/python tools/calibration_png.py   (needs pdftoppm: apt-get install poppler-utils)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "reports"


def main() -> int:
    os.environ["MISSION_DESK_PASSPHRASE"] = "calibration-demo"  # throwaway demo data
    from app.demo import init_demo
    from app.reports.build import ReportKind, generate
    from app.store.database import Store
    from app.store.models import Mission

    scratch = Path(tempfile.mkdtemp(prefix="calibration-"))
    try:
        store = Store.open(scratch / "data")
        try:
            mission_id, _chair = init_demo(store, candidates=200, seed=11)
            with store.write() as s:
                m = s.get_one(Mission, mission_id)
                m.config = {**m.config, "adjust_interview_scores": True}
            annex = generate(store, mission_id, ReportKind.CALIBRATION, scratch / "a.pdf")
            minutes = generate(store, mission_id, ReportKind.RANKING, scratch / "m.pdf")
        finally:
            store.close()
        OUT.mkdir(parents=True, exist_ok=True)
        from pypdf import PdfReader

        method = next(i + 1 for i, p in enumerate(PdfReader(minutes).pages)
                      if "Adjusted interview score /" in p.extract_text())
        for pdf, name, page in ((annex, "calibration-annex", 1),
                                (minutes, "jury-minutes-adjusted", method)):
            subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(OUT / name)], check=True)
            print(OUT / f"{name}.png")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
