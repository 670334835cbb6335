"""Places: generated gazetteer tables (countries, provinces, districts, cities) and curated
sites and regions, read from ``data/places/``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.kb.files import KBError, split_list, tsv_records, yaml_records

KIND_TO_PRECISION = {"country": "country", "province": "province", "district": "district",
                     "city": "city", "site": "site", "region": "region"}
KIND_TO_MENTION = {"country": "GPE", "province": "GPE", "district": "GPE", "city": "GPE",
                   "site": "FAC", "region": "LOC"}
TABLES = ("countries.tsv", "admin1.tsv", "cities.tsv")
CURATED = ("sites.yaml", "regions.yaml", "capitals.yaml")


@dataclass
class PlaceEntry:
    id: str
    name_en: str
    name_ar: str
    kind: str
    lat: float | None
    lon: float | None
    country: str | None = None
    admin1: str | None = None
    aliases_ar: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    population: int = 0
    approximate: bool = False
    nisba_ar: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # regions spanning several countries
    capital_of: str | None = None  # ISO3 of the state whose government sits here
    hosts: list[str] = field(default_factory=list)  # actor ids of the forces based at a site
    part_of: str | None = None  # id of the site this one lies inside (a base at an airport)

    @property
    def precision(self) -> str:
        return KIND_TO_PRECISION.get(self.kind, "region")

    @property
    def names(self) -> list[str]:
        return [self.name_ar, *self.aliases_ar, self.name_en, *self.aliases_en]

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "name_en": self.name_en, "name_ar": self.name_ar,
                "lat": self.lat, "lon": self.lon, "precision": self.precision,
                "country": self.country, "admin1": self.admin1}


def km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Great-circle distance between two located records (None when a point is missing)."""
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + \
        math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def within(p: PlaceEntry, q: PlaceEntry, limit_km: float) -> bool:
    """The two places lie at most ``limit_km`` apart (False when either has no point)."""
    dist = km(p.record(), q.record())
    return dist is not None and dist <= limit_km


def _float(v: Any) -> float | None:
    return None if v in (None, "") else float(v)


def _entry(src: str, rec: dict[str, Any]) -> PlaceEntry:
    try:
        return PlaceEntry(
            id=str(rec["id"]), name_en=str(rec.get("name_en") or ""),
            name_ar=str(rec.get("name_ar") or ""), kind=str(rec.get("kind") or "site"),
            lat=_float(rec.get("lat")), lon=_float(rec.get("lon")),
            country=rec.get("country") or None, admin1=rec.get("admin1") or None,
            aliases_ar=split_list(rec.get("aliases_ar")),
            aliases_en=split_list(rec.get("aliases_en")),
            population=int(rec.get("population") or 0),
            approximate=str(rec.get("approximate")).lower() in ("1", "true", "yes"),
            nisba_ar=split_list(rec.get("nisba_ar")),
            countries=split_list(rec.get("countries")),
            capital_of=rec.get("capital_of") or None,
            hosts=split_list(rec.get("hosts")),
            part_of=rec.get("part_of") or None,
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise KBError(f"{src}: place {rec.get('id')}: {exc}") from None


def load_places(folders: list[Path]) -> dict[str, PlaceEntry]:
    out: dict[str, PlaceEntry] = {}
    for base in folders:
        pdir = base / "places"
        for name in TABLES:
            for n, rec in enumerate(tsv_records(pdir / name), start=2):
                e = _entry(f"{pdir / name}:{n}", rec)
                out[e.id] = e
        for name in CURATED:
            for path, rec in yaml_records(pdir / name):
                if set(rec) <= {"id", "capital_of"} and rec["id"] in out:
                    out[rec["id"]].capital_of = rec.get("capital_of")  # marks a known city
                    continue
                e = _entry(str(path), rec)
                out[e.id] = e
    return out
