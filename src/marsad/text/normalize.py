"""A normalised view of Arabic text for matching, with an offset map back to the original.

Every matcher in Marsad works on the normalised view (so «الأميركية», «الاميركيه» and
«الأمريكيّة» can meet one dictionary entry) but must report offsets into ``clean_text``.
:func:`normalize` therefore maps character by character and records, for each character of
the view, where it came from. Deletions (diacritics, tatweel, invisible marks) and
expansions (presentation-form ligatures) are both allowed; nothing is ever reordered.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from camel_lite.utils.dediac import AR_DIAC_CHARSET

_TATWEEL = "\u0640"
# Marks that carry no letter: Quranic annotation signs, superscript alef, bidi controls, ZW*.
_DELETE = set(AR_DIAC_CHARSET) | {_TATWEEL, "\u0670"} | {chr(c) for c in range(0x0610, 0x061B)}
_DELETE |= {chr(c) for c in range(0x06D6, 0x06EE)} | {"\u200b", "\u200c", "\u200d", "\u200e",
                                                      "\u200f", "\ufeff", "\u061c"}
_DELETE |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}

_MAP = {
    # hamza carriers and alef variants -> bare letters
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ى": "ي",
    # Persian / Urdu letter shapes seen in Arabic web text
    "ک": "ك", "ی": "ي", "ۍ": "ي", "ې": "ي", "ھ": "ه", "ہ": "ه",
    # separators and punctuation variants
    "٫": ".", "٬": ",", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‹": '"', "›": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
}
for _zero, _block in ((0x0660, "arabic-indic"), (0x06F0, "persian")):
    for _d in range(10):
        _MAP[chr(_zero + _d)] = str(_d)


_MARKS = dict.fromkeys(range(0x064B, 0x0653))  # tanwin, short vowels, shadda, sukun


def written(word: str) -> str:
    """The word as written, without diacritics or tatweel but with the hamza and the «ة» the
    normalised view drops: qalsadi needs «أدانت», and a pronoun «ه» is told from a «ة»."""
    return word.translate(_MARKS).replace(_TATWEEL, "")


@lru_cache(maxsize=4096)
def _norm_char(c: str) -> str:
    """What one character becomes in the normalised view ('' when it is dropped)."""
    if c in _DELETE:
        return ""
    if c in _MAP:
        return _MAP[c]
    o = ord(c)
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:  # Arabic presentation forms
        return "".join(_norm_char(x) for x in unicodedata.normalize("NFKC", c))
    if c.isupper():
        return c.lower()
    return c


@dataclass(frozen=True)
class NormText:
    """The normalised view ``text`` of ``orig``; ``index[i]`` is where ``text[i]`` came from."""

    orig: str
    text: str
    index: tuple[int, ...]

    def to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised view to the span of ``orig`` it was made from.

        The end is extended over deleted marks that follow (a word's diacritics and tatweel
        belong to it), so slicing ``orig`` gives the word as written.
        """
        if start >= end:
            pos = self.index[start] if start < len(self.index) else len(self.orig)
            return pos, pos
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1
        limit = self.index[end] if end < len(self.index) else len(self.orig)
        while o_end < limit and self.orig[o_end] in _DELETE:
            o_end += 1
        return o_start, o_end

    def orig_slice(self, start: int, end: int) -> str:
        s, e = self.to_orig(start, end)
        return self.orig[s:e]


def normalize(orig: str) -> NormText:
    """Normalise ``orig`` for matching, keeping the map back to it."""
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(orig):
        n = c if (c.isascii() and not c.isupper() and c not in _MAP) else _norm_char(c)
        if n:
            out.append(n)
            index.extend([i] * len(n))
    return NormText(orig, "".join(out), tuple(index))


def norm(s: str) -> str:
    """The normalised form of a short string (a dictionary entry, a query)."""
    return " ".join(normalize(s).text.split())
