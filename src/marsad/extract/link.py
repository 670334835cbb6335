"""Linking: choose what each mention refers to, and fold agent + nationality pairs.

- A name that is both a state and a place («العراق»), or a capital («واشنطن»), is the place
  in the mention record and keeps ``actor_id`` so that it can act as the state in an event
  (metonymy); the roles stage decides from the syntax which reading a sentence uses.
- A small town whose Arabic name is an ordinary word only counts when a place preposition
  or a place word precedes it; big cities, provinces, sites and countries always count.
- An agent word followed by a nationality («الجيش» + «العراقي», «وزير الإعلام الصومالي»)
  becomes one generic actor of that country (id ``army-irq``); an indefinite agent word
  governing a group's name («مقاتلو حركة الشباب») is the group.
- A person's surname alone after the full name («بارزاني») is that person.
"""

from __future__ import annotations

from collections import Counter

from marsad.extract.mentions import vouched_countries
from marsad.kb import KnowledgeBase
from marsad.kb.base import NameRef, nisba_forms
from marsad.kb.places import KIND_TO_MENTION, PlaceEntry, within
from marsad.model import Doc, Mention, Token
from marsad.text.clitics import object_stems, proclitic_forms
from marsad.text.normalize import norm, written

_PLACE_RANK = {"site": 6, "country": 5, "region": 4, "city": 3, "province": 2, "district": 1}
_BIG_CITY = 1_000_000
_PROVINCE_MIN = 4  # letters: «وان» (Van) is also «و + أن»
_CITY = 100_000  # a city this big is news on its own after a place preposition
_TOWN = 50_000  # below this a town's name is too often an ordinary word to trust alone
NEST_GAP = 3  # tokens between two places that still read as «X في Y», «X شمال Y»
_NEAR_KM = 50  # a town this close to the place named after it is the one meant


_KIND_WORDS = {"province": "province_words", "district": "district_words", "city": "city_words"}


def _place_score(p: PlaceEntry, doc: Doc, m: Mention,
                 kb: KnowledgeBase) -> tuple[int, int, int, int]:
    """A homonym set against a place of its own province comes first («أريحا بريف إدلب» is
    the Syrian town, not Jericho); then a word like «محافظة» or «مدينة» before the name
    decides between a province and its city; otherwise sites, countries and regions first,
    then the larger place."""
    announced = p.kind in _KIND_WORDS and _place_word(doc, m, kb, _KIND_WORDS[p.kind])
    beside = p.kind != "country" and _beside_known(p, doc, m, kb)
    return (int(beside), int(announced), _PLACE_RANK.get(p.kind, 0), p.population)


def _place_context(doc: Doc, m: Mention, kb: KnowledgeBase) -> bool:
    """A place word right before the mention («مدينة», «بلدة», «قرية»…).

    Many small towns bear names that are ordinary words («الفصائل», «البلاد»); without such
    a word in front, only towns large enough to be news on their own are taken.
    """
    return _place_word(doc, m, kb, "place_words")


def _place_word(doc: Doc, m: Mention, kb: KnowledgeBase, cue_name: str) -> bool:
    """Whether a word of the cue list stands right before the mention («لمدينة مأرب»)."""
    i = m.tokens[0]
    cue = kb.cues.get(cue_name)
    if i == 0 or cue is None:
        return False
    return any(cue.get(f) for _, f in proclitic_forms(doc.tokens[i - 1].norm))


def link_mentions(doc: Doc, kb: KnowledgeBase) -> None:
    vouch = [vouched_countries(m, kb) for m in doc.mentions]
    support = Counter(c for v in vouch for c in v)
    for m, own in zip(doc.mentions, vouch, strict=True):
        # a mention cannot vouch for itself: «وأن» read as Van must not make Turkey plausible
        countries = {c for c, n in support.items() if n > (c in own)}
        _link(doc, m, kb, countries)
    doc.mentions = [m for m in doc.mentions if m.type]
    _fold_agent_nationality(doc, kb)
    _fold_agent_backer(doc, kb)
    _fold_agent_group(doc, kb)
    _head_anaphora(doc, kb)
    _surname_anaphora(doc, kb)
    _possessive_anaphora(doc, kb)


