"""CameraGridTile: pages of live camera thumbnails, with name, age and status.

The tile subscribes to its cameras' status streams (``camera/<id>/status``) and asks
the camera feed (``ctx.cameras``) for decoded frames of the cameras on screen only,
at the size it draws them. A camera whose status is not ok, or that has not
answered for two refresh intervals, is offline: its last frame stays, darkened,
with the reason. Pages cycle on a timer, one group after another; with
``alarm_first`` the cameras nearest an alarmed entity come to the front. Click a
camera to enlarge it and step back through its recent frames.
"""

from __future__ import annotations

import fnmatch

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedLayout

from console.city_time import format_city
from console.cameras.model import KIND, CameraStatus, camera_of_stream, status_stream
from console.cameras.paging import Page, alarm_pages, group_pages
from widgets import theme
from console.layouts.layout import TileSpec
from console.selection import select_entities
from widgets._camera_cells import CameraFocusView, CameraGridView, CellState
from widgets._live_cells import LiveCells
from widgets._live_video import FocusVideo
from widgets.tile import Tile, TileContext

_STALE_AFTER_REFRESHES = 3


class _Picked:
    """Stands in for an alarm when the operator's selection pulls cameras forward."""

    severity = 0

    def __init__(self, message: str) -> None:
        self.message = message


