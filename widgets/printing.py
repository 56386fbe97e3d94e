"""Print what the desk shows (the layout on screen, or one tile) through Qt's print dialog,
or straight to a PDF file. The picture is scaled to the page, keeping its proportions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def print_widget(widget: QWidget, printer: QPrinter) -> bool:
    """Draw ``widget`` on one page of ``printer``, fitted to the printable area. False if it could not print."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        scale = min(page.width() / max(widget.width(), 1), page.height() / max(widget.height(), 1))
        painter.translate((page.width() - widget.width() * scale) / 2, 0)
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return True


def print_to_pdf(widget: QWidget, path: Path | str, title: str = "") -> bool:
    """The same page as a PDF file (A4 landscape), for a report or e-mail."""
    from PySide6.QtGui import QPageLayout, QPageSize

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    if title:
        printer.setDocName(title)
    return print_widget(widget, printer)


def open_print_dialog(widget: QWidget, parent: QWidget | None = None, title: str = "") -> bool:
    """Qt's print dialog (printer, pages, PDF); prints ``widget`` when the operator accepts."""
    from PySide6.QtGui import QPageLayout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    if title:
        printer.setDocName(title)
    dialog = QPrintDialog(printer, parent or widget)
    dialog.setWindowTitle(QCoreApplication.translate("Export", "打印"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return print_widget(widget, printer)
