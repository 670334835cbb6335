"""Shared checks of the gold files: sentence spans (as tests/gold/README.md defines them for
evidence offsets), the shape of a date at its precision, and the fields every gold event has."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from marsad.model import ATTRIBUTION_ROLES, FACTUALITY, PLOVER_TYPES

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


def check_event_fields(e: dict[str, Any]) -> None:
    """Type, factuality, modes, a condition only on threats, the aggregate and historical
    flags, a count only on aggregates, casualty numbers and attribution roles."""
    assert e["event_type"] in PLOVER_TYPES
    assert e["factuality"] in FACTUALITY
    assert isinstance(e["mode"], list) and all(isinstance(m, str) for m in e["mode"])
    if "condition" in e:
        assert e["event_type"] == "THREATEN" and e["condition"].strip()
    assert isinstance(e["aggregate"], bool) and isinstance(e["historical"], bool)
    assert e["count"] is None or (e["aggregate"] and isinstance(e["count"], int) and e["count"] > 0)
    for n in ("fatalities", "injured"):
        assert e[n] is None or (isinstance(e[n], int) and e[n] >= 0)
    for att in e["attribution"]:
        assert att["role"] in ATTRIBUTION_ROLES
