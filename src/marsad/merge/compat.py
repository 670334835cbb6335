"""When two event reports can be the same event (CODING.md §5).

Two checks, kept apart on purpose:

* :func:`compatible` is a veto: different type, factuality, actors that cannot be one
  another, places that are not the same or nested, dates that do not overlap. A merged event
  only ever holds reports that are *pairwise* compatible, so two attacks on two different
  bases can never end up together, however many vague reports sit between them.
* :func:`evidence` scores what two reports positively share (same actor, same site, same
  day...). Missing fields are compatible with anything, so compatibility alone is not enough
  to merge reports from different stories: they must also share enough evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from marsad.kb import KnowledgeBase
from marsad.kb.places import km
from marsad.merge.items import DAY_SLACK, Item, parse_day

PLACE_RANK = {"site": 0, "city": 1, "district": 2, "province": 3, "country": 4, "region": 5}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
# Sectors a generic actor word can stand for: «مسلحون» (UAF) may turn out to be a named
# militia, but never an army; «قوات الأمن» (COP) may be the army, never a militia.
SECTOR_GROUP = {"PRM": "armed", "REB": "armed", "UAF": "armed", "MIL": "state", "COP": "state",
                "SPY": "state", "GOV": "state", "JUD": "state", "LEG": "state"}
# Distances (km) under which two points can be one place, by the coarser precision.
NEAR_KM = {"site": 2.0, "city": 30.0, "district": 50.0, "province": 150.0, "region": 300.0}

# What shared evidence is worth (see :func:`evidence`).
SAME_STORY = 3.0
MERGE_THRESHOLD = 2.0
# Statements, threats, meetings... happen where the speaker is and are rarely placed: for
# them the named actor is the core of the event, and counts more than for an attack.
VERBAL = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT", "AGREE", "CONCEDE", "SUPPORT",
          "COOPERATE", "SANCTION"}


@dataclass
class Ctx:
    """The knowledge base plus caches: compatibility is asked millions of times."""

    kb: KnowledgeBase | None

    def __post_init__(self) -> None:
        self._backers: dict[str, frozenset[str]] = {}

    def ancestors(self, kb_id: str) -> frozenset[str]:
        """The entity and everything it is a member, part or leader of (transitively)."""
        return self.kb.ancestors(kb_id) if self.kb is not None else frozenset({kb_id})

    def backers(self, kb_id: str) -> frozenset[str]:
        """Who backs the entity or any group it belongs to."""
        if kb_id not in self._backers:
            out: set[str] = set()
            for a in self.ancestors(kb_id):
                entry = self.kb.actor(a) if self.kb else None
                if entry is not None:
                    out.update(entry.backed_by)
            self._backers[kb_id] = frozenset(out)
        return self._backers[kb_id]

    def is_state(self, ent: dict[str, Any]) -> bool:
        entry = self.kb.actor(ent.get("id")) if self.kb else None
        return entry is not None and entry.type == "GPE" and entry.sector == "GOV"

    def region_countries(self, loc: dict[str, Any]) -> set[str]:
        entry = self.kb.place(loc.get("gazetteer_id")) if self.kb else None
        if entry is not None and entry.countries:
            return set(entry.countries)
        if loc.get("countries"):  # a record may carry its region's countries itself
            return set(loc["countries"])
        return {loc["country"]} if loc.get("country") else set()


# --------------------------------------------------------------------------- actors


def entity_match(a: dict[str, Any], b: dict[str, Any], ctx: Ctx) -> float:
    """How well two entities can be one actor: 1 same, 0.5 related or generic fit, 0 never."""
    ida, idb = a.get("id"), b.get("id")
    if ida and ida == idb:
        return 1.0
    if ida is None and idb is None:
        ta, tb = a.get("text"), b.get("text")
        if ta and tb and _norm(ta) == _norm(tb):
            return 1.0
    if ida and idb and (idb in ctx.ancestors(ida) or ida in ctx.ancestors(idb)):
        return 0.5
    for s, x in ((a, b), (b, a)):  # a state stands for its own government bodies and forces
        if ctx.is_state(s) and not x.get("generic") and x.get("sector") in STATE_SECTORS \
                and x.get("country") == s.get("country") and not ctx.is_state(x):
            return 0.5
    if a.get("generic") or b.get("generic") or ida is None or idb is None:
        vague_a = a.get("generic") or ida is None
        vague_b = b.get("generic") or idb is None
        if vague_a and vague_b:  # both vague: either may be the more specific one
            return max(_generic_fit(a, b, ctx), _generic_fit(b, a, ctx))
        return _generic_fit(a, b, ctx) if vague_a else _generic_fit(b, a, ctx)
    return 0.0


def _generic_fit(g: dict[str, Any], x: dict[str, Any], ctx: Ctx) -> float:
    """Can the vague entity ``g`` («مسلحون», «فصائل موالية لإيران») be ``x``?"""
    if g.get("country") and x.get("country") and g["country"] != x["country"]:
        return 0.0
    if ctx.is_state(x):  # «قوات الأمن العراقية» can be the Iraqi state acting
        ok = g.get("sector") in STATE_SECTORS and g.get("country") == x.get("country")
        return 0.5 if ok else 0.0
    sg, sx = SECTOR_GROUP.get(g.get("sector") or ""), SECTOR_GROUP.get(x.get("sector") or "")
    if sg and sx and sg != sx:
        return 0.0
    gid = g.get("id")
    if gid and x.get("id"):
        need = ctx.backers(gid)  # «Iran-backed factions» only fit groups Iran backs
        if need and not need <= ctx.backers(x["id"]):
            return 0.0
    return 0.5


def _norm(s: str) -> str:
    from marsad.text.normalize import norm

    return norm(s).strip()


def actors_match(xs: list[dict], ys: list[dict], ctx: Ctx) -> float | None:
    """Match of two actor lists: None when either is unknown (empty), 0 when incompatible.

    Compound actors are compatible when one list's entities all fit someone in the other
    («US and British strikes» vs «US strikes»).
    """
    if not xs or not ys:
        return None
    best_x = [max(entity_match(x, y, ctx) for y in ys) for x in xs]
    best_y = [max(entity_match(x, y, ctx) for x in xs) for y in ys]
    if min(best_x) == 0 and min(best_y) == 0:
        return 0.0
    covered = best_x if min(best_x) > 0 else best_y
    return min(covered)


# --------------------------------------------------------------------------- places


def places_match(p: dict | None, q: dict | None, ctx: Ctx) -> float | None:
    """1 same place, 0.5 one inside the other, 0 different, None when either is unknown."""
    if not p or not q:
        return None
    gp, gq = p.get("gazetteer_id"), q.get("gazetteer_id")
    if gp and gp == gq:
        return 1.0
    rp = PLACE_RANK.get(p.get("precision") or "", 4)
    rq = PLACE_RANK.get(q.get("precision") or "", 4)
    fine, coarse = (p, q) if rp <= rq else (q, p)
    prec = coarse.get("precision")
    dist = km(fine, coarse)
    if rp == rq and prec != "region":  # two different places of one kind
        if gp is None and gq is None and _norm(p.get("text") or "") == _norm(q.get("text") or ""):
            return 1.0
        return 1.0 if dist is not None and dist <= NEAR_KM["site"] else 0.0
    if prec == "country":
        countries = ctx.region_countries(fine) if fine.get("precision") == "region" \
            else {fine.get("country")}
        return 0.5 if coarse.get("country") in countries else 0.0
    if prec == "region":
        if fine.get("precision") == "region":
            return 0.0
        countries = ctx.region_countries(coarse)
        if countries and fine.get("country") not in countries:
            return 0.0
        if dist is not None:
            return 0.5 if dist <= NEAR_KM["region"] else 0.0
        return 0.5 if countries else 0.0
    if fine.get("country") and coarse.get("country") and fine["country"] != coarse["country"]:
        return 0.0
    if prec == "province" and fine.get("admin1") and coarse.get("admin1"):
        return 0.5 if _norm(fine["admin1"]) == _norm(coarse["admin1"]) else 0.0
    if dist is None:
        return 0.0
    return 0.5 if dist <= NEAR_KM.get(prec or "", 0.0) else 0.0


# --------------------------------------------------------------------------- dates


def windows_overlap(a: Item, b: Item) -> bool | None:
    """Whether the two events' date windows meet; None when either is unbounded."""
    if a.window is None or b.window is None:
        return None
    slack = timedelta(days=DAY_SLACK) if a.date_precise and b.date_precise else timedelta(0)
    return a.window[0] <= b.window[1] + slack and b.window[0] <= a.window[1] + slack


