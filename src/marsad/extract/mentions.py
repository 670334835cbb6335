"""Mentions: every knowledge-base name, generic agent word and nationality in the text.

One longest-match pass over the tokens with the knowledge base's name matcher; each match
keeps all its readings (``candidates``) for :mod:`marsad.extract.link` to choose from. Then
a narrow typo pass: a word after a place preposition that is one edit away from exactly one
country name («من العرق»), a country the article names elsewhere, is read as that country.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from marsad.kb import KnowledgeBase
from marsad.kb.base import NameRef
from marsad.model import Doc, Mention
from marsad.text.clitics import proclitic_forms

_CITY_CONTEXT = 100_000  # a city this big says which country the article is about
_TYPO_MIN = 5  # shorter words have too many one-edit neighbours
_TYPO_AFTER = frozenset({"في", "من", "الي", "داخل", "خارج", "عبر", "نحو"})


def find_mentions(doc: Doc, kb: KnowledgeBase) -> None:
    nt = doc.norm
    for m in kb.names.match(doc.tokens):
        first, last = doc.tokens[m.first], doc.tokens[m.last - 1]
        start, end = nt.to_orig(first.nstart + m.peeled, last.nend)
        doc.mentions.append(Mention(
            text=doc.clean_text[start:end], start=start, end=end, type="",
            tokens=(m.first, m.last), candidates=list(m.payloads)))
    _typos(doc, kb)


def vouched_countries(m: Mention, kb: KnowledgeBase) -> set[str]:
    """The countries one mention says the article is about: a named country or place (when
    all its readings lie in one country), a nationality, a named actor's country."""
    out: set[str] = set()
    places = [r for r in m.candidates if r.kind == "place" and r.id in kb.places]
    one_country = len({kb.places[r.id].country for r in places}) == 1
    for r in m.candidates:
        if r.kind == "nisba":
            out.add(r.id)
        elif r in places and one_country:  # a name read in two countries vouches for none
            p = kb.places[r.id]
            if p.kind in ("country", "site", "region") or p.population >= _CITY_CONTEXT:
                out.add(str(p.country))
        elif r.kind == "actor" and r.id in kb.actors and kb.actors[r.id].country:
            out.add(str(kb.actors[r.id].country))
    out.discard("None")
    return out


def article_countries(doc: Doc, kb: KnowledgeBase) -> set[str]:
    """Countries the article is about, from all its mentions (ISO3 codes)."""
    return set().union(*(vouched_countries(m, kb) for m in doc.mentions))


def _country_names(kb: KnowledgeBase) -> dict[int, list[tuple[str, str]]]:
    """Single-word country names by length, for the typo pass (built once per KB)."""
    cached = kb.__dict__.get("_typo_index")
    if cached is None:
        cached = {}
        for key, refs in ((k, kb.names.get(" ".join(k))) for k in kb.names):
            if len(key) != 1 or len(key[0]) < _TYPO_MIN:
                continue
            for r in refs:
                if r.kind == "place" and r.id.startswith("country:"):
                    cached.setdefault(len(key[0]), []).append((key[0], r.id))
        kb.__dict__["_typo_index"] = cached
    return cached


def _typos(doc: Doc, kb: KnowledgeBase) -> None:
    covered = {i for m in doc.mentions for i in range(*m.tokens)}
    named = {f"country:{c}" for c in article_countries(doc, kb)}
    index = _country_names(kb)
    added = False
    for tok in doc.tokens[1:]:
        prev = doc.tokens[tok.i - 1]
        if tok.i in covered or tok.is_punct or prev.norm not in _TYPO_AFTER:
            continue
        for peeled, form in proclitic_forms(tok.norm):
            if peeled or len(form) < _TYPO_MIN:
                continue
            near = {pid for n in (-1, 0, 1) for name, pid in index.get(len(form) + n, ())
                    if Levenshtein.distance(form, name, score_cutoff=1) <= 1}
            if len(near) == 1 and near <= named:
                doc.mentions.append(Mention(
                    text=tok.text, start=tok.start, end=tok.end, type="", source="fuzzy",
                    tokens=(tok.i, tok.i + 1), candidates=[NameRef("place", near.pop())]))
                added = True
    if added:
        doc.mentions.sort(key=lambda m: m.start)
