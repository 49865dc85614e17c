"""Resident memory of the desk with 10,000 candidates loaded in the window (target <= 200 MB).

    QT_QPA_PLATFORM=offscreen python bench/bench_memory.py [--candidates 10000]

The mission is created by a first process; a second, fresh process opens it as the desk
does, shows the window on the candidates page, then visits every page, and reports its
resident set size (VmRSS, and the peak VmHWM) after each step, once the page has settled:
its reads off the UI thread (BackgroundReader) delivered and shown. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTLE_TIMEOUT = 60.0  # seconds a page may take to load its data before it is reported


def rss_mb() -> tuple[float, float]:
    fields = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def child(data_dir: str) -> None:
    # The order of the ``mission-desk`` entry point (ui.main:main, then run_gui): ui.main,
    # the collector paused, the key's derivation begun, the Qt-free core, then Qt.
    from ui.main import begin_start, launch, parse_args, resume_gc  # isort: skip

    args = parse_args(["--data-dir", data_dir])
    unlocking = begin_start(args)
    from ui.app import create_app  # isort: skip
    from PySide6.QtCore import QEventLoop  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    from ui.main_window import PAGE_KEYS
    from ui.widgets.background import reads_pending

    def settle() -> None:
        # Until every page's background read has been delivered and shown (a timeout so a
        # stuck read is reported, not waited for), then the events that delivery posted.
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while reads_pending(window) or getattr(window.page(window.current_page_key()),
                                               "busy", False):
            if time.monotonic() > deadline:
                print(f"  (still busy after {SETTLE_TIMEOUT:.0f} s)")
                break
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        app.processEvents()

    app = create_app([sys.argv[0]])
    resume_gc()
    opened = launch(args, unlocking)
    assert opened is not None
    store, window = opened
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    settle()
    rows = window.page("candidates").model.rowCount()
    now, peak = rss_mb()
    print(f"  window on the candidates page ({rows} rows): RSS {now:6.1f} MB (peak {peak:.1f})")
    for key in PAGE_KEYS:  # each page's share, to tell which one to look at
        window.show_page(key)
        QApplication.processEvents()
        settle()
        now, peak = rss_mb()
        print(f"  after the {key + ' page:':<28} RSS {now:6.1f} MB (peak {peak:.1f})")
    print(f"  after visiting all {len(PAGE_KEYS)} pages: RSS {now:6.1f} MB (peak {peak:.1f})"
          "   (target <= 200 MB)")
    from bench.floor import report

    report(f"desk memory, {rows} candidates, every page visited", now, None, "MB", "<= 200 MB")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=10000)
    ap.add_argument("--child", metavar="DIR")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MISSION_DESK_KEYRING"] = "off"
    os.environ["MISSION_DESK_PASSPHRASE"] = "benchmark passphrase"
    sys.path.insert(0, str(ROOT))
    if args.child:
        child(args.child)
        return
    from app.demo import init_demo
    from app.store.database import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-memory-")) / "data"
    store = Store.open(folder)
    init_demo(store, candidates=args.candidates)
    store.close()
    print(f"desk resident memory, {args.candidates} candidates (offscreen)")
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    print(out.stdout, end="")


if __name__ == "__main__":
    main()
