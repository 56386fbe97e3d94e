"""The camera grid's two faces: a painted N x M grid of thumbnails, and one camera enlarged.

Both only draw what the tile hands them (``CellState``); neither fetches nor decodes.
The grid paints all cells in one paintEvent: a thousand QLabels would cost more than
the pictures. Offline cameras keep their last frame, darkened, with the reason in
words and a ✕; colour appears only for abnormal states, never alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from console.freshness import format_age
from widgets import theme

ASPECT = 16 / 9


@dataclass
class CellState:
    """What one cell shows. The tile owns these and updates them on the GUI thread."""

    camera: str
    name: str
    image: QImage | None = None
    image_ts: float | None = None
    offline: bool = False
    reason: str = ""  # why it is offline, in words
    age_s: float | None = None  # of the frame shown
    stale: bool = False  # the frame is older than a few refreshes (the camera answers, slowly)
    alarm: str = ""  # "▲ near MH-03 above warning" when pushed forward by an alarm
    alarm_color: str = ""


def image_rect(cell: QRect, text_h: int) -> QRect:
    """The 16:9 picture area inside a cell, above its caption line."""
    avail_w, avail_h = cell.width() - 4, cell.height() - text_h - 6
    w = min(avail_w, int(avail_h * ASPECT))
    h = int(w / ASPECT)
    return QRect(cell.x() + (cell.width() - w) // 2, cell.y() + 2, max(w, 1), max(h, 1))


class CameraGridView(QWidget):
    sig_camera_clicked = Signal(str)
    """An operator clicked a camera's cell (the tile enlarges it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows, self.columns = 3, 4
        self.cells: list[CellState] = []
        self.setMouseTracking(False)
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def _small(self) -> QFont:
        # from the current font: a wall scales the widget's font after the grid is built
        small = QFont(self.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        return small

    def painted_fonts(self) -> list[QFont]:
        """The fonts the cells' captions and marks are painted with (the state dump measures them)."""
        return [self.font(), self._small] if self.cells else []

    def set_grid(self, rows: int, columns: int) -> None:
        self.rows, self.columns = max(1, rows), max(1, columns)
        self.update()

    def set_cells(self, cells: list[CellState]) -> None:
        self.cells = cells
        self.update()

    def cell_rect(self, index: int) -> QRect:
        w, h = self.width() / self.columns, self.height() / self.rows
        r, c = divmod(index, self.columns)
        return QRect(int(c * w), int(r * h), int(w) - 4, int(h) - 4)

    def thumb_size(self) -> QSize:
        """The size thumbnails should be decoded at for the current geometry."""
        return image_rect(self.cell_rect(0), self._text_h()).size()

    def _text_h(self) -> int:
        return self.fontMetrics().height() + 2

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        for i, cell in enumerate(self.cells):
            if self.cell_rect(i).contains(pos):
                self.sig_camera_clicked.emit(cell.camera)
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        text_h = self._text_h()
        for i, cell in enumerate(self.cells[: self.rows * self.columns]):
            rect = self.cell_rect(i)
            if not rect.intersects(event.rect()):
                continue
            self._paint_cell(p, rect, image_rect(rect, text_h), cell)
        p.end()

    def _paint_cell(self, p: QPainter, rect: QRect, pic: QRect, cell: CellState) -> None:
        p.fillRect(pic, QColor("#111315"))
        if cell.image is not None:
            p.drawImage(QRectF(pic), cell.image)
        else:
            p.setPen(QColor(theme.FAINT))
            p.drawText(pic, Qt.AlignmentFlag.AlignCenter, "无图像\nno picture yet")
        if cell.offline:
            p.fillRect(pic, QColor(0, 0, 0, 165))
            p.setPen(QColor(theme.WARNING))
            p.drawText(pic, Qt.AlignmentFlag.AlignCenter, f"✕ 离线 OFFLINE\n{cell.reason}")
        elif cell.stale and cell.image is not None:
            p.fillRect(pic, QColor(0, 0, 0, 90))
        if cell.alarm:
            p.setPen(QPen(QColor(cell.alarm_color or theme.WARNING), 1))
            p.drawRect(pic.adjusted(1, 1, -2, -2))
            p.setFont(self._small)
            p.fillRect(QRect(pic.x() + 2, pic.y() + 2, pic.width() - 4, p.fontMetrics().height() + 2), QColor(0, 0, 0, 170))
            p.setPen(QColor(cell.alarm_color or theme.WARNING))
            p.drawText(pic.adjusted(6, 3, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, cell.alarm)
            p.setFont(self.font())
        # caption: name left, age right (muted; marked when the picture is old)
        cap = QRect(pic.x(), pic.bottom() + 3, pic.width(), self._text_h())
        age = format_age(cell.age_s) if cell.age_s is not None else "—"
        age_text = f"◌ {age}" if (cell.stale or cell.offline) else age
        p.setFont(self._small)
        fm = p.fontMetrics()
        age_w = fm.horizontalAdvance(age_text) + 6
        p.setPen(QColor(theme.FAINT if (cell.stale or cell.offline) else theme.MUTED))
        p.drawText(cap, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, age_text)
        p.setPen(QColor(theme.MUTED if cell.offline else theme.TEXT))
        name = fm.elidedText(cell.name, Qt.TextElideMode.ElideRight, max(cap.width() - age_w, 10))
        p.drawText(cap, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        p.setFont(self.font())


class CameraFocusView(QWidget):
    """One camera, large, with steps back through its recent frames."""

    sig_closed = Signal()
    """The operator went back to the grid."""
    sig_step_requested = Signal(int)
    """-1 older, +1 newer, 0 back to live."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell: CellState | None = None
        self.position = ""  # "live" or "frame 3 of 40"
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.picture = _Picture(self)
        box.addWidget(self.picture, 1)
        bar = QHBoxLayout()
        self.caption = QLabel("")
        self.caption.setObjectName("muted")
        bar.addWidget(self.caption, 1)
        self.older_button = QPushButton("◀ 上一帧 older")
        self.newer_button = QPushButton("下一帧 newer ▶")
        self.live_button = QPushButton("● 实时 live")
        self.back_button = QPushButton("▦ 返回 grid")
        for b, step in ((self.older_button, -1), (self.newer_button, 1), (self.live_button, 0)):
            b.clicked.connect(lambda _=False, s=step: self.sig_step_requested.emit(s))
            bar.addWidget(b)
        self.back_button.clicked.connect(self.sig_closed.emit)
        bar.addWidget(self.back_button)
        box.addLayout(bar)
        self.picture.sig_clicked.connect(self.sig_closed.emit)

    def hide_controls(self) -> None:
        """For a read-only screen: a picture and its caption, nothing to press."""
        for b in (self.older_button, self.newer_button, self.live_button, self.back_button):
            b.hide()
        self.picture.sig_clicked.disconnect(self.sig_closed.emit)

    def show_cell(self, cell: CellState, position: str, can_older: bool, can_newer: bool) -> None:
        self.cell = cell
        self.picture.cell = cell
        self.picture.update()
        age = format_age(cell.age_s) if cell.age_s is not None else "—"
        state = f"✕ 离线 OFFLINE · {cell.reason}" if cell.offline else "在线 online"
        self.caption.setText(f"{cell.camera} · {cell.name} · {state} · {position} · {age}")
        self.older_button.setEnabled(can_older)
        self.newer_button.setEnabled(can_newer)
        self.live_button.setEnabled(can_newer)

    def picture_size(self) -> QSize:
        return image_rect(self.picture.rect(), 0).size()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.sig_step_requested.emit(-1)
        elif key == Qt.Key.Key_Right:
            self.sig_step_requested.emit(1)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            self.sig_closed.emit()
        else:
            super().keyPressEvent(event)


class _Picture(QWidget):
    sig_clicked = Signal()
    """Clicked: back to the grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell: CellState | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.sig_clicked.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        pic = image_rect(self.rect(), 0)
        p.fillRect(pic, QColor("#111315"))
        cell = self.cell
        if cell is not None and cell.image is not None:
            p.drawImage(QRectF(pic), cell.image)
        if cell is not None and cell.offline:
            p.fillRect(pic, QColor(0, 0, 0, 150))
            p.setPen(QColor(theme.WARNING))
            p.drawText(pic, Qt.AlignmentFlag.AlignCenter, f"✕ 离线 OFFLINE\n{cell.reason}")
        p.end()
