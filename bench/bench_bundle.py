"""The desk's bundle: its size on disk and its start-up time to the self-test's end.

Build it first (``bash tools/build_bundle.sh .venv``), then:

    python bench/bench_bundle.py [--bundle dist/mission-desk] [--runs 5]

Each run starts the bundle's executable with ``--self-test`` in an empty environment (as on a
team laptop: no virtual environment, a fresh HOME, offscreen Qt) and times it from process
start to exit, i.e. to the self-test's last line. The self-test's own figure (printed by the
bundle) is subtracted to show what unpacking the interpreter and importing costs. The same
self-test run from the source tree with this Python is timed for comparison. Prints figures;
never passes or fails on time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSED = re.compile(r"self-test passed: \d+ checks in ([0-9.]+) s")


def default_bundle() -> Path:
    if sys.platform == "darwin":
        return ROOT / "dist" / "Mission Desk.app"
    return ROOT / "dist" / "mission-desk"


def executable(bundle: Path) -> Path:
    if bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / "mission-desk"
    return bundle / ("mission-desk.exe" if os.name == "nt" else "mission-desk")


def disk_usage(folder: Path) -> tuple[int, int, int]:
    """(bytes on disk, apparent bytes, files): ``du`` and ``du --apparent-size``."""
    on_disk = apparent = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        st = path.stat()
        files += 1
        apparent += st.st_size
        on_disk += getattr(st, "st_blocks", (st.st_size + 4095) // 4096 * 8) * 512
    return on_disk, apparent, files


def archive_size(bundle: Path) -> int:
    """Bytes of the bundle as a download: a .tar.gz of the folder (symlinks kept)."""
    with tempfile.TemporaryDirectory(prefix="bench-bundle-archive-") as tmp:
        archive = shutil.make_archive(str(Path(tmp) / "bundle"), "gztar", bundle.parent,
                                      bundle.name)
        return Path(archive).stat().st_size


def timed_run(cmd: list[str], extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds from start to exit, the self-test's own seconds)."""
    with tempfile.TemporaryDirectory(prefix="bench-bundle-home-") as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "QT_QPA_PLATFORM": "offscreen",
               "LANG": "C.UTF-8", **(extra_env or {})}
        if os.name == "nt":  # Windows needs its system folders to start anything
            env.update({k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP")
                        if k in os.environ})
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
    match = PASSED.search(proc.stdout)
    if proc.returncode != 0 or not match:
        sys.exit(f"self-test failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return wall, float(match.group(1))


def help_time(exe: Path, runs: int) -> float:
    """Median wall time of ``--help``: unpacking the interpreter and importing the CLI only."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), "--help"], env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                       capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, runs: list[tuple[float, float]]) -> None:
    walls = [w for w, _ in runs]
    inner = [s for _, s in runs]
    overhead = [w - s for w, s in runs]
    print(f"{label}: wall to self-test end median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, first {walls[0]:.2f}); "
          f"self-test itself {statistics.median(inner):.2f} s; "
          f"start-up before it {statistics.median(overhead):.2f} s  [{len(runs)} runs]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=default_bundle())
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz size")
    parser.add_argument("--no-source", action="store_true",
                        help="skip the comparison run from the source tree")
    args = parser.parse_args()

    exe = executable(args.bundle)
    if not exe.is_file():
        sys.exit(f"no bundle at {args.bundle}: run `bash tools/build_bundle.sh .venv` first")
    on_disk, apparent, files = disk_usage(args.bundle)
    print(f"bundle {args.bundle}: {on_disk / 2**20:.1f} MiB on disk "
          f"({apparent / 2**20:.1f} MiB apparent), {files} files")
    if not args.no_archive:
        print(f"  as .tar.gz: {archive_size(args.bundle) / 2**20:.1f} MiB")
    internal = args.bundle / "_internal"
    if internal.is_dir():
        parts = sorted(((disk_usage(p)[0] if p.is_dir() else p.stat().st_size, p.name)
                        for p in internal.iterdir() if not p.is_symlink()), reverse=True)[:6]
        print("  largest: " + ", ".join(f"{n} {s / 2**20:.1f} MiB" for s, n in parts))

    report("bundle", [timed_run([str(exe), "--self-test"]) for _ in range(args.runs)])
    print(f"bundle: `mission-desk --help` median {help_time(exe, args.runs):.2f} s "
          "(bare start-up: bootloader, interpreter, CLI imports)")
    if not args.no_source:
        src = [timed_run([sys.executable, "-m", "ui.selftest"], {"PYTHONPATH": str(ROOT)})
               for _ in range(args.runs)]
        report(f"source tree ({Path(sys.executable).name})", src)


if __name__ == "__main__":
    main()
