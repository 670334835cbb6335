"""Score event merging and story clustering against the merging gold (clusters.yaml).

Two figures, kept apart so merge rules are judged apart from extraction:

* **records**: the gold's hand-made event records are merged directly (merge rules only);
* **end to end**: the reports go through ``marsad run`` into a fresh store, and an article's
  events of the gold type stand for its report (extraction + stories + merging).

Pairwise precision/recall: a pair of reports is predicted together when their events share a
merged event (or their articles share a story), and gold-together when they are in one
cluster (or carry one story label).

    python tests/gold/merge/merge_gold.py            # records + end to end
    python tests/gold/merge/merge_gold.py --records  # merge rules only (fast)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from marsad.kb import get_kb  # noqa: E402
from marsad.merge.compat import Ctx  # noqa: E402
from marsad.merge.events import merge_items  # noqa: E402
from marsad.merge.items import Item  # noqa: E402
from marsad.model import stable_id  # noqa: E402


@dataclass
class Report:
    id: str
    cluster: str
    story: str
    outlet: str
    published: str
    text: str
    event: dict[str, Any]


def load_reports() -> list[Report]:
    data = yaml.safe_load((HERE / "clusters.yaml").read_text(encoding="utf-8"))
    out = []
    for c in data["clusters"]:
        for r in c["reports"]:
            out.append(Report(r["id"], c["id"], r["story"], r["outlet"], str(r["published"]),
                              r["text"], r["event"]))
    for n in data["near_misses"]:
        out.append(Report(n["id"], n["id"], n["id"], n["outlet"], str(n["published"]),
                          n["text"], n["event"]))
    return out


def _entity(kb_id: str) -> dict[str, Any]:
    kb = get_kb()
    e = kb.actor(kb_id)
    if e is None:
        raise KeyError(f"merging gold: unknown actor id {kb_id!r}")
    return {"id": e.id, "name_en": e.name_en, "name_ar": e.name_ar, "text": e.name_ar,
            "start": 0, "end": 0, "sector": e.sector, "country": e.country,
            "generic": e.generic}


def _date(value: Any, published: str) -> dict[str, Any]:
    if value == "pub":
        return {"start": published, "end": published, "precision": "day",
                "basis": "publication", "text": None}
    if isinstance(value, list):
        start, end, prec = (str(v) for v in value)
        return {"start": start, "end": end, "precision": prec, "basis": "relative",
                "text": None}
    day = value.isoformat() if isinstance(value, date) else str(value)
    return {"start": day, "end": day, "precision": "day", "basis": "explicit", "text": None}


def event_record(r: Report) -> dict[str, Any]:
    """The report's gold event as a SCHEMA.md §3 record."""
    places = yaml.safe_load((HERE / "places.yaml").read_text(encoding="utf-8"))
    ev = r.event
    loc = None
    if ev.get("place"):
        p = places[ev["place"]]
        loc = {**p, "name_ar": None, "text": p["name_en"], "start": 0, "end": 0,
               "gazetteer_id": f"gold:{ev['place']}"}
    return {
        "event_id": stable_id(r.id, ev["type"]), "article_id": r.id, "event_type": ev["type"],
        "mode": ev.get("mode") or [], "context": [], "factuality": ev.get("factuality",
                                                                          "asserted"),
        "condition": None, "actor": [_entity(a) for a in ev.get("actor") or []],
        "recipient": [_entity(a) for a in ev.get("recipient") or []], "location": loc,
        "date": _date(ev.get("date", "pub"), r.published), "attribution": [],
        "fatalities": ev.get("fatalities"), "injured": None,
        "aggregate": bool(ev.get("aggregate")), "count": None,
        "historical": bool(ev.get("historical")),
        "evidence": {"sentence": r.text, "start": 0, "end": len(r.text), "trigger": ""},
        "confidence": 0.8,
    }


def pair_scores(gold: dict[str, str], pred_pairs: set[tuple[str, str]]) -> dict[str, float]:
    ids = sorted(gold)
    gold_pairs = {(a, b) for a, b in combinations(ids, 2) if gold[a] == gold[b]}
    tp = len(gold_pairs & pred_pairs)
    p = tp / len(pred_pairs) if pred_pairs else 1.0
    r = tp / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "gold_pairs": len(gold_pairs),
            "predicted_pairs": len(pred_pairs), "true_pairs": tp}


