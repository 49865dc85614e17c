#!/usr/bin/env bash
# Build the desk's one-folder bundle with build.spec, check that no server or test tool went
# in, then run the bundle's --self-test from OUTSIDE the virtual environment (empty
# environment, throwaway HOME, offscreen Qt). Exits with the self-test's status.
#
#   bash tools/build_bundle.sh [VENV]          VENV defaults to .venv
#   BUNDLE_CLEAN=1 bash tools/build_bundle.sh  rebuild from scratch (PyInstaller --clean)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${1:-.venv}"
py="$venv/bin/python"
say() { printf 'build_bundle: %s\n' "$*"; }
die() { printf 'build_bundle: error: %s\n' "$*" >&2; exit 1; }

[ -x "$py" ] || die "no Python at $py (pass the virtual environment's folder)"

# PyInstaller as pinned by pyproject.toml's "bundle" extra.
spec_req=$("$py" -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["bundle"]))')
if ! "$py" -c 'import PyInstaller' 2>/dev/null; then
    say "installing $spec_req into $venv"
    # shellcheck disable=SC2086
    "$py" -m pip install -q $spec_req || die "could not install $spec_req"
fi
say "PyInstaller $("$py" -c 'import PyInstaller; print(PyInstaller.__version__)')"

work=build/pyinstaller
mkdir -p "$work"
log="$work/build.log"
clean=()
[ "${BUNDLE_CLEAN:-0}" = 1 ] && clean=(--clean)
say "building with build.spec (log: $log)"
start=$(date +%s)
if ! "$py" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN \
        --distpath dist --workpath "$work" build.spec >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "PyInstaller failed (full log: $log)"
fi
say "built in $(( $(date +%s) - start )) s"

case "$(uname -s)" in
    Darwin) bundle="dist/Mission Desk.app"; exe="$bundle/Contents/MacOS/mission-desk" ;;
    *)      bundle="dist/mission-desk";     exe="$bundle/mission-desk" ;;
esac
[ -x "$exe" ] || die "the build made no executable at $exe"

# Nothing of the server or of the test tools may be in the bundle: neither as files nor as
# modules inside the PYZ archive (its table of contents lists every module).
"$py" - "$bundle" "$work" <<'PY' || die "the bundle holds what it must not (listed above)"
import ast, sys
from pathlib import Path

bundle, work = Path(sys.argv[1]), Path(sys.argv[2])
banned = {"server", "tests", "fastapi", "starlette", "uvicorn", "psycopg", "psycopg_binary",
          "argon2", "pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "pypdf", "httpx",
          "PyInstaller"}
found = set()
for path in bundle.rglob("*"):
    rel = path.relative_to(bundle).parts
    for part in rel:
        name = part.split(".")[0].split("-")[0]
        if name in banned and (path.is_dir() or part.endswith((".so", ".pyd", ".dist-info"))):
            found.add("/".join(rel))
tocs = list(work.rglob("PYZ-*.toc"))
if not tocs:
    print(f"no PYZ table of contents under {work}", file=sys.stderr)
    sys.exit(1)
for toc in tocs:
    _archive, entries = ast.literal_eval(toc.read_text())  # (path, [(module, src, kind)])
    for name, _src, _kind in entries:
        if name.split(".")[0] in banned:
            found.add(f"module {name}")
if found:
    print("\n".join(sorted(found)[:50]), file=sys.stderr)
    sys.exit(1)
PY

size=$(du -sh "$bundle" | cut -f1)
say "bundle $bundle: $size on disk, $(find "$bundle" -type f | wc -l) files"

# Outside the venv: no VIRTUAL_ENV, no PYTHONPATH, a PATH without the venv, an empty HOME.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
say "running $exe --self-test outside the virtual environment"
status=0
env -i PATH=/usr/bin:/bin HOME="$home" QT_QPA_PLATFORM=offscreen "$exe" --self-test || status=$?
if [ "$status" -eq 0 ]; then
    say "bundle self-test passed"
else
    say "bundle self-test FAILED (exit $status)" >&2
fi
exit "$status"
