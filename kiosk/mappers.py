"""Every scenario's mapping from answers to activities, by scenario id: the visitor's own
scenarios (kiosk.activities) and an event's whole footprint (kiosk.event_activities)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kiosk.activities import MAPPERS as VISITOR_MAPPERS
from kiosk.activities import Mapper
from kiosk.event_activities import event

MAPPERS: Mapping[str, Mapper] = MappingProxyType({**VISITOR_MAPPERS, "event": event})
