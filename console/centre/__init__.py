"""One centre, many consoles: alarm state and operator commands over the centre's MQTT broker.

The engine (``city-console engine``, or the console that owns the sources) publishes every
open alarm as a retained message keyed ``rule:stream@raised_ts`` (no local integer ids on
the wire) and applies operator commands it takes from a shared subscription, so each
command is applied once however many engines stand by. Consoles mirror the retained state.
Qt-free."""
