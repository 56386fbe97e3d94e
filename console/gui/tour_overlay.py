"""What visitors see of a tour: the caption band at the bottom of the wall (large, readable
from ten metres, Chinese and English), and the calm attract card between two passes.

Both are children of the window's central widget laid over the wall; they follow its
size and never take the mouse (the wall under them stays what it is).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from widgets import theme

_BAND_BG = "#0c0e11"  # opaque: the wall under a caption must not show through



def _font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(theme.FONT_FAMILIES)
    f.setPixelSize(max(px, 8))
    f.setBold(bold)
    return f


class _FollowParent(QObject):
    """Keeps an overlay sized to its parent."""

    def __init__(self, overlay: QWidget) -> None:
        super().__init__(overlay)
        self.overlay = overlay
        overlay.parentWidget().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.overlay.place()
        return False


class CaptionBand(QFrame):
    """The caption: the interface language's line large, the other below it, a step count.

    It takes its place at the bottom of the parent's layout, so the wall above it shrinks
    and no tile hides under a caption; a parent without a layout gets it laid over its foot.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tourCaption")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            f"QFrame#tourCaption {{ background: {_BAND_BG}; border-top: 3px solid {theme.DEMO}; }}"
            f" QLabel {{ background: transparent; color: {theme.TEXT}; }}"
            f" QLabel#tourCaptionSecond {{ color: {theme.MUTED}; }}"
            f" QLabel#tourCaptionMark {{ color: {theme.DEMO}; }}"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 12, 40, 12)
        col = QVBoxLayout()
        col.setSpacing(4)
        self.main_label = QLabel("")
        self.main_label.setObjectName("tourCaptionMain")
        self.main_label.setWordWrap(True)
        self.second_label = QLabel("")
        self.second_label.setObjectName("tourCaptionSecond")
        self.second_label.setWordWrap(True)
        col.addWidget(self.main_label)
        col.addWidget(self.second_label)
        row.addLayout(col, 1)
        self.mark_label = QLabel("")
        self.mark_label.setObjectName("tourCaptionMark")
        self.mark_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.mark_label)
        self.in_layout = parent.layout() is not None
        if self.in_layout:
            parent.layout().addWidget(self)
        _FollowParent(self)
        self.hide()

    def show_caption(self, main: str, second: str = "", mark: str = "") -> None:
        self.main_label.setText(main)
        self.second_label.setText(second)
        self.second_label.setVisible(bool(second))
        self.mark_label.setText(mark)
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        p = self.parentWidget()
        h = p.height()
        px = max(24, int(h * 0.048))  # about 52 px on a 1080-line wall: readable from ten metres
        self.main_label.setFont(_font(px, bold=True))
        self.second_label.setFont(_font(int(px * 0.6)))
        self.mark_label.setFont(_font(int(px * 0.5), bold=True))
        band = min(int(px * 1.35 * 2 + px * 0.6 * 1.35 * 2 + 24), int(h * 0.3))
        if self.in_layout:
            self.setFixedHeight(band)
        else:
            self.setGeometry(0, h - band, p.width(), band)


class AttractCard(QFrame):
    """Between two passes of a tour: city name, 城市运营中心, 演示 DEMO. Calm, no motion."""

    def __init__(self, parent: QWidget, city_name: str, city_name_en: str, title_en: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("tourAttract")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            f"QFrame#tourAttract {{ background: {theme.BG}; }} QLabel {{ background: transparent; color: {theme.TEXT}; }}"
            f" QLabel#attractSub {{ color: {theme.MUTED}; }}"
            f" QLabel#attractMark {{ color: {theme.DEMO}; border: 3px solid {theme.DEMO}; border-radius: 6px; padding: 6px 24px; }}"
        )
        col = QVBoxLayout(self)
        col.addStretch(3)
        self.city_label = QLabel(city_name)
        self.centre_label = QLabel(QCoreApplication.translate("TourOverlay", "城市运营中心"))
        self.english_label = QLabel(title_en or f"{city_name_en} City Operations Centre")
        self.english_label.setObjectName("attractSub")
        self.demo_label = QLabel(QCoreApplication.translate("TourOverlay", "演示 DEMO"))
        self.demo_label.setObjectName("attractMark")
        for w in (self.city_label, self.centre_label, self.english_label):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(w)
        col.addSpacing(30)
        col.addWidget(self.demo_label, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(4)
        _FollowParent(self)
        self.hide()

    def show_card(self) -> None:
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        p = self.parentWidget()
        h = p.height()
        self.city_label.setFont(_font(int(h * 0.11), bold=True))
        self.centre_label.setFont(_font(int(h * 0.07)))
        self.english_label.setFont(_font(int(h * 0.035)))
        self.demo_label.setFont(_font(int(h * 0.035), bold=True))
        self.setGeometry(0, 0, p.width(), h)
