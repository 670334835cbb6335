"""Longest-match phrase lookup over tokens, with clitics peeled at match time.

Dictionaries hold bare normalised phrases; text tokens carry clitics. For every token the
matcher tries its readings without proclitics (and, where asked, without a pronoun suffix
on a one-word phrase), then extends over the following tokens of the same sentence.
Overlaps are resolved longest-first, so «الحرس الثوري الإيراني» wins over «الحرس الثوري».
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from marsad.model import Token
from marsad.text.clitics import case_variants, enclitic_forms, proclitic_forms
from marsad.text.normalize import norm
from marsad.text.tokens import _TOKEN_RE

_SHORT = 3


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token tuple a dictionary phrase is stored under (same tokeniser as the text)."""
    return tuple(_TOKEN_RE.findall(norm(phrase)))


def _accusative(key: tuple[str, ...]) -> tuple[str, ...]:
    """The indefinite accusative: «اتصال هاتفي» → «اتصالا هاتفيا», «جندي» → «جنديا» (tanwin
    written with an alef; counted nouns take it: «13 جندياً أمريكياً»), for words without the
    article or a final alef, ta marbuta or alef maqsura."""
    return tuple(w + "ا" if not w.startswith("ال") and w[-1] not in "اهى" and w.isalpha()
                 and len(w) > 2 else w for w in key)


@dataclass
class PhraseMatch:
    first: int  # token index of the first token
    last: int  # token index after the last token
    peeled: int  # characters of clitics before the phrase in the first token
    payloads: list[Any]
    suffixed: bool = False


_QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})


def _phrase_end(tokens: Sequence[Token], i: int, key: tuple[str, ...]) -> int | None:
    """Where ``key`` ends if it is written from token ``i`` on; quotes inside a name are
    skipped («كتائب “سيد الشهداء”», «حركة "النجباء"»)."""
    n, pos, opened = len(tokens), i + 1, False
    for part in key[1:]:
        while pos < n and tokens[pos].norm in _QUOTES:
            pos, opened = pos + 1, True
        if pos >= n or tokens[pos].norm != part:
            return None
        pos += 1
    if opened and pos < n and tokens[pos].norm in _QUOTES:
        pos += 1  # the closing quote belongs to the name
    return pos


class PhraseMatcher:
    """``words=True`` for lists of ordinary words (cues, triggers): a word of three letters
    still matches after «و»/«ف» («وقال», «ونفى»; not two: «ولا» stays a word of its own);
    for names only the ones ``allow_short`` lists do."""

    def __init__(self, words: bool = False) -> None:
        self.words = words
        self._phrases: dict[tuple[str, ...], list[Any]] = defaultdict(list)
        # dict as an insertion-ordered set: match order must not depend on the hash seed
        self._by_first: dict[str, dict[tuple[str, ...], None]] = defaultdict(dict)
        self._short_ok: set[tuple[str, ...]] = set()  # short words matched with a clitic

    def __len__(self) -> int:
        return len(self._phrases)

    def add(self, phrase: str, payload: Any) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        for base in dict.fromkeys((key, _accusative(key))):
            for last in case_variants(base[-1]):
                k = (*base[:-1], last)
                if payload not in self._phrases[k]:
                    self._phrases[k].append(payload)
                self._by_first[k[0]][k] = None

    def get(self, phrase: str) -> list[Any]:
        return list(self._phrases.get(phrase_key(phrase), ()))

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        """The stored phrases as token tuples."""
        return iter(list(self._phrases))

    def allow_short(self, phrase: str) -> None:
        """Let a one-word phrase of three letters or fewer match with a clitic on it («ومصر»,
        «بغزة»); other words that short are too often a clitic plus an ordinary word."""
        self._short_ok.add(phrase_key(phrase))

    def match(self, tokens: Sequence[Token], suffixes: bool = False) -> list[PhraseMatch]:
        """Non-overlapping longest matches in ``tokens``."""
        return _longest(self._candidates(tokens, suffixes))

    def match_by_payload(self, tokens: Sequence[Token]) -> dict[Any, list[PhraseMatch]]:
        """For a matcher whose payloads name lists (``cues.yaml``): each list's own
        non-overlapping longest matches, from one pass over the tokens (as if every list had
        a matcher of its own, without matching the tokens once per list)."""
        by: dict[Any, list[PhraseMatch]] = {}
        for m in self._candidates(tokens, False):
            for payload in m.payloads:
                by.setdefault(payload, []).append(
                    PhraseMatch(m.first, m.last, m.peeled, [payload], m.suffixed))
        return {k: _longest(v) for k, v in by.items()}

    def _candidates(self, tokens: Sequence[Token], suffixes: bool) -> list[PhraseMatch]:
        found: list[PhraseMatch] = []
        for i, tok in enumerate(tokens):
            if tok.is_punct:
                continue
            for peeled, form in proclitic_forms(tok.norm):
                short = peeled and len(form) <= _SHORT and not (
                    self.words and peeled == 1 and tok.norm[0] in "وف" and len(form) == _SHORT)
                for key in self._by_first.get(form, ()):
                    if short and len(key) == 1 and key not in self._short_ok:
                        continue  # «كبير» is not ك + «بير»; «لحزب الله» is ل + «حزب الله»
                    end = _phrase_end(tokens, i, key)
                    if end is not None and tokens[end - 1].sent == tok.sent:
                        found.append(PhraseMatch(i, end, peeled, self._phrases[key]))
                if suffixes and not short:
                    for stem in enclitic_forms(form)[1:]:
                        key = (stem,)
                        if key in self._phrases:
                            found.append(PhraseMatch(i, i + 1, peeled, self._phrases[key], True))
        return found


def _longest(found: list[PhraseMatch]) -> list[PhraseMatch]:
    """The longest non-overlapping matches, in text order."""
    found.sort(key=lambda m: (-(m.last - m.first), m.suffixed, m.peeled, m.first))
    taken: set[int] = set()
    chosen: list[PhraseMatch] = []
    for m in found:
        span = range(m.first, m.last)
        if taken.isdisjoint(span):
            chosen.append(m)
            taken.update(span)
    chosen.sort(key=lambda m: m.first)
    return chosen
