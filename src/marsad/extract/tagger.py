"""Statistical NER for names the knowledge base lacks (PER, ORG, GPE, LOC, FAC).

A linear-chain CRF (python-crfsuite) trained from scratch on ANERcorp, AQMAR and Wojood by
``scripts/train_ner.py`` (see ``docs/ner.md``). It only tags the words around event
triggers, because names elsewhere fill no event role and tagging costs time; it only adds
spans that do not overlap a knowledge-base mention, so linked names are never changed.

The corpora write clitics on the word like Marsad's tokens do («بالعراق»), and every feature
is computed on the normalised word plus its clitic-peeled readings, so training and runtime
see the same forms. The model knows one location class (ANERcorp does not tell countries
from rivers); :func:`_refine` types it GPE, LOC or FAC from the head word in front of it
(«نهر», «مطار»), listed in ``models/ner/types.yaml``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from marsad.kb import KnowledgeBase
from marsad.model import Doc, Mention
from marsad.text.clitics import proclitic_forms
from marsad.text.normalize import norm

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
MODEL_FILE = MODEL_DIR / "ner.crfsuite"
TYPES_FILE = MODEL_DIR / "types.yaml"
VOCAB_FILE = MODEL_DIR / "vocab.tsv"

_WINDOW = (-2, -1, 1, 2)
_GZ_WINDOW = 2  # neighbours whose gazetteer tags are features
_AROUND = 12  # tokens tagged on each side of an event trigger
_SHORT = 2  # a peeled reading this short is a clitic false alarm («كبير» ≠ ك + «بير»)


# --- features: shared by training (scripts/train_ner.py) and tagging -----------------------

def _shape(w: str) -> str:
    if w.isdigit():
        return "D"
    if not w[0].isalnum():
        return "P"
    if w.isascii():
        return "L"
    return "A"


_VOCAB: dict[str, int] = {}


@lru_cache(maxsize=200_000)
def stem_of(w: str) -> str:
    """The bare stem: clitics and article off («وبالحرس» → «حرس»)."""
    forms = [f for p, f in proclitic_forms(w) if len(f) > _SHORT]
    for f in forms:
        if f.startswith("ال") and len(f) > 3:
            return f[2:]
    return forms[-1] if forms else w


def vocab_counts(sentences: Iterable[Sequence[str]]) -> dict[str, int]:
    """Word and stem (``~stem``) counts of a training corpus, for :func:`set_vocab`."""
    counts: Counter[str] = Counter()
    for words in sentences:
        for w in words:
            if w[0].isalnum():
                counts[w] += 1
                counts["~" + stem_of(w)] += 1
    return dict(counts)


def set_vocab(counts: dict[str, int]) -> None:
    """Install the training corpus's word counts (the rarity features read them)."""
    _VOCAB.clear()
    _VOCAB.update(counts)
    _word_features.cache_clear()
    _context_features.cache_clear()
    _name_word.cache_clear()


def write_vocab(counts: dict[str, int], path: Path) -> None:
    """Keep the words seen twice or more: a word seen once counts as unseen anyway."""
    rows = sorted((w, n) for w, n in counts.items() if n > 1)
    path.write_text("".join(f"{w}\t{n}\n" for w, n in rows), encoding="utf-8")


