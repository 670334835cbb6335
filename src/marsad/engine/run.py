"""``marsad run``: articles into the store, with stories and merged events kept up to date.

Articles are read and extracted in batches; each batch is written in one transaction
together with its story and merge updates. Extraction happens *before* the transaction, so a
run killed at any moment (even ``kill -9``) loses at most the batch in flight, and the next
run skips every article already stored with the same content hash and redoes the rest. An
article seen again with different content replaces its old version.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rich.console import Console

from marsad.ingest import ReadError, read_inputs
from marsad.merge.compat import Ctx
from marsad.merge.incremental import update_merged
from marsad.merge.stories import (
    assign_stories,
    forget_articles,
    index_articles,
    link_new,
    precise_places,
)
from marsad.model import Article
from marsad.pipeline import Pipeline
from marsad.store.db import Processed, Store, content_hash

BATCH = 200


@dataclass
class RunStats:
    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: int = 0
    events: int = 0
    batches: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- extraction

_WORKER: Pipeline | None = None


def _init_worker(kb_extra: tuple[str, ...]) -> None:
    global _WORKER
    _WORKER = Pipeline(kb_extra=[Path(p) for p in kb_extra])


def _process(job: tuple[Article, str]) -> Processed | str:
    article, chash = job
    assert _WORKER is not None
    try:
        return Processed.from_doc(_WORKER(article), chash)
    except Exception as exc:  # one bad article never loses the others
        return f"{article.source or article.id}: extraction failed ({type(exc).__name__}: {exc})"


class Extractor:
    """Runs the pipeline in this process, or in ``workers`` processes."""

    def __init__(self, kb_extra: Iterable[Path], workers: int = 1) -> None:
        extra = tuple(str(p) for p in kb_extra)
        self.pool = None
        if workers > 1:
            self.pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(extra,))
        else:
            _init_worker(extra)
        assert _WORKER is not None or self.pool is not None
        self.kb = Pipeline(kb_extra=[Path(p) for p in extra]).kb if self.pool else _WORKER.kb

    def __call__(self, jobs: list[tuple[Article, str]]) -> list[Processed | str]:
        if self.pool is None:
            return [_process(j) for j in jobs]
        return list(self.pool.map(_process, jobs, chunksize=8))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


# --------------------------------------------------------------------------- writing


def write_batch(store: Store, done: list[Processed], replaced: set[str], ctx: Ctx) -> None:
    """One transaction: replace old versions, add articles, update stories and merges."""
    with store.transaction():
        removed: list[str] = []
        for aid in sorted(replaced):
            removed += store.remove_article(aid)
        neighbours = forget_articles(store, sorted(replaced))
        store.add_many(done)
        new_ids = [p.article_id for p in done]
        index_articles(store, [(p.article_id, p.clean_text, p.published,
                                precise_places(p.mentions)) for p in done])
        link_new(store, new_ids)
        changed = assign_stories(store, set(new_ids) | neighbours)
        update_merged(store, changed | set(new_ids), removed, ctx)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_store(inputs: Iterable[str], db: str | os.PathLike[str] | None,
              kb_extra: Iterable[Path] = (), console: Console | None = None,
              batch_size: int = BATCH, workers: int = 1, force: bool = False,
              on_batch: Callable[[RunStats], None] | None = None) -> RunStats:
    """Read, extract, store, cluster and merge; returns what was done."""
    t0 = time.perf_counter()
    extractor = Extractor(kb_extra, workers)
    try:
        with Store(db) as store:
            stats = run_articles(store, read_inputs(inputs), extractor, console, batch_size,
                                 force, on_batch)
    finally:
        extractor.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def run_articles(store: Store, items: Iterable[Article | ReadError], extractor: Extractor,
                 console: Console | None = None, batch_size: int = BATCH, force: bool = False,
                 on_batch: Callable[[RunStats], None] | None = None) -> RunStats:
    """The body of a run, on an open store (the Python API ingests through it too)."""
    console = console or Console(stderr=True, highlight=False)
    stats = RunStats()
    t0 = time.perf_counter()
    ctx = Ctx(extractor.kb)
    for chunk in _batches(items, batch_size):
        articles: dict[str, Article] = {}
        for item in chunk:
            if isinstance(item, ReadError):
                stats.errors += 1
                console.print(str(item), markup=False)
            else:
                stats.read += 1
                articles[item.id] = item  # a repeated id: the last version wins
        known = store.known_hashes(sorted(articles))
        jobs = []
        for aid, art in articles.items():
            chash = content_hash(art)
            if known.get(aid) == chash and not force:
                stats.unchanged += 1
            else:
                jobs.append((art, chash))
        if not jobs:
            continue
        done: list[Processed] = []
        for res in extractor(jobs):
            if isinstance(res, str):
                stats.errors += 1
                console.print(res, markup=False)
            else:
                done.append(res)
        replaced = {p.article_id for p in done if p.article_id in known}
        write_batch(store, done, replaced, ctx)
        stats.replaced += len(replaced)
        stats.added += len(done) - len(replaced)
        stats.events += sum(len(p.events) for p in done)
        stats.batches += 1
        if on_batch is not None:
            on_batch(stats)
    stats.counts = store.counts()
    stats.seconds = time.perf_counter() - t0
    return stats