def _plausible(p: PlaceEntry, doc: Doc, m: Mention, kb: KnowledgeBase,
               countries: set[str]) -> bool:
    """Towns and provinces need support: the article's countries or a place word before.
    A name that is mostly an ordinary word («المدينة», «جنوب») needs the place word."""
    if _named_after(p, doc, m, kb):
        return False
    if _common_word(doc, m, kb) and not _place_context(doc, m, kb):
        return False
    if p.kind in ("country", "site", "region"):
        return True
    if p.kind == "province" and len(norm(m.text).removeprefix("ال")) >= _PROVINCE_MIN:
        # «في الأنبار»: a province name is rarely a word, unless very short; a foreign
        # spelling («صيدا» for Algeria's Saïda) needs the article to be about its country
        return _own_name(p, m, kb) or p.country in countries
    if p.kind == "city" and (p.population >= _BIG_CITY or p.capital_of):
        return True
    if _place_context(doc, m, kb):
        return True
    if p.kind == "city" and p.population >= _CITY and _own_name(p, m, kb) and _after_preposition(
            doc, m, kb):
        return True  # «قرب صيدا»: a real city after a place preposition
    if p.kind == "city" and p.country in countries and m.tokens[1] - m.tokens[0] > 1:
        return True  # «في الشيخ زويد»: a name of two words is no ordinary word
    if p.kind == "city" and _beside_known(p, doc, m, kb):
        return True
    return p.country in countries and (p.kind != "city" or p.population >= _TOWN)


def _forms(doc: Doc, i: int) -> list[str]:
    """The word and, behind a «بـ», its stem («بالعاصمة» → العاصمة); never behind «و»: a
    conjunction opens a new phrase."""
    n = doc.tokens[i].norm
    return [n, n[1:]] if n.startswith("ب") and len(n) > 3 else [n]


def _cue_word(kb: KnowledgeBase, name: str, word: str) -> bool:
    cue = kb.cues.get(name)
    return cue is not None and bool(cue.get(word))


_PLACING = ("place_bearings", "place_words")  # «شمال», «قرب», «بريف»: what places a name
_LINKING = ("place_links", *_PLACING)  # … and «في», «داخل»: what ties two places


def _cue_at(doc: Doc, kb: KnowledgeBase, i: int, names: tuple[str, ...]) -> bool:
    """Token ``i`` (or its stem behind «بـ») is a word of one of the cue lists ``names``."""
    return any(_cue_word(kb, name, f) for f in _forms(doc, i) for name in names)


def place_bearing(doc: Doc, kb: KnowledgeBase, i: int) -> bool:
    """A direction or proximity word («شمالي»، «قرب»): what follows is a landmark."""
    return _cue_at(doc, kb, i, ("place_bearings",))


def place_link(doc: Doc, kb: KnowledgeBase, i: int) -> bool:
    """Whether token ``i`` may stand between two places of one nested run: a locative
    preposition, a bearing, a place word, or an adjective («المحتلة»، «الجوية»)."""
    if doc.tokens[i].is_punct:
        return False
    return _cue_at(doc, kb, i, _LINKING) or any(
        f.startswith("ال") and not _cue_word(kb, "not_name", f) for f in _forms(doc, i))


