"""Grab the Plan page of a demo mission planned by the scheduler, in English and French:
docs/screenshots/plan-en.png and plan-fr.png at 1280x720 (the README's size), and
plan-<lang>-1024x640.png to check that it fits a 13-inch laptop's screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/plan_screenshots.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.shot_app import screenshot_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = ((1280, 720), (1024, 640))


def main() -> int:
    app, scratch = screenshot_app("mission-desk-plan-shots-")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from app.demo import init_demo
    from app.store.database import Store
    from tools.timetable_png import plan_demo_mission
    from ui.app import translations
    from ui.context import DeskContext
    from ui.main_window import MainWindow

    store = Store.open(scratch / "data")
    mission_id, chair_id = init_demo(store, candidates=60, seed=11)
    plan_demo_mission(store, mission_id, chair_id)
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        translations(app).install(lang)
        ctx = DeskContext(store, mission_id, chair_id)
        window = MainWindow(ctx, start_page="plan")
        window.show()
        page = window.page("plan")
        deadline = time.monotonic() + 20
        while page.state is None and time.monotonic() < deadline:  # read off the UI thread
            app.processEvents()
            time.sleep(0.02)
        first = next((i.candidate_id for i in page.state.plan.interviews
                      if i.candidate_id not in page.state.frozen), None) if page.state else None
        if first:
            page.select_candidate(first)
        for width, height in SIZES:
            window.resize(width, height)
            for _ in range(10):
                app.processEvents()
            name = f"plan-{lang}.png" if (width, height) == SIZES[0] else \
                f"plan-{lang}-{width}x{height}.png"
            window.grab().save(str(OUT / name))
            print(OUT / name, page.minimumSizeHint().width(), page.minimumSizeHint().height(),
                  window.stack.width(), window.stack.height())
        window.close()
        window.deleteLater()
        ctx.deleteLater()
        QCoreApplication.processEvents()
    store.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
