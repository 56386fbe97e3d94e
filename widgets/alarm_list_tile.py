"""AlarmListTile: open alarms by warning level; sort, filter, acknowledge, shelve, and the
response steps of the selected alarm. An alarm flood is announced and grouped.

What to show is decided by console.alarms.listing (Qt-free); this class draws it.
Operator controls appear only where a session may use them, never on a wall screen.
"""

from __future__ import annotations

import fnmatch


from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from console.city_time import format_city
from console.languages import QT_TRANSLATE_NOOP
from console.alarms.listing import (
    AlarmFilter, AlarmGroup, alarm_counts, area_of, group_alarms, in_scope, pending_in_scope, scope_text, sort_alarms,
    worst_per_stream,
)
from console.alarms.metrics import FLOOD_LIMIT
from console.incidents.model import IncidentRefused
from widgets import theme
from console.layouts.layout import TileSpec
from widgets._shelve_bar import ShelveBar
from widgets.tile import Tile, TileContext
from widgets.translation import shown

translate = QCoreApplication.translate
STATE_TEXT = {  # translated where shown
    "unack": QT_TRANSLATE_NOOP("AlarmList", "未确认"), "acked": QT_TRANSLATE_NOOP("AlarmList", "已确认"),
    "rtn_unack": QT_TRANSLATE_NOOP("AlarmList", "已恢复未确认"), "shelved": QT_TRANSLATE_NOOP("AlarmList", "已搁置"),
    "suppressed": QT_TRANSLATE_NOOP("AlarmList", "已抑制"),
}
_COLUMN_SORT = {0: "severity", 1: "text", 2: "time", 3: "state"}
_GROUPINGS = (
    ("auto", QT_TRANSLATE_NOOP("AlarmList", "泛滥时分组")), ("none", QT_TRANSLATE_NOOP("AlarmList", "不分组")),
    ("rule", QT_TRANSLATE_NOOP("AlarmList", "按规则")), ("area", QT_TRANSLATE_NOOP("AlarmList", "按区域")),
)
_IDS = Qt.ItemDataRole.UserRole
_FILTERS_MIN_HEIGHT = 300


