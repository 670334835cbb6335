"""The pipeline: an article becomes a :class:`~marsad.model.Doc`, and named stages add to it.

    clean → normalize → tokenize → sentences → mentions → link → time → triggers → tagger
          → titles → events

Each stage is a function ``stage(doc, kb) -> None`` that only adds its own annotations, so
a stage can be run, tested or replaced on its own (``Pipeline(stages=[...])``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.extract.events import build_events, find_triggers
from marsad.extract.link import link_mentions
from marsad.extract.mentions import find_mentions
from marsad.extract.patterns import title_names
from marsad.extract.tagger import tag_names
from marsad.extract.time import find_time_expressions
from marsad.ingest import prepare
from marsad.kb import KnowledgeBase, get_kb
from marsad.model import Article, Doc
from marsad.text.normalize import normalize
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize

Stage = Callable[[Doc, KnowledgeBase], None]


def normalize_stage(doc: Doc, kb: KnowledgeBase) -> None:
    doc.norm = normalize(doc.clean_text)


def tokenize_stage(doc: Doc, kb: KnowledgeBase) -> None:
    doc.tokens = tokenize(doc.norm)


def sentences_stage(doc: Doc, kb: KnowledgeBase) -> None:
    doc.sentences = split_sentences(doc.clean_text)
    k = 0
    for t in doc.tokens:
        while k + 1 < len(doc.sentences) and t.start >= doc.sentences[k].end:
            k += 1
        t.sent = k


STAGES: list[tuple[str, Stage]] = [
    ("normalize", normalize_stage),
    ("tokenize", tokenize_stage),
    ("sentences", sentences_stage),
    ("mentions", find_mentions),
    ("link", link_mentions),
    ("time", find_time_expressions),
    ("triggers", find_triggers),
    ("tagger", tag_names),
    ("titles", title_names),
    ("events", build_events),
]


class Pipeline:
    def __init__(self, kb: KnowledgeBase | None = None,
                 stages: list[tuple[str, Stage]] | None = None,
                 kb_extra: Iterable[Path] = ()) -> None:
        self.kb = kb or get_kb(tuple(Path(p) for p in kb_extra))
        self.stages = stages if stages is not None else list(STAGES)

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def make_doc(self, article: Article) -> Doc:
        clean_text, published = prepare(article)
        return Doc(article=article, clean_text=clean_text, published=published)

    def __call__(self, article: Article) -> Doc:
        doc = self.make_doc(article)
        for _, stage in self.stages:
            stage(doc, self.kb)
        return doc

    def pipe(self, articles: Iterable[Article]) -> Iterator[Doc]:
        for a in articles:
            yield self(a)
