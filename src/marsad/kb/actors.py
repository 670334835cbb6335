"""Actors (named entities) and generic agents, read from ``data/actors/*.yaml`` and
``data/agents.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.kb.files import KBError, split_list, yaml_records
from marsad.model import Entity

RELATIONS = ("member_of", "part_of", "backed_by", "leader_of")


@dataclass
class ActorEntry:
    id: str
    name_en: str
    name_ar: str
    type: str = "ORG"  # mention type: ORG, PER, GPE, NORP, or AGENT for generic agent words
    sector: str | None = None
    country: str | None = None
    aliases_ar: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    backed_by: list[str] = field(default_factory=list)
    leader_of: list[str] = field(default_factory=list)
    title_ar: str | None = None
    generic: bool = False
    national: bool = False  # an agent word that, unqualified, means the local state's body
    official: bool = False  # a title one person holds («وزير», «رئيس الوزراء»): a name follows
    authority: bool = False  # a government of its own (GNA, Palestinian Authority, KRG)
    wikidata: str | None = None
    file: str = ""

    @property
    def names(self) -> list[str]:
        return [self.name_ar, *self.aliases_ar, self.name_en, *self.aliases_en]

    def entity(self, text: str, start: int, end: int) -> Entity:
        """This entry filling a role, named by the words ``text`` at [start, end)."""
        return Entity(self.id, self.name_en, self.name_ar, text, start, end, self.sector,
                      self.country, self.generic)

    def record(self) -> dict[str, Any]:
        """The entity as SCHEMA.md §2 shows it in a mention."""
        return {"id": self.id, "name_en": self.name_en, "name_ar": self.name_ar,
                "sector": self.sector, "country": self.country}


def _entry(path: Path, rec: dict[str, Any], agent: bool) -> ActorEntry:
    try:
        return ActorEntry(
            id=str(rec["id"]),
            name_en=str(rec.get("name_en") or rec["id"]),
            name_ar=str(rec.get("name_ar") or ""),
            type="AGENT" if agent else str(rec.get("type") or "ORG"),
            sector=rec.get("sector"),
            country=rec.get("country"),
            aliases_ar=split_list(rec.get("aliases_ar")),
            aliases_en=split_list(rec.get("aliases_en")),
            member_of=split_list(rec.get("member_of")),
            part_of=split_list(rec.get("part_of")),
            backed_by=split_list(rec.get("backed_by")),
            leader_of=split_list(rec.get("leader_of")),
            title_ar=rec.get("title_ar"),
            generic=bool(rec.get("generic", agent)),
            national=bool(rec.get("national", False)),
            official=bool(rec.get("official", False)),
            authority=bool(rec.get("authority", False)),
            wikidata=rec.get("wikidata"),
            file=str(path),
        )
    except (TypeError, ValueError) as exc:
        raise KBError(f"{path}: entry {rec.get('id')}: {exc}") from None


def _load(folders: list[Path], relpath: str, agent: bool) -> dict[str, ActorEntry]:
    """Entries of ``relpath`` (a file or a folder of YAML files) in each folder; later
    folders override earlier ids."""
    out: dict[str, ActorEntry] = {}
    for base in folders:
        for path, rec in yaml_records(base / relpath):
            e = _entry(path, rec, agent=agent)
            out[e.id] = e
    return out


def load_actors(folders: list[Path]) -> dict[str, ActorEntry]:
    """Named actors from each folder's ``actors/``."""
    return _load(folders, "actors", agent=False)


def load_agents(folders: list[Path]) -> dict[str, ActorEntry]:
    """Generic agent words from each folder's ``agents.yaml``."""
    return _load(folders, "agents.yaml", agent=True)
