"""Incremental merging in the store: a batch redoes its neighbourhood, not the whole chain of
linked reports, and finds its candidates among events of nearby days only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.kb import get_kb
from marsad.merge.compat import Ctx
from marsad.merge.incremental import blocking_keys, update_merged
from marsad.store.db import Processed, Store
from tests.merge.records import item


@pytest.fixture(scope="module")
def ctx() -> Ctx:
    return Ctx(get_kb())


def _article(n: int, day: date) -> Processed:
    """Two outlets' reports of one drone attack on US forces in Anbar, on ``day``."""
    aid = f"art{n:04d}"
    rec = item(f"ev{n:04d}", recipient=("us-military",), where="anbar", day=day.isoformat(),
               mode=["drone"], published=day.isoformat(), article=aid).record
    return Processed(article_id=aid, content_hash=aid, record={"id": aid}, clean_text="",
                     published=day.isoformat(), source=None, events=[rec])


def _add(store: Store, batch: list[Processed], ctx: Ctx) -> int:
    with store.transaction():
        store.add_many(batch)
        return update_merged(store, {p.article_id for p in batch}, [], ctx)


def test_a_new_report_redoes_its_neighbourhood_not_the_whole_chain(tmp_path, ctx):
    """Attacks a day apart link into one long chain; a late report of one day must not make
    every batch re-cluster the whole chain (that made big runs quadratic)."""
    start = date(2024, 1, 1)
    chain = [_article(i, start + timedelta(days=i // 2)) for i in range(120)]
    late = _article(500, start + timedelta(days=30))
    with Store(tmp_path / "m.duckdb") as store:
        _add(store, chain, ctx)
        links = store.con.execute("SELECT count(*) FROM event_links").fetchone()[0]
        assert links >= 100  # the day-after links chain the 60 days together
        redone = _add(store, [late], ctx)
        assert redone < 20
        merged = _merged(store)
        orphans = store.con.execute(
            "SELECT count(*) FROM events e LEFT JOIN merged_events m USING (merged_event_id) "
            "WHERE m.merged_event_id IS NULL").fetchone()[0]
        assert orphans == 0
    with Store(tmp_path / "once.duckdb") as store:  # the same reports in one batch
        _add(store, [*chain, late], ctx)
        assert _merged(store) == merged


def _merged(store: Store) -> set[tuple[str, frozenset[str]]]:
    rows = store.con.execute("SELECT merged_event_id, list(event_id) FROM events "
                             "GROUP BY merged_event_id").fetchall()
    return {(mid, frozenset(ids)) for mid, ids in rows}


def test_blocking_keys_are_filed_by_nearby_days():
    """Two attacks on US forces a month apart share no key (they are never compared); the
    same attack reported the next day shares its keys."""
    a = item("a", recipient=("us-military",), where="anbar", day="2024-01-10")
    b = item("b", recipient=("us-military",), where="anbar", day="2024-02-10")
    c = item("c", recipient=("us-military",), where="anbar", day="2024-01-11")
    assert not blocking_keys(a) & blocking_keys(b)
    assert any("|r:us-military@" in k for k in blocking_keys(a) & blocking_keys(c))
