"""Grab the close-mission dialog and the sync page's receipt line, in English and French:
docs/screenshots/close-mission-<lang>.png (everything receipted, code typed),
close-mission-refused-<lang>.png (a change without receipt) and receipt-<lang>.png (the sync
page at 1280x720 with "Everything up to <time> is in France").

The receipt is signed locally with a throwaway key (tests/store/receipted.py): the pictures
show the screens, the exchange with a real server is tested in tests/sync/test_receipts.py.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/receipt_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.shot_app import screenshot_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    app, scratch = screenshot_app("mission-desk-receipt-shots-")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from app.demo import init_demo
    from app.store.database import Store
    from app.store.models import Candidate
    from tests.store.receipted import receipt_everything
    from ui.app import translations
    from ui.context import DeskContext
    from ui.dialogs.close_mission import CloseMissionDialog
    from ui.main_window import MainWindow

    store = Store.open(scratch / "data")
    mission_id, chair_id = init_demo(store, candidates=60, seed=11)
    store.set_meta("sync_server", "https://admissions.example.org")
    store.set_meta("sync_user", "chair")
    OUT.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    def save(widget: object, name: str) -> None:
        settle()
        widget.grab().save(str(OUT / name))  # type: ignore[attr-defined]
        print(OUT / name)

    ctx = DeskContext(store, mission_id, chair_id)
    with store.read() as s:
        first = list(s.scalars(select(Candidate.id).limit(3)))
    for i, cid in enumerate(first):  # edits of the day, one not yet receipted
        ctx.edits.set_mark(cid, "maths", f"{12 + i}")
    for lang in ("en", "fr"):
        translations(app).install(lang)
        dialog = CloseMissionDialog(store, mission_id)
        dialog.show()
        save(dialog, f"close-mission-refused-{lang}.png")
        dialog.close()
    receipt_everything(store, dt.datetime.now(dt.UTC) - dt.timedelta(minutes=12))
    store.set_meta("last_sync_at", (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=12))
                   .isoformat(timespec="seconds"))
    for lang in ("en", "fr"):
        translations(app).install(lang)
        dialog = CloseMissionDialog(store, mission_id)
        dialog.show()
        dialog.code_edit.setText(dialog.code)
        save(dialog, f"close-mission-{lang}.png")
        dialog.close()
        window = MainWindow(DeskContext(store, mission_id, chair_id), start_page="sync")
        window.resize(1280, 720)
        window.show()
        save(window, f"receipt-{lang}.png")
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    store.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
