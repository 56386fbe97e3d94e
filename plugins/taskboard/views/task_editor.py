"""TaskEditor: the operator's table of the task book, filterable, edited in place.

Every edit is a request to the task board service (through ``board_signals(ctx)``), which saves it in
the cache at once with an audit row naming ``ctx.user``; the table, like the wall's
board, shows what comes back. A refused edit (a bad date, progress over 100) is
named in the message line and the cell goes back to the saved value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDoubleSpinBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QSpinBox, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from console.city_time import city_time
from widgets import theme
from plugins.taskboard.views.task_signals import board_signals
from plugins.taskboard.board_service import BoardState
from console.languages import QT_TRANSLATE_NOOP
from plugins.taskboard.model import Category, Status, Task, TaskBook
from widgets.tile import TileContext

# (field, header); None is read-only text from the book
COLUMNS: tuple[tuple[str, str], ...] = (  # headers shown through the catalog
    ("key", QT_TRANSLATE_NOOP("TaskEditor", "编号")), ("title", QT_TRANSLATE_NOOP("TaskEditor", "任务")),
    ("status", QT_TRANSLATE_NOOP("TaskEditor", "状态")), ("progress", QT_TRANSLATE_NOOP("TaskEditor", "进度 %")),
    ("owner", QT_TRANSLATE_NOOP("TaskEditor", "责任单位")), ("contact", QT_TRANSLATE_NOOP("TaskEditor", "联系人")),
    ("due", QT_TRANSLATE_NOOP("TaskEditor", "截止")), ("weight", QT_TRANSLATE_NOOP("TaskEditor", "权重")),
    ("evidence", QT_TRANSLATE_NOOP("TaskEditor", "佐证说明")),
)
FIELDS = tuple(f for f, _ in COLUMNS)
EDITABLE = frozenset(FIELDS) - {"key", "title"}
ALL = QT_TRANSLATE_NOOP("TaskEditor", "全部")  # the filters' first entry: no filter


def _evidence_text(evidence: list[str]) -> str:
    return "; ".join(evidence)


def _evidence_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("；", ";").split(";") if part.strip()]


class TaskTableModel(QAbstractTableModel):
    """Rows are every task of the book, parents before their sub-items."""

    def __init__(self, ctx: TileContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = city_time().date(ctx.hub.clock.now())
        self.rows: list[tuple[Task, int, Category | None]] = []   # task, depth, its top task's category
        self._pending: dict[tuple[str, str], Any] = {}             # shown until the saved value returns

    def set_book(self, book: TaskBook | None, today: date) -> None:
        rows = []
        if book is not None:
            for top in book.top_tasks():
                for task in top.walk():
                    rows.append((task, task.key.count(".") - top.key.count("."), top.category))
        same_shape = [r[0].key for r in rows] == [r[0].key for r in self.rows]
        self.today = today
        self._pending.clear()
        if same_shape and rows:
            self.rows = rows   # keep open editors and the selection: only values changed
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()

    def edit_failed(self, key: str) -> None:
        for k in [k for k in self._pending if k[0] == key]:
            del self._pending[k]
        for row, (task, _, _) in enumerate(self.rows):
            if task.key == key:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt's model interface --------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TaskEditor", COLUMNS[section][1])
        return None

    def _may_edit(self) -> bool:
        """Editing needs a login with the right role (a console without sessions: not read-only)."""
        if self.ctx.session is None:
            return not self.ctx.read_only
        return self.ctx.can("task.edit")

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if FIELDS[index.column()] in EDITABLE and self._may_edit():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def value(self, row: int, field: str) -> Any:
        task = self.rows[row][0]
        return self._pending.get((task.key, field), getattr(task, field))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task, depth, _ = self.rows[index.row()]
        field = FIELDS[index.column()]
        value = self.value(index.row(), field)
        if role == Qt.ItemDataRole.EditRole:
            if field == "status":
                return value.value
            if field == "due":
                return value.isoformat() if value else ""
            if field == "evidence":
                return _evidence_text(value)
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "title":
                return "　" * depth + f"{task.number} {task.title}"
            if field == "status":
                return f"▲ {value.value}" if value is Status.BLOCKED else value.value
            if field == "due":
                if not value:
                    return ""
                return f"▲ {value.isoformat()}" if self._late(index.row(), value) else value.isoformat()
            if field == "progress":
                return f"{value}"
            if field == "weight":
                return f"{value:g}"
            if field == "evidence":
                return _evidence_text(value)
            return value
        if role == Qt.ItemDataRole.ForegroundRole:
            late = field == "due" and value and self._late(index.row(), value)
            if late or (field == "status" and value is Status.BLOCKED):
                return QColor(theme.WARNING)
            if field == "key":
                return QColor(theme.MUTED)
        if role == Qt.ItemDataRole.ToolTipRole and field == "title":
            return task.text or task.title
        return None

    def _late(self, row: int, due: date) -> bool:
        return due < self.today and self.value(row, "status") is not Status.DONE

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or board_signals(self.ctx) is None:
            return False
        task = self.rows[index.row()][0]
        field = FIELDS[index.column()]
        if field not in EDITABLE:
            return False
        new = _from_editor(field, value)
        if new == self.data(index, Qt.ItemDataRole.EditRole) or (field == "evidence" and new == self.value(index.row(), field)):
            return False
        # shown at once; the saved value replaces it when the service answers
        self._pending[(task.key, field)] = _model_value(field, new)
        board_signals(self.ctx).update_task(task.key, {field: new}, self.ctx.operator())
        self.dataChanged.emit(index, index)
        return True


def _from_editor(field: str, value: Any) -> Any:
    if field == "evidence":
        return _evidence_list(str(value))
    if field == "due":
        return str(value).strip().lstrip("▲ ").strip()
    return value


def _model_value(field: str, value: Any) -> Any:
    """A best guess at the saved value, for display until the service answers."""
    try:
        if field == "status":
            return Status(value)
        if field == "due":
            return date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return value


class _TaskFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status: Status | None = None
        self.category: Category | None = None

    def set_filter(self, text: str, status: Status | None, category: Category | None) -> None:
        self.beginFilterChange()
        self.text, self.status, self.category = text.strip().lower(), status, category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model: TaskTableModel = self.sourceModel()
        task, _, category = model.rows[source_row]
        if self.status is not None and model.value(source_row, "status") is not self.status:
            return False
        if self.category is not None and category is not self.category:
            return False
        if self.text:
            hay = " ".join((task.key, task.title, task.owner, task.contact, _evidence_text(task.evidence))).lower()
            return self.text in hay
        return True


class _Delegate(QStyledItemDelegate):
    """Editors that only offer valid values where the field has a range."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        field = FIELDS[index.column()]
        if field == "status":
            box = QComboBox(parent)
            box.addItems([s.value for s in Status])
            return box
        if field == "progress":
            spin = QSpinBox(parent)
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            return spin
        if field == "weight":
            spin = QDoubleSpinBox(parent)
            spin.setRange(0, 1000)
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            return spin
        editor = super().createEditor(parent, option, index)
        if field == "due" and isinstance(editor, QLineEdit):
            editor.setPlaceholderText("YYYY-MM-DD")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class TaskEditor(QDialog):
    """A non-modal window over the wall; Ctrl+T in the main window opens it.

    The main window keeps one and hides it on close, so it stays current while hidden.
    """

    def __init__(self, ctx: TileContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = board_signals(ctx)
        self.ctx = ctx
        self.setWindowTitle(QCoreApplication.translate("TaskEditor", "任务书编辑"))
        self.resize(1400, 760)
        col = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("TaskEditor", "筛选：编号、任务、责任单位 …"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.addItems([QCoreApplication.translate("TaskEditor", ALL)] + [s.value for s in Status])
        self.category_combo = QComboBox()
        self.category_combo.addItems([QCoreApplication.translate("TaskEditor", ALL)] + [c.value for c in Category])
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(QLabel(QCoreApplication.translate("TaskEditor", "状态")))
        bar.addWidget(self.status_combo)
        bar.addWidget(QLabel(QCoreApplication.translate("TaskEditor", "类别")))
        bar.addWidget(self.category_combo)
        col.addLayout(bar)
        self.message_label = QLabel("")
        self.message_label.setObjectName("tileMessage")
        self.message_label.setWordWrap(True)
        col.addWidget(self.message_label)
        self.model = TaskTableModel(ctx, self)
        self.proxy = _TaskFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(_Delegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(FIELDS.index("title"), QHeaderView.ResizeMode.Stretch)
        for field, width in (("key", 110), ("status", 90), ("progress", 140), ("owner", 170), ("contact", 170),
                             ("due", 120), ("weight", 90), ("evidence", 220)):
            self.table.setColumnWidth(FIELDS.index(field), width)
        col.addWidget(self.table, 1)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.category_combo.currentIndexChanged.connect(self._apply_filter)
        if self.tasks is None:
            self.message_label.setText(QCoreApplication.translate("TaskEditor", "本控制台没有任务看板服务"))
            return
        self.tasks.sig_board_changed.connect(self.show_state)
        self.tasks.sig_edit_failed.connect(self._edit_failed)
        self.show_state(self.tasks.state)

    def show_state(self, state: BoardState) -> None:
        today = state.summary.as_of if state.summary else city_time().date(self.ctx.hub.clock.now())
        self.model.set_book(state.book, today)
        notes = []
        if state.book is None:
            notes.append(state.message or QCoreApplication.translate("TaskEditor", "载入任务书…"))
        elif state.demo:
            notes.append(QCoreApplication.translate("TaskEditor", "◇ 演示数据：进度、责任单位和日期为演示生成"))
        if self.ctx.read_only:
            notes.append(QCoreApplication.translate("TaskEditor", "只读：本控制台不可编辑"))
        elif self.ctx.session is not None and not self.ctx.can("task.edit"):
            notes.append(QCoreApplication.translate("TaskEditor", "🔒 值班员登录后可编辑"))
        self._base_message = " · ".join(notes)
        self.message_label.setText(self._base_message)
        self.message_label.setStyleSheet(f"color: {theme.DEMO if state.demo else theme.MUTED};")

    def _edit_failed(self, key: str, why: str) -> None:
        self.model.edit_failed(key)
        self.message_label.setText(QCoreApplication.translate("TaskEditor", "▲ 未保存：{key}：{why}").format(key=key, why=why))
        self.message_label.setStyleSheet(f"color: {theme.WARNING};")

    def _apply_filter(self) -> None:
        status = self.status_combo.currentText()
        category = self.category_combo.currentText()
        self.proxy.set_filter(self.filter_edit.text(),
                              None if self.status_combo.currentIndex() == 0 else Status(status),
                              None if self.category_combo.currentIndex() == 0 else Category(category))


def open_task_editor(ctx: TileContext, window: QWidget) -> "TaskEditor":
    """The desk's Ctrl+T (a desk action in the manifest): open, or raise, the one task editor."""
    editor = getattr(window, "task_editor", None)
    if editor is None:
        editor = TaskEditor(ctx, window)
        window.task_editor = editor
    if editor.isVisible():
        editor.raise_()
    else:
        editor.show()
    return editor
