"""Schemathesis against the live server (issue 11): every check, a bounded number of examples
per operation, nothing found. The same command is in server/README.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from server.db import session_factory
from server.models import User

from .conftest import World
from .live import live_server

# Examples per operation and the seed: bounded and fixed in CI; set these to explore further.
MAX_EXAMPLES = os.environ.get("MISSION_DESK_SCHEMATHESIS_EXAMPLES", "10")
SEED = os.environ.get("MISSION_DESK_SCHEMATHESIS_SEED", "11")


def test_schemathesis_finds_nothing(world: World, tmp_path: Path) -> None:
    # The chair of a mission, given the admin role: every operation answers past its
    # authorization (none only 403), in one run.
    with session_factory(world.engine)() as s, s.begin():
        user = s.get(User, world["claire"].user_id)
        assert user is not None
        user.is_admin = True
    # A bundle is a signed, encrypted file: no schema can tell which strings are bundles, so
    # a well-formed string that is not one is refused 422 "bad_bundle" (test_bundles.py).
    (tmp_path / "schemathesis.toml").write_text(
        '[[operations]]\ninclude-path-regex = "/bundles$"\n'
        'checks.positive_data_acceptance.expected-statuses = '
        '["2xx", "401", "403", "404", "409", "422"]\n', encoding="utf-8")
    st = str(Path(sys.executable).parent / "schemathesis")
    with live_server(world.engine) as url:
        run = subprocess.run(
            [st, "run", f"{url}/openapi.json", "--checks", "all", "--max-examples",
             MAX_EXAMPLES, "--seed", SEED, "--workers", "1", "--no-color",
             "--header", f"Authorization: Bearer {world['claire'].token}"],
            capture_output=True, text=True, timeout=600, cwd=tmp_path,
            env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