def _beside_known(p: PlaceEntry, doc: Doc, m: Mention, kb: KnowledgeBase) -> bool:
    """A town set by a bearing or «في» against a place of its own province, or one within
    reach («حاجز قلنديا العسكري شمال القدس», «بادية السخنة شرقي حمص»): two names that
    agree on where they are vouch for the small one."""
    near = sorted((o for o in doc.mentions if 0 <= o.tokens[0] - m.tokens[1] <= NEST_GAP),
                  key=lambda o: o.tokens[0])
    nxt = next((o for o in near if not all(  # «شمال», «بريف» found as names are none here
        _cue_at(doc, kb, i, _PLACING) for i in range(*o.tokens))), None)
    if nxt is None:
        return False
    gap = range(m.tokens[1], nxt.tokens[0])
    peeled = doc.clean_text[doc.tokens[nxt.tokens[0]].start:nxt.start]
    # a bearing, «في», «بريف»…, not only adjectives, between the two names
    if not (peeled.endswith("ب") or any(_cue_at(doc, kb, i, _LINKING) for i in gap)):
        return False
    if not all(place_link(doc, kb, i) for i in gap):
        return False
    for r in nxt.candidates:
        q = kb.places.get(r.id) if r.kind == "place" else None
        if q is None or q.kind == "country" or q.id == p.id:
            continue
        if (q.country == p.country and p.admin1 and p.admin1 in (q.admin1, q.name_en)) or (
                within(p, q, _NEAR_KM)):
            return True
    return False


def _common_word(doc: Doc, m: Mention, kb: KnowledgeBase) -> bool:
    """The name is an ordinary word (cues.yaml ``not_place``), also behind a clitic whose
    «لـ» took the article's alef («للمدينة»)."""
    common = kb.cues.get("not_place")
    if common is None:
        return False
    if common.get(m.text):
        return True
    return m.tokens[1] - m.tokens[0] == 1 and any(
        common.get(f) for n, f in proclitic_forms(doc.tokens[m.tokens[0]].norm) if n)


def _named_after(p: PlaceEntry, doc: Doc, m: Mention, kb: KnowledgeBase) -> bool:
    """A city's nisba after a landmark noun is the landmark's name («دوار النابلسي»)."""
    i = m.tokens[0]
    cue = kb.cues.get("named_after")
    return (i > 0 and cue is not None and bool(cue.get(doc.tokens[i - 1].norm))
            and _by_nisba(p, m))


def _by_nisba(p: PlaceEntry, m: Mention) -> bool:
    """The mention is the place's nisba («الدمشقي»), not its name."""
    return any(norm(m.text) in nisba_forms(n) for n in p.nisba_ar)


def _own_name(p: PlaceEntry, m: Mention, kb: KnowledgeBase) -> bool:
    """The mention spells the place's own Arabic name («محافظة دير البلح» → «دير البلح»),
    not one of its variant spellings."""
    return _bare(m.text, kb) == _bare_name(p, kb)


def _bare_name(p: PlaceEntry, kb: KnowledgeBase) -> str:
    return _bare(p.name_ar, kb)


def _bare(name: str, kb: KnowledgeBase) -> str:
    """A name without its kind word and article («محافظة دير البلح» → دير البلح)."""
    words = norm(name).split()
    cue = kb.cues.get("province_words")
    if len(words) > 1 and cue is not None and cue.get(words[0]):
        words = words[1:]
    return " ".join(words).removeprefix("ال")


def _after_preposition(doc: Doc, m: Mention, kb: KnowledgeBase) -> bool:
    i = m.tokens[0]
    peeled = doc.clean_text[doc.tokens[i].start:m.start]
    if peeled.endswith("ب"):
        return True
    cue = kb.cues.get("place_prepositions")
    return i > 0 and cue is not None and bool(cue.get(doc.tokens[i - 1].norm))


def _seat(places: list[PlaceEntry], best: PlaceEntry, doc: Doc, m: Mention,
          kb: KnowledgeBase) -> PlaceEntry:
    """A province or district named after its seat («دير البلح»، «كويسنجق»): the bare name is
    the town, unless a word like «محافظة» or «قضاء» announces the unit."""
    if best.kind not in ("province", "district") or _place_word(doc, m, kb,
                                                                _KIND_WORDS[best.kind]):
        return best
    return next((p for p in places if p.kind == "city" and p.country == best.country
                 and _bare_name(p, kb) == _bare_name(best, kb)), best)


