"""The interview's running clock: start / pause / reset, shown as mm:ss."""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class InterviewTimer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._banked_ms = 0  # time accumulated before the last pause
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._refresh)
        self.display = QLabel("00:00")
        self.display.setObjectName("timerDisplay")
        self.display.setStyleSheet("font-size: 22px; font-weight: 600; font-family: monospace;"
                                   " padding: 0 6px;")
        self.display.setToolTip(self.tr("Time since the interview started"))
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

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def elapsed_ms(self) -> int:
        return self._banked_ms + (self._clock.elapsed() if self.running else 0)

    def _toggle(self) -> None:
        if self.running:
            self._banked_ms += self._clock.elapsed()
            self._tick.stop()
            self.toggle.setText(self.tr("Resume"))
        else:
            self._clock.start()
            self._tick.start()
            self.toggle.setText(self.tr("Pause"))
        self._refresh()

    def restart(self) -> None:
        """Back to 00:00, stopped (a new candidate)."""
        self._tick.stop()
        self._banked_ms = 0
        self.toggle.setText(self.tr("Start"))
        self._refresh()

    def save_state(self) -> tuple[int, bool, float]:
        """(elapsed ms, running, when saved), to carry the clock into a rebuilt page: a
        running clock also counts the time the rebuild took."""
        return self.elapsed_ms(), self.running, time.monotonic()

    def restore_state(self, state: tuple[int, bool, float]) -> None:
        elapsed, running, saved_at = state
        self._tick.stop()
        since = int((time.monotonic() - saved_at) * 1000) if running else 0
        self._banked_ms = elapsed + max(0, since)
        if running:
            self._clock.start()
            self._tick.start()
        self.toggle.setText(self.tr("Pause") if running else
                            self.tr("Resume") if self._banked_ms else self.tr("Start"))
        self._refresh()

    def _refresh(self) -> None:
        seconds = self.elapsed_ms() // 1000
        self.display.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")
