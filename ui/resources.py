"""Where the desk's resources (icons, translations, style, fonts) are, in a source checkout and
in the PyInstaller bundle (build.spec copies ``resources/`` to the top of ``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


def translation_path(lang: str) -> Path:
    return resources_dir() / "translations" / f"mission_desk_{lang}.qm"


def style_path() -> Path:
    return resources_dir() / "style" / "desk.qss"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"
