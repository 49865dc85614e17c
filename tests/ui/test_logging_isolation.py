"""The test suite never writes into the user's real log folder (issue 12, item 8): the desk's
log folder follows MISSION_DESK_LOG_DIR, which tests/conftest.py sets before any fixture, so
it holds also where the platform ignores XDG variables (Windows, macOS)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from tests.conftest import REAL_LOG_DIR


def test_log_folder_is_the_tests_even_with_the_real_xdg_folders(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from app.paths import log_dir
    from ui.app import LOG_FILE, setup_logging

    # As if the platform's own folders were the user's real ones.
    for var in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)
    folder = log_dir()
    assert folder != REAL_LOG_DIR and REAL_LOG_DIR not in folder.parents
    root = logging.getLogger()
    path = setup_logging()
    try:
        assert path == folder / LOG_FILE
        logging.getLogger("test").warning("written to the test folder")
        assert path.read_text(encoding="utf-8").endswith("written to the test folder\n")
    finally:
        for h in list(root.handlers):
            if isinstance(h, logging.handlers.RotatingFileHandler) and Path(
                    h.baseFilename) == path:
                root.removeHandler(h)
                h.close()
