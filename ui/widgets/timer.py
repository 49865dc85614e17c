"""The interview's running clock: start / pause / reset.

With a slot length (`set_limit`: the interview's duration, or the mission's slot length) it
counts down what is left, "-mm:ss" once over, and warns `WARN_BEFORE_S` before the end: the
display turns amber and `warned` is emitted once per run.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

WARN_BEFORE_S = 5 * 60
BASE_STYLE = "font-size: 22px; font-weight: 600; font-family: monospace; padding: 0 6px;"
WARN_STYLE = BASE_STYLE + " color: #8a3b00; background: #fde2c4; border-radius: 4px;"
OVER_STYLE = BASE_STYLE + " color: #ffffff; background: #b71c1c; border-radius: 4px;"


class InterviewTimer(QWidget):
    # Emitted once when the time left falls to five minutes (or less) while running.
    warned = Signal()

    def __init__(self, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        # Seconds from an arbitrary origin; a test gives its own clock to move time on.
        self.clock = clock
        self._started_at = 0.0
        self._running = False
        self._banked_ms = 0  # time accumulated before the last pause
        self._limit_s = 0  # 0: no slot length, the clock counts up
        self._warned = False
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._refresh)
        self.display = QLabel("00:00")
        self.display.setObjectName("timerDisplay")
        self.display.setStyleSheet(BASE_STYLE)
        self.toggle = QPushButton(self.tr("Start"))
        self.toggle.setObjectName("timerToggle")
        self.reset = QPushButton(self.tr("Reset"))
        self.reset.setObjectName("timerReset")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display)
        layout.addWidget(self.toggle)
        layout.addWidget(self.reset)
        self.toggle.clicked.connect(self._toggle)
        self.reset.clicked.connect(self.restart)
        self._refresh()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def limit_minutes(self) -> int:
        return self._limit_s // 60

    @property
    def warning(self) -> bool:
        """Five minutes or less are left of the slot (or it is over)."""
        return bool(self._limit_s) and self.remaining_s() <= WARN_BEFORE_S

    def set_limit(self, minutes: int) -> None:
        """Count down ``minutes`` (0: count up, no slot length known)."""
        self._limit_s = max(0, minutes) * 60
        self._warned = self.warning and self.elapsed_ms() > 0
        self._refresh()

    def elapsed_ms(self) -> int:
        since = int((self.clock() - self._started_at) * 1000) if self._running else 0
        return self._banked_ms + max(0, since)

    def remaining_s(self) -> int:
        return self._limit_s - self.elapsed_ms() // 1000

    def _toggle(self) -> None:
        if self._running:
            self._banked_ms = self.elapsed_ms()
            self._running = False
            self._tick.stop()
            self.toggle.setText(self.tr("Resume"))
        else:
            self._started_at = self.clock()
            self._running = True
            self._tick.start()
            self.toggle.setText(self.tr("Pause"))
        self._refresh()

    def restart(self) -> None:
        """Back to the start, stopped (a new candidate)."""
        self._tick.stop()
        self._running = False
        self._banked_ms = 0
        self._warned = False
        self.toggle.setText(self.tr("Start"))
        self._refresh()

    def save_state(self) -> tuple[int, bool, float]:
        """(elapsed ms, running, when saved), to carry the clock into a rebuilt page: a
        running clock also counts the time the rebuild took."""
        return self.elapsed_ms(), self.running, self.clock()

    def restore_state(self, state: tuple[int, bool, float]) -> None:
        elapsed, running, saved_at = state
        self._tick.stop()
        since = int((self.clock() - saved_at) * 1000) if running else 0
        self._banked_ms = elapsed + max(0, since)
        self._running = running
        if running:
            self._started_at = self.clock()
            self._tick.start()
        self.toggle.setText(self.tr("Pause") if running else
                            self.tr("Resume") if self._banked_ms else self.tr("Start"))
        self._refresh()

    def _refresh(self) -> None:
        if not self._limit_s:
            seconds = self.elapsed_ms() // 1000
            self.display.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")
            self.display.setToolTip(self.tr("Time since the interview started"))
            self._style(BASE_STYLE, "")
            return
        left = self.remaining_s()
        sign, left_abs = ("-", -left) if left < 0 else ("", left)
        self.display.setText(f"{sign}{left_abs // 60:02d}:{left_abs % 60:02d}")
        self.display.setToolTip(self.tr("Time left of the %n-minute slot", "",
                                        self._limit_s // 60))
        if left <= 0:
            self._style(OVER_STYLE, "over")
        elif left <= WARN_BEFORE_S and self.elapsed_ms() > 0:
            self._style(WARN_STYLE, "warn")
        else:
            self._style(BASE_STYLE, "")
        if self._running and left <= WARN_BEFORE_S and not self._warned:
            self._warned = True
            self.warned.emit()

    def _style(self, sheet: str, state: str) -> None:
        if self.display.property("state") != state:
            self.display.setProperty("state", state)
            self.display.setStyleSheet(sheet)
