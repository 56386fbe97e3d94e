"""The layout editor: the grid drawn as boxes, a tile's place and options, save as, undo.

A thin view over ``console.wall.layout_edit.LayoutEdit``: every change goes through
its validated operations, a refused one is shown in the status line and changes
nothing. Arrow keys move the selected tile, Shift+arrows resize it, Delete removes
it, Ctrl+Z / Ctrl+Shift+Z undo and redo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSpinBox,
    QVBoxLayout, QWidget,
)

from widgets import theme
from widgets.translation import title_shown
from console.gui.options_form import OptionsForm
from console.layouts.layout import Layout
from console.plugins.api import load_object
from console.wall.layout_edit import EditError, LayoutEdit


class _GridCanvas(QWidget):
    """The layout's grid in miniature; a click selects the tile or the empty cell under it."""

    sig_cell_clicked = Signal(int, int)
    """A cell was clicked (row, column)."""

    def __init__(self, editor: LayoutEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setMinimumSize(480, 300)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _cell_rect(self, row: int, col: int, rowspan: int = 1, colspan: int = 1) -> QRect:
        lay = self.editor.edit.layout
        w, h = self.width() - 8, self.height() - 8
        x0, y0 = 4 + col * w // lay.columns, 4 + row * h // lay.rows
        x1, y1 = 4 + (col + colspan) * w // lay.columns, 4 + (row + rowspan) * h // lay.rows
        return QRect(x0, y0, x1 - x0, y1 - y0).adjusted(2, 2, -2, -2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        lay = self.editor.edit.layout
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(theme.BG))
        p.setPen(QPen(QColor(theme.FAINT), 1, Qt.PenStyle.DotLine))
        for r in range(lay.rows):
            for c in range(lay.columns):
                p.drawRect(self._cell_rect(r, c))
        for i, t in enumerate(lay.tiles):
            rect = self._cell_rect(t.row, t.col, t.rowspan, t.colspan)
            selected = i == self.editor.selected
            p.fillRect(rect, QColor(theme.TILE_BG))
            p.setPen(QPen(QColor(theme.WARNING if selected else theme.TILE_BORDER), 3 if selected else 1))
            p.drawRect(rect)
            p.setPen(QColor(theme.TEXT))
            p.drawText(rect.adjusted(6, 4, -6, -4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                       f"{t.kind}\n{title_shown(t.title) if t.title else ''}")
        cell = self.editor.cell
        if self.editor.selected is None and cell is not None:
            p.setPen(QPen(QColor(theme.WARNING), 2, Qt.PenStyle.DashLine))
            p.drawRect(self._cell_rect(*cell))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        lay = self.editor.edit.layout
        pos: QPoint = event.position().toPoint()
        col = min(lay.columns - 1, max(0, (pos.x() - 4) * lay.columns // max(1, self.width() - 8)))
        row = min(lay.rows - 1, max(0, (pos.y() - 4) * lay.rows // max(1, self.height() - 8)))
        self.sig_cell_clicked.emit(row, col)


class LayoutEditor(QDialog):
    sig_layout_saved = Signal(object)
    """A layout was saved as a new file (the Layout, its ``source`` the path)."""
    sig_layout_applied = Signal(object)
    """The operator asked to show the edited layout on screen (the Layout)."""

    def __init__(self, layout: Layout, kinds: dict[str, str], layouts_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("LayoutEditor", "编辑布局 · {name}").format(name=layout.title or layout.name))
        self.edit = LayoutEdit(layout)
        self.kinds = kinds
        self.layouts_dir = Path(layouts_dir)
        self.selected: int | None = 0 if layout.tiles else None
        self.cell: tuple[int, int] | None = None
        self.form: OptionsForm | None = None
        self.resize(1100, 680)

        self.canvas = _GridCanvas(self)
        self.canvas.sig_cell_clicked.connect(self.select_cell)
        side = QVBoxLayout()
        grid_row = QHBoxLayout()
        self.rows_spin, self.cols_spin = QSpinBox(), QSpinBox()
        for s in (self.rows_spin, self.cols_spin):
            s.setRange(1, 24)
        grid_row.addWidget(QLabel(QCoreApplication.translate("LayoutEditor", "网格")))
        grid_row.addWidget(self.rows_spin)
        grid_row.addWidget(QLabel("×"))
        grid_row.addWidget(self.cols_spin)
        grid_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "应用网格"))
        grid_btn.clicked.connect(lambda: self._do(self.edit.set_grid, self.rows_spin.value(), self.cols_spin.value()))
        grid_row.addWidget(grid_btn)
        side.addLayout(grid_row)

        add_row = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.addItems(sorted(kinds))
        add_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "添加图块"))
        add_btn.clicked.connect(self.add_tile)
        add_row.addWidget(self.kind_combo, 1)
        add_row.addWidget(add_btn)
        side.addLayout(add_row)

        place = QFormLayout()
        self.title_edit = QLineEdit()
        self.row_spin, self.col_spin, self.rowspan_spin, self.colspan_spin = (QSpinBox() for _ in range(4))
        for s in (self.row_spin, self.col_spin):
            s.setRange(0, 23)
        for s in (self.rowspan_spin, self.colspan_spin):
            s.setRange(1, 24)
        place.addRow(QCoreApplication.translate("LayoutEditor", "标题"), self.title_edit)
        pos_row = QHBoxLayout()
        for label, s in (("row", self.row_spin), ("col", self.col_spin), ("rowspan", self.rowspan_spin), ("colspan", self.colspan_spin)):
            pos_row.addWidget(QLabel(label))
            pos_row.addWidget(s)
        place.addRow(pos_row)
        side.addLayout(place)
        self.options_area = QScrollArea()
        self.options_area.setWidgetResizable(True)
        self.options_area.setStyleSheet(f"QScrollArea, QScrollArea > QWidget > QWidget {{ background: {theme.BG}; }}")
        side.addWidget(QLabel(QCoreApplication.translate("LayoutEditor", "选项")))
        side.addWidget(self.options_area, 1)
        btns = QHBoxLayout()
        self.apply_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "应用到图块"))
        self.apply_btn.clicked.connect(self.apply_tile)
        self.remove_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "删除"))
        self.remove_btn.clicked.connect(self.remove_tile)
        btns.addWidget(self.apply_btn)
        btns.addWidget(self.remove_btn)
        side.addLayout(btns)

        save_row = QHBoxLayout()
        self.name_edit = QLineEdit(f"{layout.name}-copy")
        self.name_edit.setPlaceholderText("new layout name")
        self.undo_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "撤销"))
        self.undo_btn.clicked.connect(self.undo)
        save_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "另存为"))
        save_btn.clicked.connect(self.save_as)
        show_btn = QPushButton(QCoreApplication.translate("LayoutEditor", "上屏"))
        show_btn.clicked.connect(lambda: self.sig_layout_applied.emit(self.edit.layout))
        save_row.addWidget(self.undo_btn)
        save_row.addWidget(self.name_edit, 1)
        save_row.addWidget(save_btn)
        save_row.addWidget(show_btn)
        self.status = QLabel("")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.canvas, 3)
        top.addLayout(side, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addLayout(save_row)
        outer.addWidget(self.status)

        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.redo)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.canvas, self.remove_tile)
        for key, (dr, dc) in {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}.items():
            QShortcut(QKeySequence(key), self.canvas, lambda dr=dr, dc=dc: self.nudge(dr, dc))
            QShortcut(QKeySequence(Qt.KeyboardModifier.ShiftModifier | key), self.canvas, lambda dr=dr, dc=dc: self.nudge(dr, dc, resize=True))
        self._refresh()

    # -- actions ---------------------------------------------------------------
    def select_cell(self, row: int, col: int) -> None:
        self.selected = self.edit.tile_at(row, col)
        self.cell = (row, col)
        self._refresh()

    def add_tile(self) -> None:
        cell = self.cell if self.cell and self.edit.tile_at(*self.cell) is None else self.edit.free_cell()
        if cell is None:
            self._say(QCoreApplication.translate("LayoutEditor", "没有空位：请删除一个图块或扩大网格"))
            return
        kind = self.kind_combo.currentText()
        if self._do(self.edit.add, kind, *cell, title=kind):
            self.selected = len(self.edit.layout.tiles) - 1

    def apply_tile(self) -> None:
        i = self.selected
        if i is None:
            return
        try:
            options = self.form.options() if self.form else {}
        except ValueError as exc:
            self._say(QCoreApplication.translate("LayoutEditor", "选项无效，未应用：{error}").format(error=exc))
            return
        t = self.edit.layout.tiles[i]
        new = (self.row_spin.value(), self.col_spin.value(), self.rowspan_spin.value(), self.colspan_spin.value())
        before = self.edit.layout
        try:
            if (t.row, t.col) != new[:2]:
                self.edit.move(i, *new[:2])
            if (t.rowspan, t.colspan) != new[2:]:
                self.edit.resize(i, *new[2:])
            if self.title_edit.text() != t.title:
                self.edit.set_title(i, self.title_edit.text())
            if options != t.options:
                self.edit.set_options(i, options)
        except EditError as exc:
            while self.edit.layout != before and self.edit.undo():  # all or nothing
                pass
            self._say(QCoreApplication.translate("LayoutEditor", "未应用：{error}").format(error=exc))  # the form keeps what was typed, to correct it
            return
        self._say(QCoreApplication.translate("LayoutEditor", "已应用"))
        self._refresh(keep_status=True)

    def remove_tile(self) -> None:
        if self.selected is not None and self._do(self.edit.remove, self.selected):
            self.selected = None

    def nudge(self, dr: int, dc: int, resize: bool = False) -> None:
        i = self.selected
        if i is None:
            return
        t = self.edit.layout.tiles[i]
        if resize:
            self._do(self.edit.resize, i, t.rowspan + dr, t.colspan + dc)
        else:
            self._do(self.edit.move, i, t.row + dr, t.col + dc)

    def undo(self) -> None:
        self.edit.undo()
        self._refresh()

    def redo(self) -> None:
        self.edit.redo()
        self._refresh()

    def save_as(self) -> Path | None:
        name = self.name_edit.text().strip()
        if not name:
            self._say(QCoreApplication.translate("LayoutEditor", "请输入新布局的名称"))
            return None
        try:
            path = self.edit.save_as(self.layouts_dir, name, self.edit.layout.title or name)
        except (EditError, OSError) as exc:
            self._say(QCoreApplication.translate("LayoutEditor", "未保存：{error}").format(error=exc))
            return None
        self._say(QCoreApplication.translate("LayoutEditor", "已保存：{path}").format(path=path))
        self.sig_layout_saved.emit(self.edit.layout)
        return path

    # -- internals -------------------------------------------------------------
    def _do(self, op, *args, **kwargs) -> bool:
        try:
            op(*args, **kwargs)
        except EditError as exc:
            self._say(QCoreApplication.translate("LayoutEditor", "未执行：{error}").format(error=exc))
            return False
        self._refresh()
        return True

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _refresh(self, keep_status: bool = False) -> None:
        lay = self.edit.layout
        if self.selected is not None and self.selected >= len(lay.tiles):
            self.selected = None
        self.rows_spin.setValue(lay.rows)
        self.cols_spin.setValue(lay.columns)
        self.undo_btn.setEnabled(self.edit.can_undo)
        t = lay.tiles[self.selected] if self.selected is not None else None
        for w in (self.title_edit, self.row_spin, self.col_spin, self.rowspan_spin, self.colspan_spin, self.apply_btn, self.remove_btn):
            w.setEnabled(t is not None)
        if t is not None:
            self.title_edit.setText(t.title)
            self.row_spin.setValue(t.row)
            self.col_spin.setValue(t.col)
            self.rowspan_spin.setValue(t.rowspan)
            self.colspan_spin.setValue(t.colspan)
        self.form = OptionsForm(self._schema(t.kind), t.options) if t is not None else None
        self.options_area.setWidget(self.form or QLabel(QCoreApplication.translate("LayoutEditor", "选择一个图块")))
        if not keep_status:
            self.status.setText("")
        self.canvas.update()

    def _schema(self, kind: str) -> dict:
        ref = self.kinds.get(kind)
        if ref is None:
            return {"type": "object"}
        try:
            return load_object(ref).options_schema
        except Exception:  # a tile class that cannot load still gets a JSON "other" box
            return {"type": "object"}
