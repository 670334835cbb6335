"""PLOVER → ACLED: one merged event becomes one row with ACLED's column names (SCHEMA.md §6).

The mapping is the table :data:`ACLED_TYPES` (also shown in ``docs/store.md``): the first
row whose PLOVER type and mode match gives ACLED's event type and sub-event type.
"""

from __future__ import annotations

from typing import Any

# (PLOVER type, PLOVER mode or None for any, recipient sector or None) → (ACLED type, sub-type)
ACLED_TYPES: list[tuple[str, str | None, str | None, str, str]] = [
    ("ASSAULT", "aerial", None, "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "drone", None, "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "heavy-weapons", None, "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("ASSAULT", "suicide-attack", None, "Explosions/Remote violence", "Suicide bomb"),
    ("ASSAULT", "explosives", None, "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("ASSAULT", "abduct", None, "Violence against civilians", "Abduction/forced disappearance"),
    ("ASSAULT", None, "CVL", "Violence against civilians", "Attack"),
    ("ASSAULT", None, None, "Battles", "Armed clash"),
    ("PROTEST", None, None, "Protests", "Peaceful protest"),
    ("COERCE", "arrest", None, "Strategic developments", "Arrests"),
    ("AGREE", None, None, "Strategic developments", "Agreement"),
    ("MOBILIZE", None, None, "Strategic developments", "Change to group/activity"),
    ("RETREAT", None, None, "Strategic developments", "Non-violent transfer of territory"),
    # THREATEN, REQUEST, ACCUSE, REJECT, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE, SANCTION,
    # COERCE (other than arrests): ACLED records them, when at all, as strategic developments.
    ("*", None, None, "Strategic developments", "Other"),
]

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
           "inter2", "interaction", "country", "admin1", "admin2", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
           # Marsad additions (ACLED readers ignore unknown columns):
           "plover_event_type", "plover_mode", "factuality", "num_sources", "merged_event_id"]

# ACLED's interaction codes by actor kind (1 state forces ... 8 external/other forces).
INTER = {"MIL": 1, "COP": 1, "SPY": 1, "GOV": 1, "REB": 2, "PRM": 3, "UAF": 3, "PTY": 4,
         "CVL": 7, "REF": 7, "MED": 7, "NGO": 7, "REL": 7, "EDU": 7, "HLH": 7, "BUS": 7,
         "IGO": 8, "JUD": 1, "LEG": 1}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "range": 2, "year": 3}
GEO_PRECISION = {"site": 1, "city": 1, "district": 2, "province": 3, "country": 3,
                 "region": 3}


def acled_type(event_type: str, modes: list[str], recipient_sectors: set[str]) -> tuple[str, str]:
    for ptype, mode, sector, atype, sub in ACLED_TYPES:
        if ptype not in (event_type, "*"):
            continue
        if mode is not None and mode not in modes:
            continue
        if sector is not None and sector not in recipient_sectors:
            continue
        return atype, sub
    raise AssertionError("the last ACLED_TYPES row matches everything")


def _name(ent: dict[str, Any]) -> str:
    return ent.get("name_en") or ent.get("text") or ent.get("id") or ""


def _inter(ents: list[dict[str, Any]]) -> int | str:
    return INTER.get(ents[0].get("sector") or "", 8) if ents else ""


def acled_row(rec: dict[str, Any]) -> dict[str, Any]:
    actors, recips = rec.get("actor") or [], rec.get("recipient") or []
    loc = rec.get("location") or {}
    d = rec.get("date") or {}
    atype, sub = acled_type(rec["event_type"], rec.get("mode") or [],
                            {e.get("sector") for e in recips})
    i1, i2 = _inter(actors), _inter(recips)
    outlets = sorted({s.get("outlet") or "" for s in rec.get("sources") or []} - {""})
    return {
        "event_id_cnty": f"{loc.get('country') or 'XXX'}{rec['merged_event_id']}",
        "event_date": d.get("start") or "", "year": (d.get("start") or "")[:4],
        "time_precision": TIME_PRECISION.get(d.get("precision") or "", 3),
        "event_type": atype, "sub_event_type": sub,
        "actor1": _name(actors[0]) if actors else "",
        "assoc_actor_1": "; ".join(_name(e) for e in actors[1:]), "inter1": i1,
        "actor2": _name(recips[0]) if recips else "",
        "assoc_actor_2": "; ".join(_name(e) for e in recips[1:]), "inter2": i2,
        "interaction": int(f"{min(i1, i2)}{max(i1, i2)}") if i1 != "" and i2 != "" else i1,
        "country": loc.get("country") or "", "admin1": loc.get("admin1") or "", "admin2": "",
        "location": loc.get("name_en") or loc.get("text") or "",
        "latitude": loc.get("lat") if loc.get("lat") is not None else "",
        "longitude": loc.get("lon") if loc.get("lon") is not None else "",
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "", "") if loc else "",
        "source": "; ".join(outlets), "source_scale": "",
        "notes": ((rec.get("evidence") or {}).get("sentence") or "").replace("\n", " "),
        "fatalities": rec.get("fatalities") or 0,
        "plover_event_type": rec["event_type"], "plover_mode": ";".join(rec.get("mode") or []),
        "factuality": rec.get("factuality"), "num_sources": rec.get("num_articles"),
        "merged_event_id": rec["merged_event_id"],
    }
