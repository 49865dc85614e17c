"""The desk's window: a sidebar of pages, the menus, and a status bar that always tells who is
working, how many changes wait for sync, when the last sync was, and whether conflicts exist.

Pages are built the first time they are shown (start-up pays only for the first page) and
rebuilt when the language changes, so every page, including those of other modules, is
retranslated live from its constructor's ``self.tr()`` calls.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

import app as desk
from app.store.closing import CoverageWatch, stale_mission
from app.store.models import Assessor, Conflict, Meta, Mission
from app.store.outbox import pending_count
from ui.context import DeskContext
from ui.desk_lock import LockableWindow
from ui.dialogs.close_mission import receipt_line
from ui.numbers import local_time
from ui.resources import icon_path
from ui.sources import drop_imported_sources

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 5000
COMPACT_BELOW = 1100  # window width (px) under which the sidebar shows icons only
SIDEBAR_WIDE, SIDEBAR_COMPACT = 210, 56
PAGE_KEYS = ("mission", "candidates", "written_tests", "interviews", "ranking", "sync", "plan",
             "calibration")
ICONS = {"mission": "mission", "candidates": "candidates", "written_tests": "written",
         "interviews": "interviews", "ranking": "ranking", "sync": "sync", "plan": "plan",
         "calibration": "calibration"}


def _build_page(key: str, ctx: DeskContext) -> QWidget:
    # Imported here: each page module loads only when its page is first shown.
    if key == "mission":
        from ui.pages.mission import MissionPage
        return MissionPage(ctx)
    if key == "candidates":
        from ui.pages.candidates import CandidatesPage
        return CandidatesPage(ctx)
    if key == "written_tests":
        from ui.pages.written_tests import WrittenTestsPage
        return WrittenTestsPage(ctx)
    if key == "interviews":
        from ui.pages.interviews import InterviewsPage
        return InterviewsPage(ctx)
    if key == "ranking":
        from ui.pages.ranking import RankingPage
        return RankingPage(ctx)
    if key == "plan":
        from ui.pages.plan import PlanPage
        return PlanPage(ctx)
    if key == "calibration":
        from ui.pages.calibration import CalibrationPage
        return CalibrationPage(ctx)
    from ui.pages.sync import SyncPage
    page = SyncPage(ctx)
    # In the window the File menu's "Sync now" owns Ctrl+Shift+S from every page; the page's
    # own action keeps no shortcut, so Qt never sees two actions on one key.
    page.sync_action.setShortcut(QKeySequence())
    return page


def format_last_sync(value: str | None) -> str | None:
    """The meta "last_sync_at" (ISO-8601 UTC) in local time, or None when never synced."""
    if not value:
        return None
    local = local_time(value)
    if local is None:
        return value
    today = dt.datetime.now().astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return clock
    return QLocale().toString(local.date(), QLocale.FormatType.ShortFormat) + " " + clock


class MainWindow(LockableWindow, QMainWindow):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None,
                 start_page: str = "candidates") -> None:
        super().__init__(parent)
        self.ctx = ctx
        from ui.dialogs.bundle import BundleActions

        self.bundles = BundleActions(ctx, self)
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(icon_path("app"))))
        self.resize(1400, 860)
        # Every page works down to 1024x640 (13-inch laptops); a little less is allowed.
        self.setMinimumSize(QSize(960, 600))
        self._compact: bool | None = None  # the sidebar shows icons only (narrow window)
        # The receipts' coverage in the status bar: taken in full only when it can have
        # changed otherwise than by this desk's own new edits (a receipt, a sync, a bundle).
        self._coverage = CoverageWatch()
        with ctx.store.read() as s:
            mission = s.get(Mission, ctx.mission_id)
            self._mission_code = mission.code if mission else ""

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(SIDEBAR_WIDE)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self._pages: dict[str, QWidget] = {}
        # What each page held (typed text, selection, a running timer) when the language
        # changed, handed to the page rebuilt in the new language (save_state/restore_state).
        self._carried: dict[str, dict[str, object]] = {}
        for key in PAGE_KEYS:
            item = QListWidgetItem(QIcon(str(icon_path(ICONS[key]))), "")
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(200, 40))
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown

        self.mission_label = QLabel()
        self.mission_label.setObjectName("sidebarMission")
        self.mission_label.setWordWrap(True)
        side = QWidget()
        side.setObjectName("sidebarPanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 14, 0, 10)
        side_layout.setSpacing(6)
        self.brand = QLabel("Mission Desk")
        self.brand.setObjectName("brand")
        side_layout.addWidget(self.brand)
        side_layout.addWidget(self.mission_label)
        side_layout.addSpacing(8)
        side_layout.addWidget(self.sidebar, 1)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        row.addWidget(self.stack, 1)
        # The pages, or the lock screen in their place while nobody is unlocked (issue 17).
        self.screens = QStackedWidget()
        self.screens.addWidget(central)
        self.setCentralWidget(self.screens)
        self._init_lock(ctx)

        self.chip_assessor = self._chip("statusAssessor")
        self.chip_pending = self._chip("statusPending")
        self.chip_sync = self._chip("statusLastSync")
        self.chip_conflicts = self._chip("statusConflicts")
        for chip in (self.chip_assessor, self.chip_pending, self.chip_sync,
                     self.chip_conflicts):
            self.statusBar().addPermanentWidget(chip)
        self.statusBar().setSizeGripEnabled(False)

        self.sidebar.currentRowChanged.connect(self._show_page)
        ctx.changed.connect(self._on_changed)
        ctx.error.connect(self._show_error)
        self.timer = QTimer(self)
        self.timer.setInterval(STATUS_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_status)
        self.timer.start()
        ctx.actor_changed.connect(lambda _actor: self.refresh_status())

        self._build_menus()
        self._retranslate_shell()
        self.sidebar.setCurrentRow(PAGE_KEYS.index(start_page))
        self.refresh_status()
        if self.users.any_pin():
            self.lock()

    # -- pages -------------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it was never shown."""
        existing = self._pages.get(key)
        if existing is not None:
            return existing
        i = PAGE_KEYS.index(key)
        page = _build_page(key, self.ctx)
        drop_imported_sources()
        page.setObjectName(f"page_{key}")
        placeholder = self.stack.widget(i)
        self.stack.insertWidget(i, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._pages[key] = page
        state = self._carried.pop(key, None)
        if state is not None:
            page.restore_state(state)  # type: ignore[attr-defined]
        return page

    def current_page_key(self) -> str:
        return PAGE_KEYS[self.stack.currentIndex()]

    def current_candidate_id(self) -> str | None:
        """The candidate selected on the shown page (pages with candidates say which)."""
        getter = getattr(self._pages.get(self.current_page_key()), "current_candidate", None)
        return getter() if callable(getter) else None

    def sync_now_from_anywhere(self) -> None:
        """Ctrl+Shift+S on any page: show the Sync page and start a sync there."""
        self.show_page("sync")
        self.page("sync").start_sync()  # type: ignore[attr-defined]

    def show_progress(self) -> None:
        """The progress of the day, in its own window beside the pages."""
        from ui.widgets.progress_view import ProgressView

        view = getattr(self, "progress_view", None)
        if view is None:
            view = self.progress_view = ProgressView(self.ctx, self)
        view.show()
        view.raise_()
        view.activateWindow()

    def show_page(self, key: str) -> None:
        self.sidebar.setCurrentRow(PAGE_KEYS.index(key))

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        key = PAGE_KEYS[row]
        self.page(key)
        self.stack.setCurrentIndex(row)

    # -- menus -------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        old = [a.menu() for a in bar.actions() if a.menu() is not None]
        bar.clear()
        for menu in old:  # menus are the menubar's children: delete the previous language's
            menu.deleteLater()

        file_menu = bar.addMenu(self.tr("&File"))
        self.sync_now = file_menu.addAction(self.tr("&Sync now"))
        self.sync_now.setObjectName("syncNowAction")
        self.sync_now.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_now.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sync_now.triggered.connect(self.sync_now_from_anywhere)
        file_menu.addSeparator()
        # Team bundles: changes carried by file where there is no connection (issue 16).
        export_bundle = file_menu.addAction(self.tr("&Export bundle…"))
        export_bundle.setObjectName("exportBundleAction")
        export_bundle.triggered.connect(lambda: self.bundles.export())
        import_bundle = file_menu.addAction(self.tr("&Import bundle…"))
        import_bundle.setObjectName("importBundleAction")
        import_bundle.triggered.connect(lambda: self.bundles.import_())
        file_menu.addSeparator()
        previous = getattr(self, "switch_user", None)
        if previous is not None:  # the previous language's: its key would be ambiguous
            self.removeAction(previous)
        self.switch_user = file_menu.addAction(self.tr("S&witch user (lock)"))
        self.switch_user.setObjectName("switchUserAction")
        self.switch_user.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_user.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.switch_user.triggered.connect(lambda: self.lock())
        self.addAction(self.switch_user)  # its key works while the menu bar is hidden too
        idle = file_menu.addAction(self.tr("Lock when &idle after…"))
        idle.setObjectName("idleLockAction")
        idle.triggered.connect(self._ask_idle_minutes)
        close_mission = file_menu.addAction(self.tr("&Close this mission on this laptop…"))
        close_mission.setObjectName("closeMissionAction")
        close_mission.triggered.connect(self.close_mission)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.ctx.undo_group.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.ctx.undo_group.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        hint = edit_menu.addAction(self.tr("Undo and redo are recorded as new edits"))
        hint.setEnabled(False)

        view_menu = bar.addMenu(self.tr("&View"))
        # The previous language's window-wide actions go, or their keys would be ambiguous.
        for action in getattr(self, "page_actions", []):
            self.removeAction(action)
        self.page_actions: list[QAction] = []
        for i, key in enumerate(PAGE_KEYS):
            action = view_menu.addAction(self._page_title(key))
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            self.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        progress = view_menu.addAction(self.tr("&Progress of the day…"))
        progress.setObjectName("progressAction")
        progress.setShortcut(QKeySequence("Ctrl+Shift+P"))
        progress.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        progress.triggered.connect(self.show_progress)
        self.addAction(progress)
        self.page_actions.append(progress)
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        lang_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        from ui.app import translations

        current = translations().language
        for lang, name in (("en", "English"), ("fr", "Français")):
            action = lang_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(lang == current)
            action.setObjectName(f"language_{lang}")
            group.addAction(action)
            # Deferred: the menu that triggered the switch is rebuilt by it.
            action.triggered.connect(lambda _checked=False, code=lang: QTimer.singleShot(
                0, lambda: self.set_language(code)))
            self.language_actions[lang] = action

        # Filled when first opened: the report module loads ReportLab, which start-up
        # should not wait for.
        self.reports_menu = bar.addMenu(self.tr("&Reports"))
        self.reports_menu.setObjectName("reportsMenu")
        self._reports_built: QMenu | None = None
        self.reports_menu.aboutToShow.connect(self._fill_reports_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        logs = help_menu.addAction(self.tr("Show the &log folder"))
        logs.triggered.connect(self._open_logs)
        about = help_menu.addAction(self.tr("&About Mission Desk"))
        about.triggered.connect(self._about)

    def _fill_reports_menu(self) -> None:
        if self._reports_built is not None:
            return
        from ui.report_actions import build_reports_menu

        built = build_reports_menu(self.ctx, self, self.current_candidate_id)
        built.setParent(self.reports_menu, built.windowFlags())  # lives as long as the menu
        self._reports_built = built
        for action in built.actions():
            self.reports_menu.addAction(action)

    def _page_title(self, key: str) -> str:
        return {"mission": self.tr("Mission"), "candidates": self.tr("Candidates"),
                "written_tests": self.tr("Written tests"), "interviews": self.tr("Interviews"),
                "ranking": self.tr("Ranking"), "sync": self.tr("Sync"),
                "plan": self.tr("Plan"), "calibration": self.tr("Calibration")}[key]

    def _retranslate_shell(self) -> None:
        for i, key in enumerate(PAGE_KEYS):
            item = self.sidebar.item(i)
            item.setText("" if self._compact else self._page_title(key))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._page_title(key))
            item.setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", self._page_title(key))
                            .replace("%2", str(i + 1)))
        self.setWindowTitle(self.tr("Mission Desk · %1").replace("%1", self._mission_code))
        self.mission_label.setText(self._mission_code)

    # -- language ----------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch the interface language now: menus, status bar and every page."""
        from ui.app import save_language, translations

        sync_page = self._pages.get("sync")
        if sync_page is not None and sync_page.busy:  # type: ignore[attr-defined]
            # Its worker thread belongs to the page: switch once the sync has ended.
            self.statusBar().showMessage(self.tr(
                "The language changes when the sync in progress ends."), 8000)
            # (a sync, or an assessor's own sign-in: tried again shortly, until both ended)
            QTimer.singleShot(250, lambda: self.set_language(lang))
            return
        ok = translations().install(lang)
        save_language(lang)
        self.ctx.retranslate_undo()  # the Edit menu's "Undo …" in one language
        current = self.current_page_key()
        self._drop_pages(carry=True)
        self._build_menus()
        self._retranslate_shell()
        if self.lock_screen is not None:
            self.lock_screen.retranslate()
        if self.locked:
            self._disable_actions()
        else:
            self._show_page(PAGE_KEYS.index(current))
        self.refresh_status()
        if not ok:
            self.statusBar().showMessage(self.tr("The translation could not be loaded."), 8000)

    def _drop_pages(self, *, carry: bool) -> None:
        """Delete the built pages (rebuilt when next shown). ``carry``: hand what each page
        held to its next build (a language switch); never across users. A sync under way
        keeps its page: its worker thread belongs to it."""
        if not carry:  # what a language switch carried for pages not rebuilt since
            self._carried.clear()
        for key, page in list(self._pages.items()):
            if not carry and getattr(page, "busy", False):
                continue
            self._drop_page(key, carry=carry)
        if getattr(self, "progress_view", None) is not None:  # rebuilt when next opened
            self.progress_view.close()
            self.progress_view.deleteLater()
            self.progress_view = None

    def _drop_page(self, key: str, *, carry: bool) -> None:
        page = self._pages.pop(key)
        page.hide()  # pages save what is being typed when hidden
        saver = getattr(page, "save_state", None)
        if carry and callable(saver):
            self._carried[key] = saver()
        i = PAGE_KEYS.index(key)
        self.stack.insertWidget(i, QWidget())
        self.stack.removeWidget(page)
        page.deleteLater()

    # -- status bar --------------------------------------------------------------------------

    def _chip(self, name: str) -> QLabel:
        chip = QLabel()
        chip.setObjectName(name)
        chip.setProperty("chip", "neutral")
        return chip

    def _set_chip(self, chip: QLabel, text: str, state: str, tip: str) -> None:
        chip.setText(text)
        chip.setToolTip(tip)
        if chip.property("chip") != state:
            chip.setProperty("chip", state)
            chip.style().unpolish(chip)
            chip.style().polish(chip)

    def refresh_status(self) -> None:
        """Cheap queries, run on every change and every few seconds (the coverage of the
        receipts is advanced over the new changes only, see CoverageWatch)."""
        with self.ctx.store.read() as s:
            actor = s.get(Assessor, self.ctx.actor_id)
            pending = pending_count(s)
            conflicts = int(s.scalar(select(func.count()).select_from(Conflict)
                                     .where(Conflict.resolved.is_(False))) or 0)
            last = s.scalar(select(Meta.value).where(Meta.key == "last_sync_at"))
            covered = self._coverage.current(s)
        name = actor.name if actor else "?"
        role = ""
        if actor is not None:
            role = self.tr("head of delegation") if actor.is_chair else (
                self.tr("professor") if actor.role == "professor" else self.tr("representative"))
        self._set_chip(self.chip_assessor, f"{name} · {role}" if role else name, "neutral",
                       self.tr("You work as %1 (%2)").replace("%1", name).replace("%2", role))
        pending_text = self.tr("%n change(s) to sync", "", pending)
        self._set_chip(self.chip_pending, pending_text, "warn" if pending else "ok",
                       self.tr("Edits saved on this desk, waiting for the next sync"))
        when = format_last_sync(last)
        self._set_chip(self.chip_sync, self.tr("Last sync: %1").replace("%1", when) if when
                       else self.tr("Last sync: never"), "neutral",
                       self.tr("Last successful sync with the server, in local time") + "\n"
                       + receipt_line(covered))
        self._set_chip(self.chip_conflicts, self.tr("%n conflict(s)", "", conflicts),
                       "alert" if conflicts else "ok",
                       self.tr("Fields two people changed differently; the chair resolves them "
                          "on the Sync page"))

    def _on_changed(self, entity: str, _row_id: str) -> None:
        if not entity:  # many rows: a sync or a bundle import, which may answer mutations
            self._coverage.invalidate()
        self.refresh_status()

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # -- actions -----------------------------------------------------------------------------

    def close_mission(self) -> bool:
        """File > Close this mission: the dialog, then the window closes (the data is gone).
        Returns True once the mission was erased."""
        from ui.dialogs.close_mission import CloseMissionDialog

        sync_page = self._pages.get("sync")
        if sync_page is not None and getattr(sync_page, "busy", False):
            self.statusBar().showMessage(self.tr("Wait for the sync to end, then close the "
                                                 "mission."), 8000)
            return False
        dialog = CloseMissionDialog(self.ctx.store, self.ctx.mission_id, self)
        if not dialog.exec() or dialog.closed is None:
            return False
        # The store is closed and its files gone: nothing may open it again (a refresh would
        # create an empty database in their place).
        self.timer.stop()
        self.ctx.changed.disconnect(self._on_changed)
        QMessageBox.information(self, self.tr("Mission closed"), self.tr(
            "Mission %1 was erased from this laptop. The signed record of the closing is "
            "%2. Mission Desk will now close.").replace("%1", self._mission_code).replace(
            "%2", str(dialog.closed.record)))
        self.close()
        return True

    def warn_if_stale(self) -> bool:
        """At every start: a mission that ended long ago still holding data says so."""
        with self.ctx.store.read() as s:
            stale = stale_mission(s)
        if stale is None:
            return False
        if self.locked:  # a dialog would be cancelled behind the lock screen: told after
            self._stale_warning_due = True
            return True
        QMessageBox.warning(self, self.tr("Mission ended"), self.tr(
            "Mission %1 ended on %2, %n day(s) ago, and this laptop still holds its "
            "candidates' data. Sync, then close it (File > Close this mission on this "
            "laptop).", "", stale.days_past).replace("%1", stale.code).replace(
            "%2", QLocale().toString(QDate(stale.end_date.year, stale.end_date.month,
                                         stale.end_date.day), QLocale.FormatType.LongFormat)))
        return True

    def _open_logs(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from app.paths import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Mission Desk"), self.tr(
            "<b>Mission Desk</b> %1<br>Field desk for international recruitment missions: "
            "check-in, written tests, interviews, ranking and sync, offline first."
        ).replace("%1", desk.__version__))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """Under COMPACT_BELOW pixels the sidebar keeps its icons (names in tooltips), giving
        the page the width a 1024-pixel laptop screen lacks."""
        compact = self.width() < COMPACT_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        self.sidebar.setFixedWidth(SIDEBAR_COMPACT if compact else SIDEBAR_WIDE)
        self.brand.setVisible(not compact)
        self.mission_label.setVisible(not compact)
        self._retranslate_shell()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self.idle.stop_watching()
        super().closeEvent(event)


def run_window(ctx: DeskContext, start_page: str = "candidates",
               on_shown: Callable[[MainWindow], None] | None = None) -> int:
    window = MainWindow(ctx, start_page=start_page)
    window.show()
    if on_shown:
        on_shown(window)
    app = QApplication.instance()
    assert app is not None
    return app.exec()
