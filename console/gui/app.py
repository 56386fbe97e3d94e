"""Starts the GUI: the Qt application and its event loop, the window, the screenshot mode.

No asyncio loop runs here (qasync was dropped): every source is a thread of its own (paho's
network loop, the HTTP pollers, the simulators) handing readings to the hub, and nothing in
the console awaits; the README says why."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from console.app.runtime import Runtime, RuntimeOptions

log = logging.getLogger(__name__)


def _prepare_environment() -> None:
    # QtWebEngine refuses to run as root without this (the wall PC often runs as root)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    # pyqtgraph is imported and configured by the first plot (widgets.plotting), after the first frame


def make_application(argv: list[str] | None = None):
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    # the map's URL scheme must be registered, and QtWebEngine imported, before the
    # application exists (QtWebEngine needs its shared GL contexts set up first)
    import widgets._map_scheme  # noqa: F401

    from widgets import theme

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    families = set(QFontDatabase.families())
    family = next((f for f in theme.FONT_FAMILIES if f in families), None)
    if family:
        font = QFont(family)
        font.setPointSizeF(11)
        app.setFont(font)
    # Fusion with a dark palette: the dialogs the style sheet does not reach (file and
    # message boxes, menus) are dark too, instead of the platform's light ones
    app.setStyle("Fusion")
    app.setPalette(theme.dark_palette())
    app.setStyleSheet(theme.STYLESHEET)
    _set_icon(app)
    from console.gui.gc_guard import collect_on_gui_thread

    collect_on_gui_thread()
    return app


def _set_icon(app) -> None:
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resources.files("resources") / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        f = folder / f"city-console-{size}.png"
        if f.is_file():
            icon.addFile(str(f))
    if not icon.isNull():
        app.setWindowIcon(icon)


def build_window(runtime: Runtime, wall=None, layouts_dir: Path | None = None):
    """The window and the context its tiles share. Shows the cache's last state at once.

    ``wall``: a WallConfig; its screens get wall windows, previewed on the desk.
    """
    from console.gui.camera_feed import CameraFeed
    from console.gui.desk import Desk
    from console.gui.history_loader import HistoryLoader
    from console.gui.selection import Selection
    from console.gui.hub_signals import HubSignals
    from console.gui.main_window import MainWindow
    from widgets.tile import TileContext

    signals = HubSignals(runtime.hub)
    history = HistoryLoader(runtime.store)
    from console.cameras.video_pool import DEFAULT_MAX_STREAMS, WALL_MAX_STREAMS, VideoPool

    ctx = TileContext(
        runtime.hub, signals, history, runtime.alarms, cameras=CameraFeed(runtime.snapshots), city=runtime.city.id,
        video=VideoPool(WALL_MAX_STREAMS if runtime.options.wall else DEFAULT_MAX_STREAMS),
        selection=Selection(), session=runtime.session,
        read_only=runtime.options.kiosk, kiosk=runtime.options.kiosk, services=runtime.services,
        incidents=runtime.incidents,
    )
    window = MainWindow(runtime, ctx)
    layout = runtime.initial_layout()
    if layout is not None:
        window.show_layout(layout)
    if not ctx.read_only:  # the desk (menus, editor, switching) is an operator's: never in a kiosk
        window.desk = Desk(window, runtime, ctx, wall, layouts_dir)
    signals.start()
    return window, ctx


def run_gui(
    options: RuntimeOptions, screenshot: Path | None = None, after_s: float = 4.0, size: tuple[int, int] = (1920, 1080),
    wall_file: Path | None = None, kiosk_pin: str | None = None, dump_state: Path | None = None,
    dump_every_s: float | None = None,
    in_step_s: float | None = None, at_steps: list[int] | None = None, tour_rate: float = 1.0,
) -> int:
    _prepare_environment()
    if options.kiosk:
        os.environ.pop("QTWEBENGINE_REMOTE_DEBUGGING", None)  # no devtools port on a kiosk
    from PySide6.QtCore import QCoreApplication, QTimer

    from console.wall.wall_config import WallConfigError, load_wall_config
    from console.gui.i18n import install_translators
    from console.gui.tour_setup import attach_demo_features

    app = make_application()
    from console.gui.qt_log import install_qt_log

    install_qt_log()  # Qt's warnings into the log file, not only a terminal nobody reads
    from console.gui.service import ServiceHeartbeat, TerminateWatcher

    # armed before the seconds of start-up below: a SIGTERM then waits for the loop
    stopper = {"stop": lambda _why: app.quit()}
    terminate = TerminateWatcher(app, lambda why: stopper["stop"](why))
    runtime = Runtime(options)  # builds no widget: the translators are in place before any
    app._translators = install_translators(app, options.lang, runtime.notices)
    wall = None
    if wall_file is not None:
        try:
            wall = load_wall_config(wall_file)
        except WallConfigError as exc:
            runtime.notices.append(QCoreApplication.translate("App", "墙面配置无效，未启动墙面：{error}").format(error=exc))
    runtime.start()
    from console.gui.first_paint import FirstPaint
    from widgets import first_frame

    first_frame.arm()  # the tiles' heavy parts (charts' plots) wait for the first frame
    window, ctx = build_window(runtime, wall)
    features = attach_demo_features(window, runtime, kiosk_pin, rate=tour_rate, wait_ready=True)
    window.resize(*size)
    walls = list(window.desk.windows.windows.values()) if window.desk is not None and window.desk.windows else []
    if options.kiosk and screenshot is None:
        features.guard.sig_exit_requested.connect(app.quit)
        window.showFullScreen()
    elif walls:
        from console.gui.desk_placement import place_desk

        full = options.wall and screenshot is None
        place_desk(window, walls, full)
        # a screen plugged in later may free one for the desk (or take the desk's)
        window.desk.windows.sig_placement_changed.connect(lambda: place_desk(window, walls, full))
    elif options.wall and screenshot is None:
        window.showFullScreen()
    else:
        window.show()
    shown_first = next((w for w in [window, *walls] if w.isVisible()), window)
    first_paint = FirstPaint(shown_first, first_frame.open_gate)

    def stop_now(reason: str) -> None:
        """Quit for a supervisor or a finished screenshot: a kiosk lets go of its window first
        (it refuses Close, and Qt's quit() asks every window to close)."""
        if features.guard is not None:
            features.guard.release(reason)
        stopper["reason"] = reason
        app.quit()

    stopper["stop"] = stop_now
    if features.guard is not None and screenshot is None:
        terminate.on_received.append(features.guard.record_stop)
    service = ServiceHeartbeat(window, lambda: window.wall.layout_model.name if window.wall else None, terminate=terminate)
    log.info("window shown%s", " (kiosk)" if options.kiosk else "")
    result = {"code": 0}

    def take_screenshot(screenshot: Path = screenshot, dump_state: Path | None = dump_state, last: bool = True) -> None:
        if first_frame.waiting():  # the picture is of the whole wall: its charts' plots built first
            first_frame.after_first_frame(lambda: QTimer.singleShot(0, lambda: take_screenshot(screenshot, dump_state, last)))
            return
        dumper = window.findChild(QTimer, "stateDumper")
        if dumper is not None and last:
            dumper.stop()
        with runtime.store.held():  # one moment: no alarm changes between the picture and its state
            ctx.signals.drain()
            ctx.signals.sig_second_ticked.emit(runtime.clock.now())
            app.processEvents()
            shown = {sid: w for sid, w in (window.desk.windows.windows.items() if walls else ()) if w.isVisible()}
            # the desk's picture when it is on a screen; else the first wall screen's (every screen is a wall)
            main = window if window.isVisible() or not shown else next(iter(shown.values()))
            ok = main.grab().save(str(screenshot))
            if dump_state is not None:  # the same moment as the picture
                from console.gui.state_dump import dump_state as write_state

                write_state(dump_state, window, runtime, first_paint.painted_at)
                print(f"state written: {dump_state}")
            for sid, w in shown.items():
                path = screenshot.with_name(f"{screenshot.stem}-{sid}{screenshot.suffix}")
                ok = w.grab().save(str(path)) and ok
                print(f"screenshot written: {path}")
        if not ok:
            print(f"city-console: could not write screenshot {screenshot}", file=sys.stderr)
            result["code"] = 1
        else:
            print(f"screenshot written: {screenshot}")
        if last:
            stop_now("screenshot")

    if screenshot is not None and in_step_s is not None and features.driver is not None:
        # the tour starts once the sources caught up: each shot is timed from its step's start
        from console.gui.tour_shots import TourShots, step_path

        def shoot(step: int, last: bool) -> None:
            if shots.failed:
                result["code"] = 1
            if step == 0:
                stop_now("screenshot")
            elif at_steps:
                take_screenshot(step_path(screenshot, step), step_path(dump_state, step), last)
            else:
                take_screenshot(last=last)

        shots = TourShots(features.driver, in_step_s, at_steps or [options.tour_step], shoot)
    elif screenshot is not None:
        QTimer.singleShot(int(after_s * 1000), take_screenshot)
    if dump_state is not None and dump_every_s:
        # the wall's state over its first seconds too (FILE-10s.json ...): what a start-up looked like
        import time as _time

        from console.gui.state_dump import dump_state as write_state

        shown_at = _time.monotonic()

        def dump_now() -> None:
            ctx.signals.drain()
            ctx.signals.sig_second_ticked.emit(runtime.clock.now())
            t = _time.monotonic() - shown_at
            write_state(dump_state.with_name(f"{dump_state.stem}-{t:.0f}s{dump_state.suffix}"), window, runtime)

        dumper = QTimer(window)
        dumper.setObjectName("stateDumper")
        dumper.timeout.connect(dump_now)
        dumper.start(int(dump_every_s * 1000))

    app.aboutToQuit.connect(features.stop)
    app.aboutToQuit.connect(service.stop)
    # a supervisor's SIGTERM allows seconds (the watcher's grace): the cache write is bounded
    app.aboutToQuit.connect(lambda: _shutdown(window, ctx, runtime, _write_bound(stopper.get("reason"), options.demo)))
    app.exec()
    return result["code"]


SIGTERM_WRITE_S = 2.0
"""The cache's share of a SIGTERM stop (the watcher exits anyway 4 s after the signal)."""
DEMO_SHOT_WRITE_S = 3.0
"""A demo's screenshot run: its picture is taken; the simulators' back-fill still queued is
recomputed by the next demo start, so the run does not wait the many seconds it takes."""


def _write_bound(reason: str | None, demo: bool) -> float | None:
    """How long the stop may write the cache (None: everything queued)."""
    if reason == "SIGTERM":
        return SIGTERM_WRITE_S
    if reason == "screenshot" and demo:
        return DEMO_SHOT_WRITE_S
    return None


def _shutdown(window, ctx, runtime: Runtime, within_s: float | None = None) -> None:
    log.info("shutting down")
    runtime.request_stop()  # the sources' threads end first: they compete for the GIL with every step below
    steps: list[tuple[str, float]] = []
    t = time.monotonic()

    def took(step: str) -> None:
        nonlocal t
        now = time.monotonic()
        steps.append((step, now - t))
        t = now

    ctx.signals.stop()
    if getattr(window, "desk", None) is not None:
        window.desk.teardown()
    window.teardown()
    took("windows")
    ctx.history.shutdown()
    ctx.cameras.shutdown()
    if ctx.video is not None:
        ctx.video.close()
    took("history, cameras, video")
    runtime.stop(within_s)
    took("sources and cache")
    # a supervisor allows seconds: where they went, for support
    log.info("shut down in %.2f s (%s)", sum(d for _, d in steps), ", ".join(f"{n} {d:.2f} s" for n, d in steps))
