"""Scoring predicted events against gold (SCHEMA.md §5).

Gold and predicted events of an article are paired by type, greedily by how well they agree
(evidence overlap, actor, recipient). Detection counts pairs; the core tuple also needs the
actor and recipient to match; place, date, factuality and casualty counts are accuracies over
the pairs whose gold gives them. Only articles present in the gold file are scored: a gold line with
``"event_type": null`` marks an annotated article that has no event.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.kb import KnowledgeBase
from marsad.model import PLOVER_TYPES
from marsad.text.normalize import norm


class EvalError(ValueError):
    pass


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"{path}: cannot read ({exc.strerror})") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
            if not isinstance(rec, dict) or "article_id" not in rec:
                raise EvalError(f"{path}:{n}: record without article_id")
            out.append(rec)
    return out


def branch_of(kb: KnowledgeBase | None, pred_id: str | None, gold_id: str) -> bool:
    """``pred_id`` is ``gold_id`` or one of its parts (``part_of`` chain), or the body of
    one country that an unqualified agent word of the gold names («قوات الأمن» coded as
    security-forces, extracted as security-forces-pak or as Iraqi Security Forces)."""
    if pred_id == gold_id:
        return True
    if kb is not None and pred_id and gold_id in kb.agents:
        entry = kb.actor(pred_id)
        if entry is None:
            return pred_id.startswith(gold_id + "-")
        if entry.country and kb.national_bodies().get((gold_id, entry.country)) == pred_id:
            return True
    seen: set[str] = set()
    todo = [pred_id] if kb is not None and pred_id else []
    while todo:
        entry = kb.actor(todo.pop()) if kb is not None else None
        if entry is None:
            continue
        for parent in entry.part_of:
            if parent == gold_id:
                return True
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return False


def entities_match(gold: list[dict] | None, pred: list[dict] | None,
                   kb: KnowledgeBase | None = None) -> bool:
    """Every gold entity is found among the predicted ones (by id, else surface text)."""
    gold, pred = gold or [], pred or []
    if not gold:
        return not pred
    for g in gold:
        gid = g.get("id")
        ok = False
        for p in pred:
            gt, pt = norm(g.get("text") or ""), norm(p.get("text") or "")
            if (gid and branch_of(kb, p.get("id"), gid)) or (
                    not gid and gt and pt and (gt in pt or pt in gt)):
                ok = True
            if ok:
                break
        if not ok:
            return False
    return True


def location_match(gold: dict, pred: dict | None) -> bool:
    if not pred:
        return False
    if gold.get("gazetteer_id") and pred.get("gazetteer_id"):
        return gold["gazetteer_id"] == pred["gazetteer_id"]
    if gold.get("name_en") and pred.get("name_en"):
        return gold["name_en"].casefold() == pred["name_en"].casefold()
    return bool(gold.get("text") and pred.get("text") and norm(gold["text"]) == norm(pred["text"]))


def date_match(gold: dict, pred: dict | None) -> bool:
    pred = pred or {}
    return gold.get("start") == pred.get("start") and gold.get("end") == pred.get("end")


def _overlap(g: dict, p: dict) -> float:
    ge, pe = g.get("evidence") or {}, p.get("evidence") or {}
    if "start" not in ge or "start" not in pe:
        return 0.0
    inter = min(ge["end"], pe["end"]) - max(ge["start"], pe["start"])
    return 1.0 if inter > 0 else 0.0


def _pair_score(g: dict, p: dict, kb: KnowledgeBase | None = None) -> float:
    """How well a predicted event fits a gold one: the same sentence first, then the same
    actor and recipient; place and date only break ties (several attacks in one sentence
    that differ only by their base)."""
    return (2 * _overlap(g, p) + entities_match(g.get("actor"), p.get("actor"), kb)
            + entities_match(g.get("recipient"), p.get("recipient"), kb)
            + 0.25 * bool(g.get("location") and location_match(g["location"], p.get("location")))
            + 0.25 * bool(g.get("date") and date_match(g["date"], p.get("date"))))


@dataclass
class Counts:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Accuracy:
    ok: int = 0
    n: int = 0

    @property
    def value(self) -> float | None:
        return self.ok / self.n if self.n else None


@dataclass
class Report:
    detection: Counts = field(default_factory=Counts)
    core: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    core_by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    location: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    factuality: Accuracy = field(default_factory=Accuracy)
    casualties: Accuracy = field(default_factory=Accuracy)
    mentions: Counts | None = None
    articles: int = 0
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def prf(c: Counts) -> dict[str, Any]:
            p, r, f = c.prf()
            return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                    "tp": c.tp, "gold": c.gold, "pred": c.pred}

        out: dict[str, Any] = {
            "articles": self.articles,
            "detection": prf(self.detection), "core_tuple": prf(self.core),
            "location_accuracy": self.location.value, "date_accuracy": self.date.value,
            "factuality_accuracy": self.factuality.value,
            "casualty_accuracy": self.casualties.value,
            "by_type": {t: {"detection": prf(c), "core_tuple": prf(self.core_by_type[t])}
                        for t, c in sorted(self.by_type.items())},
        }
        if self.mentions is not None:
            out["mentions"] = prf(self.mentions)
        return out


def score(gold: list[dict], pred: list[dict], kb: KnowledgeBase | None = None) -> Report:
    rep = Report()
    gold_by: dict[str, list[dict]] = defaultdict(list)
    gold_mentions: dict[str, list[dict]] = {}
    for g in gold:
        gold_by.setdefault(g["article_id"], [])
        if g.get("event_type"):
            if g["event_type"] not in PLOVER_TYPES:
                raise EvalError(f"gold: unknown event type {g['event_type']!r}")
            gold_by[g["article_id"]].append(g)
        if "mentions" in g and not g.get("event_type"):
            gold_mentions[g["article_id"]] = g["mentions"]
    pred_by: dict[str, list[dict]] = defaultdict(list)
    pred_mentions: dict[str, list[dict]] = {}
    for p in pred:
        if p["article_id"] not in gold_by:
            continue
        if p.get("event_type"):
            pred_by[p["article_id"]].append(p)
        elif "mentions" in p:
            pred_mentions[p["article_id"]] = p["mentions"]
    rep.articles = len(gold_by)
    for aid, golds in gold_by.items():
        preds = pred_by.get(aid, [])
        for t in PLOVER_TYPES:
            gs = [g for g in golds if g["event_type"] == t]
            ps = [p for p in preds if p["event_type"] == t]
            if gs or ps:
                _score_type(rep, t, gs, ps, kb)
    if gold_mentions:
        rep.mentions = Counts()
        for aid, gm in gold_mentions.items():
            pm = pred_mentions.get(aid, [])
            gset = {(m["start"], m["end"], m["type"]) for m in gm}
            pset = {(m["start"], m["end"], m["type"]) for m in pm}
            rep.mentions.tp += len(gset & pset)
            rep.mentions.gold += len(gset)
            rep.mentions.pred += len(pset)
    return rep


def _score_type(rep: Report, t: str, gs: list[dict], ps: list[dict],
                kb: KnowledgeBase | None) -> None:
    pairs = sorted(((_pair_score(g, p, kb), i, j)
                    for i, g in enumerate(gs) for j, p in enumerate(ps)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[dict, dict]] = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched.append((gs[i], ps[j]))
    for c in (rep.detection, rep.by_type[t]):
        c.tp += len(matched)
        c.gold += len(gs)
        c.pred += len(ps)
    core_ok = sum(entities_match(g.get("actor"), p.get("actor"), kb)
                  and entities_match(g.get("recipient"), p.get("recipient"), kb)
                  for g, p in matched)
    for c in (rep.core, rep.core_by_type[t]):
        c.tp += core_ok
        c.gold += len(gs)
        c.pred += len(ps)
    for g, p in matched:
        if g.get("location"):
            rep.location.n += 1
            rep.location.ok += location_match(g["location"], p.get("location"))
        if g.get("date"):
            rep.date.n += 1
            rep.date.ok += date_match(g["date"], p.get("date"))
        if g.get("factuality"):
            rep.factuality.n += 1
            rep.factuality.ok += g["factuality"] == p.get("factuality")
        if g.get("fatalities") is not None or g.get("injured") is not None:
            # killed and injured both as the gold states them (a stated 0 included)
            rep.casualties.n += 1
            rep.casualties.ok += (g.get("fatalities"), g.get("injured")) == (
                p.get("fatalities"), p.get("injured"))
    rep.missed += [g for i, g in enumerate(gs) if i not in used_g]
    rep.spurious += [p for j, p in enumerate(ps) if j not in used_p]
