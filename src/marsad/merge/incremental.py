"""Keeping merged events up to date as articles arrive, change or leave the store.

Only what a batch touches is recomputed: new (or re-storied) events get blocking keys and are
scored against the stored events that share a key and a date window; then every connected
group of links that contains a touched event is re-clustered from scratch. Since a group's
clustering depends only on its members, the store ends in the same state whatever order the
articles came in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from marsad.merge.compat import Ctx, link_score
from marsad.merge.events import build_record, cluster
from marsad.merge.items import Item
from marsad.store.db import Store, insert_rows, linked_components, registered

_FINE = ("site", "city", "district")


def blocking_keys(item: Item) -> set[str]:
    """Keys under which an event is filed; only events sharing one are ever compared.

    Cross-story merging needs shared evidence (an actor, a recipient, a place), so filing by
    those loses no merge that :func:`~marsad.merge.compat.link_score` would accept from a
    named entity or a place; same-story events always meet through the story key.
    """
    rec = item.record
    t = item.event_type
    keys = {f"{t}|s:{item.story_id or 'article:' + item.article_id}"}
    keys.update(f"{t}|a:{e['id']}" for e in rec.get("actor") or [] if e.get("id"))
    keys.update(f"{t}|r:{e['id']}" for e in rec.get("recipient") or [] if e.get("id"))
    loc = rec.get("location") or {}
    if loc:
        if loc.get("precision") in _FINE and loc.get("gazetteer_id"):
            keys.add(f"{t}|p:{loc['gazetteer_id']}")
        if loc.get("admin1"):
            keys.add(f"{t}|adm:{loc.get('country')}/{loc['admin1']}")
        elif loc.get("country"):
            keys.add(f"{t}|cty:{loc['country']}")
    return keys


_ITEM_SQL = """
    WITH sp AS (SELECT story_id, min(published) AS story_published FROM articles
                WHERE story_id IS NOT NULL GROUP BY story_id)
    SELECT e.event_id, e.article_id, e.record, a.story_id, a.outlet, a.url,
           CAST(a.published AS VARCHAR), CAST(sp.story_published AS VARCHAR)
    FROM events e JOIN articles a USING (article_id) LEFT JOIN sp USING (story_id)
    WHERE e.event_id IN (SELECT unnest(?))"""


def load_items(store: Store, event_ids: Iterable[str]) -> dict[str, Item]:
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    out = {}
    for eid, aid, rec, sid, outlet, url, pub, spub in store.con.execute(_ITEM_SQL,
                                                                        [ids]).fetchall():
        out[eid] = Item(event_id=eid, article_id=aid, record=json.loads(rec), story_id=sid,
                        outlet=outlet, url=url, published=pub, story_published=spub)
    return out


def _refile(store: Store, items: dict[str, Item]) -> None:
    """New windows and keys for touched events; their old links are dropped."""
    import pandas as pd

    con = store.con
    ids = sorted(items)
    con.execute("DELETE FROM event_keys WHERE event_id IN (SELECT unnest(?))", [ids])
    con.execute("DELETE FROM event_links WHERE a IN (SELECT unnest($1)) "
                "OR b IN (SELECT unnest($1))", [ids])
    keys = [(eid, k) for eid in ids for k in sorted(blocking_keys(items[eid]))]
    insert_rows(con, "event_keys", ["event_id", "key"], keys)
    wins = pd.DataFrame({
        "event_id": ids,
        "lo": pd.to_datetime([items[e].window[0] if items[e].window else None for e in ids]),
        "hi": pd.to_datetime([items[e].window[1] if items[e].window else None for e in ids])})
    with registered(con, "_win", wins):
        con.execute("UPDATE events SET win_lo = CAST(w.lo AS DATE), win_hi = CAST(w.hi AS DATE)"
                    " FROM _win w WHERE events.event_id = w.event_id")


_CANDIDATES = """
    SELECT DISTINCT k1.event_id, k2.event_id
    FROM event_keys k1 JOIN event_keys k2 ON k1.key = k2.key
    JOIN events e1 ON e1.event_id = k1.event_id
    JOIN events e2 ON e2.event_id = k2.event_id
    WHERE k1.event_id IN (SELECT unnest(?)) AND k1.event_id <> k2.event_id
      AND (k1.key LIKE '%|s:%'
           OR (e1.win_lo <= e2.win_hi + 1 AND e2.win_lo <= e1.win_hi + 1))"""


def _link(store: Store, items: dict[str, Item], ctx: Ctx) -> None:
    pairs = store.con.execute(_CANDIDATES, [sorted(items)]).fetchall()
    pairs = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    others = load_items(store, {x for p in pairs for x in p} - set(items))
    pool = {**others, **items}
    links = []
    for a, b in pairs:
        s = link_score(pool[a], pool[b], ctx)
        if s is not None:
            links.append((a, b, s))
    insert_rows(store.con, "event_links", ["a", "b", "score"], links)


def _components(store: Store, seeds: set[str]) -> list[set[str]]:
    """The connected groups of links holding the seeds."""
    groups: dict[str, set[str]] = {}
    for x, root in linked_components(store.con, "event_links", seeds).items():
        groups.setdefault(root, set()).add(x)
    return [groups[k] for k in sorted(groups)]


def _recluster(store: Store, comps: list[set[str]], ctx: Ctx) -> None:
    """Redo the merged events of these groups: all reads, then all writes, in bulk."""
    con = store.con
    ids = sorted(set().union(*comps)) if comps else []
    if not ids:
        return
    items = load_items(store, ids)
    links = {(a, b): s for a, b, s in con.execute(
        "SELECT a, b, score FROM event_links WHERE a IN (SELECT unnest(?))", [ids]).fetchall()}
    old = [r[0] for r in con.execute(
        "SELECT DISTINCT merged_event_id FROM events WHERE event_id IN (SELECT unnest(?)) "
        "AND merged_event_id IS NOT NULL", [ids]).fetchall()]
    drop_merged(store, old)
    owner = {e: i for i, comp in enumerate(comps) for e in comp}
    by_comp: dict[int, dict[tuple[str, str], float]] = {}
    for k, v in links.items():
        if k[0] in owner:
            by_comp.setdefault(owner[k[0]], {})[k] = v
    records = []
    for i, comp in enumerate(comps):
        members = [items[e] for e in sorted(comp) if e in items]
        records += [build_record(g) for g in cluster(members, by_comp.get(i, {}), ctx)]
    write_merged(store, records)


def drop_merged(store: Store, merged_ids: list[str]) -> None:
    if merged_ids:
        store.con.execute("DELETE FROM sources WHERE merged_event_id IN (SELECT unnest(?))",
                          [merged_ids])
        store.con.execute("DELETE FROM merged_events WHERE merged_event_id IN "
                          "(SELECT unnest(?))", [merged_ids])


MERGED_COLS = ["merged_event_id", "event_type", "factuality", "historical", "aggregate",
               "date_start", "date_end", "date_precision", "country", "admin1", "location",
               "location_precision", "lat", "lon", "actor_ids", "recipient_ids",
               "num_articles", "num_outlets", "first_reported", "record"]
SOURCE_COLS = ["merged_event_id", "event_id", "article_id", "outlet", "url", "published"]


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def write_merged(store: Store, records: list[dict[str, Any]]) -> None:
    import pandas as pd

    rows, src = [], []
    for rec in records:
        mid = rec["merged_event_id"]
        d = rec.get("date") or {}
        loc = rec.get("location") or {}
        rows.append((mid, rec["event_type"], rec.get("factuality"), bool(rec.get("historical")),
                     bool(rec.get("aggregate")), _day(d.get("start")), _day(d.get("end")),
                     d.get("precision"), loc.get("country"), loc.get("admin1"),
                     loc.get("name_en") or loc.get("text"), loc.get("precision"),
                     loc.get("lat"), loc.get("lon"),
                     sorted({e["id"] for e in rec.get("actor") or [] if e.get("id")}),
                     sorted({e["id"] for e in rec.get("recipient") or [] if e.get("id")}),
                     rec["num_articles"], rec["num_outlets"], rec.get("first_reported"),
                     json.dumps(rec, ensure_ascii=False, sort_keys=True)))
        src += [(mid, s["event_id"], s["article_id"], s.get("outlet"), s.get("url"),
                 _day(s.get("published"))) for s in rec["sources"]]
    con = store.con
    insert_rows(con, "merged_events", MERGED_COLS, rows)
    insert_rows(con, "sources", SOURCE_COLS, src)
    if src:
        df = pd.DataFrame({"event_id": [s[1] for s in src], "mid": [s[0] for s in src]})
        with registered(con, "_src", df):
            con.execute("UPDATE events SET merged_event_id = s.mid FROM _src s "
                        "WHERE events.event_id = s.event_id")


def update_merged(store: Store, touched_articles: set[str], removed_events: list[str],
                  ctx: Ctx) -> int:
    """Bring merged events up to date after a batch; returns the number of groups redone."""
    con = store.con
    seeds: set[str] = set()
    if removed_events:
        rows = con.execute("SELECT a, b FROM event_links WHERE a IN (SELECT unnest($1)) "
                           "OR b IN (SELECT unnest($1))", [removed_events]).fetchall()
        seeds |= {x for r in rows for x in r}
        con.execute("DELETE FROM event_links WHERE a IN (SELECT unnest($1)) "
                    "OR b IN (SELECT unnest($1))", [removed_events])
        merged = [r[0] for r in con.execute(
            "SELECT DISTINCT merged_event_id FROM sources WHERE event_id IN (SELECT unnest(?))",
            [removed_events]).fetchall()]
        if merged:
            seeds |= {r[0] for r in con.execute(
                "SELECT event_id FROM sources WHERE merged_event_id IN (SELECT unnest(?))",
                [merged]).fetchall()}
        drop_merged(store, merged)
        seeds -= set(removed_events)
    touched: dict[str, Item] = {}
    if touched_articles:
        ids = [r[0] for r in con.execute(
            "SELECT event_id FROM events WHERE article_id IN (SELECT unnest(?))",
            [sorted(touched_articles)]).fetchall()]
        # Their old neighbours must be re-clustered too, since their links are redone.
        if ids:
            rows = con.execute("SELECT a, b FROM event_links WHERE a IN (SELECT unnest($1)) "
                               "OR b IN (SELECT unnest($1))", [ids]).fetchall()
            seeds |= {x for r in rows for x in r}
        touched = load_items(store, ids)
    if touched:
        _refile(store, touched)
        _link(store, touched, ctx)
    seeds |= set(touched)
    comps = _components(store, seeds)
    # Safety net: an event left without a live merged event (should not happen) is redone.
    orphans = {r[0] for r in con.execute(
        "SELECT e.event_id FROM events e LEFT JOIN merged_events m USING (merged_event_id) "
        "WHERE m.merged_event_id IS NULL").fetchall()} - set().union(set(), *comps)
    if orphans:
        comps += _components(store, orphans)
    while True:  # a group that split: its old merged event's other members are redone too
        ids = sorted(set().union(set(), *comps))
        extra = {r[0] for r in con.execute(
            "SELECT s.event_id FROM sources s JOIN events e USING (merged_event_id) "
            "WHERE e.event_id IN (SELECT unnest(?))", [ids]).fetchall()} - set(ids)
        if not extra:
            break
        comps += _components(store, extra)
    _recluster(store, comps, ctx)
    return len(comps)
