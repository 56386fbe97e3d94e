"""The header every wall screen carries: the centre's name, the clock with its zone, the weather, the demo mark.

Read from 10 m: the title and the clock are larger than the wall's body text, and the
header is built before the wall's text is scaled, so it scales with everything else.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from console.wall.header_text import clock_text, weather_text
from widgets.tile import TileContext
from widgets.translation import shown

_TITLE_SIZE = 1.5  # the header's title and clock against the body text


class WallHeader(QWidget):
    """``title`` left; ``marks`` (演示数据 DEMO, REPLAY) and the clock right; the weather when a source has it."""

    def __init__(self, ctx: TileContext, title: str, marks: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallHeader")
        self.ctx = ctx
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 2)
        row.setSpacing(24)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * _TITLE_SIZE)
        big.setBold(True)
        self.title_label = QLabel(shown(title))
        self.title_label.setObjectName("headerTitle")
        self.title_label.setFont(big)
        self.weather_label = QLabel("")
        self.weather_label.setObjectName("muted")
        self.weather_label.hide()
        self.clock_label = QLabel("")
        self.clock_label.setObjectName("headerClock")
        self.clock_label.setFont(big)
        row.addWidget(self.title_label)
        row.addStretch(1)
        row.addWidget(self.weather_label)
        self.mark_labels = []
        for text in marks:
            mark = QLabel(shown(text))
            mark.setObjectName("demoMark")
            row.addWidget(mark)
            self.mark_labels.append(mark)
        row.addWidget(self.clock_label)
        ctx.signals.sig_second_ticked.connect(self.tick)
        self.tick(ctx.hub.clock.now())

    def tick(self, now: float) -> None:
        self.clock_label.setText(shown(clock_text(now, self.ctx.hub.clock.speed)))
        weather = shown(weather_text(self.ctx.hub))
        if weather != self.weather_label.text():
            self.weather_label.setText(weather)
            self.weather_label.setVisible(bool(weather))

    def text(self) -> str:
        """Everything the header shows, as one line (the state dump's ``header``)."""
        shown = [self.title_label, *self.mark_labels, self.clock_label]
        if self.weather_label.isVisibleTo(self):
            shown.insert(1, self.weather_label)
        return "  ".join(w.text() for w in shown if w.text())

    def teardown(self) -> None:
        try:
            self.ctx.signals.sig_second_ticked.disconnect(self.tick)
        except (RuntimeError, TypeError):
            pass
