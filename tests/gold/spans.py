"""Sentence spans as tests/gold/README.md defines them for gold evidence offsets."""

from __future__ import annotations

import itertools
import re

_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)")


def sentence_spans(text: str) -> set[tuple[int, int]]:
    """Cut at newlines and at . ! ? ؟ before a space; spaces trimmed."""
    spans = set()
    pos = 0
    for line in text.split("\n"):
        cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)]
        for a, b in itertools.pairwise(cuts):
            piece = line[a:b]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                spans.add((pos + a + lead, pos + a + len(piece.rstrip())))
        pos += len(line) + 1
    return spans
