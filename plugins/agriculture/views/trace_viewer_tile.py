"""TraceViewerTile: type or scan a batch code, see its chain as a timeline and whether it holds.

The tile never touches SQLite: it asks the trace service it is given (through
``TileContext.services``) on a worker thread, one lookup in flight (a newer code
supersedes the older), and shows the answer on the GUI thread. A scan from a tour
step or another console reaches it through the service's ``last_scan``.
"""

from __future__ import annotations

import html
import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSizePolicy, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from console.city_time import format_city
from console.languages import QT_TRANSLATE_NOOP
from widgets import theme
from console.layouts.layout import TileSpec
from widgets.tile import Tile, TileContext

STEP_NAMES = {  # shown through the catalog (step_name)
    "planting": QT_TRANSLATE_NOOP("Trace", "种植"), "inputs": QT_TRANSLATE_NOOP("Trace", "农资"),
    "harvest": QT_TRANSLATE_NOOP("Trace", "采收"), "sampling": QT_TRANSLATE_NOOP("Trace", "抽检"),
    "certificate": QT_TRANSLATE_NOOP("Trace", "合格证"), "sale": QT_TRANSLATE_NOOP("Trace", "销售"),
    "disposal": QT_TRANSLATE_NOOP("Trace", "销毁"),
}


def step_name(kind) -> str:
    """A record's step in the interface's language (an unknown one as the record says it)."""
    name = STEP_NAMES.get(kind)
    return QCoreApplication.translate("Trace", name) if name else str(kind)
_DETAIL_FIELDS = {
    "planting": ("crop", "farmer_name", "greenhouse", "area_mu"),
    "inputs": ("shop", "product", "quantity_kg"),
    "harvest": ("weight_kg",),
    "sampling": ("result", "station", "residues_mg_kg"),
    "certificate": ("certificate_no", "weight_kg"),
    "sale": ("buyer", "weight_kg"),
    "disposal": ("action", "weight_kg"),
}


def _detail(rec: dict[str, Any], bad_field: str | None) -> str:
    parts = []
    fields = list(_DETAIL_FIELDS.get(rec.get("type", ""), ()))
    if bad_field and bad_field in rec and bad_field not in fields:
        fields.insert(0, bad_field)
    for f in fields:
        if f not in rec:
            continue
        v = rec[f]
        if isinstance(v, dict):
            v = ", ".join(f"{k} {x}" for k, x in v.items())
        parts.append(f"{'✕ ' if f == bad_field else ''}{f}: {v}")
    return " · ".join(parts)


