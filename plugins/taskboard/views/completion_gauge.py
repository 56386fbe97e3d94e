"""CompletionGauge: a thick horizontal bar of a share 0..1 with labelled marks.

Grey when normal; the abnormal fill colour is the caller's to choose, and the
caller says the state in text too (ISA-101: never colour alone). The marks are
drawn as lines across the bar with their labels below, the floor's label to the
left of its line and the next one's to the right, so 70 % and 80 % never collide.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets import theme

_TRACK = "#30353c"
_PROGRESS = "#4b535d"     # with partial progress: where the city is heading
_DONE = "#aeb6c0"         # completed weight: what the province scores


class CompletionGauge(QWidget):
    def __init__(self, marks: list[tuple[float, str]], bar_px: int = 34, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks = list(marks)
        self.value = 0.0
        self.progress = 0.0
        self.fill = _DONE
        self._bar_px = bar_px
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * (1.35 if bar_px >= 24 else 1.0))
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        text = self.fontMetrics().height()
        return QSize(200, 8 + self._bar_px + 6 + text + 4)

    def set_values(self, value: float, progress: float, fill: str = _DONE) -> None:
        self.value = min(max(value, 0.0), 1.0)
        self.progress = min(max(progress, self.value), 1.0)
        self.fill = fill
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()
        bar = QRectF(1, 8, w - 2, self._bar_px)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(_TRACK))
        p.drawRoundedRect(bar, 3, 3)
        p.setBrush(QColor(_PROGRESS))
        p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * self.progress, bar.height()), 3, 3)
        p.setBrush(QColor(self.fill))
        p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * self.value, bar.height()), 3, 3)
        fm = self.fontMetrics()
        text_top = bar.bottom() + 6
        for i, (share, label) in enumerate(self.marks):
            x = bar.left() + bar.width() * share
            p.setPen(QPen(QColor(theme.TEXT), 3))
            p.drawLine(int(x), 2, int(x), int(bar.bottom() + 4))
            p.setPen(QColor(theme.TEXT))
            width = fm.horizontalAdvance(label) + 4
            left_side = i == 0 and len(self.marks) > 1
            left = x - width - 4 if left_side else min(x + 5, w - width)   # never cut at the edge
            rect = QRectF(max(left, 0), text_top, width, fm.height())
            align = Qt.AlignmentFlag.AlignRight if left_side else Qt.AlignmentFlag.AlignLeft
            p.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop), label)
        p.end()
