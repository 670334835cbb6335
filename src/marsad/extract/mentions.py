"""Mentions: every knowledge-base name, generic agent word and nationality in the text.

One longest-match pass over the tokens with the knowledge base's name matcher; each match
keeps all its readings (``candidates``) for :mod:`marsad.extract.link` to choose from.
"""

from __future__ import annotations

from marsad.kb import KnowledgeBase
from marsad.model import Doc, Mention


def find_mentions(doc: Doc, kb: KnowledgeBase) -> None:
    nt = doc.norm
    for m in kb.names.match(doc.tokens):
        first, last = doc.tokens[m.first], doc.tokens[m.last - 1]
        start, end = nt.to_orig(first.nstart + m.peeled, last.nend)
        doc.mentions.append(Mention(
            text=doc.clean_text[start:end], start=start, end=end, type="",
            tokens=(m.first, m.last), candidates=list(m.payloads)))
