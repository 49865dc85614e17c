"""Histogram of composite scores on the /20 scale, drawn with QPainter (no QtCharts)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BINS = 20  # one point per bin, [0,1) ... [19,20]
BAR = QColor("#3b6fb6")
BAR_MARKED = QColor("#e07b00")
GRID = QColor("#e5e7eb")
AXIS = QColor("#374151")


def bin_of(score: float) -> int:
    return min(BINS - 1, max(0, math.floor(score)))


class ScoreHistogram(QWidget):
    """Counts of scores per 1-point bin from 0 to 20; one bin may be marked (the selection)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = [0] * BINS
        self.marked: int | None = None
        self.setMinimumSize(240, 120)  # a 1024x640 screen keeps rows for the ranking
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # The axis title, drawn elided when the chart is narrow, and whole in the tooltip.
        self.setToolTip(self.tr("Composite score (/20) · candidates per 1-point bin"))

    def sizeHint(self) -> QSize:
        return QSize(380, 260)

    def set_scores(self, scores: Iterable[float]) -> None:
        self.counts = [0] * BINS
        for s in scores:
            self.counts[bin_of(s)] += 1
        self.update()

    def mark(self, score: float | None) -> None:
        self.marked = None if score is None else bin_of(score)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        top = max(self.counts) if any(self.counts) else 1
        step = max(1, math.ceil(top / 5))
        y_max = step * math.ceil(top / step)
        left = fm.horizontalAdvance(str(y_max)) + 14
        bottom_gap = fm.height() * 2 + 8
        plot = QRectF(left, 8, self.width() - left - 10, self.height() - 8 - bottom_gap)
        p.fillRect(self.rect(), self.palette().base())

        # horizontal grid and count labels
        p.setPen(QPen(GRID, 1))
        for v in range(0, y_max + 1, step):
            y = plot.bottom() - plot.height() * v / y_max
            p.setPen(QPen(GRID, 1))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(AXIS)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(v))

        # bars
        w = plot.width() / BINS
        for i, n in enumerate(self.counts):
            if not n:
                continue
            h = plot.height() * n / y_max
            rect = QRectF(plot.left() + i * w + 1, plot.bottom() - h, w - 2, h)
            p.fillRect(rect, BAR_MARKED if i == self.marked else BAR)

        # x axis, ticks every 2 points, title
        p.setPen(QPen(AXIS, 1))
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        for v in range(0, BINS + 1, 2):
            x = plot.left() + v * w
            p.drawLine(int(x), int(plot.bottom()), int(x), int(plot.bottom()) + 4)
            p.drawText(QRectF(x - 15, plot.bottom() + 5, 30, fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(v))
        title = self.toolTip()
        p.drawText(QRectF(plot.left(), plot.bottom() + 5 + fm.height(), plot.width(),
                          fm.height()), int(Qt.AlignmentFlag.AlignHCenter),
                   fm.elidedText(title, Qt.TextElideMode.ElideRight, int(plot.width())))
        p.end()