# --------------------------------------------------------------------------- the two checks


def compatible(a: Item, b: Item, ctx: Ctx) -> bool:
    """The veto: can these two reports possibly be one event?"""
    ra, rb = a.record, b.record
    if a.event_type != b.event_type or a.factuality != b.factuality:
        return False
    if bool(ra.get("aggregate")) != bool(rb.get("aggregate")):
        return False  # «40 attacks since October» is not one of those attacks
    same_story = a.story_id is not None and a.story_id == b.story_id
    overlap = windows_overlap(a, b)
    if overlap is False or (overlap is None and not same_story):
        return False
    if actors_match(ra.get("actor") or [], rb.get("actor") or [], ctx) == 0:
        return False
    if actors_match(ra.get("recipient") or [], rb.get("recipient") or [], ctx) == 0:
        return False
    return places_match(ra.get("location"), rb.get("location"), ctx) != 0


def evidence(a: Item, b: Item, ctx: Ctx) -> float:
    """What two compatible reports positively share; merge when it reaches the threshold."""
    ra, rb = a.record, b.record
    score = SAME_STORY if a.story_id is not None and a.story_id == b.story_id else 0.0
    for key in ("actor", "recipient"):
        m = actors_match(ra.get(key) or [], rb.get(key) or [], ctx)
        score += m or 0.0
        if key == "actor" and m == 1.0 and a.event_type in VERBAL \
                and any(e.get("id") and not e.get("generic")
                        for e in (ra.get("actor") or []) + (rb.get("actor") or [])):
            score += 0.5
    pa, pb = parse_day(a.effective_published), parse_day(b.effective_published)
    if pa and pb and abs((pa - pb).days) <= 1:  # reported in the same news cycle
        score += 0.5
    pm = places_match(ra.get("location"), rb.get("location"), ctx)
    if pm:
        prec = max(PLACE_RANK.get((ra.get("location") or {}).get("precision") or "", 4),
                   PLACE_RANK.get((rb.get("location") or {}).get("precision") or "", 4))
        score += pm * (1.5 if prec <= 1 else 1.0 if prec <= 3 else 0.5)
    if a.date_precise and b.date_precise and windows_overlap(a, b):
        span = max((a.window[1] - a.window[0]).days, (b.window[1] - b.window[0]).days)
        score += 1.0 if span <= 1 else 0.5
    if set(ra.get("mode") or []) & set(rb.get("mode") or []):
        score += 0.5
    for key in ("fatalities", "injured"):
        if ra.get(key) is not None and ra.get(key) == rb.get(key) and ra[key] > 0:
            score += 0.5
    return score


def link_score(a: Item, b: Item, ctx: Ctx) -> float | None:
    """The evidence for merging a and b, or None when they must stay apart."""
    if a.event_id == b.event_id or not compatible(a, b, ctx):
        return None
    s = evidence(a, b, ctx)
    return s if s >= MERGE_THRESHOLD else None
