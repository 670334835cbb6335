"""The assembled knowledge base: entries by id and the matchers built from their names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.kb.actors import ActorEntry, load_actors, load_agents
from marsad.kb.files import DATA_DIR, extra_dirs, load_yaml, split_list
from marsad.kb.lexicon import Lemmatizer, TriggerLexicon, load_triggers
from marsad.kb.matcher import PhraseMatcher
from marsad.kb.places import PlaceEntry, load_places
from marsad.text.normalize import norm

_MILITARY_SUFFIXES = ("-military", "-armed-forces", "idf", "-army")


@dataclass(frozen=True)
class NameRef:
    """What a matched name points to: an actor, an agent word, a place or a nationality."""

    kind: str  # "actor", "agent", "place", "nisba"
    id: str


def definite(phrase: str) -> str:
    """«مسؤول حكومي» → «المسؤول الحكومي»: agent words appear with the article as often as
    without; a phrase that already has one («قوات الأمن») is left as it is."""
    words = phrase.split()
    if not words or any(w.startswith("ال") for w in words) or not words[0][:1].isalpha():
        return phrase
    return " ".join("ال" + w for w in words)


def nisba_forms(masc: str) -> list[str]:
    """Feminine, plural and dual forms of a nationality adjective, with and without «ال»."""
    forms = [masc]
    if masc.endswith("ي"):
        forms += [masc + "ة", masc + "ون", masc + "ين", masc + "ان"]
    return forms + ["ال" + f for f in forms]


@dataclass
class KnowledgeBase:
    actors: dict[str, ActorEntry]
    agents: dict[str, ActorEntry]
    places: dict[str, PlaceEntry]
    triggers: TriggerLexicon
    modes: dict[str, dict[str, list[str]]]
    cues: dict[str, PhraseMatcher]
    relative_time: list[dict[str, Any]]
    senses: dict[str, tuple[int, PhraseMatcher]] = field(default_factory=dict)
    names: PhraseMatcher = field(default_factory=PhraseMatcher)
    # every cue list in one matcher (payload: the list's name), to match a sentence once
    cue_index: PhraseMatcher = field(default_factory=lambda: PhraseMatcher(words=True))
    state_of: dict[str, str] = field(default_factory=dict)  # ISO3 -> actor id of the state
    folders: list[Path] = field(default_factory=list)
    _military: dict[str, str | None] = field(default_factory=dict, repr=False)
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _bodies: dict[tuple[str, str], str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for a in self.actors.values():
            if a.type == "GPE" and a.sector == "GOV" and a.country:
                self.state_of.setdefault(a.country, a.id)
        for a in _states_of_countries(self.places.values(), self.state_of, self.actors):
            self.actors[a.id] = a
            self.state_of[a.country or ""] = a.id
        for a in self.actors.values():
            for name in a.names:
                self.names.add(name, NameRef("actor", a.id))
        for g in self.agents.values():
            for name in g.names:
                self.names.add(name, NameRef("agent", g.id))
                self.names.add(definite(name), NameRef("agent", g.id))
        for key in self.cues.get("short_names", ()):
            self.names.allow_short(" ".join(key))
        for list_name, matcher in self.cues.items():
            for key in matcher:
                self.cue_index.add(" ".join(key), list_name)
        for p in self.places.values():
            for name in p.names:
                self.names.add(name, NameRef("place", p.id))
            for masc in p.nisba_ar:
                for form in nisba_forms(masc):
                    if p.kind == "country" and p.country:
                        self.names.add(form, NameRef("nisba", p.country))
                    elif form.startswith("ال"):  # «حي باب توما الدمشقي»: in that city
                        self.names.add(form, NameRef("place", p.id))

    def actor(self, kb_id: str | None) -> ActorEntry | None:
        if kb_id is None:
            return None
        return self.actors.get(kb_id) or self.agents.get(kb_id)

    def place(self, kb_id: str | None) -> PlaceEntry | None:
        return self.places.get(kb_id) if kb_id else None

    def country_place(self, iso3: str | None) -> PlaceEntry | None:
        return self.places.get(f"country:{iso3}") if iso3 else None

    def military_of(self, iso3: str | None) -> str | None:
        """The entity for a country's armed forces («القوات الأمريكية» → us-military)."""
        if not iso3:
            return None
        if iso3 not in self._military:
            ids = [a.id for a in self.actors.values()
                   if a.sector == "MIL" and a.country == iso3 and a.type == "ORG"]
            ranked = [i for suf in _MILITARY_SUFFIXES for i in sorted(ids, key=len)
                      if i.endswith(suf)]
            self._military[iso3] = ranked[0] if ranked else None
        return self._military[iso3]

    def national_agent(self, agent: ActorEntry, iso3: str) -> tuple[str, dict[str, Any]]:
        """An agent word of one country: officials of a state act for the state; a body the
        knowledge base names by the word and the nationality («حرس الحدود العراقي») is that
        body; soldiers and weapons («طائرات حربية أمريكية») act for its armed forces, others
        for the knowledge base's generic body of that sector and country («الفصائل المسلحة
        العراقية»), else a generic entity made for the pair."""
        if agent.sector == "GOV":
            named = self.state_of.get(iso3)
        elif (agent.id, iso3) in self.national_bodies():
            named = self.national_bodies()[(agent.id, iso3)]
        elif agent.sector == "MIL":
            named = self.military_of(iso3)
        else:
            named = next((a.id for a in self.actors.values() if a.generic and a.country == iso3
                          and a.sector == agent.sector and a.type == "ORG"), None)
        entry = self.actor(named)
        if entry is not None:
            return entry.id, entry.record()
        kb_id = f"{agent.id}-{iso3.lower()}"
        place = self.country_place(iso3)
        country = place.name_en if place else iso3
        return kb_id, {"id": kb_id, "name_en": f"{agent.name_en} ({country})",
                       "name_ar": f"{agent.name_ar} ({place.name_ar if place else ''})",
                       "sector": agent.sector, "country": iso3}

    def national_bodies(self) -> dict[tuple[str, str], str]:
        """(agent word, country) → the knowledge base's body named by that word and the
        country's nationality («حرس الحدود العراقي» → Iraqi Border Guard Command)."""
        if self._bodies is None:
            agent_of = {norm(form): g for g in self.agents.values()
                        for name in (g.name_ar, *g.aliases_ar) for form in (name, definite(name))}
            country_of = {norm(form): p.country for p in self.places.values()
                          if p.kind == "country" and p.country
                          for masc in p.nisba_ar for form in nisba_forms(masc)}
            self._bodies = {}
            for a in self.actors.values():
                for name in (a.name_ar, *a.aliases_ar) if a.type == "ORG" and a.country else ():
                    words = norm(name).split()
                    g = agent_of.get(" ".join(words[:-1]))
                    # of the word's sector: «القوات اللبنانية» is also a party's name
                    if g and g.sector == a.sector and country_of.get(words[-1]) == a.country:
                        self._bodies.setdefault((g.id, a.country), a.id)
        return self._bodies

    def ancestors(self, kb_id: str) -> frozenset[str]:
        """The entity and everything it is a member, part or leader of (transitively)."""
        if kb_id not in self._ancestors:
            seen = {kb_id}
            todo = [kb_id]
            while todo:
                entry = self.actor(todo.pop())
                if entry is None:
                    continue
                for parent in (*entry.member_of, *entry.part_of, *entry.leader_of):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._ancestors[kb_id] = frozenset(seen)
        return self._ancestors[kb_id]

    def related(self, a: str | None, b: str | None) -> bool:
        """Same entity, or one belongs to the other («استخبارات الحرس الثوري» / «الحرس الثوري»)."""
        if a is None or b is None:
            return a == b
        return a == b or b in self.ancestors(a) or a in self.ancestors(b)

    def acting_body(self, kb_id: str | None) -> str | None:
        """Who an actor acts for in an event record: a person for the body they lead or
        serve (CODING.md §2); a ministry or office of a state for the state (as ACLED's
        "Government of X"). Armed forces, factions, authorities of their own (``authority``:
        a rival or regional government) and their bodies stay themselves."""
        entry = self.actor(kb_id)
        if entry is None:
            return kb_id
        if entry.type == "PER":
            body = next((x for x in entry.leader_of + entry.member_of if self.actor(x)), None)
            if body is None:
                return entry.id
            entry = self.actor(body)
            assert entry is not None
        if (entry.sector == "GOV" and entry.type == "ORG" and not entry.generic and entry.country
                and not entry.authority):
            state = self.state_of.get(entry.country)
            if state and (state in entry.part_of or not entry.part_of):
                return state
        return entry.id


