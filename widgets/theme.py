"""The look: a calm dark HMI (ISA-101). Colour only for abnormal states, always with a shape or text."""

from __future__ import annotations

from console.freshness import Freshness
from console.languages import QT_TRANSLATE_NOOP

BG = "#1c1f24"
TILE_BG = "#24282e"
TILE_BORDER = "#343a42"
TEXT = "#d5d9df"
MUTED = "#8a919b"
FAINT = "#5d636c"
# normal series: muted, distinguishable, none of them alarm-like
SERIES = ("#8fb3d9", "#9ccfc0", "#cfc39c", "#b9a8d6", "#a9c2a0", "#d6a8b9", "#a0b8c8", "#c8b8a0")
WARNING = "#e8a33a"  # amber: warning level, high-priority alarm
ALARM = "#e5484d"  # red: guarantee level, critical alarm
LOW = "#c9cf5a"  # yellow-green: low/medium alarms
# China's warning levels (预警级别) for alarm priorities 1..4: blue, yellow, orange, red
LEVEL_BLUE = "#5b9bea"
LEVEL_YELLOW = "#e6cf3c"
LEVEL_ORANGE = "#f08c2e"
DEMO = "#b58cff"  # the demo-data mark: unlike any state colour

# shapes go with colours so no state is told by colour alone; labels are translated where shown
SEVERITY_STYLE = {
    4: ("◆", ALARM, QT_TRANSLATE_NOOP("Severity", "红色")), 3: ("▲", LEVEL_ORANGE, QT_TRANSLATE_NOOP("Severity", "橙色")),
    2: ("■", LEVEL_YELLOW, QT_TRANSLATE_NOOP("Severity", "黄色")), 1: ("●", LEVEL_BLUE, QT_TRANSLATE_NOOP("Severity", "蓝色")),
}
# incidents' four levels (突发事件分级, 1 = most severe): red, orange, yellow, blue, each with its shape
INCIDENT_STYLE = {1: ("◆", ALARM), 2: ("▲", LEVEL_ORANGE), 3: ("■", LEVEL_YELLOW), 4: ("●", LEVEL_BLUE)}
FRESHNESS_STYLE = {
    Freshness.FRESH: ("", TEXT, ""),
    Freshness.LATE: ("◔", MUTED, QT_TRANSLATE_NOOP("Freshness", "迟到")),
    Freshness.CATCHING_UP: ("⟳", MUTED, QT_TRANSLATE_NOOP("Freshness", "追赶中")),
    Freshness.STALE: ("◌", FAINT, QT_TRANSLATE_NOOP("Freshness", "陈旧")),
    Freshness.OFFLINE: ("✕", FAINT, QT_TRANSLATE_NOOP("Freshness", "离线")),
}

FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Sans Serif"]

STYLESHEET = f"""
QMainWindow, QWidget#wall {{ background: {BG}; }}
QWidget {{ color: {TEXT}; }}
QFrame#tile {{ background: {TILE_BG}; border: 1px solid {TILE_BORDER}; border-radius: 4px; }}
QLabel#tileTitle {{ color: {TEXT}; font-weight: 600; }}
QLabel#tileStatus {{ color: {MUTED}; }}
QLabel#tileMessage {{ color: {WARNING}; }}
QLabel#kpiValue {{ font-weight: 700; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#demoMark {{ color: {DEMO}; border: 2px solid {DEMO}; border-radius: 3px; padding: 2px 8px; font-weight: 700; }}
QLabel#headerTitle {{ font-weight: 700; }}
QStatusBar {{ background: #16181c; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
QTableWidget {{ background: {TILE_BG}; border: none; gridline-color: {TILE_BORDER}; }}
QHeaderView::section {{ background: {TILE_BG}; color: {MUTED}; border: none; border-bottom: 1px solid {TILE_BORDER}; padding: 2px 4px; }}
QDialog {{ background: {BG}; }}
QTableView {{ background: {TILE_BG}; border: none; gridline-color: {TILE_BORDER}; selection-background-color: #3a414a; selection-color: {TEXT}; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox {{ background: #2f353d; border: 1px solid {TILE_BORDER}; border-radius: 3px; padding: 2px 6px; }}
QPushButton {{ background: #2f353d; border: 1px solid {TILE_BORDER}; padding: 3px 10px; border-radius: 3px; }}
QLabel#floodBanner {{ color: #16181c; background: {ALARM}; font-weight: 700; padding: 3px 8px; border-radius: 3px; }}
QLabel#sessionMark, QStatusBar QLabel#sessionMark {{ color: {DEMO}; font-weight: 700; }}
QComboBox, QLineEdit {{ background: #2f353d; color: {TEXT}; border: 1px solid {TILE_BORDER}; padding: 2px 6px; border-radius: 3px; }}
QComboBox QAbstractItemView {{ background: #2f353d; color: {TEXT}; selection-background-color: #3a414a; }}
QPushButton:disabled {{ color: {FAINT}; }}
QPushButton:hover {{ background: #3a414a; }}
QDialog, QDockWidget > QWidget, QMenuBar, QMenu {{ background: {BG}; color: {TEXT}; }}
QLineEdit, QSpinBox, QComboBox, QPlainTextEdit, QListWidget {{ background: {TILE_BG}; color: {TEXT}; border: 1px solid {TILE_BORDER}; border-radius: 3px; padding: 2px 4px; }}
QLineEdit:disabled, QSpinBox:disabled, QComboBox:disabled {{ color: {FAINT}; }}
"""


def dark_palette():
    """The same greys as a QPalette (Fusion): dialogs and menus the style sheet does not reach."""
    from PySide6.QtGui import QColor, QPalette

    role, group = QPalette.ColorRole, QPalette.ColorGroup
    pal = QPalette()
    for r, c in (
        (role.Window, BG), (role.WindowText, TEXT), (role.Base, TILE_BG), (role.AlternateBase, BG),
        (role.ToolTipBase, TILE_BG), (role.ToolTipText, TEXT), (role.PlaceholderText, FAINT),
        (role.Text, TEXT), (role.Button, TILE_BG), (role.ButtonText, TEXT), (role.BrightText, "#ffffff"),
        (role.Highlight, "#3d5a80"), (role.HighlightedText, "#ffffff"), (role.Link, SERIES[0]),
        (role.Light, TILE_BORDER), (role.Midlight, TILE_BORDER), (role.Mid, FAINT), (role.Dark, "#121417"),
        (role.Shadow, "#000000"),
    ):
        pal.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(FAINT))
    return pal