class TraceViewerTile(Tile):
    kind = "trace_viewer"
    options_schema = {
        "type": "object",
        "properties": {
            "service": {"type": "string"},
            "batch": {"type": "string"},
        },
    }

    sig_lookup_done = Signal(int, object)
    """(token, TraceLookup or the exception) from the worker, delivered on the GUI thread."""

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.service = ctx.services.get(self._options.get("service", "agriculture.trace"))
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trace-lookup")
        self._tokens = itertools.count(1)
        self._current = 0
        self._seen_scan = 0
        self._asked = ""
        self._retry_at = 0.0  # a code not (yet) in the cache is asked again: records arrive later
        self.lookup = None  # the TraceLookup shown
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        row = QHBoxLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setStyleSheet(f"color: {theme.TEXT};")
        self.code_edit.setPlaceholderText(QCoreApplication.translate("Trace", "扫码或输入批次号，回车查询"))
        self.code_edit.returnPressed.connect(lambda: self.look_up(self.code_edit.text()))
        row.addWidget(self.code_edit, 1)
        box.addLayout(row)
        if ctx.read_only:  # a wall or kiosk takes no input; the verdict names the batch
            self.code_edit.hide()
        self.verdict_label = QLabel("")
        self.verdict_label.setObjectName("traceVerdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box.addWidget(self.verdict_label)
        self.timeline = QTreeWidget()
        self.timeline.setColumnCount(4)
        self.timeline.setHeaderLabels(["", QCoreApplication.translate("Trace", "时间"), QCoreApplication.translate("Trace", "环节"), QCoreApplication.translate("Trace", "内容")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        header = self.timeline.header()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # the theme styles tables, not trees: keep the timeline as calm as the alarm list
        self.timeline.setStyleSheet(
            f"QTreeWidget {{ background: {theme.TILE_BG}; border: none; color: {theme.TEXT}; }}"
        )
        box.addWidget(self.timeline, 1)
        self.sig_lookup_done.connect(self._show)
        if self.service is None:
            self.show_message(QCoreApplication.translate("Trace", "未加载追溯服务：农业插件未启用"))
            self.code_edit.setEnabled(False)
        elif self._options.get("batch"):
            self.look_up(self._options["batch"])

    # -- asking -------------------------------------------------------------------
    def look_up(self, code: str) -> None:
        """Look a batch up off the GUI thread; a newer code supersedes one in flight."""
        code = code.strip()
        if not code or self.service is None:
            return
        if self.code_edit.text() != code:
            self.code_edit.setText(code)
        token = self._current = next(self._tokens)
        self._asked = code
        self._retry_at = 0.0
        self.verdict_label.setText(QCoreApplication.translate("Trace", "查询中：{code} …").format(code=code))
        self.verdict_label.setStyleSheet(f"color: {theme.MUTED};")
        self._pool.submit(self._work, token, code)

    def _work(self, token: int, code: str) -> None:
        try:
            result: Any = self.service.lookup(code)
        except Exception as exc:  # shown in the tile, never raised into the pool
            result = exc
        self.sig_lookup_done.emit(token, result)

    def on_second(self, now: float) -> None:
        if self.service is None:
            return
        count, code = self.service.last_scan()
        if count != self._seen_scan:
            self._seen_scan = count
            self.look_up(code)
        elif self._retry_at and time.monotonic() >= self._retry_at:
            self._retry_at = 0.0
            self.look_up(self._asked)

    # -- showing --------------------------------------------------------------------
    def _show(self, token: int, result: Any) -> None:
        if token != self._current:
            return  # superseded
        if isinstance(result, Exception):
            self.show_message(QCoreApplication.translate("Trace", "查询失败：{error}").format(error=f"{type(result).__name__}: {result}"))
            return
        self.show_message("")
        self.lookup = result
        self.timeline.clear()
        v = result.verification
        if not result.found:
            self.verdict_label.setText(QCoreApplication.translate("Trace", "未找到批次 {batch} 的记录").format(batch=html.escape(result.batch)))
            self.verdict_label.setStyleSheet(f"color: {theme.MUTED};")
            self.status_label.setText("")
            self._retry_at = time.monotonic() + 5.0
            return
        if self.code_edit.text() != result.batch:
            self.code_edit.setText(result.batch)  # "latest" resolved to a code
        if v.ok:
            self.verdict_label.setText(QCoreApplication.translate("Trace", "✓ 链完整 · 已验证 {n} 条记录 · {batch}").format(n=v.records, batch=result.batch))
            self.verdict_label.setStyleSheet(f"color: {theme.TEXT};")
        else:
            step = step_name(result.records[v.index].get("type"))
            self.verdict_label.setText(
                QCoreApplication.translate("Trace", "✕ 链断裂：第 {n} 条记录（{step}），字段“{field}”：{reason}").format(n=v.index + 1, step=step, field=v.field, reason=v.reason)
            )
            self.verdict_label.setStyleSheet(f"color: {theme.ALARM}; font-weight: bold;")
        for i, rec in enumerate(result.records):
            bad = not v.ok and i == v.index
            after = not v.ok and i > v.index
            mark = "✕" if bad else ("?" if after else "✓")
            ts = rec.get("ts")
            when = format_city(ts, "%m-%d %H:%M") if isinstance(ts, (int, float)) else str(ts)
            item = QTreeWidgetItem([mark, when, step_name(rec.get("type")),
                                    _detail(rec, v.field if bad else None)])
            color = theme.ALARM if bad else (theme.FAINT if after else theme.TEXT)
            for col in range(4):
                item.setForeground(col, QColor(color))
            item.setToolTip(3, f"hash {rec.get('hash', '')}\nprev {rec.get('prev_hash', '')}")
            self.timeline.addTopLevelItem(item)
        self.status_label.setText(QCoreApplication.translate("Trace", "{n} 条记录").format(n=len(result.records)))

    def teardown(self) -> None:
        self._current = -1
        self._pool.shutdown(wait=False, cancel_futures=True)
        try:
            self.sig_lookup_done.disconnect(self._show)
        except (RuntimeError, TypeError):
            pass
        super().teardown()
