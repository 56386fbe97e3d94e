"""ChartTile: live time series on a rolling window, with threshold lines.

A silence longer than a few expected intervals breaks the line and is shaded (an outage
never looks like a steady reading); each threshold line is labelled with its entity's
id; an empty chart still shows its time window, never a millisecond axis.

Fed from ring buffers; history back-filled from the cache at start (off the GUI
thread); redrawn only for series that changed, at most at the hub's ~10 Hz. One
curve item per series (pyqtgraph's cost is per item), all threshold lines of a
kind share one item. 1 px pens, clip-to-view, peak downsampling, no OpenGL.

History for operators: on a desk the mouse pans and zooms the time axis (the values fit
themselves), buttons pick the span (1 h to a year) and "back to live" returns to now. A
view beyond what is loaded asks the loader (debounced) for its range at one min/max
bucket per pixel column (console.history_view), so a year is a few thousand points, and
the arrays are made on the loader's worker. While the view ends at now, live readings
keep flowing onto its right end; panned away, the view holds still. A wall or kiosk
screen (``ctx.read_only``) has no mouse and no buttons: nobody is there to use them.

Start-up: the tile shows its title, legend and last values at once; its pyqtgraph plot
(and the history it loads) is built right after the console's first frame
(widgets.first_frame): pyqtgraph's import alone is about three bare windows of CPU.
"""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from console.city_time import city_time
from console.figures import decimals_of, format_number
from console.languages import QT_TRANSLATE_NOOP
from console.freshness import Freshness, format_age
from widgets import theme
from widgets.translation import name_shown
from widgets.first_frame import after_first_frame
from widgets.plotting import pyqtgraph
from console.layouts.layout import TileSpec
from console.ring_buffer import RingBuffer
from console.series_gaps import broken_at_gaps, find_gaps, gap_limit_s, merge_spans
from widgets.tile import Tile, TileContext

_THRESHOLD_STYLE = {  # the labels translated where shown
    0: (theme.WARNING, QT_TRANSLATE_NOOP("Chart", "警戒")), 1: (theme.ALARM, QT_TRANSLATE_NOOP("Chart", "保证")),
}
_GAP_BRUSH = (143, 179, 217, 28)  # a faint wash over a gap: no data there, not a steady value
_MAX_SHADED_GAPS = 40
#: the spans an operator picks with one click (label translated where shown, seconds)
SPANS = ((QT_TRANSLATE_NOOP("Chart", "1小时"), 3600.0), (QT_TRANSLATE_NOOP("Chart", "24小时"), 86400.0),
         (QT_TRANSLATE_NOOP("Chart", "7天"), 7 * 86400.0), (QT_TRANSLATE_NOOP("Chart", "30天"), 30 * 86400.0),
         (QT_TRANSLATE_NOOP("Chart", "1年"), 365 * 86400.0))
MIN_SPAN_S, MAX_SPAN_S = 60.0, 2 * 365 * 86400.0
LOAD_DELAY_MS = 250  # a wheel turn or a drag asks the cache once it rests, not at every step
TAIL_ROWS = 2000  # live readings kept on top of a loaded span; past half of it the span is loaded again


