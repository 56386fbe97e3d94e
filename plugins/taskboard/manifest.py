"""The pilot task board (任务书) as a plugin: it proves the door. It brings its own CLI
commands (``tasks import|list|report``), a service (the board on its worker thread), a tile,
a layout, a desk action (Ctrl+T, the task editor) and its seed task books; the core knows
none of it."""

from console.languages import QT_TRANSLATE_NOOP
from console.plugins.api import DeskAction, PluginManifest

PLUGIN = PluginManifest(
    name="taskboard",
    title=QT_TRANSLATE_NOOP("Plugin", "试点任务书"),
    order=900,  # after the domains: their first layout stays the console's default
    tile_kinds={"taskboard": "plugins.taskboard.views.task_board_tile:TaskBoardTile"},
    layouts=("plugins.taskboard:layouts/taskboard.json",),
    services={"taskboard.board": "plugins.taskboard.service:board_service"},
    cli={"tasks": "plugins.taskboard.cli"},
    desk_actions=(
        DeskAction(QT_TRANSLATE_NOOP("DeskAction", "任务书"), "Ctrl+T", "plugins.taskboard.views.task_editor:open_task_editor", needs_service="taskboard.board"),
    ),
)
