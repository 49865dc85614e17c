"""Grab the lock screen (several assessors on one desk, issue 17), in English and French:
docs/screenshots/lock-<lang>.png (the chair has a PIN, a wrong one was typed),
lock-new-pin-<lang>.png (a colleague's first unlock: the PIN typed twice) and
sync-own-account-<lang>.png (that colleague's Sync page: sign in once with their own account),
window at 1280x720 (the first-PIN and Sync pictures also at 1024x640).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/lock_screenshots.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.shot_app import screenshot_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    app, scratch = screenshot_app("mission-desk-lock-shots-")
    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from app.demo import init_demo
    from app.store.database import Store
    from app.store.desk_users import DeskUsers
    from app.store.models import Assessor
    from ui.app import translations
    from ui.context import DeskContext
    from ui.main_window import MainWindow

    store = Store.open(scratch / "data")
    mission_id, chair_id = init_demo(store, candidates=60, seed=11)
    with store.read() as s:
        sophie = s.scalar(select(Assessor.id).where(Assessor.name == "Sophie Martin"))
    DeskUsers(store).set_pin(chair_id, "271828")
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget: object, name: str) -> None:
        for _ in range(10):
            app.processEvents()
        widget.grab().save(str(OUT / name))  # type: ignore[attr-defined]
        print(OUT / name)

    for lang in ("en", "fr"):
        translations(app).install(lang)
        window = MainWindow(DeskContext(store, mission_id, chair_id))
        window.resize(1280, 720)
        window.show()
        screen = window.lock_screen
        assert screen is not None and window.locked
        screen.pin.setText("000000")
        screen.pin.returnPressed.emit()  # one wrong PIN: the message under the field
        for _ in range(500):  # checked in a worker thread; never a tight processEvents loop
            if not screen.busy:  # (PySide 6.12 drops a reference to None at each call)
                break
            app.processEvents()
            time.sleep(0.01)
        save(window, f"lock-{lang}.png")
        for i in range(screen.team.count()):
            if screen.team.item(i).data(Qt.ItemDataRole.UserRole) == sophie:
                screen.team.setCurrentRow(i)
        screen.pin.setText("3141")
        save(window, f"lock-new-pin-{lang}.png")
        window.resize(1024, 640)  # the smallest laptop screen the desk is made for
        save(window, f"lock-new-pin-{lang}-1024x640.png")
        window.close()
    store.set_meta("sync_server", "https://admissions.example.org")
    store.set_meta("sync_user", "claire.dubois")
    DeskUsers(store).set_pin(sophie, "314159")
    for lang in ("en", "fr"):
        translations(app).install(lang)
        window = MainWindow(DeskContext(store, mission_id, chair_id), start_page="sync")
        window.resize(1280, 720)
        window.show()
        window.unlock(sophie)
        save(window, f"sync-own-account-{lang}.png")
        window.resize(1024, 640)
        save(window, f"sync-own-account-{lang}-1024x640.png")
        window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
