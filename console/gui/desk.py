"""The operator's desk: wires the wall windows, switching, the preview, the editor and the palette to the main window.

Everything here is added from outside MainWindow (a menu, shortcuts, a dock), so the
window itself stays small. Without a wall configuration the desk's own window is the
one screen that hotkeys, the palette and the editor switch.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from console.gui.alarm_sound import AlarmSound
from widgets.translation import shown, title_shown
from console.gui.command_palette import CommandPalette
from console.gui.layout_editor import LayoutEditor
from console.gui.wall_driver import WallDriver
from console.gui.wall_preview import WallPreview
from console.gui.wall_windows import WallWindows
from console.layouts.layout import Layout, LayoutError, load_layout
from console.app.runtime import Runtime
from console.city import centre_title
from console.gui.main_window import header_marks
from console.audit.permissions import Gate
from console.wall.commands import Command
from console.wall.paths import user_layouts_dir
from console.wall.switching import Decision, WallSwitcher
from console.wall.takeover import takeover_for
from console.wall.wall_config import WallConfig, WallScreen
from widgets.tile import TileContext

log = logging.getLogger(__name__)

DESK = "desk"


class Desk(QObject):
    def __init__(self, window: QMainWindow, runtime: Runtime, ctx: TileContext, wall: WallConfig | None = None,
                 layouts_dir: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.runtime = runtime
        self.ctx = ctx
        folder = layouts_dir or (Path(wall.layouts_dir) if wall and wall.layouts_dir else user_layouts_dir())
        self.layouts_dir = Path(folder)
        self._load_user_layouts()
        current = window.wall.layout_model if window.wall is not None else None
        if current is not None:
            runtime.layouts.setdefault(current.name, current)
        self.editor: LayoutEditor | None = None
        steps = wall.takeover.steps if wall and wall.takeover else ()
        if wall is not None:
            self.windows: WallWindows | None = WallWindows(wall, ctx, window.tile_kinds(), parent=self,
                                                           title=centre_title(runtime.city), marks=header_marks(runtime))
            config = wall
            shows = {sid: self._wall_show(sid) for sid in self.windows.windows}
        else:
            self.windows = None
            config = WallConfig((WallScreen(DESK, layout=current.name if current else None),))
            shows = {DESK: self._desk_show}
        self.switcher = WallSwitcher(config, runtime.layouts, lambda a: self.takeover_of(a, steps))
        self.gate = Gate(runtime.session, runtime.store.audit)  # operator actions: checked and audited
        self.driver = WallDriver(self.switcher, shows, lambda: runtime.layouts, runtime.clock.now,
                                 runtime.alarms.open_alarms, self.notice, parent=self, gate=self.gate)
        ctx.signals.sig_alarms_changed.connect(self.driver.alarms_changed)
        self.sound = AlarmSound(runtime.alarms.open_alarms, self.gate.done, self.notice, parent=self)
        self.sound_label = QLabel("")
        self.sound_label.setObjectName("alarmSound")
        window.statusBar().addPermanentWidget(self.sound_label)
        self.sound.sig_sound_changed.connect(lambda _level: self._show_sound())
        ctx.signals.sig_alarms_changed.connect(self.sound.alarms_changed)
        self.sound.alarms_changed()
        self._show_sound()
        self._add_menu()
        self.dock: QDockWidget | None = None
        if self.windows is not None:
            self.preview = WallPreview(self.windows, self.driver, lambda: runtime.layouts, self._desk_tiles)
            self.dock = QDockWidget(QCoreApplication.translate("Desk", "墙面预览"), window)
            self.dock.setObjectName("wallPreviewDock")
            self.dock.setWidget(self.preview)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.windows.place()
        self.driver.start()
        self.remote = None  # the wall driven from the centre's other desks
        if runtime.centre is not None:
            from console.gui.wall_remote import WallRemote

            self.remote = WallRemote(self.driver, runtime, parent=self)
        self.remote_walls = None  # the centre's other walls, in small
        if runtime.centre is not None:
            from console.gui.remote_walls import remote_walls_dock

            self.remote_walls = remote_walls_dock(window, runtime, self.gate, self.notice, ctx.signals, self.layout_menu)

    def takeover_of(self, alarm, steps: tuple[str, ...] = ()) -> Layout:
        """The layout ``alarm`` brings to the wall, as its plugin describes it, with its rule's steps."""
        rt = self.runtime
        return takeover_for(alarm, rt.registry.plugins.values(), rt.hub.entities, rt.alarms.guidance(alarm), steps)

    # -- showing ----------------------------------------------------------------
    def _wall_show(self, sid: str):
        def show(layout: Layout, d: Decision) -> list:
            banner = "⚠ " + QCoreApplication.translate("Desk", "报警接管 · {alarm}").format(alarm=shown(d.alarm.message)) if d.reason == "takeover" and d.alarm else ""
            return self.windows.show_layout(sid, layout, d.reason, banner).grid.tiles
        return show

    def _desk_show(self, layout: Layout, d: Decision) -> list:
        w = self.window
        if w.wall is None or w.wall.layout_model != layout:
            w.show_layout(layout)
        return w.wall.tiles

    def _desk_tiles(self) -> list:
        w = self.window.wall
        return list(w.layout_model.tiles) if w is not None else []

    def _show_sound(self) -> None:
        self.sound_label.setText(self.sound.text())
        self.sound_label.setVisible(bool(self.sound.text()))

    def notice(self, text: str) -> None:
        self.runtime.notices.append(text)
        self.window.show_notices()

    # -- operator actions -------------------------------------------------------
    def open_layout_file(self, path: Path | str) -> Layout | None:
        """Open a layout file onto the target screen; a file that fails validation opens nothing and says why.
        Needs a login whose role may ``layout.open``; refused or done, it is audited."""
        target = f"file:{path}"
        if not self.gate.allows("layout.open", target):
            self.notice("需要值班员登录 Refused: opening a layout file needs an operator login")
            return None
        try:
            layout = load_layout(path)
        except LayoutError as exc:
            self.gate.done("layout.open", target, "rejected: invalid file")
            self.notice(QCoreApplication.translate("Desk", "布局文件无效，当前布局保持不变：{error}").format(error=exc))
            return None
        self.gate.done("layout.open", target, layout=layout.name)
        self.add_layout(layout)
        self.driver.take_control(self.driver.target, layout.name)
        return layout

    def add_layout(self, layout: Layout) -> None:
        self.runtime.layouts[layout.name] = layout
        self.switcher.set_layouts(self.runtime.layouts)

    def edit_layout(self) -> LayoutEditor | None:
        if self.ctx.read_only or not self.gate.allows("layout.edit", f"screen:{self.driver.target}"):
            self.notice(QCoreApplication.translate("Desk", "只读：编辑布局需要值班员登录"))
            return None
        if self.windows is not None and self.windows.windows[self.driver.target].layout_model is not None:
            layout = self.windows.windows[self.driver.target].layout_model
        elif self.window.wall is not None:
            layout = self.window.wall.layout_model
        else:
            layout = next(iter(self.runtime.layouts.values()))
        self.editor = LayoutEditor(layout, self.window.tile_kinds(), self.layouts_dir, self.window)
        self.editor.sig_layout_saved.connect(self._saved)
        self.editor.sig_layout_applied.connect(self._apply_edited)
        self.editor.show()
        return self.editor

    def _saved(self, layout: Layout) -> None:
        self.add_layout(layout)

    def _apply_edited(self, layout: Layout) -> None:
        self.add_layout(layout)
        self.driver.take_control(self.driver.target, layout.name)

    def palette(self) -> CommandPalette:
        p = CommandPalette(
            lambda: ({n: title_shown(lay.title) if lay.title else "" for n, lay in self.runtime.layouts.items()}, list(self.switcher.config.playlists)),
            self._command, self.window,
        )
        p.move(self.window.geometry().center() - p.rect().center())
        p.show()
        p.input.setFocus()
        return p

    def _command(self, cmd: Command) -> None:
        if cmd.action == "edit":
            self.edit_layout()
        else:
            self.driver.run_command(cmd)

    def _add_menu(self) -> None:
        w = self.window
        menu = self.layout_menu = w.menuBar().addMenu(QCoreApplication.translate("Desk", "布局"))
        menu.addAction(QCoreApplication.translate("Desk", "命令面板…"), QKeySequence("Ctrl+K"), self.palette)
        menu.addAction(QCoreApplication.translate("Desk", "编辑布局…"), QKeySequence("Ctrl+E"), self.edit_layout)
        menu.addAction(QCoreApplication.translate("Desk", "打开布局文件…"), QKeySequence("Ctrl+O"), self._open_dialog)
        menu.addAction(QCoreApplication.translate("Desk", "暂停/继续轮播"), QKeySequence(Qt.Key.Key_Space), self.driver.toggle_hold)
        menu.addAction(QCoreApplication.translate("Desk", "轮播下一项"), QKeySequence("Ctrl+Right"), self.driver.next_item)
        menu.addAction(QCoreApplication.translate("Desk", "轮播上一项"), QKeySequence("Ctrl+Left"), self.driver.previous_item)
        menu.addAction(QCoreApplication.translate("Desk", "打印布局…"), QKeySequence("Ctrl+P"), self.print_layout)
        menu.addSeparator()
        alarms = w.menuBar().addMenu(QCoreApplication.translate("Desk", "报警"))
        alarms.addAction(QCoreApplication.translate("Desk", "消音"), QKeySequence(Qt.Key.Key_F9), self.sound.silence)
        for n in range(1, 10):
            QShortcut(QKeySequence(f"Ctrl+{n}"), w, lambda n=n: self.driver.hotkey(n))

    def print_layout(self) -> bool:
        """Print the layout on the desk through Qt's print dialog."""
        from widgets.printing import open_print_dialog

        wall = getattr(self.window, "wall", None)
        if wall is None:
            return False
        return open_print_dialog(wall, self.window, title_shown(wall.layout_model.title) if wall.layout_model.title else wall.layout_model.name)

    def _open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.gate.allows("layout.open", "dialog"):  # no file dialog for nobody
            self.notice(QCoreApplication.translate("Desk", "需要值班员登录：打开布局文件"))
            return

        path, _ = QFileDialog.getOpenFileName(
            self.window, QCoreApplication.translate("Desk", "打开布局"), str(self.layouts_dir), QCoreApplication.translate("Desk", "布局文件") + " (*.json *.toml)")
        if path:
            self.open_layout_file(path)

    def _load_user_layouts(self) -> None:
        if not self.layouts_dir.is_dir():
            return
        for path in sorted([*self.layouts_dir.glob("*.json"), *self.layouts_dir.glob("*.toml")]):
            try:
                layout = load_layout(path)
            except LayoutError as exc:
                self.runtime.notices.append(QCoreApplication.translate("Desk", "布局无效，已跳过：{error}").format(error=exc))
                continue
            self.runtime.layouts.setdefault(layout.name, layout)

    def teardown(self) -> None:
        self.driver.stop()
        if self.remote is not None:
            self.remote.teardown()
        self.sound.teardown()
        if self.windows is not None:
            self.windows.teardown()
