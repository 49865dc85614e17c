"""Fixtures of the window-shell and candidates tests: a desk context over the demo mission
with a few candidates whose names need accent folding, and the main window on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from app.domain.candidate import CandidateRecord
from app.domain.enums import Track
from app.store.database import Store
from ui.context import DeskContext

# Added to the 60 demo candidates: the names the search must find without accents.
FOLDING = (
    CandidateRecord(application_number="FOLD-001", family_name="Nguyễn", given_names="Văn An",
                    home_institution="Đại học Bách khoa Hà Nội", track=Track.FREE_MOVER),
    CandidateRecord(application_number="FOLD-002", family_name="Gonçalves",
                    given_names="João Pedro", home_institution="Universidade Estadual do Piauí",
                    track=Track.FREE_MOVER),
    CandidateRecord(application_number="FOLD-003", family_name="Silva", given_names="Ana",
                    home_institution="Universidade de São Paulo", track=Track.DOUBLE_DEGREE,
                    partner_institution="Universidade de São Paulo"),
)


@pytest.fixture(autouse=True)
def _settings(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """QSettings (the saved language) in a throwaway folder; English installed as the desk
    does at start-up (its file holds the plural forms: "1 candidate", "2 candidates")."""
    from ui.app import translations

    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    translations(qapp).install("en")
    yield
    translations(qapp).install("en")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real server process on 127.0.0.1, shared by a module's tests."""
    from tests.sync.harness import ServerProcess

    proc = ServerProcess(tmp_path_factory.mktemp("server"))
    yield proc
    proc.stop()


@pytest.fixture
def ctx(qapp, demo: tuple[Store, str, str]) -> Iterator[DeskContext]:
    store, mission_id, chair_id = demo
    context = DeskContext(store, mission_id, chair_id)
    context.edits.add_candidates(list(FOLDING))
    context.undo_stack.clear()
    yield context
    context.undo_stack.clear()


@pytest.fixture
def window(qtbot, ctx: DeskContext):
    """The main window with the desk's look; the look is taken off again afterwards so
    other tests in the session see the plain application."""
    from ui.app import apply_look
    from ui.main_window import MainWindow

    app = qtbot_app()
    font, sheet = app.font(), app.styleSheet()
    apply_look(app)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    yield w
    app.setStyleSheet(sheet)
    app.setFont(font)


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
