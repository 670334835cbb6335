"""Clustering and merged records: complete linkage, determinism, best-supported fields."""

from __future__ import annotations

import random

import pytest

from marsad.kb import get_kb
from marsad.merge.compat import Ctx
from marsad.merge.events import merge_items
from tests.merge.records import item


@pytest.fixture(scope="module")
def ctx() -> Ctx:
    return Ctx(get_kb())


def _groups(merged: list[dict]) -> set[frozenset[str]]:
    return {frozenset(s["event_id"] for s in m["sources"]) for m in merged}


def test_a_vague_report_never_bridges_two_bases(ctx):
    """Complete linkage: «an attack in Iraq» fits both bases, but they stay apart."""
    a = item("a", recipient=("us-military",), where="ain-al-asad", day="2024-01-20",
             mode=["drone"])
    b = item("b", recipient=("us-military",), where="harir", day="2024-01-20", mode=["drone"])
    vague = item("v", recipient=("us-military",), where="iraq", day="2024-01-20",
                 mode=["drone"])
    groups = _groups(merge_items([a, b, vague], ctx))
    assert frozenset({"a", "b"}) not in groups
    assert not any({"a", "b"} <= g for g in groups)


def test_same_input_in_any_order_gives_same_result(ctx):
    items = [
        item("a1", recipient=("us-military",), where="ain-al-asad", day="2024-01-20"),
        item("a2", actor=("islamic-resistance-in-iraq",), recipient=("us-military",),
             where="anbar", day="2024-01-20", published="2024-01-22"),
        item("a3", recipient=("us-military",), where="ain-al-asad", day=None,
             published="2024-01-21"),
        item("b1", recipient=("us-military",), where="harir", day="2024-01-20"),
        item("t1", "THREATEN", actor=("kataib-hezbollah",), recipient=("us-military",),
             day="2024-01-21"),
    ]
    expected = sorted((m["merged_event_id"], m["num_articles"]) for m in merge_items(items, ctx))
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        got = sorted((m["merged_event_id"], m["num_articles"])
                     for m in merge_items(shuffled, ctx))
        assert got == expected


def test_merged_record_takes_most_precise_supported_fields(ctx):
    a = item("a", recipient=("us-military",), where="anbar", day=None, published="2024-01-21",
             outlet="Outlet A", fatalities=2)
    b = item("b", actor=("islamic-resistance-in-iraq",), recipient=("us-military",),
             where="ain-al-asad", day="2024-01-20", published="2024-01-20", outlet="Outlet B",
             fatalities=2)
    c = item("c", actor=("iran-backed-factions-iraq",), recipient=("us-military",),
             where="ain-al-asad", day="2024-01-20", published="2024-01-21", outlet="outlet b",
             fatalities=3)
    (m,) = merge_items([a, b, c], ctx)
    assert m["num_articles"] == 3
    assert m["num_outlets"] == 2  # "Outlet B" and "outlet b" are one outlet
    assert m["first_reported"] == "2024-01-20"
    assert m["location"]["precision"] == "site"
    assert m["date"]["start"] == "2024-01-20" and m["date"]["basis"] == "explicit"
    assert [e["id"] for e in m["actor"]] == ["islamic-resistance-in-iraq"]  # named > generic
    assert m["fatalities"] == 2
    assert {s["event_id"] for s in m["sources"]} == {"a", "b", "c"}


def test_historical_mentions_corroborate_the_original(ctx):
    orig = item("o", actor=("us-military",), recipient=("irgc",), where="victory",
                day="2020-01-03", published="2020-01-03")
    later = item("h", actor=("united-states",), recipient=("irgc",), where="baghdad",
                 day="2020-01-03", published="2020-01-10", historical=True)
    (m,) = merge_items([orig, later], ctx)
    assert m["num_articles"] == 2 and m["historical"] is False


def test_a_report_that_fits_two_events_equally_joins_neither(ctx):
    a = item("a", recipient=("us-military",), where="ain-al-asad", day="2024-01-20")
    b = item("b", recipient=("us-military",), where="victory", day="2024-01-20")
    vague = item("v", recipient=("us-military",), where="iraq", day="2024-01-20")
    groups = _groups(merge_items([a, b, vague], ctx))
    assert frozenset({"v"}) in groups
