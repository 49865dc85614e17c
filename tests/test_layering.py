"""DESIGN.md §1: app/, sync/ and server/ never import PySide6; nothing imports ui."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["app", "sync", "server"])
def test_no_qt_outside_ui(package):
    offenders = [
        str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py")
        if any(n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
               for n in _imports(p))
    ]
    assert offenders == []


@pytest.mark.parametrize("package", ["app", "sync", "server"])
def test_nothing_imports_ui(package):
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py")
                 if any(n == "ui" or n.startswith("ui.") for n in _imports(p))]
    assert offenders == []


def test_app_does_not_import_sync_or_server():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if any(n.split(".")[0] in {"sync", "server"} for n in _imports(p))]
    assert offenders == []


def test_importing_the_core_loads_no_qt():
    code = ("import sys, app.store.edits, app.importers.candidates, app.demo, app.cli, "
            "sync.protocol; assert not [m for m in sys.modules if m.startswith('PySide6')]")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