def _pairs(groups: list[set[str]]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}


def score_records(reports: list[Report], same_story: bool = True) -> dict[str, Any]:
    """Merge the hand-made records (stories taken from the gold labels)."""
    items = [Item(event_id=(rec := event_record(r))["event_id"], article_id=r.id, record=rec,
                  story_id=r.story if same_story else None, outlet=r.outlet,
                  published=r.published) for r in reports]
    merged = merge_items(items, Ctx(get_kb()))
    groups = [{s["article_id"] for s in m["sources"]} for m in merged]
    out = pair_scores({r.id: r.cluster for r in reports}, _pairs(groups))
    out["errors"] = _errors({r.id: r.cluster for r in reports}, groups)
    return out


def _errors(gold: dict[str, str], groups: list[set[str]]) -> list[str]:
    out = []
    for g in groups:
        clusters = {gold[a] for a in g}
        if len(clusters) > 1:
            out.append(f"wrongly merged: {sorted(g)}")
    by_cluster: dict[str, set[str]] = {}
    for a, c in gold.items():
        by_cluster.setdefault(c, set()).add(a)
    for c, members in sorted(by_cluster.items()):
        parts = [g & members for g in groups if g & members]
        if len(parts) > 1:
            out.append(f"split {c}: {[sorted(p) for p in parts]}")
    return out


def score_end_to_end(reports: list[Report], db: Path) -> dict[str, Any]:
    """Run the reports through `marsad run` and score stories and merged events."""
    from marsad.engine.run import run_store
    from marsad.store.db import Store

    src = db.parent / "merge_gold_articles.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for r in reports:
            f.write(json.dumps({"id": r.id, "text": r.text, "outlet": r.outlet,
                                "published": r.published}, ensure_ascii=False) + "\n")
    run_store([str(src)], db)
    gold_type = {r.id: r.event["type"] for r in reports}
    with Store(db, read_only=True) as store:
        stories = dict(store.con.execute("SELECT article_id, story_id FROM articles").fetchall())
        rows = store.con.execute("SELECT article_id, event_type, merged_event_id FROM events"
                                 ).fetchall()
    members: dict[str, set[str]] = {}
    found = set()
    for aid, etype, mid in rows:
        if etype == gold_type.get(aid):
            members.setdefault(mid, set()).add(aid)
            found.add(aid)
    story_groups: dict[str, set[str]] = {}
    for aid, sid in stories.items():
        story_groups.setdefault(sid, set()).add(aid)
    ev = pair_scores({r.id: r.cluster for r in reports}, _pairs(list(members.values())))
    ev["reports_with_gold_type"] = f"{len(found)}/{len(reports)}"
    ev["errors"] = _errors({r.id: r.cluster for r in reports if r.id in found},
                           [g & found for g in members.values()])
    st = pair_scores({r.id: r.story for r in reports}, _pairs(list(story_groups.values())))
    return {"events": ev, "stories": st}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", action="store_true", help="Only merge the hand-made records.")
    ap.add_argument("--errors", action="store_true", help="List the wrong merges and splits.")
    args = ap.parse_args()
    reports = load_reports()
    clusters = {r.cluster for r in reports if not r.cluster.startswith("n")}
    print(f"{len(reports)} reports, {len(clusters)} clusters, "
          f"{sum(1 for r in reports if r.cluster.startswith('n'))} near misses")
    rec = score_records(reports)
    errs = rec.pop("errors")
    print("records (merge rules only):", json.dumps(rec))
    if args.errors:
        print("\n".join("  " + e for e in errs))
    if args.records:
        return
    with tempfile.TemporaryDirectory() as tmp:
        e2e = score_end_to_end(reports, Path(tmp) / "gold.duckdb")
    errs = e2e["events"].pop("errors")
    print("end to end, events:", json.dumps(e2e["events"]))
    print("end to end, stories:", json.dumps(e2e["stories"]))
    if args.errors:
        print("\n".join("  " + e for e in errs))


if __name__ == "__main__":
    main()
