"""The view of one event that the merger reasons about.

An event record (SCHEMA.md §3) says nothing about the article it came from beyond its id, but
merging needs the article's story, outlet and publication date: :class:`Item` bundles them,
and turns the event's date into a *window* of days in which the event can have happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

# A date with basis "publication" (or an unresolved date in a dated article) only says
# "on or before publication": the event may be up to this many days older.
PUBLICATION_WINDOW_DAYS = 14
# Day-precise dates from two sources may differ by one day (night attacks, time zones).
DAY_SLACK = 1

FACTUALITY_CLASS = {"asserted": "asserted", "negated": "negated", "future": "unrealised",
                    "hypothetical": "unrealised"}


def parse_day(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or the date part of an ISO timestamp) as a date; None when absent."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Item:
    """One event with the article facts the merger needs."""

    event_id: str
    article_id: str
    record: dict[str, Any]
    story_id: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # the article's own publication date
    story_published: str | None = None  # earliest publication date in its story
    window: tuple[date, date] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.window = event_window(self.record.get("date"), self.effective_published)

    @property
    def effective_published(self) -> str | None:
        """The article's date, or its story's when the article itself has none (a syndicated
        copy without a dateline was published with its story)."""
        return self.published or self.story_published

    @property
    def event_type(self) -> str:
        return str(self.record.get("event_type"))

    @property
    def factuality(self) -> str:
        return FACTUALITY_CLASS.get(str(self.record.get("factuality")), "asserted")

    @property
    def date_precise(self) -> bool:
        """True when the text itself dated the event (not a fallback to publication)."""
        d = self.record.get("date") or {}
        return d.get("basis") in ("explicit", "relative") and d.get("start") is not None

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Canonical order: earliest report first, then ids (never the input order)."""
        return (self.effective_published or "9999-99-99", self.article_id, self.event_id)


def event_window(d: dict[str, Any] | None, published: str | None) -> tuple[date, date] | None:
    """The days in which the event may have happened; None when nothing bounds it."""
    pub = parse_day(published)
    d = d or {}
    start, end = parse_day(d.get("start")), parse_day(d.get("end"))
    basis = d.get("basis")
    if basis in ("explicit", "relative") and start is not None:
        return start, end or start
    if basis == "publication" and start is not None:
        return start - timedelta(days=PUBLICATION_WINDOW_DAYS), end or start
    if basis == "unresolved":
        # the text dates the event in a way this article cannot anchor («في 27 يونيو» with
        # no year in an undated copy): a story-mate's date may fit, so nothing is ruled out
        return None
    if pub is not None:  # no date in the text: on or before publication
        return pub - timedelta(days=PUBLICATION_WINDOW_DAYS), pub
    return None
