"""A read-only, calm table for tiles that list things (rows rebuilt in place, no flicker)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def make_table(headers: list[str], stretch: int = 1) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setShowGrid(False)
    head = table.horizontalHeader()
    for i in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if i == stretch else QHeaderView.ResizeMode.ResizeToContents
        head.setSectionResizeMode(i, mode)
    return table


def set_cell(table: QTableWidget, row: int, col: int, text: str, color: str | None = None, bold: bool = False, right: bool = False) -> None:
    """Set a cell's text and look, reusing the item (and skipping it when nothing changed)."""
    item = table.item(row, col)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(row, col, item)
    if item.text() != text:
        item.setText(text)
    if color is not None or item.data(Qt.ItemDataRole.UserRole) is not None:
        if item.data(Qt.ItemDataRole.UserRole) != color:
            item.setData(Qt.ItemDataRole.UserRole, color)
            if color is None:
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
            else:
                item.setForeground(QColor(color))
    if item.font().bold() != bold:
        # an item with no font of its own reports the application's, not its table's (a wall's is larger)
        f = QFont(item.font() if item.data(Qt.ItemDataRole.FontRole) is not None else table.font())
        f.setBold(bold)
        item.setFont(f)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
