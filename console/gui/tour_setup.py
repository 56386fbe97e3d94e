"""Puts a tour and the kiosk on a built window (``--tour``, ``--kiosk``), and the replay badge."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from console.gui.kiosk import KioskGuard
from console.gui.tour_driver import TourControls, TourDriver
from console.app.runtime import Runtime
from console.tours.default import find_tour
from console.tours.model import TourError
from console.tours.player import TourPlayer
from console.tours.scenario import RuntimeScenario

log = logging.getLogger(__name__)


@dataclass
class DemoFeatures:
    driver: TourDriver | None = None
    controls: TourControls | None = None
    guard: KioskGuard | None = None

    def stop(self) -> None:
        if self.driver is not None:
            self.driver.stop()
        if self.guard is not None:
            self.guard.uninstall()


def attach_demo_features(
    window, runtime: Runtime, pin: str | None = None, rate: float = 1.0, wait_ready: bool = False
) -> DemoFeatures:
    """The tour driver (and the desk's controls unless kiosk), the kiosk guard if asked.

    ``wait_ready``: the attract card stays up until every source has caught up (its back-fill
    written), at most ``READY_WAIT_S``; then the tour starts, its scenario on the live data."""
    o = runtime.options
    out = DemoFeatures()
    if o.tour:
        try:
            tour, notices = find_tour(o.tour, runtime.city, runtime.registry.plugins.values(), runtime.layouts)
        except TourError as exc:
            runtime.notices.append(QCoreApplication.translate("Tour", "导览无法播放：{error}").format(error=exc))
            tour = None
        if tour is not None:
            runtime.notices.extend(notices)
            scenario = RuntimeScenario(runtime)
            player = TourPlayer(
                tour, scenario=scenario, alarms=runtime.alarms.open_alarms, sim_time=runtime.clock.now, rate=rate, auto_resume=o.kiosk
            )
            out.driver = TourDriver(window, player, runtime.layouts, lang=o.lang)
            if not o.kiosk:
                out.controls = TourControls(player, window)
                window.addToolBar(out.controls)
            at = o.tour_step - 1
            if at >= len(tour.steps):
                runtime.notices.append(QCoreApplication.translate("Tour", "导览没有第 {step} 步（共 {n} 步）：从第 1 步开始").format(
                    step=o.tour_step, n=len(tour.steps)))
                at = 0
            if wait_ready:
                out.driver.start_when_ready(at, lambda: all(h.live and not h.catching_up for h in runtime.hub.sources.values()))
            else:
                out.driver.start(at)
        window.show_notices()
    if o.kiosk:
        if not pin:
            raise ValueError("kiosk mode needs a PIN (console.settings.kiosk.load_kiosk_pin)")
        store, city = runtime.store, runtime.city.id

        def audit(action: str, detail: dict, outcome: str) -> None:
            # written now on the durable connection (one small row, rare), not behind the
            # write queue: a demo's back-fill kept wrong PINs and a stop unwritten for many seconds
            store.audit("kiosk", action, f"city:{city}", detail, outcome=outcome)

        out.guard = KioskGuard(window, pin, audit)
    return out
