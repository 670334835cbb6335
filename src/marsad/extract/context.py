"""What every event extractor needs to know about one sentence: its tokens, mentions,
clause breaks and cue words (each cue list matched the first time it is asked for)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from marsad.kb import KnowledgeBase
from marsad.model import Doc, Mention, Token
from marsad.text.clitics import proclitic_forms

# Words that open an embedded clause: the subject of what follows is inside it.
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "لان"})
_BREAK_PUNCT = frozenset({"،", ",", "؛", ";", ":", '"', "(", ")", "-"})


@dataclass
class SentenceContext:
    doc: Doc
    index: int
    tokens: list[Token]
    mentions: list[Mention]
    kb: KnowledgeBase
    _hits: dict[str, list[tuple[int, int]]] | None = None  # cue list -> spans, once matched

    @property
    def first(self) -> int:
        return self.tokens[0].i if self.tokens else 0

    @property
    def last(self) -> int:
        return self.tokens[-1].i + 1 if self.tokens else 0

    @cached_property
    def times(self) -> set[int]:
        """Tokens of the article's date and time expressions (found before any context is
        made; read-only)."""
        return self.doc.time_tokens()

    def is_complementizer(self, i: int) -> bool:
        return any(f in _COMPLEMENTIZERS for _, f in proclitic_forms(self.doc.tokens[i].norm))

    def is_break(self, i: int) -> bool:
        return self.doc.tokens[i].norm in _BREAK_PUNCT

    def hits(self, name: str) -> list[tuple[int, int]]:
        """Token spans of the sentence's phrases from cue list ``name`` (cues.yaml)."""
        if self._hits is None:
            # every list at once, one pass over the sentence, kept on the document for the
            # later stages' contexts of the same sentence (tokens do not change); the matcher
            # counts from the sentence's first token
            shared = self.doc.__dict__.setdefault("_cue_hits", {})
            if self.index not in shared:
                off = self.first
                found = self.kb.cue_index.match_by_payload(self.tokens)
                hits = {n: [(m.first + off, m.last + off) for m in ms]
                        for n, ms in found.items()}
                times = {i for a, b in hits.get("time_of_day", []) for i in range(a, b)}
                if "new_event" in hits:
                    # «بعد ظهر اليوم» is a time, not «بعد» an event; «منذ مطلع آذار» a period
                    hits["new_event"] = [
                        h for h in hits["new_event"] if h[0] not in times and not (
                            self.doc.tokens[h[0]].norm == "منذ"
                            and self.times & {h[1], h[1] + 1})]
                shared[self.index] = hits
            self._hits = shared[self.index]
        return self._hits.get(name, [])

    def set_off(self, name: str) -> list[tuple[int, int]]:
        """Token spans [start, end) of asides opened by a phrase of cue list ``name`` right
        after a comma and running to the next break («، إحدى الفصائل …،», «، بينهم طفلان،»)."""
        out = []
        for a, _ in self.hits(name):
            if a > self.first and self.is_break(a - 1):
                i = a
                while i < self.last and not self.is_break(i):
                    i += 1
                out.append((a, i))
        return out

    def cues_between(self, name: str, start: int, end: int) -> list[tuple[int, int]]:
        """Cue phrases of list ``name`` lying within tokens [start, end)."""
        return [(a, b) for a, b in self.hits(name) if a >= start and b <= end]

    def text(self, start_tok: int, end_tok: int) -> tuple[str, int, int]:
        """Text and clean_text offsets of tokens [start_tok, end_tok)."""
        s = self.doc.tokens[start_tok].start
        e = self.doc.tokens[end_tok - 1].end
        return self.doc.clean_text[s:e], s, e


def sentence_contexts(doc: Doc, kb: KnowledgeBase,
                      only: set[int] | None = None) -> list[SentenceContext]:
    """Contexts of the sentences (of those in ``only`` when given)."""
    by_sent: dict[int, list[Token]] = {}
    for t in doc.tokens:
        by_sent.setdefault(t.sent, []).append(t)
    ments: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        ments.setdefault(doc.tokens[m.tokens[0]].sent, []).append(m)
    return [SentenceContext(doc, i, by_sent.get(i, []), ments.get(i, []), kb)
            for i in range(len(doc.sentences)) if only is None or i in only]
