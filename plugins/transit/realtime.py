"""GTFS-Realtime vehicle positions and trip updates as the bus readings the simulator gives
(trip, position, delay), for a city whose operator publishes a feed (``gtfs-realtime-bindings``).

A vehicle is matched by its trip to the shipped timetable (the bus of that trip's block); a
position is the stop index: at a stop when STOPPED_AT, halfway from the stop before otherwise
(the feed's coordinates are not projected onto the route; they place the bus on the map). The
delay is the trip update's for the next stop, else the time of the report against the timetable
at that position. A vehicle
on a trip the timetable does not know is counted bad with its trip id, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping

from console.model import Entity, Reading
from console.sources.json_mapping import MappingResult
from plugins.transit.board import service_day0
from plugins.transit.bus_places import placed, point_on_trip
from plugins.transit.headway import time_at
from plugins.transit.timetable import Timetable

STOPPED_AT = 1


def feed_readings(data: bytes, tt: Timetable, received: float, buses: Mapping[str, Entity] | None = None) -> MappingResult:
    """The feed's readings; with ``buses`` (the bus entities by block) each vehicle's bus placed on
    the map too, at the feed's own coordinates, else at its stop position along its trip."""
    from google.transit import gtfs_realtime_pb2  # only a city with a feed needs the bindings

    feed = gtfs_realtime_pb2.FeedMessage()
    result = MappingResult()
    try:
        feed.ParseFromString(data)
    except Exception as exc:  # protobuf's DecodeError: the answer is no GTFS-RT feed
        result.reject("not a GTFS-Realtime feed", f"{len(data)} bytes: {exc}")
        return result
    index = {t.id: i for i, t in enumerate(tt.trips)}
    delays: dict[str, float] = {}
    for ent in feed.entity:
        if ent.HasField("trip_update"):
            tu = ent.trip_update
            upd = [u for u in tu.stop_time_update if u.HasField("arrival") and u.arrival.HasField("delay")]
            if upd:
                delays[tu.trip.trip_id] = float(upd[0].arrival.delay)
            elif tu.HasField("delay"):
                delays[tu.trip.trip_id] = float(tu.delay)
    for ent in feed.entity:
        if not ent.HasField("vehicle"):
            continue
        result.items += 1
        v = ent.vehicle
        tid = v.trip.trip_id
        if tid not in index:
            result.reject("trip not in the timetable", f"vehicle {v.vehicle.id or ent.id}: trip {tid!r}")
            continue
        trip = tt.trips[index[tid]]
        k = v.current_stop_sequence - 1  # the shipped stop_times number stops from 1
        if not 0 <= k < len(trip.stops):
            result.reject("stop sequence not on the trip", f"trip {tid}: stop_sequence {v.current_stop_sequence}")
            continue
        position = float(k) if v.current_status == STOPPED_AT or k == 0 else k - 0.5
        ts = float(v.timestamp or feed.header.timestamp or received)
        if ts > received + 300:
            result.reject("report from the future", f"vehicle {v.vehicle.id or ent.id}: {ts:.0f} > {received:.0f}")
            continue
        day0 = service_day0(ts)
        delay = delays.get(tid, ts - time_at([day0 + s for s in trip.times], position))
        prefix = f"transit/bus/{trip.block}"
        result.readings += [Reading(f"{prefix}/in_service", ts, 1.0), Reading(f"{prefix}/trip", ts, float(index[tid])),
                            Reading(f"{prefix}/position", ts, position), Reading(f"{prefix}/delay_min", ts, round(delay / 60, 2))]
        bus = (buses or {}).get(trip.block)
        if bus is not None:
            # the feed's own coordinates are float32: to 5 decimals (about a metre)
            here = ((round(v.position.latitude, 5), round(v.position.longitude, 5)) if v.HasField("position")
                    else point_on_trip(tt, trip, position))
            result.entities.append(placed(bus, here))
    return result
