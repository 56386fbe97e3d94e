"""What the hub tells the views at each drain: readings, entity, source-health, alarm and incident events."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.model import Reading


@dataclass(frozen=True)
class EntityEvent:
    """Entities that arrived or changed since the last drain (their ids, in arrival order)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed)


@dataclass
class Updates:
    """What changed since the last drain: new readings per stream, entities, source health, alarms."""

    readings: dict[str, list[Reading]] = field(default_factory=dict)
    alarms_changed: bool = False
    entities: EntityEvent = EntityEvent()
    health_changed: frozenset[str] = frozenset()  # source names whose health changed
    alarm_ids: frozenset[int] = frozenset()  # alarms raised or changed, when the engine said which
    incident_ids: frozenset[int] = frozenset()  # incidents opened or changed (console.incidents.book)

    def __bool__(self) -> bool:
        return (bool(self.readings) or self.alarms_changed or bool(self.entities) or bool(self.health_changed)
                or bool(self.incident_ids))
