"""GeoJSON (RFC 7946): one Point Feature per located merged event."""

from __future__ import annotations

from typing import Any


def feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    loc = rec.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    d = rec.get("date") or {}
    props = {
        "merged_event_id": rec["merged_event_id"], "event_type": rec["event_type"],
        "mode": rec.get("mode") or [], "factuality": rec.get("factuality"),
        "date_start": d.get("start"), "date_end": d.get("end"),
        "date_precision": d.get("precision"),
        "actor": [e.get("name_en") or e.get("text") for e in rec.get("actor") or []],
        "recipient": [e.get("name_en") or e.get("text") for e in rec.get("recipient") or []],
        "location": loc.get("name_en") or loc.get("text"), "precision": loc.get("precision"),
        "country": loc.get("country"), "fatalities": rec.get("fatalities"),
        "num_articles": rec.get("num_articles"), "num_outlets": rec.get("num_outlets"),
        "first_reported": rec.get("first_reported"), "historical": rec.get("historical"),
    }
    return {"type": "Feature", "id": rec["merged_event_id"],
            "geometry": {"type": "Point",
                         "coordinates": [round(float(loc["lon"]), 6), round(float(loc["lat"]), 6)]},
            "properties": props}
