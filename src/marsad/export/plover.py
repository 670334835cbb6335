"""The PLOVER JSON record layout (SCHEMA.md §6): one flat record per merged event."""

from __future__ import annotations

from typing import Any


def _ents(ents: list[dict[str, Any]], key: str) -> list[Any]:
    return [e.get(key) for e in ents]


def plover_record(rec: dict[str, Any]) -> dict[str, Any]:
    actors, recips = rec.get("actor") or [], rec.get("recipient") or []
    loc = rec.get("location") or {}
    d = rec.get("date") or {}
    sources = rec.get("sources") or []
    return {
        "id": rec["merged_event_id"],
        "date": d.get("start"), "date_end": d.get("end"), "date_resolution": d.get("precision"),
        "event": rec["event_type"], "mode": (rec.get("mode") or [None])[0],
        "modes": rec.get("mode") or [], "context": rec.get("context") or [],
        "actor": "; ".join(e.get("name_en") or e.get("text") or "" for e in actors) or None,
        "actor_id": _ents(actors, "id"), "actor_sector": _ents(actors, "sector"),
        "actor_country": _ents(actors, "country"),
        "recipient": "; ".join(e.get("name_en") or e.get("text") or "" for e in recips) or None,
        "recipient_id": _ents(recips, "id"), "recipient_sector": _ents(recips, "sector"),
        "recipient_country": _ents(recips, "country"),
        "event_loc": {"name": loc.get("name_en") or loc.get("text"), "lat": loc.get("lat"),
                      "lon": loc.get("lon"), "country": loc.get("country"),
                      "admin1": loc.get("admin1"), "precision": loc.get("precision"),
                      "gazetteer_id": loc.get("gazetteer_id")} if loc else None,
        "event_text": (rec.get("evidence") or {}).get("sentence"),
        "factuality": rec.get("factuality"), "historical": rec.get("historical"),
        "fatalities": rec.get("fatalities"), "injured": rec.get("injured"),
        "source": [s.get("outlet") for s in sources],
        "url": [s.get("url") for s in sources],
        "num_sources": rec.get("num_articles"), "first_reported": rec.get("first_reported"),
        "language": "ar",
    }