class AlarmListTile(Tile):
    kind = "alarms"
    options_schema = {
        "type": "object",
        "properties": {
            "max_rows": {"type": "integer", "minimum": 1},
            "group_by": {"enum": [g for g, _ in _GROUPINGS]},
            "show_guidance": {"type": "boolean"},
            # only alarms on these streams (globs): a domain's layout shows its own alarms
            "streams": {"type": "array", "items": {"type": "string"}},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.sort_key, self.sort_descending = "priority", True  # until a column is clicked
        self.alarms: list = []
        self.rows: list[tuple[int, ...]] = []  # the alarm ids each row stands for
        self.in_flood = False
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.flood_banner = QLabel("")
        self.flood_banner.setObjectName("floodBanner")
        self.flood_banner.hide()
        box.addWidget(self.flood_banner)
        # filters are an operator's: a read-only screen (wall, kiosk) does not build them
        self.filter_row: QWidget | None = None
        if not ctx.read_only:
            self.filter_row = QWidget()
            self.filter_row.setLayout(self._build_filters())
            box.addWidget(self.filter_row)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([translate("AlarmList", "级别"),
            translate("AlarmList", "报警"),
            translate("AlarmList", "时间"),
            translate("AlarmList", "状态")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        head = self.table.horizontalHeader()
        # sized once per refresh, not ResizeToContents: that re-measures every row at every
        # cell change (seconds for a few hundred alarms)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSortIndicatorShown(False)
        head.sectionClicked.connect(self._sort_by_column)
        if ctx.read_only:  # nothing on a wall answers a click: no sorting, no selection
            head.setSectionsClickable(False)
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        box.addWidget(self.table, 1)
        self._status = ""
        self.empty_label = QLabel("✓ " + translate("AlarmList", "无报警"))
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty_label, 1)  # an empty list: the words take the room, the filters stay on top
        self.guidance_label = QLabel("")
        self.guidance_label.setWordWrap(True)
        self.guidance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance_label.setVisible(False)
        box.addWidget(self.guidance_label)
        # a read-only screen (wall, kiosk) gets no operator controls at all, not hidden ones
        self.operable = not ctx.read_only and ctx.alarms is not None
        self.shelve_bar = self.ack_button = self.shelve_button = self.unshelve_button = self.session_label = None
        self.ack_comment_edit = self.incident_button = None
        if self.operable:
            self.shelve_bar = ShelveBar()
            self.shelve_bar.hide()
            self.shelve_bar.sig_shelve_requested.connect(self.shelve_selected)
            box.addWidget(self.shelve_bar)
            box.addLayout(self._build_actions())
            self.table.itemDoubleClicked.connect(lambda _item: self.acknowledge_selected())
            if ctx.incidents is not None:  # one key (I) in the list opens an incident from the selected alarms
                self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        ctx.signals.sig_alarms_changed.connect(self.refresh)
        self._session_revision = None
        self._update_controls()
        self.refresh()

    def _build_filters(self):
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.level_box = QComboBox()
        self.level_box.addItem(translate("AlarmList", "全部级别"), frozenset())
        for sev in (4, 3, 2, 1):
            mark, _color, label = theme.SEVERITY_STYLE[sev]
            label = translate("Severity", label)
            self.level_box.addItem(f"{mark} {label} +" if sev > 1 else f"{mark} {label}", frozenset(range(sev, 5)))
        self.state_box = QComboBox()
        self.state_box.addItem(translate("AlarmList", "全部状态"), frozenset())
        self.state_box.addItem(translate("AlarmList", "未确认（含已恢复）"), frozenset({"unack", "rtn_unack"}))
        for state in ("acked", "rtn_unack", "shelved"):
            self.state_box.addItem(translate("AlarmList", STATE_TEXT[state]), frozenset({state}))
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(translate("AlarmList", "筛选…"))
        self.text_edit.setClearButtonEnabled(True)
        self.group_box = QComboBox()
        for key, text in _GROUPINGS:
            self.group_box.addItem(translate("AlarmList", text), key)
        self.group_box.setCurrentIndex(max(self.group_box.findData(self._options.get("group_by", "auto")), 0))
        for w in (self.level_box, self.state_box, self.group_box):
            w.currentIndexChanged.connect(self.refresh)
        self.text_edit.textChanged.connect(self.refresh)
        row.addWidget(self.level_box)
        row.addWidget(self.state_box)
        row.addWidget(self.text_edit, 1)
        row.addWidget(self.group_box)
        return row

    def _build_actions(self):
        self.actions_grid = QGridLayout()
        self.session_label = QLabel("")
        self.session_label.setObjectName("muted")
        self.ack_comment_edit = QLineEdit()
        self.ack_comment_edit.setPlaceholderText(translate("AlarmList", "确认说明（同事可见）"))
        self.ack_comment_edit.setClearButtonEnabled(True)
        self.ack_button = QPushButton(translate("AlarmList", "确认"))
        # the typed words on an open alarm without acknowledging it (a shift's notes): every console sees them
        self.comment_button = QPushButton(translate("AlarmList", "仅说明"))
        self.comment_button.clicked.connect(lambda: self.comment_selected())
        self.ack_comment_edit.returnPressed.connect(lambda: self.acknowledge_selected())
        self.ack_comment_edit.textChanged.connect(lambda _t: self._update_controls())
        self.shelve_button = QPushButton(translate("AlarmList", "搁置…"))
        self.unshelve_button = QPushButton(translate("AlarmList", "取消搁置"))
        self.ack_button.clicked.connect(lambda: self.acknowledge_selected())
        self.shelve_button.clicked.connect(self.shelve_bar.open)
        self.unshelve_button.clicked.connect(self.unshelve_selected)
        if self.ctx.incidents is not None:
            self.incident_button = QPushButton(translate("AlarmList", "开事件 (I)"))
            self.incident_button.setToolTip(translate("AlarmList", "由所选报警开启事件；同一对象已有进行中的事件时并入该事件"))
            self.incident_button.clicked.connect(lambda: self.open_incident_selected())
        self._place_actions(10_000)
        return self.actions_grid

    def _place_actions(self, width: int) -> None:
        """The comment and the buttons on one row when they fit; on a narrow tile the comment on
        a row of its own and the buttons flowed under it, as many a row as fit (squeezed onto
        one row, they read "knowlec" and "nment c")."""
        grid = self.actions_grid
        buttons = [b for b in (self.ack_button, self.comment_button, self.shelve_button, self.unshelve_button,
                               self.incident_button) if b is not None]
        gap = grid.horizontalSpacing() if grid.horizontalSpacing() >= 0 else 6
        widths = [b.sizeHint().width() for b in buttons]
        rows: list[list[QPushButton]] = []
        inline = sum(widths) + gap * len(buttons) + 200 <= width  # 200: a comment field worth typing in
        if inline:
            rows = [buttons]
        else:
            used = width + 1
            for b, w in zip(buttons, widths):
                if used + gap + w > width and (not rows or rows[-1]):
                    rows.append([])
                    used = -gap
                rows[-1].append(b)
                used += gap + w
        shape = (inline, *(len(r) for r in rows))
        if shape == getattr(self, "_actions_shape", None):
            return
        self._actions_shape = shape
        for w in (self.session_label, self.ack_comment_edit, *buttons):
            grid.removeWidget(w)
        columns = max(len(r) for r in rows) + (2 if inline else 0)
        for c in range(max(grid.columnCount(), columns)):
            grid.setColumnStretch(c, 0)
        if inline:
            grid.addWidget(self.session_label, 0, 0)
            grid.addWidget(self.ack_comment_edit, 0, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 2)
            for i, b in enumerate(buttons):
                grid.addWidget(b, 0, 2 + i)
            return
        grid.addWidget(self.ack_comment_edit, 0, 0, 1, columns)
        for r, row in enumerate(rows, start=1):
            for i, b in enumerate(row):
                grid.addWidget(b, r, i)
        grid.addWidget(self.session_label, len(rows) + 1, 0, 1, columns)  # who is signed in, under the buttons
        for c in range(columns):
            grid.setColumnStretch(c, 1)

    # -- what is shown ---------------------------------------------------------
    def title_filter(self) -> str:
        """A list filtered to some streams says so in its title (its counts are not the status bar's)."""
        return shown(scope_text(self._options.get("streams")))

    def current_filter(self) -> AlarmFilter:
        if self.filter_row is None:
            return AlarmFilter()
        return AlarmFilter(self.level_box.currentData(), self.state_box.currentData(), self.text_edit.text())

    def grouping(self) -> str:
        chosen = self.group_box.currentData() if self.filter_row is not None else self._options.get("group_by", "auto")
        if chosen == "auto":
            return "rule" if self.in_flood else "none"
        return chosen

    def refresh(self) -> None:
        engine = self.ctx.alarms
        every = in_scope(engine.open_alarms() if engine else [], self._options.get("streams"))
        self.in_flood = self._flooded(engine)
        self._show_flood(engine)
        accepts = self.current_filter().accepts
        shown = [a for a in every if accepts(a)]
        grouping = self.grouping()
        if grouping == "none":
            self.alarms = sort_alarms(worst_per_stream(shown), self.sort_key, self.sort_descending)
            by_stream: dict[str, list[int]] = {}
            for a in shown:
                by_stream.setdefault(a.stream, []).append(a.id)
            entries = [(a, tuple(by_stream[a.stream])) for a in self.alarms]
        else:
            self.alarms = shown
            groups = group_alarms(shown, self._group_key(grouping))
            entries = [(g, tuple(a.id for a in g.alarms)) for g in groups]
        self._fill(entries[: self._options.get("max_rows", 200)])
        counts = alarm_counts(every)
        self._status = translate("AlarmList", "{open} 条 · {unack} 未确认 · {rows} 行").format(
            open=counts.open, unack=counts.unacked, rows=len(entries))
        self._show_pending()

    def _show_pending(self) -> None:
        """The status line and the empty list say how many limits are crossed and waiting out
        their rule's delay (a KPI already counts them: "9 above warning" beside "no alarms" lied)."""
        engine = self.ctx.alarms
        waiting = pending_in_scope(engine.pending(), self._options.get("streams")) if hasattr(engine, "pending") else 0
        note = translate("AlarmList", "{n} 条越限延时确认中").format(n=waiting) if waiting else ""
        status = f"{self._status} · {note}" if note else self._status
        if status != self.status_label.text():
            self.status_label.setText(status)
            none = "✓ " + translate("AlarmList", "无报警")
            self.empty_label.setText(f"{none}\n⏳ {note}" if note else none)

    def _group_key(self, grouping: str):
        if grouping == "rule":
            return lambda a: a.rule
        entities = self.ctx.hub.entities
        return lambda a: area_of(entities[a.entity_id].attrs) if a.entity_id in entities else "—"

    def _group_title(self, key: str) -> str:
        rule = self.ctx.alarms.rule(key) if self.grouping() == "rule" and hasattr(self.ctx.alarms, "rule") else None
        return translate("Rule", rule.title) if rule is not None else key

    def _flooded(self, engine) -> bool:
        if not (engine and getattr(engine, "in_flood", None)):
            return False
        since = self.ctx.news_since
        return bool(engine.in_flood() if since is None else engine.in_flood(since=since))

    def _show_flood(self, engine) -> None:
        if self.in_flood:
            since = self.ctx.news_since
            n = engine.new_alarms_in_window() if since is None else engine.new_alarms_in_window(since=since)
            how = {"rule": translate("AlarmList", "按规则分组"), "area": translate("AlarmList", "按区域分组")}.get(
                self.grouping(), translate("AlarmList", "未分组"))
            if self._options.get("streams"):  # the flood is the centre's: a filtered list may hold none of it
                text = translate("AlarmList", "⚠ 全中心报警泛滥：10 分钟内 {n} 条新报警（> {limit}）· {how}")
            else:
                text = translate("AlarmList", "⚠ 报警泛滥：10 分钟内 {n} 条新报警（> {limit}）· {how}")
            self.flood_banner.setText(text.format(n=n, limit=FLOOD_LIMIT, how=how))
        self.flood_banner.setVisible(self.in_flood)

    def _fill(self, entries: list[tuple[object, tuple[int, ...]]]) -> None:
        selected = set(self.selected_ids())
        table = self.table
        table.setUpdatesEnabled(False)
        table.blockSignals(True)
        table.clearSelection()
        table.setRowCount(len(entries))
        normal = QFont(table.font())
        bold = QFont(normal)
        bold.setBold(True)
        text_color = QColor(theme.TEXT)
        self.rows = []
        # translated once a fill, not once a row: a flood of alarms refills 200 rows at 10 Hz
        levels = {k: (mark, color, translate("Severity", label)) for k, (mark, color, label) in theme.SEVERITY_STYLE.items()}
        states = {k: translate("AlarmList", v) for k, v in STATE_TEXT.items()}
        for i, (item, ids) in enumerate(entries):
            mark, color, label = levels.get(item.severity, levels[1])
            if isinstance(item, AlarmGroup):
                text = translate("AlarmList", "{group} · {n} 条报警 · {unack} 未确认").format(
                    group=self._group_title(item.key), n=len(item.alarms), unack=item.unacknowledged)
                ts, state = item.newest_ts, item.state
            else:
                text, ts, state = shown(item.message), item.raised_ts, item.state
                if getattr(item, "ack_comment", None):
                    text = f"{text}  ✎ {item.acked_by}: {item.ack_comment}"
                for _ts, who, said in getattr(item, "comments", ())[-1:]:  # the latest; the details hold them all
                    text = f"{text}  ✎ {who}: {said}"
            cells = [f"{mark} {label}", text, format_city(ts, "%m-%d %H:%M"), states.get(state, state)]
            for j, cell in enumerate(cells):
                it = table.item(i, j)
                if it is None:  # items are reused: replacing them costs far more than updating
                    it = QTableWidgetItem()
                    table.setItem(i, j, it)
                it.setText(cell)
                it.setData(_IDS, ids)
                fg = QColor(color) if j == 0 else text_color
                if state == "shelved":
                    fg = QColor(theme.FAINT)
                it.setForeground(fg)
                # unacknowledged: bold, so it is seen without colour
                it.setFont(bold if state in ("unack", "rtn_unack") else normal)
            self.rows.append(ids)
            if selected & set(ids):
                table.selectRow(i)
        for col in (0, 2, 3):
            table.resizeColumnToContents(col)
        table.blockSignals(False)
        table.setUpdatesEnabled(True)
        self.table.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)
        self._selection_changed()

    def _sort_by_column(self, col: int) -> None:
        key = _COLUMN_SORT.get(col, "severity")
        self.sort_descending = not self.sort_descending if key == self.sort_key else True
        self.sort_key = key
        order = Qt.SortOrder.DescendingOrder if self.sort_descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(col, order)
        self.refresh()

    def set_sort(self, key: str, descending: bool = True) -> None:
        col = next(c for c, k in _COLUMN_SORT.items() if k == key)
        self.sort_key, self.sort_descending = key, not descending  # _sort_by_column flips it back
        self._sort_by_column(col)

    def selected_ids(self) -> list[int]:
        rows = sorted({ix.row() for ix in self.table.selectionModel().selectedRows()})
        return [aid for r in rows if r < len(self.rows) for aid in self.rows[r]]

    def selected_alarms(self) -> list:
        ids = set(self.selected_ids())
        engine = self.ctx.alarms
        return [a for a in (engine.open_alarms() if engine else []) if a.id in ids]

    def _selection_changed(self) -> None:
        chosen = self.selected_alarms()
        engine = self.ctx.alarms
        steps = ()
        if chosen and engine is not None and hasattr(engine, "guidance"):
            first = max(chosen, key=lambda a: a.severity)
            steps = engine.guidance(first)
        said = [a for a in chosen if getattr(a, "ack_comment", None) or getattr(a, "comments", ())]
        show = bool(steps or said) and self._options.get("show_guidance", True)
        if show:
            parts = []
            if steps:
                lines = "\n".join(f"{i}. {translate('Rule', s)}" for i, s in enumerate(steps, 1))
                parts.append(translate("AlarmList", "处置要点 — {alarm}").format(alarm=shown(first.message)) + f"\n{lines}")
            for a in said:  # what colleagues said on acknowledging, and since
                if getattr(a, "ack_comment", None):
                    when = format_city(a.acked_ts, "%m-%d %H:%M") if a.acked_ts else ""
                    parts.append(translate("AlarmList", "确认说明 {user} {when}：{comment}").format(
                        user=a.acked_by, when=when, comment=a.ack_comment))
                for ts, who, text in getattr(a, "comments", ()):
                    parts.append(translate("AlarmList", "说明 {user} {when}：{comment}").format(
                        user=who, when=format_city(ts, "%m-%d %H:%M"), comment=text))
            self.guidance_label.setText("\n".join(parts))
        self.guidance_label.setVisible(show)
        self._update_controls()

    # -- operator actions --------------------------------------------------------
    def _update_controls(self) -> None:
        if not self.operable:
            return
        session = self.ctx.session
        has_controls = not self.ctx.read_only and self.ctx.alarms is not None and session is not None
        chosen = self.selected_alarms() if has_controls else []
        for button, action, states in (
            (self.ack_button, "alarm.ack", ("unack", "rtn_unack")),
            (self.shelve_button, "alarm.shelve", ("unack", "acked", "rtn_unack")),
            (self.unshelve_button, "alarm.unshelve", ("shelved",)),
        ):
            button.setVisible(has_controls)
            button.setEnabled(self.ctx.can(action) and any(a.state in states for a in chosen))
        can_comment = self.ctx.can("alarm.comment") and bool(chosen)
        self.comment_button.setVisible(has_controls)
        self.comment_button.setEnabled(can_comment and bool(self.ack_comment_edit.text().strip()))
        self.ack_comment_edit.setVisible(has_controls)
        self.ack_comment_edit.setEnabled(self.ack_button.isEnabled() or can_comment)
        if self.incident_button is not None:
            self.incident_button.setVisible(has_controls)
            self.incident_button.setEnabled(self.ctx.can("incident.open") and bool(chosen))
        self.session_label.setVisible(has_controls)
        if has_controls and not session.logged_in:
            self.session_label.setText("🔒 " + translate("AlarmList", "登录后可操作"))
        elif has_controls and not self.ctx.can("alarm.ack"):
            self.session_label.setText(f"🔒 {session.user} ({session.role}): " + translate("AlarmList", "只读"))
        else:
            self.session_label.setText("")
        if not self.ctx.can("alarm.shelve"):
            self.shelve_bar.hide()

    def _allowed(self) -> bool:
        # the engine checks the role itself and audits a refusal
        if self.ctx.session is not None:
            self.ctx.session.touch()
        return self.ctx.alarms is not None and not self.ctx.read_only

    def _who(self):
        return self.ctx.session

    def acknowledge_selected(self, comment: str | None = None) -> None:
        """Acknowledge the selected alarms, with the comment typed beside the button (or ``comment``)."""
        if comment is None:
            comment = self.ack_comment_edit.text() if self.ack_comment_edit is not None else ""
        targets = [a for a in self.selected_alarms() if a.state in ("unack", "rtn_unack")]
        if targets and self._allowed():
            for a in targets:
                self.ctx.alarms.ack(a.id, self._who(), comment)
            if self.ack_comment_edit is not None:
                self.ack_comment_edit.clear()
            self.refresh()  # the engine shows it at once: so does the list, not at the next drain

    def comment_selected(self, text: str | None = None) -> None:
        """Add the typed words (or ``text``) to the selected alarms without acknowledging them."""
        if text is None:
            text = self.ack_comment_edit.text() if self.ack_comment_edit is not None else ""
        targets = self.selected_alarms()
        if targets and text.strip() and self._allowed():
            for a in targets:
                self.ctx.alarms.comment(a.id, self._who(), text)
            self.ack_comment_edit.clear()
            self.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """The list's key I opens an incident (before the table's type-to-search takes the letter)."""
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_I
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.open_incident_selected()
            return True
        return super().eventFilter(watched, event)

    def open_incident_selected(self):
        """Open an incident from the selected alarms (the worst first); an alarm on an entity with an
        open incident joins it, and the other selected alarms join the incident too. The incident
        is selected (the incident timeline shows it); a refusal is said in the tile (the book audits it)."""
        book = self.ctx.incidents
        chosen = sorted(self.selected_alarms(), key=lambda a: (-a.severity, a.raised_ts))
        if book is None or not chosen or self.ctx.read_only:
            return None
        if self.ctx.session is not None:
            self.ctx.session.touch()
        incident, refused = None, []
        for a in chosen:
            try:
                if incident is None:
                    incident = book.open_from_alarm(a, self._who())
                elif a.id not in incident.alarm_ids:
                    known = book.incident_of_alarm(a.id)
                    if known is None or known.id != incident.id:
                        incident = book.act(incident.id, "join_alarm", self._who(), alarm_id=a.id)
            except IncidentRefused as exc:
                refused.append(exc.reason)
                if incident is None:  # already in an incident: that one is the one to show
                    incident = book.incident_of_alarm(a.id)
        self.show_message(translate("AlarmList", "未开启事件：{reason}").format(reason=refused[0])
                          if refused and incident is None else "")
        selection = self.ctx.selection
        if incident is not None and selection is not None and hasattr(selection, "select_incident"):
            selection.select_incident(incident.id)
        return incident

    def shelve_selected(self, seconds: float | None, reason: str) -> None:
        targets = [a for a in self.selected_alarms() if a.state in ("unack", "acked", "rtn_unack")]
        if seconds is None:  # one-shot shelving is for alarms still active
            targets = [a for a in targets if a.active]
        if targets and self._allowed():
            for a in targets:
                self.ctx.alarms.shelve(a.id, self._who(), seconds, reason)
            self.refresh()  # the engine shows it at once: so does the list, not at the next drain

    def unshelve_selected(self) -> None:
        targets = [a for a in self.selected_alarms() if a.state == "shelved"]
        if targets and self._allowed():
            for a in targets:
                self.ctx.alarms.unshelve(a.id, self._who())
            self.refresh()  # the engine shows it at once: so does the list, not at the next drain

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # a short tile (a corner of the overview) keeps its rows; filters need the room
        if self.filter_row is not None:
            self.filter_row.setVisible(event.size().height() >= _FILTERS_MIN_HEIGHT)
        if self.ack_button is not None:
            self._place_actions(event.size().width() - 16)  # less the tile's margins
        super().resizeEvent(event)

    def on_second(self, now: float) -> None:
        session = self.ctx.session
        revision = session.revision if session is not None else None
        if revision != self._session_revision:
            self._session_revision = revision
            self._update_controls()
        engine = self.ctx.alarms
        if engine is not None and hasattr(engine, "in_flood") and self._flooded(engine) != self.in_flood:
            self.refresh()  # a flood began or ended with no alarm change (the window moved on)
        else:
            self._show_pending()  # limits crossed and waiting change without an alarm change

    def teardown(self) -> None:
        try:
            self.ctx.signals.sig_alarms_changed.disconnect(self.refresh)
        except (RuntimeError, TypeError):
            pass
        super().teardown()