def _adjective_position(doc: Doc, m: Mention) -> bool:
    """A definite word right after a definite noun reads as its adjective."""
    i = m.tokens[0]
    return i > 0 and doc.tokens[i - 1].norm.startswith("ال") and not doc.tokens[i - 1].is_punct


def _link(doc: Doc, m: Mention, kb: KnowledgeBase, countries: set[str]) -> None:
    refs: list[NameRef] = m.candidates
    actors = [kb.actors[r.id] for r in refs if r.kind == "actor" and r.id in kb.actors]
    places = [kb.places[r.id] for r in refs if r.kind == "place" and r.id in kb.places]
    agents = [kb.agents[r.id] for r in refs if r.kind == "agent" and r.id in kb.agents]
    nisbas = [r.id for r in refs if r.kind == "nisba"]
    every = places
    places = [p for p in places if _plausible(p, doc, m, kb, countries)]
    named = [a for a in actors if a.type != "GPE"]
    if named and nisbas and all(a.type == "PER" for a in named) and _adjective_position(doc, m):
        named = []  # «الوفد السوداني» is Sudanese, not the prime minister al-Sudani
    if named:
        a = named[0]
        m.type, m.entity, m.actor_id, m.source = a.type, a.record(), a.id, "kb"
        site = next((p for p in places if p.kind == "site"), None)
        if site is not None:  # «السفارة الأمريكية في بغداد»: a body and the site it occupies
            m.place_id = site.id
        return
    if places:
        p = _seat(every, max(places, key=lambda p: _place_score(p, doc, m, kb)), doc, m, kb)
        m.type, m.entity, m.place_id = KIND_TO_MENTION.get(p.kind, "LOC"), p.record(), p.id
        seat = p.country if p.kind == "country" else p.capital_of  # «واشنطن» acts for the US
        if p.kind != "country" and _by_nisba(p, m):
            seat = None  # «حي باب توما الدمشقي» is a place in Damascus, not its government
        m.actor_id = actors[0].id if actors else kb.state_of.get(seat or "")
        return
    if actors:  # a GPE actor with no place entry
        a = actors[0]
        m.type, m.entity, m.actor_id = "GPE", a.record(), a.id
        return
    if agents:
        g = agents[0]
        m.type, m.entity, m.agent_id, m.actor_id, m.source = "AGENT", g.record(), g.id, g.id, \
            "agent"
        return
    if nisbas:
        iso3 = nisbas[0]
        state = kb.actors.get(kb.state_of.get(iso3, ""))
        place = kb.country_place(iso3)
        m.type, m.source = "NORP", "nisba"
        m.entity = state.record() if state else (place.record() if place else None)
        m.actor_id = state.id if state else None
        m.place_id = place.id if place else None


def _nationality(doc: Doc, m: Mention) -> bool:
    """A nationality adjective («العراقية»), or a country glued with «بـ» («بالعراق»)."""
    if m.type == "NORP":
        return True
    peeled = doc.clean_text[doc.tokens[m.tokens[0]].start:m.start]
    return bool(m.place_id and m.place_id.startswith("country:") and peeled.endswith("ب"))


def _fold_agent_nationality(doc: Doc, kb: KnowledgeBase) -> None:
    out: list[Mention] = []
    for m in doc.mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "AGENT" and prev.agent_id
                and _next_to(doc, prev, m) and _nationality(doc, m)):
            agent = kb.agents[prev.agent_id]
            place = kb.place(m.place_id)
            iso3 = place.country if place else None
            if iso3:
                prev.end = m.end
                prev.text = doc.clean_text[prev.start:prev.end]
                prev.tokens = (prev.tokens[0], m.tokens[1])
                prev.actor_id, prev.entity = kb.national_agent(agent, iso3)
                continue
        out.append(m)
    doc.mentions = out


