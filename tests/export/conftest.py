"""A store filled with the merging gold's hand-made events (no extraction involved), so
export tests check the exports, not today's extraction."""

from __future__ import annotations

import pytest

from marsad.engine.run import write_batch
from marsad.kb import get_kb
from marsad.merge.compat import Ctx
from marsad.store.db import Processed, Store
from tests.gold.merge.merge_gold import event_record, load_reports


def gold_processed() -> list[Processed]:
    out = []
    for r in load_reports():
        ev = event_record(r)
        out.append(Processed(article_id=r.id, content_hash=r.id, clean_text=r.text,
                             published=r.published, source=None, events=[ev],
                             record={"id": r.id, "outlet": r.outlet, "published": r.published,
                                     "url": f"https://example.org/{r.id}", "lang": "ar"}))
    # A background mention only: dropped by default from exports of "what happened".
    old = event_record(load_reports()[0])
    old.update(event_id="hist-only", article_id="hist", historical=True,
               date={"start": "2003-03-20", "end": "2003-03-20", "precision": "day",
                     "basis": "explicit"})
    out.append(Processed(article_id="hist", content_hash="hist", clean_text="...",
                         published="2024-01-21", source=None, events=[old],
                         record={"id": "hist", "outlet": "x", "lang": "ar"}))
    return out


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "gold.duckdb"
    with Store(path) as store:
        write_batch(store, gold_processed(), set(), Ctx(get_kb()))
    return path
