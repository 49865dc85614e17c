"""Screenshots of every page of the desk, in English and French, from the demo mission.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots]

Builds the demo mission in a throwaway folder (nothing of the user's is touched), opens the
main window at each laptop and desktop size and saves <page>-<lang>-<width>x<height>.png for
every page (1024x640 and 1280x720: the 13-inch laptops teams carry; 1920x1080). The
candidates page is shown with a search typed, to show accent-insensitive matching at work.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.shot_app import screenshot_app  # noqa: E402

PAGES = ("mission", "candidates", "written_tests", "interviews", "ranking", "sync",
         "calibration")
SIZES = ((1024, 640), (1280, 720), (1920, 1080))


def shoot(out: Path, langs: tuple[str, ...],
          sizes: tuple[tuple[int, int], ...] = SIZES, pages: tuple[str, ...] = PAGES
          ) -> list[Path]:
    app, scratch = screenshot_app("mission-desk-shots-", look=False)
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from app.demo import init_demo
    from app.store.database import Store
    from ui.app import translations
    from ui.context import DeskContext
    from ui.main_window import MainWindow

    store = Store.open(scratch / "data")
    mission_id, chair_id = init_demo(store, candidates=300)
    _jury_decides(store, mission_id, chair_id)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for lang in langs:
        translations(app).install(lang)
        ctx = DeskContext(store, mission_id, chair_id)
        window = MainWindow(ctx)
        window.show()
        for width, height in sizes:
            window.resize(width, height)
            for key in pages:
                window.show_page(key)
                page = window.page(key)
                if key == "candidates":
                    page.search.setText("nguyen")
                    page.table.selectRow(1)
                if key in ("ranking", "calibration"):  # computed on a worker thread: wait
                    deadline = time.monotonic() + 20
                    while (page.reader.busy or getattr(page, "view", True) is None
                           or (key == "ranking" and page.model.rowCount() == 0)) \
                            and time.monotonic() < deadline:
                        app.processEvents()
                        time.sleep(0.02)
                if key in ("interviews", "ranking"):
                    _select_first(page)
                shots = [key.replace("_", "-")]
                if key == "calibration":
                    shots.append("calibration-gaps")  # its second tab: the largest gaps
                for tab, name in enumerate(shots):
                    if tab:
                        page.tabs.setCurrentIndex(tab)
                        _select_first(page)
                    for _ in range(10):
                        app.processEvents()
                    path = out / f"{name}-{lang}-{width}x{height}.png"
                    window.grab().save(str(path))
                    saved.append(path)
                if key == "calibration":
                    page.tabs.setCurrentIndex(0)
        window.close()
        window.deleteLater()
        ctx.deleteLater()
        QCoreApplication.processEvents()
    store.close()
    QApplication.processEvents()
    return saved


def _jury_decides(store: object, mission_id: str, chair_id: str) -> None:
    """The chair records decisions for the head of each track, as on a jury's last day."""
    from app.store.edits import EditService
    from app.store.models import Candidate
    from app.store.ranking import load_ranking

    edits = EditService(store, mission_id, chair_id)  # type: ignore[arg-type]
    with store.read() as s:  # type: ignore[attr-defined]
        ranking = load_ranking(s, mission_id)
        wishes = {c.id: c.wishes for c in s.query(Candidate)}
    for scores in ranking.values():
        ranked = [sc for sc in scores if sc.rank is not None]
        for sc in ranked[:5]:
            option = (wishes[sc.candidate_id] or ["ING-GEN"])[0]
            edits.set_decision(sc.candidate_id, "admit", option, "Unanimous panel; first wish.")
        for sc in ranked[5:7]:
            edits.set_decision(sc.candidate_id, "waitlist", None, "Strong, fewer seats left.")


def _select_first(page: object) -> None:
    """Show a selected row where the page has a main table or list (what a user would see)."""
    from PySide6.QtWidgets import QAbstractItemView

    for view in page.findChildren(QAbstractItemView):  # type: ignore[attr-defined]
        model = view.model()
        if model is not None and model.rowCount() and view.isVisible():
            view.setCurrentIndex(model.index(0, 0))
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", action="append", choices=("en", "fr"))
    parser.add_argument("--size", action="append", metavar="WxH",
                        help="only this window size (repeatable), e.g. 1024x640")
    parser.add_argument("--page", action="append", choices=PAGES,
                        help="only this page (repeatable)")
    args = parser.parse_args()
    sizes = tuple(tuple(int(v) for v in s.lower().split("x")) for s in args.size or ()
                  ) or SIZES
    pages = tuple(args.page or PAGES)
    for path in shoot(args.out, tuple(args.lang or ("en", "fr")), sizes,  # type: ignore[arg-type]
                      pages):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