def _next_to(doc: Doc, agent: Mention, m: Mention) -> bool:
    """The nationality follows the agent word, or the one definite noun the agent word
    governs («وزير الإعلام الصومالي», «مسؤولو الحكومة العراقية»)."""
    gap = m.tokens[0] - agent.tokens[1]
    if gap == 0:
        return True
    word = doc.tokens[agent.tokens[1]]
    return gap == 1 and m.type == "NORP" and word.norm.startswith("ال") and not word.is_punct


_BACKED_SECTORS = frozenset({"PRM", "UAF", "REB"})
_BELONGING_SECTORS = frozenset({"PRM", "UAF", "REB", "MIL", "COP"})


def _fold_agent_backer(doc: Doc, kb: KnowledgeBase) -> None:
    """An agent word tied to whom it serves becomes that actor: «قوات بحرية تابعة لجماعة
    الحوثي», «مسلحون من تنظيم ولاية سيناء» → the named group (cues.yaml ``belonging``);
    «فصائل مسلحة موالية لإيران», «ميليشيات تدعمها إيران» → the knowledge base's generic
    group backed by that state, when it has one (cues.yaml ``affiliation``). At most one word
    (an adjective, not a word joined by «و») may stand between the agent and the tie."""
    found = kb.cue_index.match_by_payload(doc.tokens)
    ties = {}
    for name in ("affiliation", "belonging"):
        for hit in found.get(name, []):
            ties.setdefault(hit.first, (hit.last, name))
    if not ties:
        return
    out: list[Mention] = []
    skip: set[int] = set()
    for k, m in enumerate(doc.mentions):
        if id(m) in skip:
            continue
        agent = kb.agents.get(m.agent_id or "") if m.type == "AGENT" else None
        nxt = doc.mentions[k + 1] if k + 1 < len(doc.mentions) else None
        if agent is not None and nxt is not None and agent.sector in _BELONGING_SECTORS:
            for gap in (0, 1):
                end, name = ties.get(m.tokens[1] + gap, (None, ""))
                if end is None or nxt.tokens[0] not in (end, end + 1) or (
                        gap and doc.tokens[m.tokens[1]].norm.startswith("و")):
                    continue  # «قوات حرس الحدود وعناصر من طالبان»: a second party
                named = kb.actor(nxt.actor_id)
                if doc.tokens[m.tokens[1] + gap].norm == "من" and (named and named.type == "GPE"):
                    continue  # «انسحاب القوات من أفغانستان» is a place, not an allegiance
                target = _served(kb, agent, named, name)
                if target is None:
                    continue
                _take_over(doc, m, nxt, target)
                skip.add(id(nxt))
                break
        out.append(m)
    doc.mentions = out


_MEMBER_SECTORS = _BELONGING_SECTORS | {"GOV", "LEG", "SPY", "JUD", "PTY"}
_MEMBER_OF = frozenset({"من", "في"})


def _fold_agent_group(doc: Doc, kb: KnowledgeBase) -> None:
    """«مقاتلو حركة الشباب», «عناصر حزب الله», «مسؤولين من طالبان», «قيادي في حماس»: an
    indefinite agent word governing a named group's name, or tied to it by «من»/«في», is that
    group's members, so the group acts."""
    out: list[Mention] = []
    for m in doc.mentions:
        prev = out[-1] if out else None
        agent = kb.agents.get(prev.agent_id or "") if prev is not None and prev.type == "AGENT" \
            else None
        named = kb.actor(m.actor_id) if m.type == "ORG" else None
        if agent is None or named is None or named.generic or prev is None:
            out.append(m)
            continue
        gap = [doc.tokens[i].norm for i in range(prev.tokens[1], m.tokens[0])]
        construct = (not gap and agent.sector in _BELONGING_SECTORS
                     and m.start == doc.tokens[m.tokens[0]].start  # «لحزب الله» is a tie
                     and not norm(prev.text).startswith("ال"))
        member = len(gap) == 1 and gap[0] in _MEMBER_OF and agent.sector in _MEMBER_SECTORS
        if construct or member:
            _take_over(doc, prev, m, named)
            continue
        out.append(m)
    doc.mentions = out


