"""The desk's miniature of the wall: each wall screen rendered small about once a second, with its controls.

From a screen's card the operator takes control of it (picks its layout), sends it
one of the desk's tiles (shown big), vetoes an alarm takeover, or gives it back to
the schedule. Clicking a card makes it the target of hotkeys and the palette.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets import theme
from widgets.translation import title_shown
from console.gui.wall_driver import WallDriver
from console.gui.wall_windows import WallWindow, WallWindows
from console.layouts.layout import Layout, TileSpec

THUMB = QSize(360, 120)


def miniature(window: QWidget, size: QSize) -> QPixmap:
    """The window drawn at thumbnail size (vector-scaled, far cheaper than a full-size grab of a 7680 px wall)."""
    w, h = max(1, window.width()), max(1, window.height())
    s = min(size.width() / w, size.height() / h)
    pix = QPixmap(max(1, round(w * s)), max(1, round(h * s)))
    pix.fill(Qt.GlobalColor.black)
    p = QPainter(pix)
    try:
        p.scale(s, s)
        window.render(p, QPoint(0, 0))
    finally:
        p.end()  # a painter left open on a pixmap crashes Qt when the pixmap goes
    return pix


class _ScreenCard(QFrame):
    def __init__(self, preview: WallPreview, screen_id: str, window: WallWindow) -> None:
        super().__init__(preview)
        self.setObjectName("tile")
        self.preview = preview
        self.screen_id = screen_id
        self.window = window
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 6)
        self.caption = QLabel("")
        self.caption.setObjectName("tileTitle")
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("background: #000;")
        box.addWidget(self.caption)
        box.addWidget(self.thumb)
        row = QHBoxLayout()
        self.layout_combo = QComboBox()
        take = QPushButton(QCoreApplication.translate("WallPreview", "接管"))
        take.setToolTip("Show the chosen layout on this screen until released")
        take.clicked.connect(lambda: preview.driver.take_control(screen_id, self.layout_combo.currentData()))
        row.addWidget(self.layout_combo, 1)
        row.addWidget(take)
        box.addLayout(row)
        row2 = QHBoxLayout()
        self.tile_combo = QComboBox()
        self._tiles: list[TileSpec] = []
        send = QPushButton(QCoreApplication.translate("WallPreview", "发送图块"))
        send.clicked.connect(self._send_tile)
        row2.addWidget(self.tile_combo, 1)
        row2.addWidget(send)
        box.addLayout(row2)
        row3 = QHBoxLayout()
        self.veto_btn = QPushButton(QCoreApplication.translate("WallPreview", "否决接管"))
        self.veto_btn.clicked.connect(lambda: preview.driver.veto(screen_id))
        auto = QPushButton(QCoreApplication.translate("WallPreview", "自动"))
        auto.setToolTip("Back to the schedule or playlist")
        auto.clicked.connect(lambda: preview.driver.release(screen_id))
        row3.addWidget(self.veto_btn)
        row3.addWidget(auto)
        box.addLayout(row3)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.preview.select(self.screen_id)

    def _send_tile(self) -> None:
        spec = self.tile_combo.currentData()
        if spec is not None:
            self.preview.driver.send_tile(self.screen_id, spec)

    def refresh(self, placed: str | None, selected: bool, layouts: dict[str, Layout], tiles: list[TileSpec]) -> None:
        lay = self.window.layout_model
        where = placed or QCoreApplication.translate("WallPreview", "未连接")
        what = (title_shown(lay.title) if lay.title else lay.name) if lay else "—"
        reason = self.window.reason
        self.caption.setText(f"{'▶ ' if selected else ''}{self.screen_id} · {where} · {what}" + (f" [{reason}]" if reason else ""))
        self.setStyleSheet(f"QFrame#tile {{ border: 2px solid {theme.WARNING}; }}" if selected else "")
        self.veto_btn.setEnabled(self.preview.driver.switcher.takeover_alarm(self.screen_id) is not None)
        if self.layout_combo.count() != len(layouts):
            self.layout_combo.clear()
            for name, layout in layouts.items():
                self.layout_combo.addItem(title_shown(layout.title) if layout.title else name, name)
        if tiles != self._tiles:
            self._tiles = list(tiles)
            self.tile_combo.clear()
            for t in tiles:
                self.tile_combo.addItem(title_shown(t.title) if t.title else t.kind, t)
        if placed is not None and lay is not None:
            self.thumb.setPixmap(miniature(self.window, THUMB))
        else:
            self.thumb.setText(QCoreApplication.translate("WallPreview", "未连接") if placed is None else "")


class WallPreview(QWidget):
    def __init__(self, windows: WallWindows, driver: WallDriver, layouts: Callable[[], dict[str, Layout]],
                 desk_tiles: Callable[[], list[TileSpec]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.windows = windows
        self.driver = driver
        self.layouts = layouts
        self.desk_tiles = desk_tiles
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.cards = {sid: _ScreenCard(self, sid, w) for sid, w in windows.windows.items()}
        for card in self.cards.values():
            box.addWidget(card)
        box.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        driver.sig_screen_switched.connect(lambda _d: self.refresh())
        windows.sig_placement_changed.connect(self.refresh)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()

    def select(self, screen_id: str) -> None:
        self.driver.target = screen_id
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            return
        layouts, tiles = self.layouts(), self.desk_tiles()
        for sid, card in self.cards.items():
            card.refresh(self.windows.placed.get(sid), sid == self.driver.target, layouts, tiles)
