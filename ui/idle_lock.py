"""The desk locks itself after an idle period (issue 17): a laptop left open between two
interviews shows nothing of its user's work to the next person who sits down.

One application-wide event filter restarts a single-shot timer on every input event; the
timer's timeout is the idle signal. The period is a desk setting (QSettings), in minutes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal

SETTINGS_IDLE_MINUTES = "desk/idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10.0

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


def idle_minutes() -> float:
    """The configured idle period (minutes; 0 turns the idle lock off)."""
    try:
        value = float(QSettings().value(SETTINGS_IDLE_MINUTES, DEFAULT_IDLE_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return max(0.0, value)


def save_idle_minutes(minutes: float) -> None:
    QSettings().setValue(SETTINGS_IDLE_MINUTES, float(minutes))


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without keyboard, mouse or touch input."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watching = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_interval(interval_ms)

    def set_interval(self, interval_ms: int) -> None:
        """0 turns the watcher off; anything else (re)starts it with that period."""
        self.timer.setInterval(max(0, interval_ms))
        self._watch(self.timer.interval() > 0)
        self.restart()

    def _watch(self, on: bool) -> None:
        # The application-wide filter is called for every event of the desk (some 1,800
        # while the window is built, ~10 ms): installed only while a period is set, that
        # is on a desk where someone set a PIN.
        app = QCoreApplication.instance()
        if on == self._watching or app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def restart(self) -> None:
        if self.timer.interval() > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def pause(self) -> None:
        """While the desk is locked there is nothing to lock again."""
        self.timer.stop()

    def stop_watching(self) -> None:
        self.timer.stop()
        self._watch(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()  # restarts the countdown
        return False