def _take_over(doc: Doc, agent: Mention, named: Mention, actor) -> None:
    """The agent word's mention grows over ``named`` and becomes ``actor``'s."""
    agent.end, agent.tokens = named.end, (agent.tokens[0], named.tokens[1])
    agent.text = doc.clean_text[agent.start:agent.end]
    agent.type, agent.actor_id, agent.entity = "ORG", actor.id, actor.record()
    agent.source, agent.agent_id = "kb", None


def _served(kb: KnowledgeBase, agent, named, tie: str):
    """Whom an agent tied by ``tie`` to the ``named`` actor stands for, if anyone."""
    if named is None:
        return None
    if named.type != "GPE":
        return named if tie == "belonging" and named.type == "ORG" else None
    if tie == "belonging":  # «قوات تابعة لتركيا»: that state's forces
        return kb.actor(kb.national_agent(agent, named.country)[0]) if named.country else None
    if agent.sector not in _BACKED_SECTORS:
        return None
    return next((a for a in kb.actors.values() if a.generic and named.id in a.backed_by), None)


def _anaphor(doc: Doc, tok: Token, form: str, named: Mention) -> Mention:
    """A mention of ``named`` on the word ``tok`` read as ``form`` (its clitics left out)."""
    start, end = doc.norm.to_orig(tok.nend - len(form), tok.nend)
    return Mention(text=doc.clean_text[start:end], start=start, end=end, type=named.type,
                   entity=named.entity, actor_id=named.actor_id, source="anaphora",
                   tokens=(tok.i, tok.i + 1))


_SURNAME_MIN = 4  # letters


def _surname_anaphora(doc: Doc, kb: KnowledgeBase) -> None:
    """«نيجيرفان بارزاني» … «الرئيس بارزاني»: a known person's last name standing alone after
    the full name is that person (as news writes a name once in full, then the surname)."""
    stops = kb.cues.get("not_name")
    people: dict[str, Mention] = {}
    covered = {i for m in doc.mentions for i in range(*m.tokens)}
    first_at = {m.tokens[0]: m for m in doc.mentions}
    added: list[Mention] = []
    for tok in doc.tokens:
        known = first_at.get(tok.i)
        if known is not None and known.type == "PER" and known.actor_id and (
                known.tokens[1] - known.tokens[0] >= 2):
            last = doc.tokens[known.tokens[1] - 1].norm
            if len(last) >= _SURNAME_MIN and last != "الله" and not (stops and stops.get(last)):
                people[last] = known
        if tok.i in covered or tok.is_punct or not people:
            continue
        for _, form in proclitic_forms(tok.norm):
            m = people.get(form)
            if m is None:
                continue
            added.append(_anaphor(doc, tok, form, m))
            break
    if added:
        doc.mentions = sorted([*doc.mentions, *added], key=lambda x: x.start)


_ANAPHORA_SENTENCES = 4  # how far back a definite head noun looks for its name


def _head_anaphora(doc: Doc, kb: KnowledgeBase) -> None:
    """«وكانت الكتائب قد أعلنت» after «كتائب حزب الله», «الحركة» after «حركة النجباء»,
    «المقاومة» after «المقاومة الإسلامية في العراق»: a definite noun standing alone is the
    named group, of the last few sentences, whose name starts with it."""
    # a bare generic word («الحزب», «الحركة») after the group's name is the group
    bare = {m.tokens[0]: m for m in doc.mentions
            if m.type == "AGENT" and m.tokens[1] - m.tokens[0] == 1}
    covered = {i for m in doc.mentions for i in range(*m.tokens) if i not in bare}
    named = sorted((m for m in doc.mentions if m.type == "ORG" and m.tokens[1] - m.tokens[0] >= 2
                    and (e := kb.actor(m.actor_id)) is not None and not e.generic),
                   key=lambda m: m.tokens[0])
    if not named:
        return
    heads: dict[str, Mention] = {}
    added: list[Mention] = []
    replaced: set[int] = set()  # ids of the generic mentions the group's mention replaces
    k = 0
    for tok in doc.tokens:
        while k < len(named) and named[k].tokens[1] <= tok.i:
            first = norm(named[k].text).split()[0]
            heads[first[2:] if first.startswith("ال") else first] = named[k]
            k += 1
        if tok.i in covered or tok.is_punct or not heads:
            continue
        for _, form in proclitic_forms(tok.norm):
            if not form.startswith("ال") or len(form) < 5 or form[2:] not in heads:
                continue
            m = heads[form[2:]]
            if tok.sent - doc.tokens[m.tokens[0]].sent > _ANAPHORA_SENTENCES:
                continue
            if tok.i in bare:
                replaced.add(id(bare[tok.i]))
            added.append(_anaphor(doc, tok, form, m))
            break
    if added:
        kept = [m for m in doc.mentions if id(m) not in replaced]
        doc.mentions = sorted([*kept, *added], key=lambda x: x.start)