class ChartTile(Tile):
    kind = "chart"
    options_schema = {
        "type": "object",
        "properties": {
            "streams": {"type": "array", "items": {"type": "string"}},
            "select": {"type": "object"},
            "stream": {"type": "string"},
            "max_series": {"type": "integer", "minimum": 1, "maximum": 16},
            "window_h": {"type": "number", "exclusiveMinimum": 0, "maximum": 8760},
            "thresholds": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
            "follow_selection": {"type": "boolean"},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.window_s = float(self._options.get("window_h", 6)) * 3600
        self.span_s = self.window_s  # the width of the time shown
        self.live = True  # the view ends at now and follows it
        self._view: tuple[float, float] | None = None  # the time shown while panned away from now
        self.loaded: tuple[float, float, float] | None = None  # (since, until, bucket_s) of the history held
        self.requested: tuple[float, float] | None = None  # the range last asked of the loader
        self._bucket_s = 0.0
        self._live_added: dict[str, int] = {}  # per series: live readings on top of the loaded span
        self._shown: tuple = ((math.nan, math.nan), math.nan, math.nan, 0.0)  # (x range, lo, hi, height) last set
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(LOAD_DELAY_MS)
        self._load_timer.timeout.connect(self._load_view)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        box.addLayout(top)
        self.legend = QLabel("")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        # a fixed-height legend: a new value must not re-lay-out (and repaint) the whole wall
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.legend.setFixedHeight(self.legend.fontMetrics().lineSpacing() * 2 + 4)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.legend, 1)
        self.span_buttons: dict[float, QToolButton] = {}
        self.live_button: QToolButton | None = None
        self.plot = None  # built after the first frame (_make_plot)
        self._box = box
        self._plot_slot = QWidget()  # where the plot goes: the tile's size is right from the first frame
        box.addWidget(self._plot_slot, 1)
        if not ctx.read_only:
            self._build_span_buttons(top)
        self.series: list[str] = []
        self.history_done = False  # the cache's history has arrived (the export command waits for it)
        self.buffers: dict[str, RingBuffer] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._stale: dict[str, bool] = {}
        self._threshold_items: list[pg.PlotCurveItem] = []
        self._threshold_labels: list[tuple[pg.TextItem, float]] = []  # (label, level): moved with the window
        self.gaps: dict[str, list[tuple[float, float]]] = {}  # per series: (start, end) of each silence
        self._gap_items: list[pg.LinearRegionItem] = []
        self._shaded: list[tuple[float, float]] = []
        self._selected: str | None = None
        if self._options.get("follow_selection") and ctx.selection is not None:
            ctx.selection.sig_entity_selected.connect(self.follow)
        self._torn_down = False
        self.series = self.streams()
        if self.series:  # names and last values in the first frame (an empty one says so once built)
            self._refresh_legend()
        after_first_frame(self._make_plot)

    def _make_plot(self) -> None:
        """The pyqtgraph plot, its curves and the history it shows."""
        if self._torn_down or not isValid(self):  # gone before the first frame
            return
        pg = pyqtgraph()
        from widgets.city_axis import city_date_axis

        self.plot = pg.PlotWidget(axisItems={"bottom": city_date_axis()})
        self.plot.setBackground(theme.TILE_BG)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        if self.ctx.read_only:  # a wall or kiosk: no operator there, the chart follows now on its own
            self.plot.setMouseEnabled(x=False, y=False)
        else:
            self.plot.setMouseEnabled(x=True, y=False)  # time pans and zooms; the values fit themselves
            vb = self.plot.getViewBox()
            vb.setLimits(minXRange=MIN_SPAN_S, maxXRange=MAX_SPAN_S)
            vb.sigRangeChangedManually.connect(self._moved_by_hand)
        # no grid: translucent grid lines cost ~3 ms per chart per frame here (an
        # alpha-blended line per tick, redrawn on every range change); the threshold
        # lines give the reference an operator reads against
        item = self.plot.getPlotItem()
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        for axis in ("left", "bottom"):
            ax = item.getAxis(axis)
            ax.setPen(pg.mkPen(theme.TILE_BORDER))
            ax.setTextPen(pg.mkPen(theme.MUTED))
        self._box.replaceWidget(self._plot_slot, self.plot)
        self._plot_slot.deleteLater()
        self._build()

    def follow(self, entity_id: str) -> None:
        """Show the selected entity's stream instead of the configured ones, if it has one."""
        e = self.ctx.hub.entities.get(entity_id)
        suffix = "/" + self._options.get("stream", "")
        if e is None or not any(s.id.endswith(suffix) for s in e.streams):
            return
        self._selected = entity_id
        self.title_label.setText(f"{e.name} · {e.id}")
        if self.plot is None:  # not built yet: it is built for this entity
            self.series = self.streams()
            self._refresh_legend()
            return
        for item in [*self.curves.values(), *self._threshold_items, *(t for t, _ in self._threshold_labels), *self._gap_items]:
            self.plot.removeItem(item)
        self.buffers, self.curves, self._stale, self._threshold_items = {}, {}, {}, []
        self._threshold_labels, self.gaps, self._gap_items, self._shaded = [], {}, [], []
        self.ctx.signals.unsubscribe(self)
        self._build()

    def streams(self) -> list[str]:
        if self._selected is not None:
            suffix = "/" + self._options.get("stream", "")
            return [s.id for s in self.ctx.hub.entities[self._selected].streams if s.id.endswith(suffix)]
        return super().streams()

    # -- building --------------------------------------------------------------
    def _build(self) -> None:
        pg = pyqtgraph()
        self.series = self.streams()
        left = self.plot.getPlotItem().getAxis("left")
        left.setStyle(showValues=bool(self.series))  # no made-up 0..1 scale on an empty chart
        if not self.series:
            self.show_message(QCoreApplication.translate("Chart", "尚无符合此图块选项的数据流"))
            self._follow_time()
            return
        self.show_message("")
        capacity = int(self.window_s / max(min(self.ctx.hub.expected_interval(s) for s in self.series), 1.0) * 1.2) + 16
        for i, sid in enumerate(self.series):
            self.buffers[sid] = RingBuffer(capacity)
            color = theme.SERIES[i % len(theme.SERIES)]
            curve = self.plot.plot([], [], pen=pg.mkPen(color, width=1), name=sid, connect="finite")
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            self.curves[sid] = curve
        self._build_thresholds()
        self.subscribe(self.series)
        self.loaded, self._bucket_s, self._live_added = None, 0.0, {}
        self._load_view()
        self._refresh_legend()

    # -- the operator's view: span, pan, zoom, back to live ---------------------------
    def _build_span_buttons(self, row: QHBoxLayout) -> None:
        for label, seconds in SPANS:
            b = QToolButton()
            b.setText(QCoreApplication.translate("Chart", label))
            b.setAutoRaise(True)
            b.clicked.connect(lambda _=False, s=seconds: self.show_span(s))
            row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            self.span_buttons[seconds] = b
        self.live_button = QToolButton()
        self.live_button.setText(QCoreApplication.translate("Chart", "回到实时"))
        self.live_button.setToolTip(QCoreApplication.translate("Chart", "回到当前时间，实时数据继续"))
        self.live_button.clicked.connect(self.back_to_live)
        self.live_button.setVisible(False)
        row.addWidget(self.live_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_span(self, seconds: float) -> None:
        """Show the last ``seconds`` up to now, following it (a span button)."""
        self.span_s = min(max(float(seconds), MIN_SPAN_S), MAX_SPAN_S)
        self._go_live()

    def back_to_live(self) -> None:
        """Back to now with the span shown; live readings flow again."""
        self._go_live()

    def _go_live(self) -> None:
        was_live = self.live
        self.live, self._view = True, None
        if self.live_button is not None:
            self.live_button.setVisible(False)
        self._load_timer.stop()
        if not was_live:  # what came while panned away was not kept: load up to now again
            self.loaded = None
        self._rescale()
        self._load_view()

    def _moved_by_hand(self, *_args) -> None:
        """The operator dragged or wheeled the time axis: follow now only if the view still ends there."""
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        now = self.ctx.hub.clock.now()
        was_live = self.live
        self.span_s = min(max(x1 - x0, MIN_SPAN_S), MAX_SPAN_S)
        self.live = x1 >= now - max(0.01 * self.span_s, 1.0)
        self._view = None if self.live else (x1 - self.span_s, x1)
        if self.live and not was_live:
            self.loaded = None  # back at now by hand: as the button does
        if self.live_button is not None:
            self.live_button.setVisible(not self.live)
        self._rescale(now)
        self._load_timer.start()  # restarted by every step: one load once the mouse rests

    def view_range(self, now: float | None = None) -> tuple[float, float]:
        """The time shown: the span up to now while live, else where the operator left it.
        Live, the view moves a pixel at a time (now rounded up to a pixel's seconds): a 30-day
        view moved every second redrew its axis and every curve for a 1/2000 px step."""
        if self._view is not None:
            return self._view
        now = self.ctx.hub.clock.now() if now is None else now
        step = self.span_s / max(self.plot.getViewBox().width() if self.plot is not None else 0.0, 100.0)
        end = math.ceil(now / step) * step
        return end - self.span_s, end

    def _load_view(self) -> None:
        """Ask for the history the view needs at its resolution, unless it is held already."""
        if not self.series or self.plot is None:
            return
        now = self.ctx.hub.clock.now()
        lo, hi = self.view_range(now)
        pixels = max(self.plot.getViewBox().width(), 1.0)
        wanted = self.span_s / pixels  # a pixel's seconds
        if self.loaded is not None:
            since, until, bucket = self.loaded
            reach = math.inf if self.live else until  # while live, the tail after the load is held too
            raw = bucket <= self._finest_interval()  # every reading (a span of few readings)
            fine = raw or bucket <= 1.5 * wanted
            coarse_enough = raw or bucket >= wanted / 3  # not far more points than pixels
            if since <= lo and hi <= reach and fine and coarse_enough:
                return
        margin = 0.0 if self.live and self.loaded is None else 0.5 * self.span_s  # room to pan before a load
        since, until = lo - margin, min(hi + margin, now)
        self.requested = (since, until)
        self.ctx.history.request_range(self, self.series, since, until, pixels * (until - since) / self.span_s,
                                       self._history_loaded, self._finest_interval())

    def _finest_interval(self) -> float:
        return min((self.ctx.hub.expected_interval(s) for s in self.series), default=60.0)

    def teardown(self) -> None:
        self._torn_down = True
        self._load_timer.stop()
        if self._options.get("follow_selection") and self.ctx.selection is not None:
            try:
                self.ctx.selection.sig_entity_selected.disconnect(self.follow)
            except (RuntimeError, TypeError):
                pass
        super().teardown()

    def _build_thresholds(self) -> None:
        pg = pyqtgraph()
        names = self._options.get("thresholds", [])
        for k, attr in enumerate(names[:2]):
            levels = []
            for sid in self.series:
                e = self.ctx.hub.entity_of(sid)
                if e is not None and e.attrs.get(attr) is not None:
                    levels.append(float(e.attrs[attr]))
                    # whose line it is: four gauges' warning lines are four different levels
                    label = pg.TextItem(f"{e.id} {QCoreApplication.translate('Chart', _THRESHOLD_STYLE[k][1])}", color=_THRESHOLD_STYLE[k][0], anchor=(1, 1))
                    label.setZValue(-1)
                    label.owner, label.kind_index = e.id, k
                    self.plot.addItem(label)
                    self._threshold_labels.append((label, levels[-1]))
            if not levels:
                continue
            color = _THRESHOLD_STYLE[k][0]
            # all lines of one kind in one item: pairs of points, one pair per level; they
            # span only the visible window (see _rescale): Qt dashes a long line slowly
            now = self.ctx.hub.clock.now()
            xs = np.tile([now - self.window_s, now], len(levels))
            ys = np.repeat(levels, 2)
            curve = pg.PlotCurveItem(xs, ys, connect="pairs", pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
            curve.setZValue(-1)
            curve.threshold_levels = levels
            self.plot.addItem(curve)
            self._threshold_items.append(curve)

    # -- export ----------------------------------------------------------------
    def export_table(self, since: float | None = None, until: float | None = None):
        """Every reading the chart holds (the shown window), one row each: for CSV export. A span
        of more than RAW_READINGS a series is held as min/max points per pixel column: those rows
        are the bucket's first and last times with its minimum and maximum (console.history_view)."""
        hub = self.ctx.hub
        headers = ["time", "epoch_s", "stream", "series", "value", "unit"]
        rows = []
        for sid in self.series:
            buf = self.buffers.get(sid)
            if buf is None:
                continue
            e, spec = hub.entity_of(sid), hub.specs.get(sid)
            series = f"{e.id} {e.name}" if e is not None else sid
            unit = spec.unit if spec is not None else ""
            t, v = buf.view()
            for ts, value in zip(t.tolist(), v.tolist()):
                if (since is not None and ts < since) or (until is not None and ts > until):
                    continue
                when = city_time().local(ts).isoformat(timespec="seconds")
                rows.append([when, ts, sid, series, None if math.isnan(value) else value, unit])
        return headers, rows

    # -- data ------------------------------------------------------------------
    def _history_loaded(self, result) -> None:
        self.history_done = True
        if isinstance(result, Exception):
            self.show_message(QCoreApplication.translate("Chart", "历史数据读取失败：{error}").format(error=result))
            return
        for sid, env in result.items():
            buf = self.buffers.get(sid)
            if buf is None:
                continue
            self.loaded = (env.since, env.until, env.bucket_s)
            self._bucket_s = env.bucket_s if env.bucket_s > self._finest_interval() else 0.0
            t_live, v_live = buf.view()
            # readings that came while it loaded stay; panned away, nothing past the loaded range
            keep = t_live > (env.t[-1] if len(env.t) else env.since)
            if not self.live:
                keep &= t_live <= env.until
            need = len(env.t) + int(keep.sum()) + TAIL_ROWS
            if need > buf.capacity:
                self.buffers[sid] = buf = RingBuffer(need)
            buf.replace(np.concatenate([env.t, t_live[keep]]), np.concatenate([env.v, v_live[keep]]))
            self._redraw(sid)
        self._live_added = {}
        self._rescale()
        self._refresh_legend()

    def on_readings(self, readings) -> None:
        if not self.live:  # panned into the past: the view holds still (the readings are in the cache)
            return
        for sid, rows in readings.items():
            buf = self.buffers.get(sid)
            if buf is None:
                continue
            last = buf.last_ts
            rows = [r for r in rows if last is None or r[1] > last]
            if not rows:
                continue
            buf.extend([r[1] for r in rows], [np.nan if r[2] is None else r[2] for r in rows])
            self._live_added[sid] = self._live_added.get(sid, 0) + len(rows)
            self._redraw(sid)
        if self.status_label.property("freshness") != Freshness.FRESH.value:
            self._refresh_legend()  # data came back: say so now, not at the next second

    def _redraw(self, sid: str) -> None:
        t, v = self.buffers[sid].view()
        # a bucketed history's points are a bucket apart: a silence shorter than that is under a pixel
        limit = max(gap_limit_s(self.ctx.hub.expected_interval(sid)), 1.5 * self._bucket_s)
        self.curves[sid].setData(*broken_at_gaps(t, v, limit), connect="finite")
        gaps = find_gaps(t, limit)
        if gaps != self.gaps.get(sid, []):
            self.gaps[sid] = gaps
            self._shade_gaps()

    def _shade_gaps(self) -> None:
        pg = pyqtgraph()
        spans = merge_spans([g for gaps in self.gaps.values() for g in gaps])[-_MAX_SHADED_GAPS:]
        if spans == self._shaded:
            return
        for item in self._gap_items:
            self.plot.removeItem(item)
        self._gap_items = []
        for a, b in spans:
            region = pg.LinearRegionItem((a, b), movable=False, brush=pg.mkBrush(*_GAP_BRUSH), pen=pg.mkPen(None))
            region.setZValue(-2)
            self.plot.addItem(region)
            self._gap_items.append(region)
        self._shaded = spans

    # -- once a second: follow time, freshness, legend ----------------------------
    def on_entities(self, event) -> None:
        if self.plot is None:  # _make_plot reads the entities as they are then
            return
        if not self.series:
            self._build()

    def on_second(self, now: float) -> None:
        if self.plot is None:
            if self.series:
                self._refresh_legend(now)
            return
        pg = pyqtgraph()
        if not self.series:
            self._follow_time(now)
            return
        for i, sid in enumerate(self.series):
            state, _ = self.ctx.hub.freshness(sid, now)
            stale = not state.is_current
            if stale != self._stale.get(sid, False):
                self._stale[sid] = stale
                color = theme.FAINT if stale else theme.SERIES[i % len(theme.SERIES)]
                style = Qt.PenStyle.DotLine if stale else Qt.PenStyle.SolidLine
                self.curves[sid].setPen(pg.mkPen(color, width=1, style=style))
        self._rescale(now)
        self._refresh_legend(now)
        if self.live and self.loaded is not None and self._tail_outgrown(now):
            self.loaded = None
            self._load_view()

    def _tail_outgrown(self, now: float) -> bool:
        """Live: the raw tail on top of the loaded span has grown (load the span again, so a
        year's chart stays a few thousand points and its left end stays filled)."""
        if max(self._live_added.values(), default=0) >= TAIL_ROWS // 2:  # a fast stream fills its tail first
            return True
        return self._bucket_s > 0 and now - self.loaded[1] > 0.05 * self.span_s

    def _follow_time(self, now: float | None = None) -> None:
        """An empty chart still shows its window of time (not epoch 0..1 in milliseconds)."""
        if self.plot is None:
            return
        self.plot.setRange(xRange=self.view_range(now), yRange=(0, 1), padding=0)

    def _rescale(self, now: float | None = None) -> None:
        """Follow time and fit the values and thresholds, in ONE range change: every
        range change makes each curve recompute its clipped, downsampled view."""
        if self.plot is None:
            return
        now = self.ctx.hub.clock.now() if now is None else now
        x_range = self.view_range(now)
        lo, hi = math.inf, -math.inf
        for buf in self.buffers.values():
            t, v = buf.view()
            v = v[np.searchsorted(t, x_range[0]):np.searchsorted(t, x_range[1], side="right")]  # what is shown
            if len(v):
                with np.errstate(all="ignore"):
                    lo, hi = min(lo, np.nanmin(v)), max(hi, np.nanmax(v))
        for item in self._threshold_items:
            lo, hi = min(lo, *item.threshold_levels), max(hi, *item.threshold_levels)
        shown = (x_range, lo, hi, self.plot.getViewBox().height())  # the height: labels regroup on a resize
        if shown == self._shown:  # nothing moved: no range change, no axis or curve recomputed
            return
        if x_range != self._shown[0]:
            for item in self._threshold_items:
                item.setData(np.tile(x_range, len(item.threshold_levels)), np.repeat(item.threshold_levels, 2), connect="pairs")
        self._shown = shown
        self._place_threshold_labels(x_range[1], lo, hi)
        if math.isfinite(lo) and math.isfinite(hi):
            pad = max((hi - lo) * 0.08, 0.05)
            self.plot.setRange(xRange=x_range, yRange=(lo - pad, hi + pad), padding=0)
        else:
            self.plot.setRange(xRange=x_range, padding=0)

    def _place_threshold_labels(self, now: float, lo: float, hi: float) -> None:
        """Each line's label at its right end; lines closer than a text line share one label
        ("MH-01 · MH-07 警戒 warning"), never a pile of overprinted names."""
        close = (hi - lo) * self._text_line_share() if math.isfinite(hi - lo) else 0.0
        group: list[tuple[pg.TextItem, float]] = []

        def flush() -> None:
            if not group:
                return
            first, level = group[0]
            text = f"{' · '.join(lab.owner for lab, _ in group)} {QCoreApplication.translate('Chart', _THRESHOLD_STYLE[first.kind_index][1])}"
            if first.textItem.toPlainText() != text:
                first.setText(text)
            first.setPos(now, level)
            first.setVisible(True)
            for lab, _ in group[1:]:
                lab.setVisible(False)

        for label, level in sorted(self._threshold_labels, key=lambda p: (p[0].kind_index, p[1])):
            if group and (label.kind_index != group[0][0].kind_index or level - group[-1][1] > close):
                flush()
                group = []
            group.append((label, level))
        flush()

    def _text_line_share(self) -> float:
        """A label's height as a share of the plot's (a wall's big labels on a short plot need
        more room than a desk's: 3.5 % overprinted two names on the 32:9 wall)."""
        view_h = self.plot.getViewBox().height()
        if not self._threshold_labels or view_h <= 0:
            return 0.035
        text_h = self._threshold_labels[0][0].textItem.boundingRect().height()
        return max(0.035, min(0.5, text_h / view_h))

    def _refresh_legend(self, now: float | None = None) -> None:
        hub = self.ctx.hub
        now = hub.clock.now() if now is None else now
        parts = []
        worst, worst_age = Freshness.FRESH, 0.0
        owners = [hub.entity_of(s) for s in self.series]
        names = [e.name if e else None for e in owners]
        for i, sid in enumerate(self.series):
            e = owners[i]
            spec = hub.specs.get(sid)
            # several streams of one entity (a city's totals): name the stream, not the entity;
            # an entity by its name (its id only where two share a name): names, not ids, on screen
            if e is not None and spec is not None and sum(o is e for o in owners) > 1:
                name = html.escape(name_shown(spec.name))
            elif e is not None:
                name = html.escape(name_shown(e.name) if names.count(e.name) == 1 else f"{e.id} {name_shown(e.name)}")
            else:
                name = html.escape(sid)
            r = hub.latest(sid)
            state, age = hub.freshness(sid, now)
            if state.rank > worst.rank:
                worst, worst_age = state, age
            elif state == worst and age is not None:
                worst_age = max(worst_age or 0.0, age)
            color = theme.SERIES[i % len(theme.SERIES)] if state.is_current else theme.FAINT
            value = format_number(None if r is None else r.value, decimals_of(spec))  # a count is an integer
            flag = ""
            if e is not None and r is not None and r.value is not None:
                for k, attr in enumerate(self._options.get("thresholds", [])[:2]):
                    lim = e.attrs.get(attr)
                    if lim is not None and r.value > lim:
                        c, label = _THRESHOLD_STYLE[k]
                        label = QCoreApplication.translate("Chart", label)
                        flag = f' <span style="color:{c}">{"▲" if k == 0 else "◆"} {label}</span>'
            stale = "" if state.is_current else f' <span style="color:{theme.FAINT}">{QCoreApplication.translate("Freshness", theme.FRESHNESS_STYLE[state][2])} {format_age(age)}</span>'
            parts.append(f'<span style="color:{color}">━</span> {name} <b>{value}</b>{flag}{stale}')
        keys = [
            f'<span style="color:{_THRESHOLD_STYLE[k][0]}">┅ {QCoreApplication.translate("Chart", _THRESHOLD_STYLE[k][1])}</span>'
            for k in range(len(self._threshold_items))
        ]
        text = "&nbsp;&nbsp; ".join(parts + keys)
        if text != self.legend.text():
            self.legend.setText(text)
        self.set_freshness(worst, worst_age)
