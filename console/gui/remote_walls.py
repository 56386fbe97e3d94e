"""The desk's miniature of the centre's other walls: for each wall console (online or not, from the
members list) its screens, each drawn as its layout's grid with the layout's name, why it shows it
and the playlist it plays or holds, from the wall's retained state; updated as the broker says.
From a screen's row the operator sends that wall a layout or gives the screen back to its schedule
(``WallSender``: checked, audited, an unanswered command said)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QFrame, QHBoxLayout, QLabel, QMainWindow, QMenu, QPushButton, QVBoxLayout, QWidget,
)

from console.audit.permissions import Gate
from console.centre.mirror import CentreAlarms
from console.centre.wall_overview import RemoteScreen, RemoteWall, remote_walls
from console.gui.wall_sender import WallSender
from console.layouts.layout import Layout
from widgets import theme
from widgets.translation import title_shown

SKETCH = QSize(150, 56)


class _LayoutSketch(QWidget):
    """A screen's grid as its wall said it, its tiles as boxes: what the remote screen shows, in small."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(SKETCH)
        self.screen: RemoteScreen | None = None

    def show_screen(self, screen: RemoteScreen) -> None:
        if screen != self.screen:
            self.screen = screen
            self.setToolTip(", ".join(box[4] for box in screen.boxes))
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), QColor("#000"))
            s = self.screen
            if s is None or s.rows < 1 or s.columns < 1:
                return
            cw, ch = self.width() / s.columns, self.height() / s.rows
            p.setPen(QPen(QColor(theme.MUTED), 1))
            p.setBrush(QColor(theme.TILE_BG))
            for row, col, rowspan, colspan, _kind in s.boxes:  # boxes only: a kind's name here would be too small to read
                p.drawRect(QRectF(col * cw + 1, row * ch + 1, colspan * cw - 2, rowspan * ch - 2))
        finally:
            p.end()


class _ScreenRow(QWidget):
    def __init__(self, panel: RemoteWallsPanel, console: str, screen: str) -> None:
        super().__init__(panel)
        self.panel, self.console, self.screen = panel, console, screen
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.sketch = _LayoutSketch(self)
        box.addWidget(self.sketch)
        col = QVBoxLayout()
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        col.addWidget(self.caption)
        row = QHBoxLayout()
        self.layout_combo = QComboBox()
        take = QPushButton(QCoreApplication.translate("WallPreview", "接管"))
        take.clicked.connect(lambda: panel.sender.send(console, "layout", screen, self.layout_combo.currentData() or ""))
        auto = QPushButton(QCoreApplication.translate("WallPreview", "自动"))
        auto.clicked.connect(lambda: panel.sender.send(console, "release", screen))
        row.addWidget(self.layout_combo, 1)
        row.addWidget(take)
        row.addWidget(auto)
        col.addLayout(row)
        box.addLayout(col, 1)

    def refresh(self, s: RemoteScreen, layouts: dict[str, Layout]) -> None:
        known = layouts.get(s.layout or "")
        title = known.title if known is not None and known.title else s.title  # this desk's catalog, else the wall's
        what = (title_shown(title) if title else s.layout) or "—"
        parts = [f"{self.screen} · {what}"]
        if s.reason:
            parts.append(f"[{s.reason}]")
        if s.playlist:
            parts.append((QCoreApplication.translate("RemoteWalls", "轮播 {playlist}（暂停）") if s.held
                          else QCoreApplication.translate("RemoteWalls", "轮播 {playlist}")).format(playlist=s.playlist))
        self.caption.setText(" ".join(parts))
        self.sketch.show_screen(s)
        if self.layout_combo.count() != len(layouts):
            self.layout_combo.clear()
            for name, layout in layouts.items():
                self.layout_combo.addItem(title_shown(layout.title) if layout.title else name, name)


