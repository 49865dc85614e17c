"""Pictures of the papers of a throwaway demo mission: the preamble and the pdftoppm step
shared by tools/timetable_png.py and tools/calibration_png.py (needs pdftoppm:
apt-get install poppler-utils)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "reports"

# (store, mission id, chair id, scratch folder) -> (pdf, picture name, page) to render
Papers = Callable[["Store", str, str, Path], Iterable[tuple[Path, str, int]]]


def render_demo_papers(papers: Papers, *, candidates: int, seed: int = 11) -> None:
    """Make a demo mission in a scratch folder, let ``papers`` print from it, and render each
    asked page to docs/reports/<name>.png."""
    os.environ["MISSION_DESK_PASSPHRASE"] = "paper-pictures-demo"  # throwaway demo data
    from app.demo import init_demo
    from app.store.database import Store

    scratch = Path(tempfile.mkdtemp(prefix="papers-"))
    try:
        store = Store.open(scratch / "data")
        try:
            mission_id, chair_id = init_demo(store, candidates=candidates, seed=seed)
            pages = list(papers(store, mission_id, chair_id, scratch))
        finally:
            store.close()
        OUT.mkdir(parents=True, exist_ok=True)
        for pdf, name, page in pages:
            subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(OUT / name)], check=True)
            print(OUT / f"{name}.png")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
