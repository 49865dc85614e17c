"""The desk's QApplication: style, fonts, translations, logging and the crash hook."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.paths import log_dir
from ui.resources import fonts_dir, icon_path, style_path, translation_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "fr")
LOG_FILE = "mission-desk.log"
SETTINGS_LANGUAGE = "ui/language"


# -- logging ---------------------------------------------------------------------------------

def setup_logging(folder: Path | None = None) -> Path:
    """Log to a rotating file in the platform's log folder (kept small: it travels by USB
    or e-mail when a team reports a problem). Returns the log file's path."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path


def capture_qt_and_faults(folder: Path | None = None) -> None:
    """Qt's own warnings go to the log; a hard crash (segfault in a C library) writes the
    Python stack of every thread to faults.log, where no dialog can be shown."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    global _fault_file
    _fault_file = open(folder / "faults.log", "a", encoding="utf-8")  # noqa: SIM115 - kept open
    faulthandler.enable(_fault_file, all_threads=True)


_fault_file: TextIO | None = None


# -- language --------------------------------------------------------------------------------

class Translations:
    """The installed translators (the desk's own and Qt's standard dialogs), switchable."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, lang: str) -> bool:
        """Switch to ``lang``; widgets receive a LanguageChange event. False if not found."""
        if lang not in LANGUAGES:
            lang = "en"
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed = []
        ok = True
        # English has a file too: the plural forms of counted strings ("%n candidate(s)"
        # reads "1 candidate", "2 candidates"); its absence only costs those.
        own = QTranslator(self._app)
        if own.load(str(translation_path(lang))):
            self._app.installTranslator(own)
            self._installed.append(own)
        else:
            log.warning("translation %s not found", translation_path(lang))
            ok = lang == "en"
        if lang != "en":
            qt = QTranslator(self._app)
            if qt.load(QLocale(lang), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._app.installTranslator(qt)
                self._installed.append(qt)
        # Pages pick French subject labels and number formats from the default locale.
        QLocale.setDefault(QLocale(QLocale.Language.French if lang == "fr"
                                   else QLocale.Language.English,
                                   QLocale.Country.France if lang == "fr"
                                   else QLocale.Country.UnitedKingdom))
        self.language = lang if ok else "en"
        return ok


def saved_language() -> str:
    value = QSettings().value(SETTINGS_LANGUAGE, "")
    if value in LANGUAGES:
        return str(value)
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def save_language(lang: str) -> None:
    QSettings().setValue(SETTINGS_LANGUAGE, lang)


def translations(app: QCoreApplication | None = None) -> Translations:
    """The application's Translations, created on first use."""
    app = app or QCoreApplication.instance()
    assert app is not None
    existing = getattr(app, "_desk_translations", None)
    if existing is None:
        existing = Translations(app)
        app._desk_translations = existing  # type: ignore[attr-defined]
    return existing


# -- look ------------------------------------------------------------------------------------

def apply_look(app: QApplication) -> None:
    """Fusion style (the same on every laptop), the bundled fonts, the desk's style sheet."""
    app.setStyle("Fusion")
    for f in sorted(fonts_dir().glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(f))
    font = QFont(app.font())
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue",
                      "Noto Sans CJK SC", "Noto Sans Devanagari", "Droid Sans Fallback"])
    font.setPointSizeF(10)
    app.setFont(font)
    qss = style_path()
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    app.setWindowIcon(QIcon(str(icon_path("app"))))


def create_app(argv: list[str] | None = None) -> QApplication:
    """The desk's QApplication (or the existing one, in tests), looked and named."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("mission-desk")
    QCoreApplication.setApplicationName("Mission Desk")
    apply_look(app)
    return app


# -- crash hook ------------------------------------------------------------------------------

def format_crash(exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> str:
    import platform

    import PySide6

    import app as desk

    head = (f"Mission Desk {desk.__version__} · Python {platform.python_version()} · "
            f"PySide6 {PySide6.__version__} · {platform.platform()}\n\n")
    return head + "".join(traceback.format_exception(exc_type, exc, tb))


class CrashHook:
    """Logs any uncaught exception with its traceback and shows it in a dialog the user can
    copy from; the desk keeps running (every edit already saved is durable)."""

    def __init__(self) -> None:
        self.showing = False
        self.last_report = ""

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = format_crash(exc_type, exc, tb)
        self.last_report = report
        log.critical("uncaught exception\n%s", report)
        app = QApplication.instance()
        if app is None or self.showing:
            return
        if threading.current_thread() is not threading.main_thread():
            # Widgets live on the main thread: ask it to show the dialog.
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, app, lambda: self._show(report))
            return
        self._show(report)

    def _show(self, report: str) -> None:
        from ui.dialogs.crash import CrashDialog

        self.showing = True
        try:
            dialog = CrashDialog(report, str(log_dir() / LOG_FILE))
            dialog.exec()
        finally:
            self.showing = False


crash_hook = CrashHook()
