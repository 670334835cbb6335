"""Which merged events an export (or an API query) returns: SCHEMA.md §6 filters.

Filters become one SQL condition on the ``merged_events`` table, so they run inside DuckDB
and an export of a few events from a large store never reads the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.model import PLOVER_TYPES


class FilterError(ValueError):
    """A filter value that cannot be used (unknown type, bad date, bad box)."""


@dataclass
class Filters:
    since: str | None = None  # YYYY-MM-DD: events that end on or after this day
    until: str | None = None  # YYYY-MM-DD: events that start on or before this day
    types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # entity ids, as actor or recipient
    countries: list[str] = field(default_factory=list)  # ISO3 of the event's location
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_historical: bool = False
    min_sources: int = 1

    def sql(self) -> tuple[str, list[Any]]:
        """The WHERE condition and its parameters."""
        cond: list[str] = []
        params: list[Any] = []
        if not self.include_historical:
            cond.append("NOT historical")
        if self.since:
            cond.append("coalesce(date_end, date_start) >= CAST(? AS DATE)")
            params.append(_day(self.since))
        if self.until:
            cond.append("date_start <= CAST(? AS DATE)")
            params.append(_day(self.until))
        if self.types:
            bad = [t for t in self.types if t.upper() not in PLOVER_TYPES]
            if bad:
                raise FilterError(f"unknown event type {', '.join(bad)} "
                                  f"(one of {' '.join(PLOVER_TYPES)})")
            cond.append("event_type IN (SELECT unnest(?))")
            params.append([t.upper() for t in self.types])
        if self.actors:
            cond.append("(list_has_any(actor_ids, ?) OR list_has_any(recipient_ids, ?))")
            params += [list(self.actors), list(self.actors)]
        if self.countries:
            cond.append("country IN (SELECT unnest(?))")
            params.append([c.upper() for c in self.countries])
        if self.bbox:
            w, s, e, n = self.bbox
            cond.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            params += [w, e, s, n]
        if self.min_sources > 1:
            cond.append("num_articles >= ?")
            params.append(self.min_sources)
        return (" AND ".join(cond) or "TRUE"), params


def _day(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise FilterError(f"not a date (YYYY-MM-DD): {value!r}") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` (GeoJSON order) as a tuple."""
    if not value:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise FilterError(f"--bbox wants min_lon,min_lat,max_lon,max_lat, got {value!r}") from None
    if w > e or s > n:
        raise FilterError(f"--bbox is empty: {value!r}")
    return w, s, e, n
