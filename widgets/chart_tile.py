"""ChartTile: live time series on a rolling window, with threshold lines.

A silence longer than a few expected intervals breaks the line and is shaded (an outage
never looks like a steady reading); each threshold line is labelled with its entity's
id; an empty chart still shows its time window, never a millisecond axis.

Fed from ring buffers; history back-filled from the cache at start (off the GUI
thread); redrawn only for series that changed, at most at the hub's ~10 Hz. One
curve item per series (pyqtgraph's cost is per item), all threshold lines of a
kind share one item. 1 px pens, clip-to-view, peak downsampling, no OpenGL.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from console.city_time import city_time
from console.figures import decimals_of, format_number
from console.languages import QT_TRANSLATE_NOOP
from console.freshness import Freshness, format_age
from widgets import theme
from widgets.translation import name_shown
from widgets.city_axis import city_date_axis
from console.layouts.layout import TileSpec
from console.ring_buffer import RingBuffer
from console.series_gaps import broken_at_gaps, find_gaps, gap_limit_s, merge_spans
from widgets.tile import Tile, TileContext

_THRESHOLD_STYLE = {  # the labels translated where shown
    0: (theme.WARNING, QT_TRANSLATE_NOOP("Chart", "警戒")), 1: (theme.ALARM, QT_TRANSLATE_NOOP("Chart", "保证")),
}
_GAP_BRUSH = (143, 179, 217, 28)  # a faint wash over a gap: no data there, not a steady value
_MAX_SHADED_GAPS = 40


class ChartTile(Tile):
    kind = "chart"
    options_schema = {
        "type": "object",
        "properties": {
            "streams": {"type": "array", "items": {"type": "string"}},
            "select": {"type": "object"},
            "stream": {"type": "string"},
            "max_series": {"type": "integer", "minimum": 1, "maximum": 16},
            "window_h": {"type": "number", "exclusiveMinimum": 0, "maximum": 168},
            "thresholds": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
            "follow_selection": {"type": "boolean"},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.window_s = float(self._options.get("window_h", 6)) * 3600
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.legend = QLabel("")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        # a fixed-height legend: a new value must not re-lay-out (and repaint) the whole wall
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.legend.setFixedHeight(self.legend.fontMetrics().lineSpacing() * 2 + 4)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.legend)
        self.plot = pg.PlotWidget(axisItems={"bottom": city_date_axis()})
        self.plot.setBackground(theme.TILE_BG)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
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
        box.addWidget(self.plot, 1)
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
        self._build()

    def follow(self, entity_id: str) -> None:
        """Show the selected entity's stream instead of the configured ones, if it has one."""
        e = self.ctx.hub.entities.get(entity_id)
        suffix = "/" + self._options.get("stream", "")
        if e is None or not any(s.id.endswith(suffix) for s in e.streams):
            return
        self._selected = entity_id
        for item in [*self.curves.values(), *self._threshold_items, *(t for t, _ in self._threshold_labels), *self._gap_items]:
            self.plot.removeItem(item)
        self.buffers, self.curves, self._stale, self._threshold_items = {}, {}, {}, []
        self._threshold_labels, self.gaps, self._gap_items, self._shaded = [], {}, [], []
        self.ctx.signals.unsubscribe(self)
        self.title_label.setText(f"{e.name} · {e.id}")
        self._build()

    def streams(self) -> list[str]:
        if self._selected is not None:
            suffix = "/" + self._options.get("stream", "")
            return [s.id for s in self.ctx.hub.entities[self._selected].streams if s.id.endswith(suffix)]
        return super().streams()

    # -- building --------------------------------------------------------------
    def _build(self) -> None:
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
        self.ctx.history.request(self, self.series, self.ctx.hub.clock.now() - self.window_s, self._history_loaded)
        self._refresh_legend()

    def teardown(self) -> None:
        if self._options.get("follow_selection") and self.ctx.selection is not None:
            try:
                self.ctx.selection.sig_entity_selected.disconnect(self.follow)
            except (RuntimeError, TypeError):
                pass
        super().teardown()

    def _build_thresholds(self) -> None:
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
        """Every reading the chart holds (the shown window), one row each: for CSV export."""
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
        for sid, rows in result.items():
            buf = self.buffers.get(sid)
            if buf is None or not rows:
                continue
            t_hist = np.fromiter((r[0] for r in rows), dtype=np.float64, count=len(rows))
            v_hist = np.fromiter((np.nan if r[1] is None else r[1] for r in rows), dtype=np.float64, count=len(rows))
            t_live, v_live = buf.view()
            keep = t_live > t_hist[-1]
            buf.replace(np.concatenate([t_hist, t_live[keep]]), np.concatenate([v_hist, v_live[keep]]))
            self._redraw(sid)
        self._rescale()
        self._refresh_legend()

    def on_readings(self, readings) -> None:
        for sid, rows in readings.items():
            buf = self.buffers.get(sid)
            if buf is None:
                continue
            last = buf.last_ts
            rows = [r for r in rows if last is None or r[1] > last]
            if not rows:
                continue
            buf.extend([r[1] for r in rows], [np.nan if r[2] is None else r[2] for r in rows])
            self._redraw(sid)
        if self.status_label.property("freshness") != Freshness.FRESH.value:
            self._refresh_legend()  # data came back: say so now, not at the next second

    def _redraw(self, sid: str) -> None:
        t, v = self.buffers[sid].view()
        limit = gap_limit_s(self.ctx.hub.expected_interval(sid))
        self.curves[sid].setData(*broken_at_gaps(t, v, limit), connect="finite")
        gaps = find_gaps(t, limit)
        if gaps != self.gaps.get(sid, []):
            self.gaps[sid] = gaps
            self._shade_gaps()

    def _shade_gaps(self) -> None:
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
        if not self.series:
            self._build()

    def on_second(self, now: float) -> None:
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

    def _follow_time(self, now: float | None = None) -> None:
        """An empty chart still shows its window of time (not epoch 0..1 in milliseconds)."""
        now = self.ctx.hub.clock.now() if now is None else now
        self.plot.setRange(xRange=(now - self.window_s, now), yRange=(0, 1), padding=0)

    def _rescale(self, now: float | None = None) -> None:
        """Follow time and fit the values and thresholds, in ONE range change: every
        range change makes each curve recompute its clipped, downsampled view."""
        now = self.ctx.hub.clock.now() if now is None else now
        lo, hi = math.inf, -math.inf
        for buf in self.buffers.values():
            _, v = buf.view()
            if len(v):
                with np.errstate(all="ignore"):
                    lo, hi = min(lo, np.nanmin(v)), max(hi, np.nanmax(v))
        x_range = (now - self.window_s, now)
        for item in self._threshold_items:
            lo, hi = min(lo, *item.threshold_levels), max(hi, *item.threshold_levels)
            item.setData(np.tile(x_range, len(item.threshold_levels)), np.repeat(item.threshold_levels, 2), connect="pairs")
        self._place_threshold_labels(now, lo, hi)
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
