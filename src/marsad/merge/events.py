"""Cross-source event merging (CODING.md §5, SCHEMA.md §4).

Reports are linked when :func:`~marsad.merge.compat.link_score` finds enough shared evidence;
a connected group of links is then split into merged events by complete-linkage
agglomeration: the strongest links are joined first, and two groups join only when *every*
pair across them is compatible. The result depends only on the set of reports (links are
taken by score, then by id — never in input order), so the same input in any order gives the
same merged events with the same ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any
from urllib.parse import urlsplit

from marsad.merge.compat import PLACE_RANK, Ctx, compatible, link_score
from marsad.merge.items import Item
from marsad.model import stable_id

DATE_RANK = {"day": 0, "week": 1, "month": 2, "range": 3, "year": 4}
BASIS_RANK = {"explicit": 0, "relative": 0, "publication": 1, "unresolved": 2}


def find_links(items: list[Item], ctx: Ctx) -> dict[tuple[str, str], float]:
    """All scored links among ``items`` (quadratic: meant for one block or component)."""
    out: dict[tuple[str, str], float] = {}
    for a, b in combinations(items, 2):
        s = link_score(a, b, ctx)
        if s is not None:
            out[tuple(sorted((a.event_id, b.event_id)))] = s  # type: ignore[assignment]
    return out


def cluster(items: Iterable[Item], links: dict[tuple[str, str], float],
            ctx: Ctx, context: Iterable[Item] = ()) -> list[list[Item]]:
    """Group reports into events: complete-linkage over the links, strongest first.

    ``context`` holds linked reports that are not being grouped (their merged events stay as
    they are): their links still count when deciding whether a report fits two events
    equally well, as they would if everything were grouped at once.
    """
    by_id = {it.event_id: it for it in items}
    known = {**{it.event_id: it for it in context}, **by_id}
    group = {eid: [eid] for eid in by_id}
    owner = {eid: eid for eid in by_id}
    compat_cache: dict[tuple[str, str], bool] = {}

    def ok(x: str, y: str) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in compat_cache:
            compat_cache[key] = key in links or compatible(known[x], known[y], ctx)
        return compat_cache[key]

    # Groups only grow, so two groups found incompatible stay so: remember it (this keeps
    # big stories from re-checking the same pairs for every link between them).
    apart: dict[str, set[str]] = {eid: set() for eid in by_id}
    usable = {k: v for k, v in links.items() if k[0] in known and k[1] in known}
    for (a, b), _ in sorted(_unambiguous(usable, ok).items(), key=lambda kv: (-kv[1], kv[0])):
        if a not in by_id or b not in by_id:
            continue
        ga, gb = owner[a], owner[b]
        if ga == gb or gb in apart[ga]:
            continue
        if all(ok(x, y) for x in group[ga] for y in group[gb]):
            keep, drop = (ga, gb) if ga < gb else (gb, ga)
            group[keep].extend(group.pop(drop))
            for x in group[keep]:
                owner[x] = keep
            apart[keep] |= apart.pop(drop)
            for other in apart[keep]:
                apart[other].discard(drop)
                apart[other].add(keep)
        else:
            apart[ga].add(gb)
            apart[gb].add(ga)
    return sorted((sorted((by_id[e] for e in g), key=lambda it: it.sort_key)
                   for g in group.values()), key=lambda g: g[0].sort_key)


def _unambiguous(links: dict[tuple[str, str], float],
                 ok: Callable[[str, str], bool]) -> dict[tuple[str, str], float]:
    """Links without the coin tosses: a vague report («rockets on a base in Deir ez-Zor»)
    that fits two different events equally well (two bases hit that day) joins neither."""
    best: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (a, b), s in links.items():
        best[a].append((s, b))
        best[b].append((s, a))
    drop: set[tuple[str, str]] = set()
    for x, edges in best.items():
        top = max(s for s, _ in edges)
        tied = sorted(y for s, y in edges if s == top)
        if any(not ok(y, z) for i, y in enumerate(tied) for z in tied[i + 1:]):
            drop.update((min(x, y), max(x, y)) for y in tied)
    return {k: v for k, v in links.items() if k not in drop}


def merged_id(members: list[Item]) -> str:
    """Named after the earliest report, so the id survives later sources joining."""
    return stable_id("merged", min(members, key=lambda it: it.sort_key).event_id)


# --------------------------------------------------------------------------- merged records


def _outlet_key(it: Item) -> str:
    if it.outlet:
        return it.outlet.strip().lower()
    if it.url:
        host = urlsplit(it.url).hostname or ""
        return host.removeprefix("www.")
    return f"article:{it.article_id}"


def _best_entities(members: list[Item], key: str) -> list[dict[str, Any]]:
    """The most specific actor list the sources give: named beats generic, then support."""
    lists = [it.record.get(key) or [] for it in members]
    support = Counter(tuple(sorted(str(e.get("id") or e.get("text")) for e in ls))
                      for ls in lists if ls)
    best: list[dict[str, Any]] = []
    best_key: tuple = ()
    for ls in lists:
        if not ls:
            continue
        sig = tuple(sorted(str(e.get("id") or e.get("text")) for e in ls))
        named = sum(1 for e in ls if e.get("id") and not e.get("generic"))
        k = (named, support[sig], len(ls), tuple(-ord(c) for c in "".join(sig)))
        if not best or k > best_key:
            best, best_key = ls, k
    return best


def _best_location(members: list[Item]) -> dict[str, Any] | None:
    locs = [it.record.get("location") for it in members if it.record.get("location")]
    if not locs:
        return None
    support = Counter(loc.get("gazetteer_id") or loc.get("text") for loc in locs)
    return min(locs, key=lambda loc: (PLACE_RANK.get(loc.get("precision") or "", 6),
                                      -support[loc.get("gazetteer_id") or loc.get("text")],
                                      str(loc.get("gazetteer_id"))))


def _best_date(members: list[Item]) -> dict[str, Any] | None:
    dates = [it.record.get("date") for it in members if it.record.get("date")]
    dated = [d for d in dates if d.get("start")]
    if not dated:
        return dates[0] if dates else None
    support = Counter((d.get("start"), d.get("end")) for d in dated)
    return min(dated, key=lambda d: (BASIS_RANK.get(d.get("basis") or "", 3),
                                     DATE_RANK.get(d.get("precision") or "", 5),
                                     -support[(d.get("start"), d.get("end"))],
                                     str(d.get("start"))))


def _most_common(values: list[Any], prefer_low: bool = False) -> Any:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    tied = sorted(v for v, c in counts.items() if c == top)
    return tied[0] if prefer_low else tied[-1]


def _union(lists: Iterable[list[Any]]) -> list[Any]:
    out: list[Any] = []
    for ls in lists:
        for v in ls or []:
            if v not in out:
                out.append(v)
    return out


def _attributions(members: list[Item]) -> list[dict[str, Any]]:
    seen: set[tuple] = set()
    out = []
    for it in members:
        for at in it.record.get("attribution") or []:
            ent = at.get("entity") or {}
            key = (at.get("role"), ent.get("id") or at.get("text"))
            if key not in seen:
                seen.add(key)
                out.append(at)
    return out


def build_record(members: list[Item]) -> dict[str, Any]:
    """The merged event (SCHEMA.md §4): best-supported fields plus every source."""
    members = sorted(members, key=lambda it: it.sort_key)
    lead = max(members, key=lambda it: (float(it.record.get("confidence") or 0),
                                        tuple(-ord(c) for c in it.event_id)))
    rec = dict(lead.record)
    fact = Counter(it.record.get("factuality") for it in members)
    rec["factuality"] = sorted(fact, key=lambda f: (-fact[f], str(f)))[0]
    rec["actor"] = _best_entities(members, "actor")
    rec["recipient"] = _best_entities(members, "recipient")
    rec["location"] = _best_location(members)
    rec["date"] = _best_date(members)
    rec["mode"] = sorted(_union(it.record.get("mode") for it in members))
    rec["context"] = sorted(_union(it.record.get("context") for it in members))
    rec["attribution"] = _attributions(members)
    conditions = [it.record.get("condition") for it in members if it.record.get("condition")]
    rec["condition"] = conditions[0] if conditions else None
    # ACLED's convention: the most often reported toll, the lower one when sources disagree.
    rec["fatalities"] = _most_common([it.record.get("fatalities") for it in members], True)
    rec["injured"] = _most_common([it.record.get("injured") for it in members], True)
    rec["aggregate"] = any(it.record.get("aggregate") for it in members)
    counts = [it.record.get("count") for it in members if it.record.get("count") is not None]
    rec["count"] = max(counts) if counts else None
    # Background mentions corroborate the original; the event is news if any source says so.
    rec["historical"] = all(it.record.get("historical") for it in members)
    miss = 1.0
    for it in members:
        miss *= 1.0 - min(0.99, float(it.record.get("confidence") or 0.5))
    rec["confidence"] = round(1.0 - miss, 3)
    rec["merged_event_id"] = merged_id(members)
    rec["sources"] = [{
        "article_id": it.article_id, "outlet": it.outlet, "url": it.url,
        "published": it.published, "story_id": it.story_id, "event_id": it.event_id,
        "evidence": it.record.get("evidence"),
    } for it in members]
    rec["num_articles"] = len({it.article_id for it in members})
    rec["num_outlets"] = len({_outlet_key(it) for it in members})
    pubs = [it.effective_published for it in members if it.effective_published]
    rec["first_reported"] = min(pubs)[:10] if pubs else None
    rec["story_ids"] = sorted({it.story_id for it in members if it.story_id})
    return rec


def merge_items(items: list[Item], ctx: Ctx) -> list[dict[str, Any]]:
    """Merge a small, self-contained set of reports (tests, gold, one-off use)."""
    return [build_record(g) for g in cluster(items, find_links(items, ctx), ctx)]
