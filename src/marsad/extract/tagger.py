"""Statistical NER for names the knowledge base lacks (PER, ORG, GPE, LOC, FAC).

A linear-chain CRF (python-crfsuite) trained from scratch on ANERcorp, AQMAR and Wojood by
``scripts/train_ner.py`` (see ``docs/ner.md``). It only tags sentences that hold an event
trigger, because names elsewhere fill no event role and tagging costs time; it only adds
spans that do not overlap a knowledge-base mention, so linked names are never changed.

The corpora write clitics on the word like Marsad's tokens do («بالعراق»), and every feature
is computed on the normalised word plus its clitic-peeled readings, so training and runtime
see the same forms. The model knows one location class (ANERcorp does not tell countries
from rivers); :func:`_refine` types it GPE, LOC or FAC from the head word in front of it
(«نهر», «مطار»), listed in ``models/ner/types.yaml``.
"""

from __future__ import annotations

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


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """CRF features for a sentence of normalised words (see :func:`marsad.text.normalize.norm`)."""
    n = len(words)
    out: list[list[str]] = []
    for i, w in enumerate(words):
        feats = list(_word_features(w))
        for o in _WINDOW:
            j = i + o
            if 0 <= j < n:
                feats.extend(_context_features(words[j], o))
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


def _name_key(words: Sequence[str]) -> tuple[str, ...]:
    """A name's words with the first one's clitics off, so «بسوريا» and «سوريا» meet."""
    first = words[0]
    forms = [f for p, f in proclitic_forms(first) if p and len(f) > _SHORT]
    if forms and _VOCAB.get(first, 0) <= _VOCAB.get(forms[-1], 0):
        first = forms[-1]
    return (first, *words[1:])


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
    longest = max(len(k) for k in known)
    out = []
    for words, found in zip(sents, spans, strict=True):
        taken = {i for a, b, _ in found for i in range(a, b)}
        new = list(found)
        i = 0
        while i < len(words):
            hit = None
            if i not in taken and words[i][0].isalnum():
                for n in range(min(longest, len(words) - i), 0, -1):
                    if taken.isdisjoint(range(i, i + n)):
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
    conf = yaml.safe_load(TYPES_FILE.read_text(encoding="utf-8"))
    words = {k: frozenset(norm(w) for w in conf.get(k) or ()) for k in ("fac_heads", "loc_heads")}
    conf = {**conf, **words}
    return tagger, conf


def tag_words(words: Sequence[str]) -> list[str]:
    """BIO labels (PER, ORG, LOC) for normalised words: the model's raw output."""
    tagger, _ = _model()
    return list(tagger.tag(sentence_features(words)))


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
    («بالحرس» → «الحرس», «وللقوات» → «القوات»). Names without the article keep their first
    letter: «وليد» is not و + «ليد»."""
    for p, f in proclitic_forms(word):
        if p and f.startswith("ال") and len(f) > 3:
            return p
    return 0


def tag_names(doc: Doc, kb: KnowledgeBase, all_sentences: bool = False) -> None:
    """Add ``source="tagger"`` mentions for names in event sentences that no mention covers.

    A name that starts with a generic agent word («شركة بتروفاك», «حزب التجمع») keeps the
    agent mention and gets the rest of the span.

    Runs after ``triggers`` (it reads ``doc.triggers``) and before ``events``. Triggers that
    fall inside a new name are dropped, as ``find_triggers`` does for knowledge-base names.
    """
    if not doc.tokens:
        return
    if all_sentences:
        wanted = {t.sent for t in doc.tokens}
    else:
        wanted = {doc.tokens[t.first].sent for t in doc.triggers}
    if not wanted:
        return
    tagger, conf = _model()
    taken = {i for m in doc.mentions for i in range(*m.tokens)}
    generic = {i for m in doc.mentions if m.type == "AGENT" for i in range(*m.tokens)}
    by_sent: dict[int, list[int]] = {}
    for t in doc.tokens:
        if t.sent in wanted:
            by_sent.setdefault(t.sent, []).append(t.i)
    nt = doc.norm
    groups = list(by_sent.values())
    sents = [[doc.tokens[i].norm for i in idx] for idx in groups]
    found = propagate(sents, [spans_from_bio(tagger.tag(sentence_features(w))) for w in sents])
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
