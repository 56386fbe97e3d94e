"""The alarms a desk shows: the centre's (the broker's mirror) while the broker is there, the
console's own engine when it is not ("单机 standalone", today's behaviour). The tiles, the
status bar and the sound read this as they read an engine."""

from __future__ import annotations

from typing import Any

from console.alarms.engine import AlarmEngine
from console.centre.mirror import CentreAlarms


class DeskAlarms:
    def __init__(self, local: AlarmEngine, centre: CentreAlarms) -> None:
        self.local = local
        self.centre = centre

    @property
    def standalone(self) -> bool:
        return self.centre.standalone

    def _now(self):
        return self.local if self.centre.standalone else self.centre

    def open_alarms(self, include_suppressed: bool = False):
        return self._now().open_alarms(include_suppressed)

    def pending(self):
        return self._now().pending()

    def ack(self, alarm_id: int, who, comment: str = "", on_durable=None):
        return self._now().ack(alarm_id, who, comment, on_durable=on_durable)

    def comment(self, alarm_id: int, who, text: str, on_durable=None):
        return self._now().comment(alarm_id, who, text, on_durable=on_durable)

    def shelve(self, alarm_id: int, who, seconds, reason: str = "", on_durable=None):
        return self._now().shelve(alarm_id, who, seconds, reason, on_durable=on_durable)

    def unshelve(self, alarm_id: int, who, on_durable=None):
        return self._now().unshelve(alarm_id, who, on_durable=on_durable)

    def __getattr__(self, name: str) -> Any:  # rules, guidance, flood windows: the same plugins' rules
        return getattr(self.local, name)
