"""Screenshots of the console's pages, in English and French, at 1366x768.

    python tools/console_screenshots.py [--out docs/console] [--only devices,users]

Builds the demo world (tools/console_demo.py) in a throwaway SQLite database, serves the
server on a free local port, and drives Debian's chromium (Playwright) through each page of
``PAGES`` signed in as its role, writing ``<out>/<name>-<en|fr>.png``. Each area of the
console adds its pages to ``PAGES``: (name, path, role); the path may hold ``{mission_id}``,
``{other_mission_id}``, ``{candidate_id}``, ``{decided_candidate_id}``, ``{device_id}``,
``{user_id}``.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

# (file name, path, role: admin | officer | viewer | member | None for signed out)
PAGES: list[tuple[str, str, str | None]] = [
    ("login", "/login", None),
    ("account", "/account", "viewer"),
    ("users", "/users", "admin"),
    ("devices", "/devices", "officer"),
    ("missions", "/missions", "officer"),
    ("mission", "/missions/{mission_id}", "officer"),
    ("mission-new", "/missions/new", "officer"),
    ("setup", "/missions/{mission_id}/setup", "officer"),
    ("setup-criterion", "/missions/{mission_id}/setup/rubric/0", "officer"),
    ("import", "/missions/{mission_id}/import", "officer"),
    ("plan", "/missions/{mission_id}/plan", "officer"),
    ("candidates", "/missions/{mission_id}/candidates", "viewer"),
    ("candidates-search", "/missions/{mission_id}/candidates?q=nguyen&track=free_mover", "viewer"),
    ("candidates-all", "/candidates?sort=score", "officer"),
    ("candidate", "/candidates/{decided_candidate_id}", "viewer"),
    ("candidate-history", "/candidates/{decided_candidate_id}#history-h", "viewer"),
    ("rankings", "/missions/{mission_id}/rankings", "viewer"),
    ("calibration", "/missions/{mission_id}/calibration", "viewer"),
    ("calibration-all", "/calibration", "officer"),
]
# The demo user who plays each role (the member chairs the demo mission).
ROLE_USERS = {"admin": "alice", "officer": "olivier", "viewer": "vera", "member": "cdubois"}
LANGS = ("en", "fr")
VIEWPORT = {"width": 1366, "height": 768}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shoot(out: Path, only: set[str] | None = None) -> list[Path]:
    import console_demo
    import uvicorn
    from playwright.sync_api import sync_playwright
    from sqlalchemy import select, update

    from server.api import create_app
    from server.db import make_engine, session_factory
    from server.migrate import upgrade
    from server.models import Candidate, Decision, Device, User

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'console-demo.sqlite3'}")
        upgrade(engine)
        demo = console_demo.build(engine)
        sessions = session_factory(engine)
        with sessions() as s:
            device_id = s.scalar(select(Device.id).order_by(Device.name))
            # the results pages show a decided candidate whose name the browser's fonts print
            decided = [cid for cid, family in s.execute(
                select(Candidate.id, Candidate.family_name).join(
                    Decision, Decision.candidate_id == Candidate.id)
                .where(Candidate.mission_id == demo.mission_id, Decision.outcome == "admit")
                .order_by(Candidate.application_number)) if family.isascii()]
        values = {"mission_id": demo.mission_id, "other_mission_id": demo.other_mission_id,
                  "candidate_id": demo.candidates[0], "device_id": device_id,
                  "user_id": demo.users["vera"],
                  "decided_candidate_id": decided[0] if decided else demo.candidates[0]}
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(engine=engine), host="127.0.0.1",
                                               port=port, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=shutil.which("chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
                for lang in LANGS:
                    with sessions() as s, s.begin():
                        s.execute(update(User).values(locale=lang))
                    for name, path, role in PAGES:
                        if only and name not in only:
                            continue
                        context = browser.new_context(
                            viewport=VIEWPORT, locale="fr-FR" if lang == "fr" else "en-GB")
                        page = context.new_page()
                        if role is not None:
                            page.goto(f"{base}/login")
                            page.fill("#username", ROLE_USERS[role])
                            page.fill("#password", console_demo.PASSWORD)
                            page.press("#password", "Enter")
                            page.wait_for_load_state("networkidle")
                        page.goto(base + path.format(**values))
                        page.wait_for_load_state("networkidle")
                        target = out / f"{name}-{lang}.png"
                        page.screenshot(path=str(target))
                        written.append(target)
                        context.close()
                browser.close()
        finally:
            server.should_exit = True
            thread.join()
            engine.dispose()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "console"))
    parser.add_argument("--only", default="", help="comma-separated page names")
    args = parser.parse_args()
    only = {n for n in args.only.split(",") if n} or None
    for path in shoot(Path(args.out), only):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
