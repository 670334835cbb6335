"""Event words: the trigger lexicon and the lemmatiser that lets one entry match every
conjugation, voice, number and clitic of its word.

Single words are compared on their lemma (qalsadi, which ships its dictionaries), so
«هاجم» in the lexicon matches «يهاجم», «هاجموا» and «وهاجمت». qalsadi costs about a
millisecond a word, so a word is only lemmatised when its ISRI root is one of the
lexicon's roots (ISRI is ~100× cheaper), and every result is cached.
Multi-word phrases («عبوة ناسفة», «وقف إطلاق النار») are matched on their tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.kb.files import KBError, load_yaml, split_list
from marsad.kb.matcher import PhraseMatcher, phrase_key
from marsad.model import PLOVER_TYPES, Token
from marsad.text.clitics import object_stems, proclitic_forms
from marsad.text.normalize import norm, written


@dataclass(frozen=True)
class TriggerEntry:
    type: str
    word: str
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    pos: str = "verb"  # "verb" or "noun": where the actor is looked for
    with_: tuple[str, ...] = ()  # companion words that must follow («حمّل … المسؤولية»)
    window: int = 5  # how many words after the trigger may hold the companion
    genitive: str = "agent"  # what a noun's genitive is: «هجوم الفصائل» / «اغتيال سليماني»
    subject: str = "agent"  # what a verb's subject is: «هاجم المسلحون» / «استشهد شاب»


@dataclass
class TriggerMatch:
    first: int
    last: int
    peeled: int
    entries: list[TriggerEntry]
    via: str  # "phrase" or "lemma"


class Lemmatizer:
    """Cached lemma and root of a (normalised or written) Arabic word."""

    def __init__(self) -> None:
        from nltk.stem.isri import ISRIStemmer

        self._isri = ISRIStemmer()
        self._qalsadi: Any = None

    @lru_cache(maxsize=200_000)  # noqa: B019 - one Lemmatizer per process
    def root(self, word: str) -> str:
        """A coarse root key: ISRI's root without its weak letters (and without a final
        feminine «ت» on a three-letter root), so that «نفت»/«نفى», «يزور»/«زار» and
        «أدانت»/«أدان» meet. Only used to decide which words are worth lemmatising."""
        r = norm(self._isri.stem(norm(word)))
        if len(r) == 3 and r.endswith("ت"):
            r = r[:2]
        key = "".join(c for c in r if c not in "اويي")
        return key or r

    @lru_cache(maxsize=200_000)  # noqa: B019
    def lemmas(self, word: str) -> tuple[str, ...]:
        """Every lemma qalsadi finds for the word (it cannot pick one without context)."""
        if self._qalsadi is None:
            import qalsadi.lemmatizer

            self._qalsadi = qalsadi.lemmatizer.Lemmatizer()
        try:
            result = self._qalsadi.lemmatize(word, all=True)
        except Exception:  # qalsadi raises on odd input; the word then has no lemma
            return (norm(word),)
        items = [result] if isinstance(result, str) else list(result or [])
        found = {norm(str(x)) for x in items} or {norm(word)}
        # qalsadi's order varies from run to run: fix one (longest reading first)
        return tuple(sorted(found, key=lambda x: (-len(x), x)))


class TriggerLexicon:
    def __init__(self, entries: list[TriggerEntry], lemmatizer: Lemmatizer) -> None:
        self.entries = entries
        self.lemmatizer = lemmatizer
        self.phrases = PhraseMatcher(words=True)
        self.by_lemma: dict[str, list[TriggerEntry]] = {}
        self.roots: set[str] = set()
        self._read: dict[tuple[str, str], list[TriggerEntry] | None] = {}
        for e in entries:
            self.phrases.add(e.word, e)
            key = phrase_key(e.word)
            if len(key) == 1:
                # Keyed on the word as written (a dictionary form): qalsadi's lemma of a bare
                # word out of context is unreliable («فجر» → «جر»), of a text word good enough.
                self.by_lemma.setdefault(key[0], [])
                if e not in self.by_lemma[key[0]]:
                    self.by_lemma[key[0]].append(e)
                self.roots.add(lemmatizer.root(key[0]))

    def match(self, tokens: list[Token]) -> list[TriggerMatch]:
        """Trigger words in ``tokens``: phrases first, then single words by lemma."""
        out = [TriggerMatch(m.first, m.last, m.peeled, list(m.payloads), "phrase")
               for m in self.phrases.match(tokens, suffixes=True)]
        taken = {i for m in out for i in range(m.first, m.last)}
        for tok in tokens:
            if tok.i in taken or tok.is_punct or len(tok.norm) < 3 or tok.norm.isascii():
                continue
            # a word's reading depends on the word alone: read each spelling once
            key = (tok.norm, written(tok.text))
            entries = self._read.get(key, _UNREAD)
            if entries is _UNREAD:
                if len(self._read) > _READ_MAX:
                    self._read.clear()
                entries = self._read[key] = self._word_entries(*key)
            if entries:
                out.append(TriggerMatch(tok.i, tok.i + 1, 0, list(entries), "lemma"))
        out = [m for m in (_with_companions(m, tokens) for m in out) if m.entries]
        out.sort(key=lambda m: m.first)
        return out

    def _word_entries(self, word: str, as_written: str) -> list[TriggerEntry] | None:
        """The trigger readings of one word (normalised, and as written), by its lemma."""
        lem = self.lemmatizer
        forms = [f for _, f in proclitic_forms(word)]
        # ISRI misses the root of an indefinite accusative («هجوماً» → «هج»): try the
        # word without its tanwin alef too
        forms += [f[:-1] for f in forms if f.endswith("ا") and len(f) > 4]
        # and ISRI reads a form-X present («ستستأنف», «تستأنف») on another root than its
        # past («استأنف»): try the past's spelling too
        forms += [f[1:] for f in forms if f[:1] == "س" and f[1:2] in "يتن" and len(f) > 5]
        forms += ["ا" + f[1:] for f in forms if f[:1] in "يتن" and f[1:3] == "ست"]
        # and keeps an object pronoun as a radical («نفاه», «تنفيه»): try without it (a
        # written «ه», not the «ة» the normal form also writes «ه»)
        forms += [s for f in forms for s in object_stems(f, as_written, min_stem=3)]
        # and a defective present («تنفي») loses its prefix with the weak letter
        forms += [f[1:] for f in forms if len(f) == 4 and f[0] in "يتن" and f[-1] == "ي"]
        roots = {lem.root(f) for f in forms}
        if roots.isdisjoint(self.roots):
            return None
        # qalsadi lists every reading; keep those with the word's own root («وزير» is not
        # و + «زار»)
        lemmas = lem.lemmas(as_written)
        if word[0] in "وف" and _own_word(word, lemmas, self.by_lemma):
            return None  # a word in its own right: «وزير», «وزيرا» are not و + «زار»
        heads = {r[:2] for r in roots}  # ISRI may keep or drop a third radical
        entries = next((self.by_lemma[x] for x in lemmas
                        if x in self.by_lemma and lem.root(x)[:2] in heads), None)
        if entries and _verb_with_article(forms, entries):
            return None  # «الفجر» is dawn: a verb («فجّر») never takes the article
        if entries and not _is_nisba_of(word, entries):
            return entries
        return None


_UNREAD: list[TriggerEntry] = []  # marks a word not read yet
_READ_MAX = 200_000  # spellings remembered before the memory is cleared
_NISBA_ENDINGS = ("ي", "يه", "يون", "يين", "يات")
_NOUN_ENDINGS = ("", "ا", "ان", "ين", "اء")  # bare, accusative, dual


def _own_word(word: str, lemmas: tuple[str, ...],
              by_lemma: dict[str, list[TriggerEntry]]) -> bool:
    """A word starting with «و»/«ف» that qalsadi also reads whole («وزير», dual «وزيرا»):
    the letter is part of the word, not a conjunction, unless that reading is a trigger.
    An inflected form counts only for a noun-length reading («ودعا» is و + «دعا», not «ودع»)."""
    return any(lem not in by_lemma and (word == lem or (len(lem) > 3 and word == lem + end))
               for lem in lemmas if lem[:1] == word[:1] for end in _NOUN_ENDINGS)


def _verb_with_article(forms: list[str], entries: list[TriggerEntry]) -> bool:
    """Whether the word carries the article while every reading is a verb."""
    if any(e.pos != "verb" for e in entries):
        return False
    return any(f.startswith("ال") and not norm(e.word).startswith("ال")
               for f in forms for e in entries)


def _is_nisba_of(word: str, entries: list[TriggerEntry]) -> bool:
    """«الاجتماعي» (social) is an adjective made from «اجتماع» (meeting), not the event."""
    base = word.removeprefix("ال")
    return base.endswith(_NISBA_ENDINGS) and not any(
        norm(e.word).endswith(_NISBA_ENDINGS) for e in entries)


_COMPANION_WINDOW = 5


def _with_companions(m: TriggerMatch, tokens: list[Token]) -> TriggerMatch:
    """Drop the readings whose companion word («المسؤولية» for «حمّل») is not close after;
    a reading whose companion is there is the more specific one and wins («اقتحم
    محتجون» is a protest, not an assault)."""
    if all(not e.with_ for e in m.entries):
        return m
    sent = tokens[m.first].sent if m.first < len(tokens) else None

    def near(e: TriggerEntry) -> bool:
        words = {f for t in tokens[m.last:m.last + e.window] if t.sent == sent
                 for _, f in proclitic_forms(t.norm)}
        words.update(f[2:] for f in list(words) if f.startswith("ال"))  # «آلاف الصواريخ»
        return bool(words.intersection(e.with_))

    found = [e for e in m.entries if e.with_ and near(e)]
    m.entries = found or [e for e in m.entries if not e.with_]
    return m


def load_triggers(folders: list[Path], lemmatizer: Lemmatizer) -> TriggerLexicon:
    entries: list[TriggerEntry] = []
    for base in folders:
        path = base / "triggers.yaml"
        if not path.exists():
            continue
        for group in load_yaml(path.name, base) or []:
            etype = str(group.get("type", "")).upper()
            if etype not in PLOVER_TYPES:
                raise KBError(f"{path}: unknown event type {etype!r}")
            for pos in ("verbs", "nouns"):
                for word in split_list(group.get(pos)):
                    entries.append(TriggerEntry(
                        type=etype, word=word, mode=tuple(split_list(group.get("mode"))),
                        context=tuple(split_list(group.get("context"))), pos=pos[:-1],
                        with_=tuple(norm(w) for w in split_list(group.get("with"))),
                        genitive=str(group.get("genitive", "agent")),
                        subject=str(group.get("subject", "agent")),
                        window=int(group.get("window", _COMPANION_WINDOW))))
    return TriggerLexicon(entries, lemmatizer)
