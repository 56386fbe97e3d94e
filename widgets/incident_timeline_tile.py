"""IncidentTimelineTile: one incident (the one selected, else the newest open one): its level,
place, state and plan; the plan's timers and steps with due time and done (or the time over,
red); and its timeline, every action with who and when. On the desk an operator may note,
tick a step done, or close with a summary; a wall shows it read-only.

It shows what ``ctx.incidents`` (console.incidents.book.IncidentBook) holds; it never fetches.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from console.city_time import format_city
from console.incidents.model import IncidentRefused
from console.incidents.plans import timers
from console.layouts.layout import TileSpec
from widgets import _incident_text as txt
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext

translate = QCoreApplication.translate
_STEP = Qt.ItemDataRole.UserRole + 1


class IncidentTimelineTile(Tile):
    kind = "incident_timeline"
    options_schema = {
        "type": "object",
        "properties": {
            "follow_selection": {"type": "boolean"},  # the incident selected (default), else the newest open one
            "max_entries": {"type": "integer", "minimum": 1},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.incident = None
        self.step_ids: list[str | None] = []  # the step each row of the steps table stands for (None: a timer)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.head_label = QLabel("")
        self.head_label.setWordWrap(True)
        self.head_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.head_label)
        self.steps = make_table([translate("Incident", "环节"), translate("Incident", "时限"),
                                 translate("Incident", "完成")], stretch=0)
        box.addWidget(self.steps, 1)
        self.timeline = make_table([translate("Incident", "时间"), translate("Incident", "人员"),
                                    translate("Incident", "动作"), translate("Incident", "内容")], stretch=3)
        box.addWidget(self.timeline, 1)
        self.empty_label = QLabel(translate("Incident", "无事件"))
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty_label)
        self.text_edit = self.note_button = self.step_button = self.close_button = None
        # a read-only screen (wall, kiosk) gets no operator controls at all
        self.operable = not ctx.read_only and ctx.incidents is not None and ctx.session is not None
        if self.operable:
            self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.steps.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.steps.itemSelectionChanged.connect(self._update_controls)
            box.addLayout(self._build_actions())
        if ctx.incidents is None:
            self.show_message(translate("Incident", "本控制台无事件服务"))
        ctx.signals.listen(self, "incidents", lambda _ids: self.refresh())
        if ctx.selection is not None and hasattr(ctx.selection, "sig_incident_selected"):
            ctx.selection.sig_incident_selected.connect(self._incident_selected)
        self.refresh()

    def _build_actions(self):
        row = QHBoxLayout()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(translate("Incident", "记录或结案总结"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.textChanged.connect(lambda _t: self._update_controls())
        self.text_edit.returnPressed.connect(self.note)
        self.note_button = QPushButton(translate("Incident", "记录"))
        self.note_button.clicked.connect(self.note)
        self.step_button = QPushButton(translate("Incident", "完成所选步骤"))
        self.step_button.clicked.connect(self.step_done)
        self.close_button = QPushButton(translate("Incident", "结案"))
        self.close_button.clicked.connect(self.close_incident)
        row.addWidget(self.text_edit, 1)
        for b in (self.note_button, self.step_button, self.close_button):
            row.addWidget(b)
        return row

    # -- what is shown ---------------------------------------------------------
    def shown_incident(self):
        """The incident to show: the selected one, else the newest open, else the newest."""
        book = self.ctx.incidents
        if book is None:
            return None
        chosen = getattr(self.ctx.selection, "incident_id", None) if self._options.get("follow_selection", True) else None
        if chosen is not None:
            i = book.get(chosen)
            if i is not None:
                return i
        open_now = book.open_incidents()
        if open_now:
            return max(open_now, key=lambda i: i.opened_ts)
        recent = book.recent(1)
        return recent[0] if recent else None

    def _incident_selected(self, _incident_id: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.incident = i = self.shown_incident()
        for w in (self.steps, self.timeline):
            w.setVisible(i is not None)
        self.empty_label.setVisible(i is None)
        if i is None:
            self.head_label.setText("")
            self.status_label.setText("")
            self._update_controls()
            return
        plan = self.ctx.incidents.plan(i)
        lvl, colour = txt.level(i.severity)
        place = f" · {i.place}" if i.place else ""
        self.head_label.setText(f"#{i.id} {lvl} · {i.title}{place} · {txt.state(i.state)}\n"
                                + translate("Incident", "预案：{plan}").format(plan=plan.title)
                                + (f" · {translate('Incident', '队伍')}: " + ", ".join(
                                    f"{t} ({txt.state(s) if s != 'released' else txt.action('release')})"
                                    for t, s in i.teams.items()) if i.teams else ""))
        self.head_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        rows: list[tuple[str | None, str, float | None, str]] = []  # (step id, name, due, done)
        dispatched, arrived = i.first("assign"), i.first("arrive")
        if plan.dispatch_within_min is not None:
            rows.append((None, txt.timer("dispatch", plan), i.opened_ts + plan.dispatch_within_min * 60,
                         format_city(dispatched, "%H:%M") if dispatched else ""))
        if plan.on_scene_within_min is not None:
            rows.append((None, txt.timer("on_scene", plan), i.opened_ts + plan.on_scene_within_min * 60,
                         format_city(arrived, "%H:%M") if arrived else ""))
        for s in plan.steps:
            done = i.steps_done.get(s.id)
            rows.append((s.id, s.title, None if s.due_min is None else i.opened_ts + s.due_min * 60,
                         f"✓ {format_city(done[0], '%H:%M')} {done[1]}" if done else ""))
        self.step_ids = [r[0] for r in rows]
        self._step_rows = rows
        self.steps.setRowCount(len(rows))
        for n, (_sid, name, _due, done) in enumerate(rows):
            set_cell(self.steps, n, 0, name)
            set_cell(self.steps, n, 2, done, theme.MUTED if done else None)
        self._clocks(self.ctx.hub.clock.now())
        entries = i.timeline[-self._options.get("max_entries", 200):][::-1]  # the newest on top
        self.timeline.setRowCount(len(entries))
        for n, e in enumerate(entries):
            set_cell(self.timeline, n, 0, format_city(e.ts, "%m-%d %H:%M:%S"))
            set_cell(self.timeline, n, 1, e.user)
            set_cell(self.timeline, n, 2, txt.action(e.action))
            set_cell(self.timeline, n, 3, e.detail)
        self._update_controls()

    def _clocks(self, now: float) -> None:
        """Each timer's due time, and the time over in red while it runs late."""
        i = self.incident
        if i is None:
            return
        running = {what for what, _ in timers(i, self.ctx.incidents.plan(i))}
        keys = ["dispatch", "on_scene"]
        late = 0
        for n, (sid, _name, due, done) in enumerate(self._step_rows):
            key = sid if sid is not None else keys.pop(0) if keys else None
            if due is None:
                set_cell(self.steps, n, 1, "—")
                continue
            over = (key in running) and now > due
            late += over
            text = format_city(due, "%H:%M")
            if over:
                text = translate("Incident", "{due} · 超时 {over}").format(due=text, over=txt.duration(now - due))
            set_cell(self.steps, n, 1, text, theme.ALARM if over else theme.TEXT, bold=over)
        status = translate("Incident", "{n} 项超时").format(n=late) if late else ""
        if status != self.status_label.text():
            self.status_label.setText(status)
            self.status_label.setStyleSheet(f"color: {theme.ALARM};" if late else "")

    def on_second(self, now: float) -> None:
        if self.incident is not None and self.incident.state != "closed":
            self._clocks(now)

    # -- operator actions --------------------------------------------------------
    def _selected_step(self) -> str | None:
        rows = {ix.row() for ix in self.steps.selectionModel().selectedRows()}
        return next((self.step_ids[r] for r in sorted(rows) if r < len(self.step_ids) and self.step_ids[r]), None)

    def _update_controls(self) -> None:
        if not self.operable:
            return
        i = self.incident
        live = i is not None and i.state != "closed"
        said = bool(self.text_edit.text().strip())
        step = self._selected_step()
        self.note_button.setEnabled(live and said and self.ctx.can("incident.act"))
        self.step_button.setEnabled(live and step is not None and step not in i.steps_done and self.ctx.can("incident.act"))
        self.close_button.setEnabled(live and said and self.ctx.can("incident.close"))
        self.text_edit.setEnabled(live and (self.ctx.can("incident.act") or self.ctx.can("incident.close")))

    def _act(self, action: str, **args) -> bool:
        if self.incident is None:
            return False
        try:
            self.ctx.incidents.act(self.incident.id, action, self.ctx.session, **args)
        except IncidentRefused as exc:  # audited by the book; said here
            self.show_message(translate("Incident", "未执行：{reason}").format(reason=exc.reason))
            return False
        self.show_message("")
        self.refresh()  # at once, not at the next drain
        return True

    def note(self) -> None:
        if self.text_edit is not None and self.text_edit.text().strip() and self._act("note", text=self.text_edit.text()):
            self.text_edit.clear()

    def step_done(self) -> None:
        step = self._selected_step()
        if step is not None:
            self._act("step_done", step=step)

    def close_incident(self) -> None:
        if self.text_edit is not None and self._act("close", summary=self.text_edit.text()):
            self.text_edit.clear()

    def teardown(self) -> None:
        if self.ctx.selection is not None and hasattr(self.ctx.selection, "sig_incident_selected"):
            try:
                self.ctx.selection.sig_incident_selected.disconnect(self._incident_selected)
            except (RuntimeError, TypeError):
                pass
        super().teardown()
