"""The planning package loads its modules on first use: the mission's configuration (which the
desk reads at start-up) does not pull in the scheduler, and every public name still resolves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import app.domain.planning as planning
from app.domain.planning import changes, model, rules, scheduler, script_codes

ROOT = Path(__file__).resolve().parents[2]


def test_mission_config_does_not_load_the_scheduler() -> None:
    code = ("import json, sys, app.domain.mission; "
            "print(json.dumps(sorted(m for m in sys.modules "
            "if m.startswith('app.domain.planning.'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    loaded = json.loads(done.stdout)
    assert "app.domain.planning.config" in loaded
    for heavy in ("scheduler", "rules", "changes", "script_codes", "busy"):
        assert f"app.domain.planning.{heavy}" not in loaded


def test_every_public_name_resolves_to_its_module_object() -> None:
    assert planning.schedule is scheduler.schedule
    assert planning.check_plan is rules.check_plan
    assert planning.Setup is model.Setup and planning.NoShow is changes.NoShow
    assert planning.new_script_code is script_codes.new_script_code
    for name in planning.__all__:
        assert getattr(planning, name) is not None
    assert set(planning.__all__) <= set(dir(planning))
    try:
        planning.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
