"""The wall's windows: one per configured screen, placed on the screen it names, no operator controls.

Windows are placed by what a screen says it is (``console.wall.wall_config``), never
by index. When a screen goes away its window hides and keeps its layout; when a
screen matching it comes back, the window returns to it, with that layout. A
spanning window covers the whole virtual desktop (a wall controller's 7680x2160).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from console.gui.wall_grid import WallGrid
from console.gui.wall_header import WallHeader
from console.gui.wall_scale import min_text_px, scale_widget_tree
from widgets import first_frame
from console.layouts.layout import Layout
from console.wall.wall_config import ScreenInfo, WallConfig, WallScreen, font_scale, match_screens
from widgets.tile import TileContext


def screen_info(screen: QScreen) -> ScreenInfo:
    g = screen.geometry()
    return ScreenInfo(screen.name(), screen.serialNumber(), screen.manufacturer(), screen.model(), (g.x(), g.y(), g.width(), g.height()))


class WallWindow(QWidget):
    """One wall screen: a header, a banner (shown for takeovers and sent tiles) and a layout.

    Its tiles get a read-only context whoever is logged in at the desk: a wall screen
    has no operator controls (no buttons, filters or menus), not merely disabled ones.
    """

    def __init__(self, ctx: TileContext, kinds: dict[str, str], config: WallScreen, title: str = "",
                 marks: tuple[str, ...] = ()) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("wall")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        ctx = dataclasses.replace(ctx, read_only=True)
        self.ctx = ctx
        self.kinds = kinds
        self.config = config
        self.setWindowTitle(f"city-console wall · {config.id}")
        self.scale = font_scale(1920, 1080, config.scale)
        self._target_height = 1080  # of the screen this window is on: sets the smallest text allowed
        self.grid: WallGrid | None = None
        self.layout_model: Layout | None = None
        self.reason = ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        self.header = WallHeader(ctx, title, marks)
        box.addWidget(self.header)
        self.banner = QLabel("")
        self.banner.setObjectName("wallBanner")
        self.banner.setStyleSheet("QLabel#wallBanner { background: #3a2a10; color: #e8a33a; font-weight: 700; padding: 6px 16px; }")
        self.banner.hide()
        box.addWidget(self.banner)
        self._box = box

    def set_target_size(self, width: int, height: int) -> None:
        """The size this window will have on its screen: sets the text scale (rebuilds if it changed)."""
        scale = font_scale(width, height, self.config.scale)
        if scale != self.scale or height != self._target_height:
            self.scale = scale
            self._target_height = height
            if self.layout_model is not None:
                self.show_layout(self.layout_model, self.reason)

    def show_layout(self, layout: Layout, reason: str = "", banner: str = "") -> None:
        if self.grid is not None:
            self.grid.teardown()
            self.grid.setParent(None)
            self.grid.deleteLater()
        self.grid = WallGrid(self.ctx, layout, self.kinds)
        self._box.addWidget(self.grid, 1)
        self.layout_model = layout
        self.reason = reason
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        scale_widget_tree(self, self.scale, min_text_px(self._target_height))
        if first_frame.waiting():  # the charts' plots come after the first frame: scaled then
            first_frame.after_first_frame(self._scale_late)

    def _scale_late(self) -> None:
        if isValid(self):
            scale_widget_tree(self, self.scale, min_text_px(self._target_height))

    def teardown(self) -> None:
        self.header.teardown()
        if self.grid is not None:
            self.grid.teardown()


class WallWindows(QObject):
    sig_placement_changed = Signal()
    """Windows moved, hid or came back because screens came or went."""

    def __init__(
        self,
        config: WallConfig,
        ctx: TileContext,
        kinds: dict[str, str],
        screens: Callable[[], list[QScreen]] | None = None,
        parent: QObject | None = None,
        title: str = "",
        marks: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._screens = screens or QGuiApplication.screens
        self.windows = {s.id: WallWindow(ctx, kinds, s, title, marks) for s in config.screens}
        self.placed: dict[str, str | None] = {s.id: None for s in config.screens}  # id -> screen name
        app = QGuiApplication.instance()
        # bound methods: the connections end when this object is deleted
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)

    def _screen_added(self, _screen: QScreen) -> None:
        self.place()

    def _screen_removed(self, screen: QScreen) -> None:
        self.place(gone=screen)

    def place(self, gone: QScreen | None = None) -> None:
        """Put every window on its screen; hide those whose screen is not connected."""
        qscreens = [s for s in self._screens() if s is not gone]
        by_name = {s.name(): s for s in qscreens}
        matched = match_screens(self.config, [screen_info(s) for s in qscreens])
        for sid, info in matched.items():
            w = self.windows[sid]
            if info is None:
                w.hide()
                self.placed[sid] = None
                continue
            x, y, width, height = info.geometry
            w.set_target_size(width, height)
            if info.name != "*":
                w.setScreen(by_name[info.name])
            w.setGeometry(QRect(x, y, width, height))
            if w.config.fullscreen and not w.config.span:
                w.showFullScreen()
            else:
                w.show()
            self.placed[sid] = info.name
        self.sig_placement_changed.emit()

    def show_layout(self, screen_id: str, layout: Layout, reason: str = "", banner: str = "") -> WallWindow:
        w = self.windows[screen_id]
        w.show_layout(layout, reason, banner)
        return w

    def teardown(self) -> None:
        for w in self.windows.values():
            w.teardown()
            w.close()
