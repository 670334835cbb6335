"""The one data model every stage shares.

An :class:`Article` comes in (SCHEMA.md §2), a :class:`Doc` flows through the pipeline
stages collecting annotations (sentences, tokens, mentions, events), and the records that
leave Marsad are built with ``to_dict()`` so that their JSON is exactly SCHEMA.md's.
Offsets (``start``/``end``) always index ``Doc.clean_text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SECTORS = (
    "GOV", "MIL", "PRM", "REB", "UAF", "COP", "SPY", "JUD", "LEG", "PTY", "CVL", "MED", "IGO",
    "NGO", "BUS", "REL", "EDU", "HLH", "REF",
)
FACTUALITY = ("asserted", "negated", "future", "hypothetical")
PLACE_PRECISION = ("site", "city", "district", "province", "country", "region")
DATE_PRECISION = ("day", "week", "month", "year", "range")
DATE_BASIS = ("explicit", "relative", "publication", "unresolved")
MENTION_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP", "AGENT")
ATTRIBUTION_ROLES = ("reported_by", "claimed_by", "accused_by", "denied_by")


def stable_id(*parts: str, length: int = 16) -> str:
    """A short content hash: the same inputs give the same id on every machine and run."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass
class Article:
    """An input article (SCHEMA.md §2). Only ``text`` or ``html`` is required."""

    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str | None = "ar"
    source: str | None = None  # where it was read from: file path, or path:record number

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "html": self.html, "title": self.title,
            "url": self.url, "outlet": self.outlet, "published": self.published, "lang": self.lang,
        }


@dataclass
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass
class Token:
    """A word of ``clean_text``; ``norm`` is its normalised form used for matching.

    ``start``/``end`` index ``clean_text``; ``nstart``/``nend`` index the normalised view.
    """

    i: int
    start: int
    end: int
    nstart: int
    nend: int
    text: str
    norm: str
    sent: int = 0
    is_punct: bool = False


@dataclass
class Mention:
    """A name or actor word found in the text (SCHEMA.md §2 ``mentions``).

    ``entity`` is the knowledge-base record as SCHEMA.md shapes it (or None when the name is
    not in the knowledge base); ``kb_id`` and ``kind`` keep the link for later stages.
    """

    text: str
    start: int
    end: int
    type: str
    entity: dict[str, Any] | None = None
    actor_id: str | None = None  # the actor this name can stand for (a state for its name)
    place_id: str | None = None  # the place it names, if any
    agent_id: str | None = None  # the generic agent word, if it is one
    source: str = "kb"  # how it was found: kb, nisba, agent, pattern, tagger
    tokens: tuple[int, int] = (0, 0)  # token index range [first, last+1)
    candidates: list[Any] = field(default_factory=list)  # kb.NameRef readings before linking

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "type": self.type,
                "entity": self.entity}


@dataclass
class Entity:
    """An actor or recipient of an event, with the span that names it."""

    id: str | None
    name_en: str | None
    name_ar: str | None
    text: str
    start: int
    end: int
    sector: str | None = None
    country: str | None = None
    generic: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name_en": self.name_en, "name_ar": self.name_ar, "text": self.text,
            "start": self.start, "end": self.end, "sector": self.sector, "country": self.country,
            "generic": self.generic,
        }


@dataclass
class Place:
    """Where an event happened, with the span that names it."""

    name_en: str | None
    name_ar: str | None
    text: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    precision: str
    country: str | None = None
    admin1: str | None = None
    gazetteer_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name_en": self.name_en, "name_ar": self.name_ar, "text": self.text,
            "start": self.start, "end": self.end, "lat": self.lat, "lon": self.lon,
            "precision": self.precision, "country": self.country, "admin1": self.admin1,
            "gazetteer_id": self.gazetteer_id,
        }


@dataclass
class TimeSpan:
    """An event's date. ``text_start``/``text_end`` locate ``text`` (the date expression)."""

    start: str | None
    end: str | None
    precision: str | None
    text: str | None = None
    basis: str = "unresolved"
    text_start: int | None = None
    text_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "precision": self.precision, "text": self.text,
            "basis": self.basis, "text_start": self.text_start, "text_end": self.text_end,
        }


@dataclass
class Attribution:
    """One link of a reporting chain: who said, claimed, accused or denied."""

    role: str
    text: str
    entity: dict[str, Any] | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "entity": self.entity,
                "start": self.start, "end": self.end}


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end,
                "trigger": self.trigger, "trigger_start": self.trigger_start,
                "trigger_end": self.trigger_end}


@dataclass
class Event:
    """One coded event (SCHEMA.md §3)."""

    article_id: str
    event_type: str
    evidence: Evidence
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    factuality: str = "asserted"
    condition: str | None = None
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    location: Place | None = None
    date: TimeSpan | None = None
    attribution: list[Attribution] = field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None
    aggregate: bool = False
    count: int | None = None
    historical: bool = False
    confidence: float = 0.5
    nominal: bool = False  # stated by a noun («الهجوم») rather than a verb; not serialised
    definite: bool = False  # a definite noun («الهجوم»): may point back to an earlier event
    split: str | None = None  # which part of a statement split by place («قواعد X وY»)
    # an unnamed target kept as text («استهدفت متسوقين»); the recipient only once duplicates
    # are merged, so that a guess never keeps two statements of one act apart; not serialised
    unnamed_target: Entity | None = None

    @property
    def event_id(self) -> str:
        parts = [self.article_id, str(self.evidence.trigger_start),
                 str(self.evidence.trigger_end), self.event_type]
        return stable_id(*parts, self.split) if self.split else stable_id(*parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": list(self.mode),
            "context": list(self.context),
            "factuality": self.factuality,
            "condition": self.condition,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "attribution": [a.to_dict() for a in self.attribution],
            "fatalities": self.fatalities,
            "injured": self.injured,
            "aggregate": self.aggregate,
            "count": self.count,
            "historical": self.historical,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Doc:
    """An article on its way through the pipeline; each stage fills in its part."""

    article: Article
    clean_text: str
    published: str | None = None  # YYYY-MM-DD, from the record or recovered from the text
    norm: Any = None  # text.normalize.NormText: normalised view with its offset map
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    triggers: list[Any] = field(default_factory=list)  # kb.lexicon.TriggerMatch
    time_expressions: list[Any] = field(default_factory=list)  # extract.time.TimeExpression
    events: list[Event] = field(default_factory=list)
    story_id: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    def time_tokens(self) -> set[int]:
        """Token indices inside a date or time expression («فجر اليوم», «الأسبوع الماضي»)."""
        return {i for x in self.time_expressions for i in range(x.first_token, x.last_token + 1)}

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.clean_text[s.start:s.end]

    def to_article_record(self) -> dict[str, Any]:
        """The ``--articles`` output line: the input record plus Marsad's annotations."""
        rec = self.article.to_dict()
        rec["published"] = self.published or rec["published"]
        rec["clean_text"] = self.clean_text
        rec["sentences"] = [s.to_dict() for s in self.sentences]
        rec["story_id"] = self.story_id
        rec["mentions"] = [m.to_dict() for m in self.mentions]
        return rec
