"""File > Import bundle… and Export bundle…: what a teammate's file holds is shown before it
is applied, and each change's outcome after; the work runs off the UI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.store.models import Mark
from sync.desk_bundles import export_bundle
from tests.sync.harness import Desk, MissionSetup, ServerProcess, make_mission
from ui.context import DeskContext
from ui.dialogs.bundle import BundleDialog, BundleOutcomeModel, result_lines


@pytest.fixture
def team(server: ServerProcess, tmp_path: Path) -> Iterator[tuple[MissionSetup, Desk, Desk]]:
    mission = make_mission(server)
    chair = Desk(tmp_path, "chair", server.url, mission.users["chair"])
    prof = Desk(tmp_path, "prof", server.url, mission.users["prof"])
    for _ in range(2):  # each desk registers its key, then learns the other's
        chair.sync()
        prof.sync()
    yield mission, chair, prof
    chair.close()
    prof.close()


def _press(dialog: BundleDialog, role: QDialogButtonBox.ButtonRole) -> None:
    [button] = [b for b in dialog.buttons.buttons() if dialog.buttons.buttonRole(b) == role]
    button.click()


def test_import_shows_the_bundle_then_its_outcomes(qtbot, qtmodeltester, team,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    mission, chair, prof = team
    assert prof.edits
    prof.edits.set_mark(mission.candidates[0], "maths", "15")
    prof.edits.set_mark(mission.candidates[1], "maths", "7.5")
    data, _ = export_bundle(prof.store)
    path = tmp_path / "prof.mdbundle"
    path.write_bytes(data)
    ctx = DeskContext(chair.store, mission.mission_id, chair.actor)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    names = {a.objectName() for a in window.menuBar().actions()[0].menu().actions()}
    assert {"exportBundleAction", "importBundleAction"} <= names

    window.bundles.import_(str(path))
    qtbot.waitUntil(lambda: window.bundles.dialog is not None, timeout=20000)
    preview = window.bundles.dialog
    assert preview is not None and preview.model is None
    assert "2 change(s) in the file, 2 not yet on this desk" in preview.summary.text()
    with chair.store.read() as s:  # nothing applied before "Apply"
        assert s.scalars(select(Mark)).first() is None
    with qtbot.waitSignal(ctx.changed, timeout=20000):
        _press(preview, QDialogButtonBox.ButtonRole.AcceptRole)
    qtbot.waitUntil(lambda: window.bundles.dialog is not preview, timeout=20000)
    qtbot.waitUntil(lambda: not window.bundles.busy, timeout=20000)
    result = window.bundles.dialog
    assert result is not None and result.model is not None
    qtmodeltester.check(result.model)
    assert result.model.rowCount() == 2
    assert result.model.data(result.model.index(0, 1)) == "applied"
    assert "2 applied" in result.summary.text()
    with chair.store.read() as s:
        assert sorted(m.value for m in s.scalars(select(Mark))) == ["15", "7.5"]


def test_export_writes_the_file_and_says_what_is_in_it(qtbot, team, tmp_path: Path  # type: ignore[no-untyped-def]
                                                      ) -> None:
    from ui.main_window import MainWindow

    mission, chair, _ = team
    assert chair.edits
    chair.edits.set_mark(mission.candidates[0], "maths", "12")
    window = MainWindow(DeskContext(chair.store, mission.mission_id, chair.actor))
    qtbot.addWidget(window)
    out = tmp_path / "chair.mdbundle"
    window.bundles.export(str(out))
    qtbot.waitUntil(lambda: window.bundles.dialog is not None and not window.bundles.busy,
                    timeout=20000)
    assert out.read_bytes().startswith(b"MISSION-DESK-BUNDLE")
    assert "1 change(s) of this desk" in window.bundles.dialog.summary.text()


def test_an_empty_outcome_model_is_sound(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(BundleOutcomeModel([]))
    qtmodeltester.check(BundleOutcomeModel([(3, "rejected", "a mark belongs to its marker"),
                                            (4, "hidden", "")]))
    assert result_lines  # the result text builder is importable without a display
