"""Where a desk keeps its data and logs (platformdirs), overridable for scripts and tests."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import platformdirs

APP = "mission-desk"


def default_data_dir() -> Path:
    env = os.environ.get("MISSION_DESK_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP, appauthor=False))


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data folder a command line names (``--data-dir``), else the default one."""
    return Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()


def log_dir() -> Path:
    """The platform's log folder, or MISSION_DESK_LOG_DIR (tests set it: on Windows and macOS
    the platform folder ignores the XDG variables that isolate the rest)."""
    env = os.environ.get("MISSION_DESK_LOG_DIR")
    return Path(env) if env else Path(platformdirs.user_log_dir(APP, appauthor=False))
