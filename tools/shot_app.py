"""The throwaway desk every screenshot tool starts from: demo secrets that never touch the
keyring, Qt settings in a scratch folder (never the user's), the Qt application."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def screenshot_app(prefix: str, *, look: bool = True) -> tuple[Any, Path]:
    """(the QApplication, a scratch folder for the demo's data) — call before any Qt import
    that would create the application."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MISSION_DESK_KEYRING"] = "off"
    os.environ["MISSION_DESK_PASSPHRASE"] = "screenshots-demo"  # throwaway demo data
    from PySide6.QtCore import QSettings

    from ui.app import apply_look, create_app

    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(scratch / "settings"))
    app = create_app([sys.argv[0]])
    if look:
        apply_look(app)
    return app, scratch
