"""Keeping merged events up to date as articles arrive, change or leave the store.

Only what a batch touches is recomputed: new (or re-storied) events get blocking keys and are
scored against the stored events that share a key and a stretch of days; then the touched
events, the events they are (or were) linked to, and every member of those events' merged
events are re-clustered together. That neighbourhood stays small however big the store gets:
in a dense corpus the link graph chains day after day into groups of thousands of reports
(attacks on US forces in Anbar, one a day, each linked to the next), and re-clustering such a
whole group for every batch made a run quadratic. Merged ids are named after their earliest
report, so they do not depend on the order articles came in; which reports merge can, in rare
cascades, depend on the batch a report came in (a far neighbour's change is not propagated
through a whole chain), and a re-run or a resumed run repeats the same batches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from marsad.merge.compat import Ctx, link_score
from marsad.merge.events import build_record, cluster
from marsad.merge.items import Item
from marsad.store.db import Store, insert_rows, registered

_FINE = ("site", "city", "district")
# Keys other than the story key are filed per stretch of BUCKET_DAYS days that the event's
# date window (plus a day of slack) touches, so a lookup only meets events of nearby days
# instead of every event ever filed under "ASSAULT on US forces". Windows longer than
# MAX_BUCKETS stretches (a year, "since 2019") are filed once under "wide" and meet only each
# other and their own story.
BUCKET_DAYS = 10
MAX_BUCKETS = 40


def day_buckets(window: tuple | None) -> list[str]:
    """The stretches of days an event's window is filed under (none for an undated event:
    it can only meet its own story)."""
    if window is None:
        return []
    lo, hi = window[0].toordinal() // BUCKET_DAYS, (window[1].toordinal() + 1) // BUCKET_DAYS
    if hi - lo + 1 > MAX_BUCKETS:
        return ["wide"]
    return [str(b) for b in range(lo, hi + 1)]


def blocking_keys(item: Item) -> set[str]:
    """Keys under which an event is filed; only events sharing one are ever compared.

    Cross-story merging needs shared evidence (an actor, a recipient, a place), so filing by
    those loses no merge that :func:`~marsad.merge.compat.link_score` would accept from a
    named entity or a place; same-story events always meet through the story key.
    """
    rec = item.record
    t = item.event_type
    evidence = {f"{t}|a:{e['id']}" for e in rec.get("actor") or [] if e.get("id")}
    evidence.update(f"{t}|r:{e['id']}" for e in rec.get("recipient") or [] if e.get("id"))
    loc = rec.get("location") or {}
    if loc:
        if loc.get("precision") in _FINE and loc.get("gazetteer_id"):
            evidence.add(f"{t}|p:{loc['gazetteer_id']}")
        if loc.get("admin1"):
            evidence.add(f"{t}|adm:{loc.get('country')}/{loc['admin1']}")
        elif loc.get("country"):
            evidence.add(f"{t}|cty:{loc['country']}")
    buckets = day_buckets(item.window)
    keys = {f"{k}@{b}" for k in evidence for b in buckets}
    keys.add(f"{t}|s:{item.story_id or 'article:' + item.article_id}")
    return keys


# The story's first publication date, computed only for the stories of the wanted events
# (grouping the whole articles table for every batch made each batch cost more than the last).
_ITEM_SQL = """
    WITH ev AS (SELECT e.event_id, e.article_id, e.record, a.story_id, a.outlet, a.url,
                       a.published
                FROM events e JOIN articles a USING (article_id)
                WHERE e.event_id IN (SELECT unnest(?))),
         sp AS (SELECT story_id, min(published) AS story_published FROM articles
                WHERE story_id IN (SELECT story_id FROM ev) GROUP BY story_id)
    SELECT ev.event_id, ev.article_id, ev.record, ev.story_id, ev.outlet, ev.url,
           CAST(ev.published AS VARCHAR), CAST(sp.story_published AS VARCHAR)
    FROM ev LEFT JOIN sp USING (story_id)"""


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


def _neighbours(store: Store, ids: Iterable[str]) -> set[str]:
    """The events linked to any of these."""
    ids = sorted(set(ids))
    if not ids:
        return set()
    rows = store.con.execute("SELECT a, b FROM event_links WHERE a IN (SELECT unnest($1)) "
                             "OR b IN (SELECT unnest($1))", [ids]).fetchall()
    return {x for r in rows for x in r}


def _group_mates(store: Store, ids: Iterable[str]) -> set[str]:
    """Every member of the merged events these events belong to."""
    ids = sorted(set(ids))
    if not ids:
        return set()
    return {r[0] for r in store.con.execute(
        "SELECT event_id FROM events WHERE merged_event_id IN (SELECT merged_event_id "
        "FROM events WHERE event_id IN (SELECT unnest(?)) AND merged_event_id IS NOT NULL)",
        [ids]).fetchall()}


def _recluster(store: Store, ids: set[str], ctx: Ctx) -> None:
    """Redo the merged events of these events (whole merged events only): all reads, then
    all writes, in bulk."""
    con = store.con
    wanted = sorted(ids)
    if not wanted:
        return
    # Links leaving the set still decide whether a report fits two events equally well.
    links = {(a, b): s for a, b, s in con.execute(
        "SELECT a, b, score FROM event_links WHERE a IN (SELECT unnest($1)) "
        "OR b IN (SELECT unnest($1))", [wanted]).fetchall()}
    items = load_items(store, set(wanted) | {x for k in links for x in k})
    context = [it for e, it in items.items() if e not in ids]
    old = [r[0] for r in con.execute(
        "SELECT DISTINCT merged_event_id FROM events WHERE event_id IN (SELECT unnest(?)) "
        "AND merged_event_id IS NOT NULL", [wanted]).fetchall()]
    drop_merged(store, old)
    members = [items[e] for e in wanted if e in items]
    write_merged(store, [build_record(g) for g in cluster(members, links, ctx, context)])


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
    """Bring merged events up to date after a batch; returns the number of events redone.

    Re-clustered together: the touched events, the events they are linked to now or were
    linked to before, and every other member of those events' merged events (so a merged
    event is always redone whole, and one that loses a member is split or kept correctly).
    """
    con = store.con
    seeds: set[str] = set()
    if removed_events:
        seeds |= _neighbours(store, removed_events)
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
        seeds |= _neighbours(store, ids)  # old links, dropped by the refiling below
        touched = load_items(store, ids)
    if touched:
        _refile(store, touched)
        _link(store, touched, ctx)
    seeds |= set(touched) | _neighbours(store, touched)
    # Safety net: an event left without a live merged event (should not happen) is redone.
    seeds |= {r[0] for r in con.execute(
        "SELECT e.event_id FROM events e LEFT JOIN merged_events m USING (merged_event_id) "
        "WHERE m.merged_event_id IS NULL").fetchall()}
    redo = seeds | _group_mates(store, seeds)
    _recluster(store, redo, ctx)
    return len(redo)
