"""The transit tiles' body: a table over a one-line note that never widens the wall."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QTableWidget, QVBoxLayout, QWidget

from widgets._table import make_table


def table_with_note(body: QWidget, headers: list[str], stretch: int = 1) -> tuple[QTableWidget, QLabel]:
    box = QVBoxLayout(body)
    box.setContentsMargins(0, 0, 0, 0)
    table = make_table(headers, stretch)
    box.addWidget(table, 1)
    note = QLabel("")
    note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
    note.setObjectName("muted")
    box.addWidget(note)
    return table, note
