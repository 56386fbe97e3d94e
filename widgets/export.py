"""Export what a tile shows: PNG (at the screen's resolution), SVG (charts), CSV (UTF-8 with
a BOM, so Excel opens Chinese text right). The format comes from the file's suffix.

A tile says what its table is with ``export_table()`` (the chart: every shown reading with
its series, time and unit); a tile without one exports the cells of its first table widget,
as shown. Cells are written so that Excel never runs them as formulas.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidget

FORMATS = (".png", ".svg", ".csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """The tile cannot be exported in that format (named in the message)."""


def table_of(tile, since: float | None = None, until: float | None = None) -> tuple[list[str], list[list[object]]]:
    """The tile's table: (headers, rows); a chart's readings limited to [since, until]."""
    own = getattr(tile, "export_table", None)
    if callable(own):
        return own(since, until)
    tables = tile.findChildren(QTableWidget)
    if not tables:
        raise ExportError(f"{tile.kind}: this tile has no table to export as CSV (PNG works)")
    table = tables[0]
    headers = [
        (table.horizontalHeaderItem(c).text() if table.horizontalHeaderItem(c) else f"column {c + 1}")
        for c in range(table.columnCount())
    ]
    rows = []
    for r in range(table.rowCount()):
        if table.isRowHidden(r):
            continue
        rows.append([(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())])
    return headers, rows


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text in Excel, never evaluated
    if isinstance(value, float):
        return repr(value)  # every digit: the file round-trips the shown values exactly
    return value


def write_csv(tile, path: Path, since: float | None = None, until: float | None = None) -> int:
    headers, rows = table_of(tile, since, until)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([_cell(h) for h in headers])
        for row in rows:
            w.writerow([_cell(v) for v in row])
    return len(rows)


def write_png(tile, path: Path, **_range) -> None:
    """The tile as it is on screen, at the screen's device pixel ratio."""
    pixmap = tile.grab()
    if pixmap.isNull() or not pixmap.save(str(path), "PNG"):
        raise ExportError(f"could not write {path}")


def write_svg(tile, path: Path, **_range) -> None:
    """The chart tile drawn into an SVG (vector lines and text). pyqtgraph's own SVG exporter
    fails on the paths Qt 6.11 writes ("not enough values to unpack"), so Qt draws it."""
    if getattr(tile, "plot", None) is None:
        raise ExportError(f"{tile.kind}: SVG is for charts; use PNG for this tile")
    from PySide6.QtCore import QPoint, QRect, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(tile.width(), tile.height()))
    gen.setViewBox(QRect(0, 0, tile.width(), tile.height()))
    gen.setTitle(tile.title_label.text())
    painter = QPainter()
    if not painter.begin(gen):
        raise ExportError(f"could not write {path}")
    try:
        tile.render(painter, QPoint(0, 0))
    finally:
        painter.end()


def export_tile(tile, path: Path | str, since: float | None = None, until: float | None = None) -> Path:
    """Write the tile to ``path`` in the format its suffix names (CSV: readings in [since, until])."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path.name}: unknown export format {suffix or '(none)'!r} (one of {', '.join(FORMATS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    {".png": write_png, ".svg": write_svg, ".csv": write_csv}[suffix](tile, path, since=since, until=until)
    return path


def show_export_menu(tile, global_pos) -> None:
    """The tile's menu on the desk: export as PNG, SVG (charts) or CSV, to a file the operator picks."""
    from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

    menu = QMenu(tile)
    choices = [(".png", QCoreApplication.translate("Export", "导出图片…")), (".csv", QCoreApplication.translate("Export", "导出表格…"))]
    if getattr(tile, "plot", None) is not None:
        choices.insert(1, (".svg", QCoreApplication.translate("Export", "导出矢量图…")))
    actions = {menu.addAction(label): suffix for suffix, label in choices}
    menu.addSeparator()
    print_action = menu.addAction(QCoreApplication.translate("Export", "打印…"))
    chosen = menu.exec(global_pos)
    if chosen is None:
        return
    if chosen is print_action:
        from widgets.printing import open_print_dialog

        open_print_dialog(tile, tile, tile.title_label.text())
        return
    suffix = actions[chosen]
    name = f"{(tile.title_label.text() or tile.kind).split(' ')[0]}{suffix}"
    target, _ = QFileDialog.getSaveFileName(tile, chosen.text().rstrip("…"), str(Path.home() / name), f"*{suffix}")
    if not target:
        return
    try:
        export_tile(tile, Path(target) if target.lower().endswith(suffix) else Path(target + suffix))
    except (ExportError, OSError) as exc:
        QMessageBox.warning(tile, QCoreApplication.translate("Export", "导出失败"), str(exc))
