"""Sentence boundaries that respect Arabic punctuation, quotes and abbreviations.

Arabic news runs long sentences joined by «،» and «و»: only «.», «!», «?», «؟», «…» and
line breaks end a sentence. A full stop does not end one inside an open quotation (a quoted
statement stays with its reporting verb), after a one-letter abbreviation («د.», «م.»),
after a listed abbreviation, or between digits.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.kb.files import load_yaml
from marsad.model import Sentence

_ENDERS = set(".!?؟…")
_OPEN = set("«“")
_CLOSE = set("»”")
_MAX_QUOTE = 400  # an unclosed quote longer than this is a typo, not a quotation


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from marsad.text.normalize import norm

    return frozenset(norm(str(a)).rstrip(".") for a in load_yaml("abbreviations.yaml"))


def _prev_word(text: str, i: int) -> str:
    j = i
    while j > 0 and (text[j - 1].isalnum()):
        j -= 1
    return text[j:i]


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text`` (``clean_text``), whitespace trimmed, none empty."""
    from marsad.text.normalize import norm

    abbrevs = _abbreviations()
    spans: list[Sentence] = []
    n = len(text)
    start = 0
    quote_open_at: int | None = None

    def close(end: int) -> None:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Sentence(s, e))

    i = 0
    while i < n:
        c = text[i]
        if c == "\n":
            close(i)
            start, quote_open_at = i + 1, None
        elif c in _OPEN or (c == '"' and quote_open_at is None):
            quote_open_at = i
        elif c in _CLOSE or c == '"':
            quote_open_at = None
        elif c in _ENDERS:
            in_quote = quote_open_at is not None and i - quote_open_at < _MAX_QUOTE
            end = i + 1
            while end < n and text[end] in _ENDERS:
                end += 1
            if c == "." and _is_abbreviation(text, i, abbrevs, norm):
                i = end
                continue
            if in_quote:
                i = end
                continue
            while end < n and text[end] in _CLOSE | {'"', ")"}:
                end += 1
            if end >= n or text[end].isspace():
                close(end)
                start, quote_open_at = end, None
            i = end
            continue
        i += 1
    close(n)
    return spans


def _is_abbreviation(text: str, i: int, abbrevs: frozenset[str], norm) -> bool:
    """A full stop that belongs to a number, an initial or a listed abbreviation."""
    if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return True
    word = _prev_word(text, i)
    if len(word) == 1 and word.isalpha():
        return True
    return bool(word) and norm(word) in abbrevs
