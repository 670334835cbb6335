"""Shared checks of the gold files: sentence spans (as tests/gold/README.md defines them for
evidence offsets) and the shape of a date at its precision."""

from __future__ import annotations

import datetime as dt
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


def check_date_shape(start: dt.date, end: dt.date, precision: str) -> None:
    """A day is one day, a week Monday–Sunday, a month and a year whole."""
    if precision == "day":
        assert start == end
    elif precision == "week":
        assert start.weekday() == 0 and (end - start).days == 6
    elif precision == "month":
        assert start.day == 1 and start.month == end.month
        assert (end + dt.timedelta(days=1)).day == 1
    elif precision == "year":
        assert (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
