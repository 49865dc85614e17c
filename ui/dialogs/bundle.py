"""File > Export bundle… / Import bundle…: team bundles from the window (sync.desk_bundles).

Export asks where to write and says what went into the file. Import opens the file off the
UI thread, shows what it holds (whose changes, how many are new here) before anything is
applied, applies it on "Apply", and shows each change's outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QThread,
    Slot,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.context import DeskContext
from ui.numbers import datetime_text
from ui.workers.job import JobWorker, start_job

if TYPE_CHECKING:  # sync.desk_bundles (cryptography, requests) loads on first use only
    from sync.desk_bundles import ImportReport, Preview

BUNDLE_EXT = ".mdbundle"
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("BundleDialog", text)


def status_label(status: str) -> str:
    return {"applied": _tr("applied"), "duplicate": _tr("already here"),
            "rejected": _tr("refused"), "conflict": _tr("conflict: both values kept"),
            "hidden": _tr("kept hidden (blind panel)")}.get(status, status)


class BundleOutcomeModel(QAbstractTableModel):
    """One row per change of an imported bundle: its number, outcome and reason."""

    def __init__(self, rows: Sequence[tuple[int, str, str]] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        mid, status, detail = self._rows[index.row()]
        if status in ("hidden", "duplicate"):
            detail = ""  # the outcome says it all
        return (f"#{mid}", status_label(status), detail)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (_tr("Change"), _tr("Outcome"), _tr("Detail"))[section] if 0 <= section < 3 \
            else None


class BundleDialog(QDialog):
    """What a bundle holds (before), or what it did (after, with each change's outcome)."""

    def __init__(self, title: str, lines: Sequence[str], parent: QWidget | None = None, *,
                 outcomes: Sequence[tuple[int, str, str]] | None = None,
                 confirm: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bundleDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.summary = QLabel("<br>".join(lines))
        self.summary.setObjectName("bundleSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.model: BundleOutcomeModel | None = None
        if outcomes is not None:
            self.model = BundleOutcomeModel(outcomes, self)
            table = QTableView()
            table.setObjectName("bundleOutcomes")
            table.setModel(self.model)
            table.verticalHeader().hide()
            header = table.horizontalHeader()
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            table.setMinimumHeight(220)
            layout.addWidget(table)
        if confirm:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
            self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def preview_lines(p: Preview, path: str) -> list[str]:
    h = p.header
    return [
        _tr("File: %1").replace("%1", _esc(Path(path).name)),
        _tr("Changes made by <b>%1</b> on their desk, written %2.")
        .replace("%1", _esc(p.author)).replace("%2", _esc(datetime_text(h.created_at))),
        _tr("Signature and encryption verified.")
        + " " + _tr("%1 change(s) in the file, %2 not yet on this desk.")
        .replace("%1", str(p.total)).replace("%2", str(p.new)),
        _tr("They are applied as %1's, by the server's rules (refusals and conflicts "
            "included), and sent to the server at the next sync.").replace("%1", _esc(p.author)),
        *refused_lines(p.refused),
    ]


def result_lines(r: ImportReport) -> list[str]:
    c = r.outcome.counts()
    return [
        _tr("Changes of <b>%1</b>: %2 applied, %3 already here, %4 refused, %5 in conflict "
            "(both values kept), %6 kept hidden (blind panel).")
        .replace("%1", _esc(r.preview.author)).replace("%2", str(c["applied"]))
        .replace("%3", str(c["duplicate"])).replace("%4", str(c["rejected"]))
        .replace("%5", str(c["conflict"])).replace("%6", str(c["hidden"])),
        _tr("They go to the server with this desk's next sync."),
        *refused_lines(r.refused),
    ]


def refused_lines(refused: list[tuple[str, str]]) -> list[str]:
    """One line per section of a shared desk's file not applied: a colleague whose identity
    the mission does not know yet (sync.bundle.UNKNOWN_SIGNER, the one reason today)."""
    return [_tr("Changes of <b>%1</b> were not applied (unknown signer): %1 must sync once "
                "with their own account on that desk first; then import the file again.")
            .replace("%1", _esc(author)) for author, _ in refused]


def export_lines(path: str, count: int, first: int, last: int, size: int) -> list[str]:
    return [
        _tr("File: %1").replace("%1", _esc(path)),
        _tr("%1 change(s) of this desk (numbers %2 to %3), %4 KB, signed by this desk "
            "and encrypted with the mission's key.")
        .replace("%1", str(count)).replace("%2", str(first)).replace("%3", str(last))
        .replace("%4", str(max(1, size // 1024))),
        _tr("Give it to a teammate (USB stick, e-mail): their desk applies it, and sends "
            "it to the server at its next sync."),
    ]


class BundleActions(QObject):
    """The two menu entries' flows; each file operation runs in a worker thread."""

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx, self._parent = ctx, parent
        self._thread: QThread | None = None
        self._worker: JobWorker | None = None
        self._then: dict[QObject, Callable[[Any], None]] = {}
        self.dialog: BundleDialog | None = None  # the last one shown (tests look at it)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def _folder(self) -> str:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    def _run(self, what: str, job: Callable[[], object],
             then: Callable[[Any], None]) -> None:
        worker = JobWorker(job, what)
        # Bound slots of this object, not lambdas: they run on the UI thread (a lambda
        # would run in the worker's thread and build widgets there).
        self._then[worker] = then
        self._worker = worker
        self._thread = start_job(self, worker, self._done, self._failed,
                                 self._thread_finished)

    @Slot(object)
    def _done(self, result: object) -> None:
        then = self._then.pop(self.sender(), None)  # type: ignore[call-overload]
        if then is not None:
            then(result)

    @Slot()
    def _thread_finished(self) -> None:
        # Each thread cleans up after itself: the preview's may finish after the import's
        # started (the dialog is accepted quickly).
        thread = self.sender()
        assert isinstance(thread, QThread)
        thread.wait()
        for worker in [w for w in self._then if w.thread() is thread]:
            self._then.pop(worker, None)
        if self._thread is thread:
            self._thread = self._worker = None
        thread.deleteLater()

    @Slot(str)
    def _failed(self, message: str) -> None:
        QMessageBox.warning(self._parent, _tr("Bundle"), message)

    def _show(self, dialog: BundleDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- export ------------------------------------------------------------------------------

    def export(self, path: str | None = None) -> None:
        if self.busy:
            return
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self._parent, _tr("Export bundle"),
                str(Path(self._folder()) / f"changes{BUNDLE_EXT}"),
                _tr("Mission Desk bundles (*%1)").replace("%1", BUNDLE_EXT))
            if not path:
                return
            if not path.endswith(BUNDLE_EXT):
                path += BUNDLE_EXT
        store = self._ctx.store
        target = path

        def job() -> tuple[int, int, int, int]:
            from sync.bundle_cli import write_atomically
            from sync.desk_bundles import export_bundle

            data, header = export_bundle(store)
            write_atomically(Path(target), data)
            return header.count, header.first_mid, header.last_mid, len(data)

        self._run("bundle export", job, lambda r: self._exported(target, r))

    def _exported(self, path: str, r: tuple[int, int, int, int]) -> None:
        self._show(BundleDialog(_tr("Bundle exported"), export_lines(path, *r), self._parent))

    # -- import ------------------------------------------------------------------------------

    def import_(self, path: str | None = None) -> None:
        if self.busy:
            return
        if path is None:
            path, _f = QFileDialog.getOpenFileName(
                self._parent, _tr("Import bundle"), self._folder(),
                _tr("Mission Desk bundles (*%1)").replace("%1", BUNDLE_EXT))
            if not path:
                return
        store = self._ctx.store
        source = path

        def job() -> tuple[bytes, Preview]:
            from sync.desk_bundles import preview

            data = Path(source).read_bytes()
            return data, preview(store, data)

        self._run("bundle preview", job, lambda r: self._previewed(source, *r))

    def _previewed(self, path: str, data: bytes, p: Preview) -> None:
        dialog = BundleDialog(_tr("Import bundle"), preview_lines(p, path), self._parent,
                              confirm=_tr("Apply"))
        store = self._ctx.store

        def job() -> ImportReport:
            from sync.desk_bundles import import_bundle

            return import_bundle(store, data)

        dialog.accepted.connect(lambda: self._run("bundle import", job, self._imported))
        self._show(dialog)

    def _imported(self, report: ImportReport) -> None:
        self._ctx.changed.emit("", "")
        self._show(BundleDialog(_tr("Bundle imported"), result_lines(report), self._parent,
                                outcomes=report.outcome.results))
