"""The selected entity, shared by every tile of a window: click a gauge on the map and
the tiles that follow the selection show its hydrograph and its nearest cameras."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    sig_entity_selected = Signal(str)
    """An entity (its id) was selected; tiles with ``follow_selection`` follow it."""
    sig_incident_selected = Signal(int)
    """An incident (its id) was selected or opened: the incident timeline shows it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entity_id: str | None = None
        self.incident_id: int | None = None

    def select_incident(self, incident_id: int) -> None:
        if incident_id != self.incident_id:
            self.incident_id = incident_id
            self.sig_incident_selected.emit(incident_id)

    def select(self, entity_id: str) -> None:
        if entity_id and entity_id != self.entity_id:
            self.entity_id = entity_id
            self.sig_entity_selected.emit(entity_id)
