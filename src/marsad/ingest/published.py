"""An article's publication date: from its record, or from a byline or dateline at its top.

Relative dates («الثلاثاء», «الأسبوع الماضي») are resolved against the publication date, so a
wrong one shifts every event of the article. Only two places in a text are trusted to state
it: a byline or date line among the first lines («posted on November 1, 2023», «نشر بتاريخ
2021-07-13»), and a dateline in the first sentence («كشفت مصادر، الثلاثاء 13 يوليو/تموز
2021، أن …»). Dates deeper in the text are about other events and are never used.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_tz

from marsad.ingest.boilerplate import byline_date, date_line, head_size, line_key
from marsad.text.dates import DateMatch, find_dates
from marsad.text.normalize import norm

_HEAD_LINES = 12  # non-blank lines searched for a byline
_HEAD_CHARS = 2000
_DATELINE_LINES = 3  # non-blank lines whose first sentence may hold a dateline
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EPOCH = re.compile(r"\d{9,10}(?:\.\d+)?|\d{13}")
_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)")
_BEFORE_DATELINE = "،,:-("
_AFTER_DATELINE = "،,-)"


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day_iso(dm: DateMatch | None) -> str | None:
    """YYYY-MM-DD of a full date (day, month and year known), else None."""
    if dm is None or dm.precision != "day" or dm.year is None or not dm.month or not dm.day:
        return None
    return _iso(dm.year, dm.month, dm.day)


def normalize_published(value: object) -> str | None:
    """A record's ``published`` as ``YYYY-MM-DD``; None when absent or not a date.

    Accepts ISO dates and timestamps (the date as written, not converted to UTC),
    ``2021/07/13``, ``20210713``, RFC 2822 («Tue, 13 Jul 2021 10:00:00 +0300»), Unix
    timestamps, and written dates («13 July 2021», «13 يوليو 2021»).
    """
    if value is None or isinstance(value, bool):
        return None
    s = str(value).strip()
    if not s:
        return None
    for pat in (_ISO, _YMD):
        m = pat.match(s)
        if m:
            return _iso(*map(int, m.groups()))
    if _COMPACT.fullmatch(s):
        return _iso(*map(int, _COMPACT.fullmatch(s).groups()))  # type: ignore[union-attr]
    if _EPOCH.fullmatch(s):
        secs = float(s) / (1000 if len(s) == 13 else 1)
        return datetime.fromtimestamp(secs, tz=UTC).date().isoformat()
    parsed = parsedate_tz(s)
    if parsed and parsed[0] and parsed[1] and parsed[2]:
        found = _iso(parsed[0], parsed[1], parsed[2])
        if found:
            return found
    for dm in find_dates(norm(s)):
        found = _day_iso(dm)
        if found:
            return found
    return None


def _dateline(sentence: str) -> DateMatch | None:
    """A full date set off as a dateline: with its weekday, or between commas."""
    for dm in find_dates(sentence):
        if _day_iso(dm) is None:
            continue
        before = sentence[:dm.start].rstrip()
        after = sentence[dm.end:].lstrip()
        if dm.weekday is not None or (
                (not before or before[-1] in _BEFORE_DATELINE)
                and (not after or after[0] in _AFTER_DATELINE)):
            return dm
    return None


def find_published(text: str) -> str | None:
    """The publication date stated at the top of ``text``, as ``YYYY-MM-DD``, or None.

    Only the top counts: lines up to the second paragraph of prose (a photo caption may
    come before the byline). A «published …» byline or a date line wins; then a dateline in
    the first sentence of one of the first lines; an «updated …» line is the last resort.
    """
    seen = 0
    updated = None
    lines = text[:_HEAD_CHARS].split("\n")
    for line in lines[:head_size(lines)]:
        if not line.strip():
            continue
        key = line_key(line)
        found = _day_iso(byline_date(key)) or _day_iso(date_line(key))
        update = _day_iso(byline_date(key, updates=True))
        if found is None and update is None and seen < _DATELINE_LINES:
            first_sentence = _SENTENCE_END.split(norm(line), maxsplit=1)[0]
            found = _day_iso(_dateline(first_sentence))
        if found:
            return found
        updated = updated or update
        seen += 1
        if seen >= _HEAD_LINES:
            break
    return updated
