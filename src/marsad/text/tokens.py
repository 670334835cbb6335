"""Words of the normalised view, each mapped back to ``clean_text``.

A regular expression is all Arabic news needs here: words are runs of letters and digits
(clitics stay attached: :mod:`marsad.text.clitics` deals with them at match time), numbers
keep their decimal point, and every punctuation mark is a token of its own.
"""

from __future__ import annotations

import re

from marsad.model import Token
from marsad.text.normalize import NormText

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+|[^\w\s]|_+")


def tokenize(nt: NormText) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(nt.text):
        ns, ne = m.span()
        s, e = nt.to_orig(ns, ne)
        word = m.group()
        tokens.append(Token(i=len(tokens), start=s, end=e, nstart=ns, nend=ne,
                            text=nt.orig[s:e], norm=word, is_punct=not word[0].isalnum()))
    return tokens