class CameraGridTile(Tile):
    kind = "cameras"
    options_schema = {
        "type": "object",
        "properties": {
            "select": {"type": "object"},
            "rows": {"type": "integer", "minimum": 1, "maximum": 12},
            "columns": {"type": "integer", "minimum": 1, "maximum": 12},
            "cycle_s": {"type": "number", "minimum": 0},
            "group_by": {"type": "string"},
            "alarm_first": {"type": "boolean"},
            "alarm_nearest": {"type": "integer", "minimum": 1, "maximum": 16},
            # only alarms on these streams (globs) pull cameras forward: a river wall follows river alarms
            "alarm_streams": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "follow_selection": {"type": "boolean"},
            "history": {"type": "integer", "minimum": 1, "maximum": 500},
            "live": {"type": "boolean"},  # cameras with a (sub)stream play in their cells
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        o = self._options
        self.rows, self.columns = int(o.get("rows", 3)), int(o.get("columns", 4))
        self.feed = getattr(ctx, "cameras", None)
        self.grid = CameraGridView(self.body)
        self.grid.set_grid(self.rows, self.columns)
        self.focus_view = CameraFocusView(self.body)
        self.stack = QStackedLayout(self.body)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.focus_view)
        if not ctx.read_only:  # a wall screen answers no clicks; its focus view has no buttons
            self.grid.sig_camera_clicked.connect(self.enlarge)
        else:
            self.focus_view.hide_controls()
        self.focus_view.sig_closed.connect(self.back_to_grid)
        self.focus_view.sig_step_requested.connect(self.step)
        if ctx.selection is not None:  # a camera picked on the map plays here; other picks, with follow_selection
            ctx.selection.sig_entity_selected.connect(self._on_selected)
        self.cycle_timer = QTimer(self)
        self.cycle_timer.timeout.connect(self.next_page)
        cycle = float(o.get("cycle_s", 15))
        if cycle > 0:
            self.cycle_timer.start(int(cycle * 1000))
        self.cameras: dict[str, object] = {}
        self.cells: dict[str, CellState] = {}
        self.status: dict[str, tuple[float, CameraStatus]] = {}  # camera -> (ts, status)
        self.pages: list[Page] = []
        self.page = 0
        self.pulled: dict[str, str] = {}  # camera -> alarmed entity that pulled it forward
        self._alarm_key: tuple = ()
        self._thumb_size = None
        self.focused: str | None = None
        self._focus_times: list[float] = []
        self._focus_index = 0  # 0 is live; k is the k-th older frame
        self._focus_cell: CellState | None = None
        self.video: FocusVideo | None = None  # the focused camera's live stream, when it has one
        self.live_cells = (LiveCells(ctx.video, self, self._cell_frame, lambda: self.grid.thumb_size())
                           if o.get("live") and ctx.video is not None else None)
        self._build()

    # -- building --------------------------------------------------------------
    def _build(self) -> None:
        select = dict(self._options.get("select", {}))
        select.setdefault("kind", KIND)
        cams = select_entities(self.ctx.hub.entities, select)
        if select.get("ids"):  # a list of ids is an order too (an alarm takeover's: nearest first)
            order = {cid: k for k, cid in enumerate(select["ids"])}
            cams.sort(key=lambda c: order[c.id])
        self.cameras = {c.id: c for c in cams}
        if not cams:
            self.show_message("无摄像机 No cameras match this tile's options yet")
            return
        if self.feed is None:
            self.show_message("无视频服务 No camera feed in this console: pictures cannot be shown")
        else:
            self.show_message("")
        for c in cams:
            self.cells[c.id] = CellState(c.id, c.name)
            r = self.ctx.hub.latest(status_stream(c.id))
            if r is not None and r.value is not None:
                self.status[c.id] = (r.ts, _status(r.value))
        self.subscribe([status_stream(c) for c in self.cameras])
        self._paginate(force=True)

    def _paginate(self, force: bool = False) -> None:
        """Rebuild the pages; the alarm page goes first when alarms pull cameras forward."""
        per_page = self.rows * self.columns
        alarmed, key = self._alarmed()
        if not force and key == self._alarm_key:
            return
        grew = bool(set(key) - set(self._alarm_key))
        self._alarm_key = key
        cams = list(self.cameras.values())
        front, self.pulled = alarm_pages(cams, alarmed, per_page, int(self._options.get("alarm_nearest", 4))) if alarmed else ([], {})
        self.pages = front + group_pages(cams, per_page, self._options.get("group_by"))
        if grew and front:
            self.page = 0
            if self.cycle_timer.isActive():
                self.cycle_timer.start()  # a full period on the alarm page
        self.page = min(self.page, max(len(self.pages) - 1, 0))
        self._show_page()

    def _alarmed(self) -> tuple[list, tuple]:
        out, seen = [], set()
        sel = self.ctx.selection.entity_id if self._options.get("follow_selection") and self.ctx.selection else None
        picked = self.ctx.hub.entities.get(sel) if sel else None
        if picked is not None and picked.kind != KIND and picked.has_position:
            # the operator's pick comes first: its nearest cameras lead the grid
            seen.add(picked.id)
            out.append((picked, _Picked(f"{picked.name} 已选 selected")))
        if not self._options.get("alarm_first") or self.ctx.alarms is None:
            return [e for e, _ in out], tuple((e.id, 0, a.message) for e, a in out)
        globs = self._options.get("alarm_streams")
        for a in self.ctx.alarms.open_alarms():  # worst first
            e = self.ctx.hub.entities.get(a.entity_id)
            if not a.active or e is None or e.kind == KIND or e.id in seen:
                continue
            if globs and not any(fnmatch.fnmatchcase(a.stream, g) for g in globs):
                continue
            seen.add(e.id)
            out.append((e, a))
        return [e for e, _ in out], tuple((e.id, a.severity, a.message) for e, a in out)

    # -- pages -------------------------------------------------------------------
    def visible(self) -> tuple[str, ...]:
        return self.pages[self.page].cameras if self.pages else ()

    def state(self) -> dict:
        """For ``--dump-state``: the cameras on screen by name (the cells are painted, not labels), in order,
        and the entity that pulled each forward."""
        shown = [c for c in self.visible() if c in self.cells]
        now = self.ctx.hub.clock.now()
        offline = [self.cells[c].name for c in shown if self._offline(c, now)[0]]
        return {"cameras": [self.cells[c].name for c in shown], "pulled_by": [self.pulled.get(c) for c in shown],
                "offline": offline, "cameras_offline": offline}

    def next_page(self) -> None:
        if self.pages and self.focused is None:
            self.page = (self.page + 1) % len(self.pages)
            self._show_page()

    def show_page(self, index: int) -> None:
        if self.pages:
            self.page = index % len(self.pages)
            self._show_page()

    def _show_page(self) -> None:
        visible = set(self.visible())
        for cid, cell in self.cells.items():
            if cid not in visible:
                cell.image = None  # keep memory to what is on screen
        if self.live_cells is not None:
            self.live_cells.show((cid, self.cameras[cid].attrs) for cid in self.visible() if cid in self.cameras)
        for cid in visible:
            self._request(cid)
        self._refresh_cells(self.ctx.hub.clock.now())
        self._update_title()

    def _cell_frame(self, cid: str, image) -> None:
        cell = self.cells.get(cid)
        if cell is None or cid not in self.visible():
            return
        cell.image, cell.image_ts = image, self.ctx.hub.clock.now()
        self._refresh_cell(cell, cell.image_ts)
        self.grid.update()

    def _update_title(self) -> None:
        page = self.pages[self.page] if self.pages else None
        base = self.spec.title or "摄像机 Cameras"
        label = f" · {page.label}" if page and page.label else ""
        self.title_label.setText(f"{base}{label} · {self.page + 1}/{max(len(self.pages), 1)}")

    # -- data ----------------------------------------------------------------------
    def _request(self, cid: str) -> None:
        if self.feed is None or (self.live_cells is not None and self.live_cells.is_live(cid)):
            return  # a cell playing live needs no snapshot
        size = self.grid.thumb_size()
        self.feed.request_frame(self, cid, (size.width(), size.height()), self._frame_decoded)

    def _frame_decoded(self, frame) -> None:
        if isinstance(frame, Exception):
            self.show_message(f"视频缓存读取失败 Camera frames could not be read: {frame}")
            return
        cell = self.cells.get(frame.camera)
        if cell is None or frame.camera not in self.visible():
            return
        if self.live_cells is not None and self.live_cells.is_live(frame.camera):
            return  # the cell's video is newer than any snapshot
        if frame.image is not None:
            cell.image, cell.image_ts = frame.image, frame.ts
        elif frame.error:
            cell.reason = frame.error
        self._refresh_cell(cell, self.ctx.hub.clock.now())
        self.grid.update()

    def on_readings(self, readings) -> None:
        visible = set(self.visible())
        for sid, rows in readings.items():
            cid = camera_of_stream(sid)
            if cid is None or not rows:
                continue
            last = rows[-1]
            prev = self.status.get(cid)
            if prev is not None and prev[0] > last.ts:
                continue
            self.status[cid] = (last.ts, _status(last.value))
            if cid in visible and _status(last.value) == CameraStatus.OK:
                self._request(cid)
        self._refresh_cells(self.ctx.hub.clock.now())

    def on_entities(self, event) -> None:
        if not self.cameras:
            entities = self.ctx.hub.entities
            if any((e := entities.get(i)) is not None and e.kind == KIND for i in event.added + event.changed):
                self._build()

    def on_second(self, now: float) -> None:
        if not self.cameras:
            return
        self._paginate()
        size = self.grid.thumb_size()
        if size != self._thumb_size:  # the wall was resized: decode at the new size
            self._thumb_size = size
            for cid in self.visible():
                self._request(cid)
        self._refresh_cells(now)

    def _refresh_cells(self, now: float) -> None:
        for cid in self.visible():
            self._refresh_cell(self.cells[cid], now)
        self.grid.set_cells([self.cells[c] for c in self.visible()])
        online = sum(1 for cid in self.cameras if not self._offline(cid, now)[0])
        marker = "" if online == len(self.cameras) else "✕ "
        self.status_label.setText(f"{marker}在线 online {online}/{len(self.cameras)}")
        self.status_label.setStyleSheet(f"color: {theme.MUTED if not marker else theme.WARNING};")
        if self.focused is not None:
            self._show_focus()

    def _offline(self, cid: str, now: float) -> tuple[bool, str]:
        st = self.status.get(cid)
        if st is None:
            return True, "无数据 no status yet"
        ts, status = st
        if status != CameraStatus.OK:
            return True, status.label
        if now - ts > 2 * self._refresh_s(cid):
            return True, "无响应 not answering"
        return False, ""

    def _refresh_s(self, cid: str) -> float:
        return float(self.ctx.hub.expected_interval(status_stream(cid)))

    def _refresh_cell(self, cell: CellState, now: float) -> None:
        cell.offline, reason = self._offline(cell.camera, now)
        if self.live_cells is not None and self.live_cells.is_live(cell.camera):
            cell.offline, reason = False, ""  # its video plays, whatever the snapshot poller says
        if cell.offline or not cell.reason.startswith("图像无效"):
            cell.reason = reason
        cell.age_s = None if cell.image_ts is None else now - cell.image_ts
        cell.stale = cell.age_s is not None and cell.age_s > _STALE_AFTER_REFRESHES * self._refresh_s(cell.camera)
        pulled = self.pulled.get(cell.camera)
        if pulled:
            e = self.ctx.hub.entities.get(pulled)
            sev = next((k[1] for k in self._alarm_key if k[0] == pulled), 3)
            mark, color, _ = theme.SEVERITY_STYLE.get(sev, theme.SEVERITY_STYLE[3])
            cell.alarm, cell.alarm_color = f"{mark} 报警附近 near {e.name if e else pulled}", color
        else:
            cell.alarm, cell.alarm_color = "", ""

    # -- one camera, large -------------------------------------------------------------
    def enlarge(self, cid: str) -> None:
        """Show one camera large; the page stops cycling while an operator looks."""
        if cid not in self.cells:
            return
        self.focused, self._focus_index, self._focus_times = cid, 0, []
        self.stack.setCurrentWidget(self.focus_view)
        self.focus_view.setFocus()
        self._focus_cell = CellState(cid, self.cells[cid].name)
        self._stop_video()
        url = self.cameras[cid].attrs.get("stream") if cid in self.cameras else None
        if url and self.ctx.video is not None:  # a camera with a live stream plays it; the rest show stills
            self.video = FocusVideo(self.ctx.video, self, cid, str(url), self._video_frame, self,
                                    transport=str(self.cameras[cid].attrs.get("transport", "tcp")))
        if self.feed is not None:
            self.feed.request_times(self, cid, self._times_loaded, int(self._options.get("history", 60)))
        self._request_focus_frame()
        self._show_focus()

    def _stop_video(self) -> None:
        if self.video is not None:
            self.video.close()
            self.video = None

    def _video_frame(self, image) -> None:
        if self.focused is None or self._focus_cell is None or self._focus_index:
            return  # an operator stepping through recorded stills is not interrupted
        self._focus_cell.image, self._focus_cell.image_ts = image, self.ctx.hub.clock.now()
        self._show_focus()

    def back_to_grid(self) -> None:
        self._stop_video()
        self.focused = None
        self.stack.setCurrentWidget(self.grid)
        self._show_page()

    def step(self, direction: int) -> None:
        """-1: an older frame; +1: a newer one; 0: back to live."""
        if self.focused is None:
            return
        if direction == 0:
            self._focus_index = 0
        else:
            self._focus_index = max(0, min(self._focus_index - direction, len(self._focus_times) - 1))
        self._request_focus_frame()
        self._show_focus()

    def _times_loaded(self, times) -> None:
        if isinstance(times, Exception) or self.focused is None:
            return
        self._focus_times = list(times)
        self._show_focus()

    def _request_focus_frame(self) -> None:
        if self.feed is None or self.focused is None:
            return
        ts = None
        if self._focus_index and self._focus_index < len(self._focus_times):
            ts = self._focus_times[self._focus_index]
        size = self.focus_view.picture_size()
        want = (max(size.width(), 320), max(size.height(), 180))
        self.feed.request_frame(self, self.focused, want, self._focus_decoded, ts=ts, slot="focus")

    def _focus_decoded(self, frame) -> None:
        if isinstance(frame, Exception) or self.focused is None or frame.camera != self.focused:
            return
        live = self.video is not None and self.video.has_picture() and not self._focus_index
        if frame.image is not None and not (live and (self.video.playing() or (frame.ts or 0) <= (self._focus_cell.image_ts or 0))):
            # the video's picture wins while it plays; a frozen one gives way to a newer snapshot
            self._focus_cell.image, self._focus_cell.image_ts = frame.image, frame.ts
        self._show_focus()

    def _show_focus(self) -> None:
        cell = self._focus_cell
        if cell is None:
            return
        now = self.ctx.hub.clock.now()
        self._refresh_cell(cell, now)
        cell.alarm = ""
        if self._focus_index:  # a recorded frame: show it as it was, undarkened
            cell.offline = False
        n = len(self._focus_times)
        position = "实时 live" if self._focus_index == 0 else f"历史 frame −{self._focus_index} of {n - 1}"
        if self.video is not None and self._focus_index == 0:
            position = self.video.caption()
            if self.video.playing():
                cell.offline, cell.stale = False, False  # the picture is live whatever the snapshot poller says
        when = format_city(cell.image_ts, "%H:%M:%S") if cell.image_ts else "—"
        self.focus_view.show_cell(cell, f"{position} · {when}", self._focus_index < n - 1, self._focus_index > 0)

    def _on_selected(self, entity_id: str) -> None:
        if entity_id in self.cells:  # a camera clicked on the map: show it large (it plays, if it streams)
            self.enlarge(entity_id)
        elif self._options.get("follow_selection"):
            self._paginate()  # the pick's nearest cameras come to the front

    def teardown(self) -> None:
        self._stop_video()
        if self.live_cells is not None:
            self.live_cells.close()
        self.cycle_timer.stop()
        if self.ctx.selection is not None:
            try:
                self.ctx.selection.sig_entity_selected.disconnect(self._on_selected)
            except (RuntimeError, TypeError):
                pass
        if self.feed is not None:
            self.feed.cancel(self)
        super().teardown()


def _status(value: float | None) -> CameraStatus:
    try:
        return CameraStatus(int(value or 0))
    except ValueError:
        return CameraStatus.ERROR
