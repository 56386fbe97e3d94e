"""The inline shelve form of the alarm list: a reason and how long. No modal dialog,
so the wall keeps updating while the operator types."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from console.languages import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate
DURATIONS = (  # the labels translated where shown
    (QT_TRANSLATE_NOOP("Shelve", "直至恢复（一次性）"), None),
    (QT_TRANSLATE_NOOP("Shelve", "15 分钟"), 900.0),
    (QT_TRANSLATE_NOOP("Shelve", "1 小时"), 3600.0),
    (QT_TRANSLATE_NOOP("Shelve", "8 小时（一个班次）"), 8 * 3600.0),
)


class ShelveBar(QWidget):
    sig_shelve_requested = Signal(object, str)
    """(seconds or None for one-shot, reason) when the operator confirms."""
    sig_cancelled = Signal()
    """The operator closed the form without shelving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(translate("Shelve", "搁置：")))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(translate("Shelve", "原因（必填）"))
        self.duration_box = QComboBox()
        for text, seconds in DURATIONS:
            self.duration_box.addItem(translate("Shelve", text), seconds)
        self.ok_button = QPushButton(translate("Shelve", "搁置"))
        self.ok_button.setEnabled(False)
        cancel = QPushButton(translate("Shelve", "取消"))
        row.addWidget(self.reason_edit, 1)
        row.addWidget(self.duration_box)
        row.addWidget(self.ok_button)
        row.addWidget(cancel)
        self.reason_edit.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        self.reason_edit.returnPressed.connect(self._confirm)
        self.ok_button.clicked.connect(self._confirm)
        cancel.clicked.connect(self._cancel)

    def open(self) -> None:
        self.reason_edit.clear()
        self.duration_box.setCurrentIndex(0)
        self.show()
        self.reason_edit.setFocus()

    def _confirm(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            return
        self.hide()
        self.sig_shelve_requested.emit(self.duration_box.currentData(), reason)

    def _cancel(self) -> None:
        self.hide()
        self.sig_cancelled.emit()