def read_vocab(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        w, _, n = line.partition("\t")
        out[w] = int(n)
    return out


def _rarity(w: str) -> str:
    """How often the training corpus wrote ``w``: transliterated names («فولكسفاغن») are
    rare words, and a word unseen at run time looks like a word seen once in training."""
    n = _VOCAB.get(w, 0)
    return "rare" if n <= 1 else "few" if n <= 5 else "common"


@lru_cache(maxsize=200_000)
def _word_features(w: str) -> tuple[str, ...]:
    """What one normalised word says by itself: its forms without clitics, affixes, shape,
    and how common it is."""
    feats = [f"w={w}", f"sh={_shape(w)}", f"len={min(len(w), 8) // 2}"]
    if not w[0].isalnum():
        return tuple(feats)
    feats.append(f"fq={_rarity(w)}")
    forms = [f for p, f in proclitic_forms(w) if p and len(f) > _SHORT]
    for f in forms:
        feats.append(f"p={f}")
    stem = stem_of(w)
    if any(f.startswith("ال") and len(f) > 3 for f in [w, *forms]):
        feats.append("al")
    feats.append(f"st={stem}")
    feats.append(f"sfq={_rarity('~' + stem)}")
    for k in (1, 2, 3):
        if len(stem) > k:
            feats.append(f"pre{k}={stem[:k]}")
            feats.append(f"suf{k}={stem[-k:]}")
    return tuple(feats)


@lru_cache(maxsize=400_000)
def _context_features(w: str, offset: int) -> tuple[str, ...]:
    """A neighbour's word and stem, keyed by its distance."""
    base = _word_features(w)
    keep = [f for f in base if f.startswith(("w=", "st=", "sh="))]
    if abs(offset) == 1:
        keep += [f for f in base if f.startswith(("al", "suf2=", "pre2=", "fq=", "sfq="))]
    return tuple(f"{offset}:{f}" for f in keep)


class Gazetteer:
    """Which tokens fall inside a knowledge-base name, and of what kind.

    Built from the cue words of ``types.yaml`` (titles before persons, heads of
    organisations and places) and, for a model trained with ``--kb``, the knowledge base's
    names (actors, agent words, places). Training and run time build it the same way; with
    ``--kb`` a knowledge-base edit changes the model's input (docs/ner.md: off by default,
    as it did not help on the names the knowledge base lacks).
    """

    def __init__(self, names: dict[tuple[str, ...], frozenset[str]]) -> None:
        self.names = names
        self.lengths: dict[str, tuple[int, ...]] = {}
        for key in names:
            self.lengths.setdefault(key[0], ())
            self.lengths[key[0]] = tuple(sorted({*self.lengths[key[0]], len(key)},
                                                reverse=True))

    @classmethod
    def build(cls, kb: KnowledgeBase | None, cues: dict[str, Iterable[str]]) -> Gazetteer:
        raw: dict[tuple[str, ...], set[str]] = {}

        def add(name: str, label: str) -> None:
            words = tuple(_TOKEN_RE.findall(norm(name)))
            if words and not all(w.isascii() for w in words):
                raw.setdefault(words, set()).add(label)

        if kb is not None:
            for a in kb.actors.values():
                for name in (a.name_ar, *a.aliases_ar):
                    add(name, a.type)
            for g in kb.agents.values():
                for name in (g.name_ar, *g.aliases_ar):
                    add(name, "AGENT")
            for p in kb.places.values():
                for name in (p.name_ar, *p.aliases_ar):
                    add(name, "PLACE")
        for label, words in cues.items():
            for w in words:
                add(w, label)
        return cls({k: frozenset(v) for k, v in raw.items()})

    def tags(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        """Per token, ``LABEL-B``/``LABEL-I`` for every name that covers it (a name's first
        word may carry clitics, «وبالموصل»)."""
        out: list[set[str]] = [set() for _ in words]
        n = len(words)
        for i, w in enumerate(words):
            for _, form in _forms(w):
                for k in self.lengths.get(form, ()):
                    if i + k <= n and (form, *words[i + 1:i + k]) in self.names:
                        for lab in self.names[(form, *words[i + 1:i + k])]:
                            out[i].add(lab + "-B")
                            for j in range(i + 1, i + k):
                                out[j].add(lab + "-I")
        return [tuple(sorted(x)) for x in out]


@lru_cache(maxsize=200_000)
def _forms(w: str) -> tuple[tuple[int, str], ...]:
    return tuple((p, f) for p, f in proclitic_forms(w) if p == 0 or len(f) > _SHORT)


_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+|[^\w\s]|_+")  # marsad.text.tokens


def sentence_features(words: Sequence[str],
                      gaz: Gazetteer | None = None) -> list[list[str]]:
    """CRF features for a sentence of normalised words (see :func:`marsad.text.normalize.norm`)."""
    n = len(words)
    gz = gaz.tags(words) if gaz is not None else [()] * n
    out: list[list[str]] = []
    for i, w in enumerate(words):
        feats = list(_word_features(w))
        feats.extend(f"gz={g}" for g in gz[i])
        for o in _WINDOW:
            j = i + o
            if 0 <= j < n:
                feats.extend(_context_features(words[j], o))
                if abs(o) <= _GZ_WINDOW:
                    feats.extend(f"{o}:gz={g}" for g in gz[j])
            elif o in (-1, 1):
                feats.append("BOS" if o < 0 else "EOS")
        if i > 0:
            feats.append(f"bi-={words[i - 1]}|{w}")
        if i + 1 < n:
            feats.append(f"bi+={w}|{words[i + 1]}")
        out.append(feats)
    return out


def spans_from_bio(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first, last+1, type)`` spans of a BIO label sequence (a stray I- starts a span)."""
    spans: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        inside = lab.startswith("I-") and lab[2:] == typ and start >= 0
        if inside:
            continue
        if start >= 0:
            spans.append((start, i, typ))
            start, typ = -1, ""
        if lab != "O":
            start, typ = i, lab[2:]
    return spans


@lru_cache(maxsize=100_000)
def _name_word(first: str) -> str:
    """A name's first word with its clitics off, so «بسوريا» and «سوريا» meet (a word the
    corpus wrote more often whole, like «وليد», keeps its first letter)."""
    forms = [f for p, f in proclitic_forms(first) if p and len(f) > _SHORT]
    if forms and _VOCAB.get(first, 0) <= _VOCAB.get(forms[-1], 0):
        return forms[-1]
    return first


def _name_key(words: Sequence[str]) -> tuple[str, ...]:
    return (_name_word(words[0]), *words[1:])


def propagate(sents: Sequence[Sequence[str]],
              spans: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """Names the model found once in an article, found again where it missed them.

    A reporter writes «سعد الحريري» once and then «الحريري» or «وقال الحريري»: the model
    tags the full name but often not the repeats. Every tagged name, and the surname of a
    tagged two-word person, is looked for again in the article's other words.
    """
    known: dict[tuple[str, ...], str] = {}
    for words, found in zip(sents, spans, strict=True):
        for a, b, typ in found:
            known.setdefault(_name_key(words[a:b]), typ)
            if typ == "PER" and b - a >= 2 and _rarity(words[b - 1]) != "common":
                known.setdefault((words[b - 1],), "PER")
    if not known:
        return spans
    lengths: dict[str, set[int]] = {}  # first word -> lengths of the names it starts
    for key in known:
        lengths.setdefault(key[0], set()).add(len(key))
    out = []
    for words, found in zip(sents, spans, strict=True):
        taken = {i for a, b, _ in found for i in range(a, b)}
        new = list(found)
        i = 0
        while i < len(words):
            hit = None
            if i not in taken:
                ns = lengths.get(_name_key(words[i:i + 1])[0], ())
                for n in sorted(ns, reverse=True):
                    if i + n <= len(words) and taken.isdisjoint(range(i, i + n)):
                        key = _name_key(words[i:i + n])
                        if key in known:
                            hit = (i, i + n, known[key])
                            break
            if hit:
                new.append(hit)
                taken.update(range(hit[0], hit[1]))
                i = hit[1]
            else:
                i += 1
        out.append(sorted(new))
    return out


# --- the model, loaded once per process ----------------------------------------------------

@lru_cache(maxsize=1)
def _model() -> tuple[Any, dict[str, Any]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_FILE))
    set_vocab(read_vocab(VOCAB_FILE))
    return tagger, types_conf()


@lru_cache(maxsize=1)
def types_conf() -> dict[str, Any]:
    """``types.yaml``: label → type, location head words, gazetteer cue words."""
    conf = yaml.safe_load(TYPES_FILE.read_text(encoding="utf-8"))
    words = {k: frozenset(norm(w) for w in conf.get(k) or ()) for k in ("fac_heads", "loc_heads")}
    return {**conf, **words}


_GAZ: dict[int, tuple[KnowledgeBase | None, Gazetteer]] = {}


@lru_cache(maxsize=1)
def uses_kb() -> bool:
    """Whether the shipped model was trained with knowledge-base gazetteer features
    (``training.json``; ``scripts/train_ner.py --kb``). Run time must feed it the same."""
    meta = MODEL_DIR / "training.json"
    return meta.exists() and bool(json.loads(meta.read_text(encoding="utf-8"))
                                  .get("gazetteer_kb"))


def gazetteer(kb: KnowledgeBase | None) -> Gazetteer:
    """The cue words of ``types.yaml`` plus, if the model was trained with them, the names of
    ``kb``; built once per knowledge base (the pipeline keeps one for the whole run)."""
    kb = kb if uses_kb() else None
    hit = _GAZ.get(id(kb))
    if hit is None or hit[0] is not kb:
        hit = (kb, Gazetteer.build(kb, types_conf().get("cues") or {}))
        _GAZ[id(kb)] = hit
    return hit[1]


def tag_words(words: Sequence[str], kb: KnowledgeBase | None = None) -> list[str]:
    """BIO labels (PER, ORG, LOC) for normalised words: the model's raw output (``kb`` only
    matters for a model trained with knowledge-base features)."""
    tagger, _ = _model()
    return list(tagger.tag(sentence_features(words, gazetteer(kb))))


# --- the pipeline stage ---------------------------------------------------------------------

def _bare(word: str) -> set[str]:
    return {f for _, f in proclitic_forms(word)}


def _refine(doc: Doc, first: int, last: int, conf: dict[str, Any]) -> tuple[int, str]:
    """Type a location span and say where it starts: «مطار X» is a FAC named with its head
    word, «نهر X» a LOC, anything else a GPE (news places are mostly towns and countries)."""
    for i in (first, first - 1):
        if i < 0 or (i < first and doc.tokens[i].sent != doc.tokens[first].sent):
            continue
        forms = _bare(doc.tokens[i].norm)
        if forms & conf["fac_heads"]:
            return i, "FAC"
        if forms & conf["loc_heads"]:
            return i, "LOC"
    return first, "GPE"


def _peeled(word: str) -> int:
    """Leading clitic letters to leave out of a name's span, as the knowledge base would
    («بالحرس» → «الحرس», «وللقوات» → «القوات», «لروما» → «روما»). Without the article, the
    letter goes only when the corpora wrote the rest more often: «وليد» is not و + «ليد»."""
    forms = proclitic_forms(word)
    for p, f in forms:
        if p and f.startswith("ال") and len(f) > 3:
            return p
    n = _VOCAB.get(word, 0)
    for p, f in forms:
        if p and len(f) > _SHORT and _VOCAB.get(f, 0) > max(n, 1):
            return p
    return 0


def _around(sent: int, first: int, last: int,
            bounds: dict[int, list[int]]) -> tuple[int, int]:
    """The tokens around a trigger that can hold its actor and recipient, within its
    sentence: tagging whole long sentences would cost time for names no role takes."""
    lo, hi = bounds[sent]
    return max(lo, first - _AROUND), min(hi, last + _AROUND)


def _weapon_words(kb: KnowledgeBase) -> frozenset[str]:
    """The one-word weapons and methods of attack (modes.yaml, not the generic ``violence``
    words: «المجلس العسكري» is a name), normalised."""
    cached = kb.__dict__.get("_weapon_words")
    if cached is None:
        cached = kb.__dict__["_weapon_words"] = frozenset(
            norm(w) for mode, words in kb.modes.get("ASSAULT", {}).items() for w in words
            if " " not in w and mode != "violence")
    return cached


def tag_names(doc: Doc, kb: KnowledgeBase, all_sentences: bool = False) -> None:
    """Add ``source="tagger"`` mentions for names near event words that no mention covers.

    A name that starts with a generic agent word («شركة بتروفاك», «حزب التجمع») keeps the
    agent mention and gets the rest of the span.

    Runs after ``triggers`` (it reads ``doc.triggers``) and before ``events``. Triggers that
    fall inside a new name are dropped, as ``find_triggers`` does for knowledge-base names.
    """
    if not doc.tokens:
        return
    bounds: dict[int, list[int]] = {}  # sentence -> [first token, last token + 1]
    for t in doc.tokens:
        bounds.setdefault(t.sent, [t.i, t.i])[1] = t.i + 1
    if all_sentences:
        ranges = sorted(tuple(b) for b in bounds.values())
    else:
        ranges = sorted(_around(doc.tokens[t.first].sent, t.first, t.last, bounds)
                        for t in doc.triggers)
    groups: list[list[int]] = []
    end = -1
    for a, b in ranges:  # merge overlapping windows of one sentence
        if groups and a <= end and doc.tokens[a].sent == doc.tokens[groups[-1][0]].sent:
            groups[-1].extend(range(end, b))
            end = max(end, b)
        else:
            groups.append(list(range(a, b)))
            end = b
    if not groups:
        return
    tagger, conf = _model()
    taken = {i for m in doc.mentions for i in range(*m.tokens)}
    generic = {i for m in doc.mentions if m.type == "AGENT" for i in range(*m.tokens)}
    nt = doc.norm
    sents = [[doc.tokens[i].norm for i in idx] for idx in groups]
    gaz = gazetteer(kb)
    weapons = _weapon_words(kb)
    found = propagate(sents, [spans_from_bio(tagger.tag(sentence_features(w, gaz)))
                              for w in sents])
    added: list[Mention] = []
    for idx, spans in zip(groups, found, strict=True):
        for a, b, typ in spans:
            first, last = idx[a], idx[b - 1] + 1
            while last > first and doc.tokens[last - 1].is_punct:
                last -= 1
            if last <= first or doc.tokens[first].is_punct:
                continue
            mtype = conf["labels"].get(typ, typ)
            if mtype == "GPE":
                head, mtype = _refine(doc, first, last, conf)
                first = first if head in taken else head
            while first < last and first in generic:
                first += 1  # «حزب» + «التجمع الوطني»: the generic head stays the agent's
            if first >= last or not taken.isdisjoint(range(first, last)):
                continue
            if all(doc.tokens[i].norm.isdigit() for i in range(first, last)):
                continue
            if any(f in weapons for i in range(first, last)
                   for _, f in proclitic_forms(doc.tokens[i].norm)):
                continue  # «بقذيفة هاون»: a weapon is nobody's name
            head = doc.tokens[first]
            start, end = nt.to_orig(head.nstart + _peeled(head.norm), doc.tokens[last - 1].nend)
            added.append(Mention(text=doc.clean_text[start:end], start=start, end=end,
                                 type=mtype, entity=None, source="tagger",
                                 tokens=(first, last)))
            taken.update(range(first, last))
    if not added:
        return
    covered = {i for m in added for i in range(*m.tokens)}
    doc.triggers = [t for t in doc.triggers if covered.isdisjoint(range(t.first, t.last))]
    doc.mentions = sorted([*doc.mentions, *added], key=lambda m: m.start)