_NOT_SUBJECT = frozenset({"في", "من", "الى", "على", "علي", "عن", "مع", "ضد", "بين", "لدي", "عند"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


def _owner(doc: Doc, kb: KnowledgeBase, before: Token, feminine: bool) -> Mention | None:
    """The name a possessive pronoun on ``before`` refers back to: the nearest one ahead of it
    in its sentence that acts (no place, no outlet, no generic word) and that no preposition
    introduces; a person is never «ها»."""
    for m in reversed(doc.mentions):
        if m.tokens[1] > before.i:
            continue
        if doc.tokens[m.tokens[0]].sent != before.sent:
            break
        entry = kb.actor(m.actor_id)
        # an agent word of one country the knowledge base has no body for («الجيش الباكستاني»)
        national = entry is None and m.type == "AGENT" and bool((m.entity or {}).get("country"))
        if ((not national and (entry is None or entry.generic or entry.sector == "MED"))
                or m.place_id is not None or (feminine and m.type == "PER")):
            continue
        peeled = doc.clean_text[doc.tokens[m.tokens[0]].start:m.start]
        prev = doc.tokens[m.tokens[0] - 1].norm if m.tokens[0] else ""
        if peeled.lstrip("وف") or prev in _NOT_SUBJECT:
            continue
        return m
    return None


def _possessive_anaphora(doc: Doc, kb: KnowledgeBase) -> None:
    """«أعلنت القيادة المركزية الأمريكية أن قواتها قتلت…», «قالت كتيبة جنين إن مقاتليها
    خاضوا…», «بغارات شنتها مقاتلاتها»: an armed agent word with a possessive pronoun is the
    force of the body named before it (a state's forces are its armed forces)."""
    covered = {i for m in doc.mentions for i in range(*m.tokens)}
    added: list[Mention] = []
    for tok in doc.tokens:
        if tok.i in covered or tok.is_punct:
            continue
        for _, form in proclitic_forms(tok.norm):
            stems = object_stems(form, written(tok.text), min_stem=3)
            agent = next((kb.agents[r.id] for s in stems for r in kb.names.get(s)
                          if r.kind == "agent" and r.id in kb.agents), None)
            if agent is None or agent.sector not in _BELONGING_SECTORS:
                continue
            owner = _owner(doc, kb, tok, form.endswith(("ها", "هما")))
            if owner is None:
                break
            m = _anaphor(doc, tok, form, owner)
            entry = kb.actor(owner.actor_id)
            if agent.sector == "MIL" and entry is not None and entry.country and (
                    entry.type == "GPE" or entry.sector in _STATE_SECTORS):
                forces = kb.actor(kb.military_of(entry.country))
                if forces is not None:  # «القوات الأمريكية … ضد قواتها»: the state's forces
                    m.type, m.actor_id, m.entity = "ORG", forces.id, forces.record()
            added.append(m)
            break
    if added:
        doc.mentions = sorted([*doc.mentions, *added], key=lambda x: x.start)
