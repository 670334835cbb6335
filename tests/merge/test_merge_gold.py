"""Merging gold (tests/gold/merge/): pairwise precision and recall of the merge rules on the
hand-made records, against the targets of the store issue (P ≥ 0.95, R ≥ 0.85)."""

from __future__ import annotations

from itertools import combinations

from marsad.kb import get_kb
from marsad.merge.compat import Ctx, link_score
from marsad.merge.items import Item
from tests.gold.merge.merge_gold import event_record, load_reports, score_records


def test_gold_is_big_enough():
    reports = load_reports()
    clusters = {r.cluster for r in reports if not r.cluster.startswith("n")}
    assert len(clusters) >= 30
    sizes = [sum(r.cluster == c for r in reports) for c in clusters]
    assert min(sizes) >= 2 and max(sizes) <= 4
    assert sum(r.cluster.startswith("n") for r in reports) >= 10


def test_merge_rules_meet_the_targets():
    scores = score_records(load_reports())
    assert scores["precision"] >= 0.95, scores
    assert scores["recall"] >= 0.85, scores


def test_merge_rules_without_story_hints_stay_precise():
    """Every gold report as its own story: cross-story merging alone must stay precise."""
    scores = score_records(load_reports(), same_story=False)
    assert scores["precision"] >= 0.95, scores


def test_link_score_is_symmetric():
    ctx = Ctx(get_kb())
    reports = load_reports()
    items = [Item(event_id=r.id, article_id=r.id, record=event_record(r), story_id=None,
                  outlet=r.outlet, published=r.published) for r in reports]
    for a, b in combinations(items, 2):
        assert link_score(a, b, ctx) == link_score(b, a, ctx), (a.event_id, b.event_id)