def _cue_matchers(folders: list[Path]) -> dict[str, PhraseMatcher]:
    out: dict[str, PhraseMatcher] = {}
    for base in folders:
        if not (base / "cues.yaml").exists():
            continue
        for name, words in (load_yaml("cues.yaml", base) or {}).items():
            m = out.setdefault(name, PhraseMatcher(words=True))
            for w in split_list(words):
                m.add(w, name)
    return out


def _sense_filters(folders: list[Path]) -> dict[str, tuple[int, PhraseMatcher]]:
    """Per event type: the window and the words that mark a non-event sense."""
    out: dict[str, tuple[int, PhraseMatcher]] = {}
    for etype, spec in _merged_yaml(folders, "senses.yaml", {}).items():
        m = PhraseMatcher(words=True)
        for w in split_list(spec.get("words")):
            m.add(w, etype)
        out[etype] = (int(spec.get("window", 6)), m)
    return out


def _states_of_countries(places: Iterable[PlaceEntry], known: dict[str, str],
                         actors: dict[str, ActorEntry]) -> list[ActorEntry]:
    """Every country of the gazetteer is a state that can act («اعترفت إسبانيا وإيرلندا
    والنرويج»): the countries ``actors/states.yaml`` does not list get a plain state entry
    from their place (names, ISO3), so no state is a nameless place in a role."""
    out: list[ActorEntry] = []
    for p in places:
        if p.kind != "country" or not p.country or p.country in known:
            continue
        kb_id = re.sub(r"[^a-z0-9]+", "-", p.name_en.casefold()).strip("-")
        if not kb_id or kb_id in actors:
            kb_id = f"state-{p.country.casefold()}"
        out.append(ActorEntry(id=kb_id, name_en=p.name_en, name_ar=p.name_ar, type="GPE",
                              sector="GOV", country=p.country, aliases_ar=list(p.aliases_ar),
                              file="places (every country is a state)"))
    return out


def _merged_yaml(folders: list[Path], name: str, empty: Any) -> Any:
    result = empty
    for base in folders:
        if (base / name).exists():
            data = load_yaml(name, base) or empty
            if isinstance(result, list):
                result = result + list(data)
            else:
                for key, value in data.items():
                    result.setdefault(key, {}).update(value)
    return result


def load_kb(extra: tuple[Path, ...] = ()) -> KnowledgeBase:
    folders = [DATA_DIR, *extra_dirs(), *extra]
    lem = Lemmatizer()
    return KnowledgeBase(
        actors=load_actors(folders),
        agents=load_agents(folders),
        places=load_places(folders),
        triggers=load_triggers(folders, lem),
        modes=_merged_yaml(folders, "modes.yaml", {}),
        cues=_cue_matchers(folders),
        relative_time=_merged_yaml(folders, "relative_time.yaml", []),
        senses=_sense_filters(folders),
        folders=folders,
    )


@lru_cache(maxsize=4)
def get_kb(extra: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The knowledge base for these extra folders, loaded once per process."""
    return load_kb(extra)
