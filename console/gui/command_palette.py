"""The command palette (Ctrl+K): type a layout's name or a command, Enter runs the first match."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from widgets.translation import shown
from console.wall.commands import Command, palette_entries


class CommandPalette(QDialog):
    def __init__(self, entries: Callable[[], tuple[dict[str, str], list[str]]], run: Callable[[Command], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.entries = entries
        self.run = run
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        self.input = QLineEdit()
        self.input.setPlaceholderText(QCoreApplication.translate("Palette", "布局名称或命令（auto, hold, veto, play …）"))
        self.list = QListWidget()
        box.addWidget(self.input)
        box.addWidget(self.list)
        self.input.textChanged.connect(self._filter)
        self.input.returnPressed.connect(self._run_first)
        self.list.itemActivated.connect(self._run_item)
        self._filter("")

    def _filter(self, text: str) -> None:
        layouts, playlists = self.entries()
        self.list.clear()
        for cmd in palette_entries(text, layouts, playlists)[:12]:
            item = QListWidgetItem(shown(cmd.label))
            item.setData(Qt.ItemDataRole.UserRole, cmd)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def _run_first(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._run_item(item)

    def _run_item(self, item: QListWidgetItem) -> None:
        self.accept()
        self.run(item.data(Qt.ItemDataRole.UserRole))
