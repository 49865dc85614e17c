"""Start-up to a usable window with a 5,000-candidate mission, against its floor (DESIGN §9).

    QT_QPA_PLATFORM=offscreen python bench/bench_startup.py [--candidates 5000] [--runs 5]

The mission is created once in a throwaway folder; each run then starts a fresh Python
process that does what ``mission-desk`` does (imports, QApplication, translator, unlock the
database, build the window, show it) and reports when the window is shown with the candidates
model filled and painted. Figures: wall time from spawning the process (interpreter start
included), and the phases inside it. The database is in passphrase mode (no keyring), the
slower case: the key derivation (scrypt) is part of the figure.

Floor, interleaved run by run: a fresh process that only imports PySide6.QtWidgets and
sqlalchemy.orm and derives the key (the work no desk start can skip). Target <= 1.3x.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase"


def child(data_dir: str) -> None:
    t0 = time.perf_counter()
    marks: dict[str, float] = {}
    # The order of the ``mission-desk`` entry point (ui.main:main, then run_gui): ui.main,
    # the collector paused, the key's derivation begun, the Qt-free core, then Qt.
    from ui.main import begin_start, launch, parse_args, resume_gc  # isort: skip

    args = parse_args(["--data-dir", data_dir])
    unlocking = begin_start(args)
    from ui.app import create_app, setup_logging, translations  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    marks["imports"] = time.perf_counter() - t0
    setup_logging(Path(data_dir) / "logs")
    app = create_app([sys.argv[0]])
    translations(app).install("en")
    resume_gc()
    marks["qapplication"] = time.perf_counter() - t0
    opened = launch(args, unlocking)
    assert opened is not None
    store, window = opened
    marks["window built"] = time.perf_counter() - t0
    window.show()
    QApplication.processEvents()
    page = window.page("candidates")
    rows = page.model.rowCount()
    window.grab()  # one full paint: what the user sees
    marks["shown and painted"] = time.perf_counter() - t0
    # Wall-clock instant of the painted window: the parent measures spawn -> usable window,
    # leaving out the process's own exit (Qt and interpreter teardown).
    print(json.dumps({"rows": rows, "marks": marks, "usable_at": time.time()}), flush=True)
    store.close()


def floor_child(data_dir: str) -> None:
    t0 = time.perf_counter()
    # In the cheaper order: a module imported after PySide6 has its source scanned by
    # PySide6's import hook (shibokensupport's feature check), so SQLAlchemy loads first.
    import sqlalchemy.orm  # noqa: F401 # isort: skip
    import PySide6.QtWidgets  # noqa: F401 # isort: skip

    from app.store.keys import obtain_key

    obtain_key(Path(data_dir))
    print(json.dumps({"marks": {"floor": time.perf_counter() - t0}, "usable_at": time.time()}),
          flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--child", metavar="DIR")
    ap.add_argument("--floor-child", metavar="DIR")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MISSION_DESK_KEYRING"] = "off"
    os.environ["MISSION_DESK_PASSPHRASE"] = PASSPHRASE
    # An installed desk (pip, the bundle) runs from compiled .pyc files: let the children
    # write and reuse them (in a throwaway folder) even where PYTHONDONTWRITEBYTECODE is set,
    # so that neither side pays for compiling sources at every start.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir())
                                                      / "mission-desk-bench-pyc"))
    sys.path.insert(0, str(ROOT))
    if args.child:
        child(args.child)
        return
    if args.floor_child:
        floor_child(args.floor_child)
        return
    from app.demo import init_demo
    from app.store.database import Store
    from bench.floor import report

    folder = Path(tempfile.mkdtemp(prefix="bench-startup-")) / "data"
    store = Store.open(folder)
    init_demo(store, candidates=args.candidates)
    store.close()
    walls, floors, phases = [], [], []

    cpu: dict[str, list[float]] = {"--child": [], "--floor-child": []}

    def spawn(flag: str) -> tuple[float, dict]:
        start = time.time()
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([sys.executable, __file__, flag, str(folder)],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[flag].append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        return result["usable_at"] - start, result

    spawn("--floor-child")  # warm the page cache for both
    spawn("--child")
    for i in range(args.runs):
        order = ("--child", "--floor-child") if i % 2 == 0 else ("--floor-child", "--child")
        for flag in order:
            wall, result = spawn(flag)
            if flag == "--child":
                assert result["rows"] == args.candidates
                walls.append(wall)
                phases.append(result["marks"])
            else:
                floors.append(wall)
    print(f"start-up to a usable window, {args.candidates} candidates, {args.runs} runs "
          "(passphrase mode, offscreen), interleaved with the floor")
    print(f"  process spawn -> usable window: median {statistics.median(walls):.3f} s, "
          f"min {min(walls):.3f} s, max {max(walls):.3f} s")
    print(f"  floor (spawn, import QtWidgets + sqlalchemy.orm, derive the key): median "
          f"{statistics.median(floors):.3f} s")
    # CPU seconds of each process, its exit included: on a shared machine the wall time also
    # holds the waits for a core, which these leave out.
    desk_cpu, floor_cpu = (statistics.median(cpu[f][1:]) for f in ("--child", "--floor-child"))
    print(f"  CPU (user + sys, process start to exit): desk median {desk_cpu:.3f} s, floor "
          f"{floor_cpu:.3f} s, ratio {desk_cpu / floor_cpu:.2f}x")
    for key in phases[0]:
        values = [p[key] for p in phases]
        print(f"  in-process, {key:<18} median {statistics.median(values):.3f} s")
    report(f"start-up to a usable window, {args.candidates} candidates",
           statistics.median(walls), statistics.median(floors), "s", "<= 1.3x")
    from app.store.keys import obtain_key

    derive = []
    for _ in range(3):
        start = time.perf_counter()
        obtain_key(folder)
        derive.append(time.perf_counter() - start)
    print(f"  of which unlocking the key (scrypt; passphrase mode only, not with a keyring): "
          f"median {statistics.median(derive):.3f} s")


if __name__ == "__main__":
    main()
