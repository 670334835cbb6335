"""Hand-made event records for merge tests (SCHEMA.md §3 shape, only what merging reads)."""

from __future__ import annotations

from typing import Any

from marsad.kb import get_kb
from marsad.merge.items import Item

PLACES = {
    "ain-al-asad": ("site", 33.80, 42.44, "IRQ", "Anbar"),
    "harir": ("site", 36.54, 44.35, "IRQ", "Erbil"),
    "victory": ("site", 33.26, 44.23, "IRQ", "Baghdad"),
    "baghdad": ("city", 33.34, 44.40, "IRQ", "Baghdad"),
    "anbar": ("province", 33.00, 42.00, "IRQ", "Anbar"),
    "erbil-province": ("province", 36.30, 44.10, "IRQ", "Erbil"),
    "iraq": ("country", 33.0, 44.0, "IRQ", None),
    "syria": ("country", 35.0, 38.0, "SYR", None),
    "syria-iraq-border": ("region", 34.4, 41.0, None, None),
}


def entity(kb_id: str) -> dict[str, Any]:
    e = get_kb().actor(kb_id)
    assert e is not None, kb_id
    return {"id": e.id, "name_en": e.name_en, "name_ar": e.name_ar, "text": e.name_ar,
            "start": 0, "end": 0, "sector": e.sector, "country": e.country,
            "generic": e.generic}


def place(key: str) -> dict[str, Any]:
    prec, lat, lon, country, admin1 = PLACES[key]
    loc = {"name_en": key, "name_ar": None, "text": key, "start": 0, "end": 0, "lat": lat,
           "lon": lon, "precision": prec, "country": country, "admin1": admin1,
           "gazetteer_id": f"test:{key}"}
    if key == "syria-iraq-border":
        loc["countries"] = ["SYR", "IRQ"]
    return loc


def item(eid: str, etype: str = "ASSAULT", actor: tuple[str, ...] = (),
         recipient: tuple[str, ...] = (), where: str | None = None, day: str | None = None,
         basis: str = "explicit", published: str = "2024-01-21", story: str | None = None,
         outlet: str | None = None, article: str | None = None, **extra: Any) -> Item:
    """One report's event; ``day=None`` means no date in the text (publication basis)."""
    if day is None:
        date = {"start": published, "end": published, "precision": "day",
                "basis": "publication"}
    elif isinstance(day, tuple):
        date = {"start": day[0], "end": day[1], "precision": day[2], "basis": "relative"}
    else:
        date = {"start": day, "end": day, "precision": "day", "basis": basis}
    rec = {"event_id": eid, "article_id": article or f"art-{eid}", "event_type": etype,
           "mode": extra.pop("mode", []), "factuality": extra.pop("factuality", "asserted"),
           "actor": [entity(a) for a in actor], "recipient": [entity(r) for r in recipient],
           "location": place(where) if where else None, "date": date,
           "attribution": [], "aggregate": False, "historical": False, "confidence": 0.7,
           "evidence": {"sentence": eid, "start": 0, "end": 1, "trigger": ""}, **extra}
    return Item(event_id=eid, article_id=rec["article_id"], record=rec, story_id=story,
                outlet=outlet or f"outlet-{eid}", published=published)
