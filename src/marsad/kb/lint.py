"""``marsad kb lint``: checks an analyst runs after editing the knowledge-base files.

Errors are problems that make linking wrong (an alias claimed by two actors, a relation to
an id that does not exist, a site placed outside its country); each is one line naming the
file and the entry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from marsad.kb.actors import RELATIONS
from marsad.kb.base import KnowledgeBase
from marsad.kb.files import tsv_records
from marsad.model import SECTORS
from marsad.text.normalize import norm

_ARABIC = range(0x0600, 0x0700)
_BBOX_MARGIN = 0.5  # degrees: border sites sit on the edge of their country's box


@dataclass(frozen=True)
class Problem:
    where: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.entry}: {self.message}"


def _has_arabic(s: str) -> bool:
    return any(ord(c) in _ARABIC for c in s)


def lint(kb: KnowledgeBase) -> list[Problem]:
    problems: list[Problem] = []
    actors = {**kb.actors, **kb.agents}
    claimed: dict[str, set[str]] = defaultdict(set)
    for a in actors.values():
        if not a.name_ar or not _has_arabic(a.name_ar):
            problems.append(Problem(a.file, a.id, "missing Arabic name (name_ar)"))
        if a.sector and a.sector not in SECTORS:
            problems.append(Problem(a.file, a.id, f"unknown sector {a.sector!r}"))
        if a.country and (len(str(a.country)) != 3 or not str(a.country).isupper()):
            problems.append(Problem(a.file, a.id, f"country {a.country!r} is not ISO alpha-3"))
        for rel in RELATIONS:
            for target in getattr(a, rel):
                if target not in actors:
                    problems.append(Problem(a.file, a.id, f"{rel} points to unknown id {target!r}"))
        for name in {norm(n) for n in a.names if n}:
            claimed[name].add(a.id)
    for name, ids in sorted(claimed.items()):
        if len(ids) > 1:
            files = sorted({actors[i].file.rsplit("/", 1)[-1] for i in ids})
            problems.append(Problem(",".join(files), "/".join(sorted(ids)),
                                    f"alias {name!r} is claimed by {len(ids)} entries"))
    problems += _lint_places(kb)
    return problems


def _lint_places(kb: KnowledgeBase) -> list[Problem]:
    problems: list[Problem] = []
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for base in kb.folders:
        for row in tsv_records(base / "places" / "country_bbox.tsv"):
            boxes[row["country"]] = (float(row["min_lat"]), float(row["min_lon"]),
                                     float(row["max_lat"]), float(row["max_lon"]))
    for p in kb.places.values():
        for host in p.hosts:
            if kb.actor(host) is None:
                problems.append(Problem("places", p.id, f"hosts unknown actor {host!r}"))
        named = bool(p.name_ar) and _has_arabic(p.name_ar)
        if not named and p.kind in ("site", "region", "country", "province"):
            problems.append(Problem("places", p.id, "missing Arabic name (name_ar)"))
        if p.lat is None or p.lon is None:
            if p.kind != "region":
                problems.append(Problem("places", p.id, "missing coordinates"))
            continue
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            problems.append(Problem("places", p.id, f"coordinates out of range {p.lat},{p.lon}"))
            continue
        box = boxes.get(p.country or "")
        if box and p.kind in ("site", "city", "province", "district"):
            lat0, lon0, lat1, lon1 = box
            m = _BBOX_MARGIN
            if not (lat0 - m <= p.lat <= lat1 + m and lon0 - m <= p.lon <= lon1 + m):
                problems.append(Problem("places", p.id, f"coordinates {p.lat},{p.lon} are "
                                                        f"outside {p.country}"))
    return problems