class _WallCard(QFrame):
    def __init__(self, panel: RemoteWallsPanel, console: str) -> None:
        super().__init__(panel)
        self.setObjectName("tile")
        self.panel, self.console = panel, console
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(6, 4, 6, 6)
        self.title = QLabel("")
        self.title.setObjectName("tileTitle")
        self.box.addWidget(self.title)
        self.rows: dict[str, _ScreenRow] = {}

    def refresh(self, wall: RemoteWall, layouts: dict[str, Layout]) -> None:
        state = (QCoreApplication.translate("RemoteWalls", "在线") if wall.online
                 else QCoreApplication.translate("RemoteWalls", "离线"))
        self.title.setText(f"{'●' if wall.online else '✕'} {wall.console} · {state}")
        self.setStyleSheet("" if wall.online else f"QFrame#tile {{ border: 1px solid {theme.WARNING}; }}")
        names = [s.name for s in wall.screens]
        for gone in [n for n in self.rows if n not in names]:
            self.rows.pop(gone).deleteLater()
        for s in wall.screens:
            if s.name not in self.rows:
                self.rows[s.name] = _ScreenRow(self.panel, self.console, s.name)
                self.box.addWidget(self.rows[s.name])
            self.rows[s.name].refresh(s, layouts)
            self.rows[s.name].setEnabled(wall.online)


class RemoteWallsPanel(QWidget):
    def __init__(self, mirror: CentreAlarms, sender: WallSender, layouts: Callable[[], dict[str, Layout]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.sender = sender
        self.layouts = layouts
        self.walls: list[RemoteWall] = []
        self.changes: dict[str, int] = {}  # console -> how many states of its wall this panel has shown
        self._ts: dict[str, float | None] = {}
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.empty = QLabel(QCoreApplication.translate("RemoteWalls", "中心暂无其他大屏"))
        self.box.addWidget(self.empty)
        self.box.addStretch(1)
        self.cards: dict[str, _WallCard] = {}

    def refresh(self) -> None:
        """From the mirror's walls and members now (on the GUI thread, when the broker said something)."""
        self.walls = remote_walls(self.mirror.walls(), self.mirror.members(), self.mirror.console)
        layouts = self.layouts()
        names = [w.console for w in self.walls]
        for gone in [n for n in self.cards if n not in names]:
            self.cards.pop(gone).deleteLater()
        for i, w in enumerate(self.walls):
            if w.console not in self.cards:
                self.cards[w.console] = _WallCard(self, w.console)
            self.box.insertWidget(i, self.cards[w.console])  # moves an existing card into the order
            self.cards[w.console].refresh(w, layouts)
            if self._ts.get(w.console, -1.0) != w.ts:
                self._ts[w.console] = w.ts
                self.changes[w.console] = self.changes.get(w.console, 0) + 1
        self.empty.setVisible(not self.walls)

    def state(self) -> list[dict]:
        """What the panel shows, for ``--dump-state``."""
        return [{"console": w.console, "online": w.online, "listed": w.listed, "changes_seen": self.changes.get(w.console, 0),
                 "shown": self.cards[w.console].title.text() if w.console in self.cards else None,
                 "screens": [{"name": s.name, "layout": s.layout, "reason": s.reason, "held": s.held, "playlist": s.playlist,
                              "grid": [s.rows, s.columns], "boxes": [list(b) for b in s.boxes],
                              "caption": self.cards[w.console].rows[s.name].caption.text()} for s in w.screens]}
                for w in self.walls]


def remote_walls_dock(window: QMainWindow, runtime, gate: Gate, notice: Callable[[str], None], signals,
                      menu: QMenu | None = None) -> RemoteWallsPanel:
    """The panel in a dock of the desk, refreshed whenever the broker says something (the mirror's
    changes come as the hub's alarm signal); the dock shows itself when the first other wall appears."""
    sender = WallSender(runtime.centre, gate, notice, parent=window)
    panel = RemoteWallsPanel(runtime.centre, sender, lambda: runtime.layouts)
    dock = QDockWidget(QCoreApplication.translate("RemoteWalls", "中心大屏"), window)
    dock.setObjectName("remoteWallsDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    if menu is not None:
        menu.addAction(dock.toggleViewAction())
    first = []

    def refresh() -> None:
        panel.refresh()
        if panel.walls and not first:  # once: an operator who closes it keeps it closed
            first.append(True)
            dock.show()

    signals.sig_alarms_changed.connect(refresh)
    refresh()
    return panel
