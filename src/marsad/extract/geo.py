"""Where an event happened: the place named with the trigger (CODING.md §3).

- The places after the trigger's head word up to the end of its clause come first: the
  search stops at a new event («بعد»، «رداً على»), a report («بحسب … في مؤتمر بمقديشو»), a
  purpose («لحماية الملاحة في …») and a comma that opens a new clause («، وأكدت طهران»);
  places in the phrase of another kind of event's trigger are that event's («اتفاقاً يمهد
  لانسحاب القوات من أفغانستان»).
- A nested run («قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق») gives its most precise
  place; a place only named as a bearing («شمالي بغداد»، «قرب صيدا») is a landmark, used only
  when nothing else is named.
- Several places listed with «و» («في صنعاء والحديدة وصعدة») are located at the country they
  share (the gold README: none when they span countries); listed sites are split later.
- A place followed by the nationality of another country («الساحل السوري») is that country.
- Nothing after the trigger: a place that is the recipient of an attack or a visit («ضربات
  ضد إيران»، «يزور طهران»), then the nearest run before the trigger that no other event's
  trigger claims («أعلن … في القاهرة … لوقف إطلاق النار في ليبيا، ودعا…» → Cairo).
- Places inside the reporting frame (where a statement was made) are skipped.
- Still nothing: «في القاعدة نفسها» points back to the last place named before.
- Conventions for which of several places to code: tests/gold/README.md (Conventions →
  Places): the most precise one with its own gazetteer entry; a site inside another named
  later in the clause (``part_of``) is the target; an agreement's place is where it applies
  when no signing place is named; a target's nationality («لفصائل عراقية») locates an attack
  with no place, unless that state keeps forces abroad.
"""

from __future__ import annotations

from marsad.extract.context import SentenceContext
from marsad.extract.link import NEST_GAP, place_bearing, place_link
from marsad.kb import KnowledgeBase
from marsad.kb.places import PlaceEntry, within
from marsad.model import Mention, Place

_PRECISION_RANK = {"site": 0, "city": 1, "district": 2, "province": 3, "region": 4, "country": 5}
# in a nested run a district and a city are equals, so the inner one wins: «حي الكرادة وسط
# بغداد» is the Karrada district, «قضاء الطارمية» north of Baghdad the district
_NESTED_RANK = {**_PRECISION_RANK, "district": _PRECISION_RANK["city"]}
_QUOTES = frozenset({'"', "«", "»", "“", "”"})
_NEAR_KM = 100  # a nested place across a border line from the outer one
_LIST_GAP = 6  # tokens between two listed sites («… في الأنبار وقاعدة …»)
# types whose recipient, when it is a place, is where the act happened
_TARGET_TYPES = {"ASSAULT": ("site", "city", "district", "province", "region", "country"),
                 "COERCE": ("site", "city", "district", "province", "region", "country"),
                 "CONSULT": ("site", "city")}


def _is_place(m: Mention) -> bool:
    return m.place_id is not None and m.type != "NORP"


def _precision(m: Mention, kb: KnowledgeBase) -> str | None:
    p = kb.place(m.place_id)
    return p.precision if p else None


def _country(m: Mention, kb: KnowledgeBase) -> str | None:
    p = kb.place(m.place_id)
    return p.country if p else None


def to_place(m: Mention, kb: KnowledgeBase) -> Place | None:
    p = kb.place(m.place_id)
    if p is None:
        return None
    return Place(p.name_en, p.name_ar, m.text, m.start, m.end, p.lat, p.lon, p.precision,
                 p.country, p.admin1, p.id)


def _country_place(m: Mention, iso3: str, kb: KnowledgeBase) -> Place | None:
    p = kb.country_place(iso3)
    if p is None:
        return None
    return Place(p.name_en, p.name_ar, m.text, m.start, m.end, p.lat, p.lon, p.precision,
                 p.country, p.admin1, p.id)


def _cue(ctx: SentenceContext, name: str, word: str) -> bool:
    cue = ctx.kb.cues.get(name)
    return cue is not None and bool(cue.get(word))


def _bearing(ctx: SentenceContext, i: int) -> bool:
    """A direction or proximity word («شمالي»، «قرب»): what follows is a landmark."""
    return place_bearing(ctx.doc, ctx.kb, i)


def _landmark(ctx: SentenceContext, m: Mention) -> bool:
    """After a bearing («شمالي بغداد»، «بالقرب من صيدا»), not after a plain «من»."""
    i = m.tokens[0]
    if i > 1 and ctx.doc.tokens[i - 1].norm == "من":
        i -= 1
    return i > 0 and _bearing(ctx, i - 1)


def _origin(ctx: SentenceContext, m: Mention) -> bool:
    """«من الرقة» after an attack or a deployment: where it came from."""
    i = m.tokens[0]
    if i < 1 or not _cue(ctx, "origin_prepositions", ctx.doc.tokens[i - 1].norm):
        return False
    return i < 2 or not (_bearing(ctx, i - 2)
                         or _cue(ctx, "near_words", ctx.doc.tokens[i - 2].norm))


def _not_origins(ctx: SentenceContext, places: list[Mention]) -> list[Mention]:
    """The places that are not origins, nor listed after one («من الحسكة والرقة»)."""
    out: list[Mention] = []
    prev: Mention | None = None
    for m in places:
        origin = _origin(ctx, m) or (prev is not None and _coordinated(ctx, prev, m))
        prev = m if origin else None
        if not origin:
            out.append(m)
    return out


def _coordinated(ctx: SentenceContext, a: Mention, b: Mention) -> bool:
    """``b`` is listed after ``a`` («صنعاء والحديدة»، «صنعاء، الحديدة»)."""
    words = [ctx.doc.tokens[i].norm for i in range(a.tokens[1], b.tokens[0])]
    if not words:
        return ctx.doc.clean_text[ctx.doc.tokens[b.tokens[0]].start:b.start].startswith("و")
    return words in (["و"], ["،"], [","])


def _nested(ctx: SentenceContext, a: Mention, b: Mention) -> bool:
    """«X في Y»: only linking words between them; a name that qualifies X («قاعدة التنف
    التابعة لقوات "التحالف الدولي" ضمن منطقة …») does not count towards the gap."""
    named = {i for m in ctx.mentions for i in range(*m.tokens)}
    gap = [i for i in range(a.tokens[1], b.tokens[0])
           if i not in named and ctx.doc.tokens[i].norm not in _QUOTES]
    return len(gap) <= NEST_GAP and all(place_link(ctx.doc, ctx.kb, i) for i in gap) and not (
        a.tokens[1] == b.tokens[0] and _coordinated(ctx, a, b))


_FROM_AFAR = frozenset({"ASSAULT", "MOBILIZE"})  # types whose «من X» is an origin
_STOP_CUES = ("new_event", "reporting_prepositions", "reporting_verbs", "purpose")
_PURPOSE_IS_CONTENT = frozenset({"AGREE"})


def _cue_starts(ctx: SentenceContext, names: tuple[str, ...] = _STOP_CUES) -> list[int]:
    """Document token indices where a phrase that ends a clause's places starts; never
    inside a name («قوات الدعم السريع» holds no purpose «لدعم»)."""
    named = {i for m in ctx.mentions if m.type != "NORP" for i in range(*m.tokens)}
    return [a for name in names for a, _ in ctx.hits(name) if a not in named]


def _clause_end(ctx: SentenceContext, last: int, etype: str = "") -> int:
    """First token after the trigger that starts something else: a new event, a reporting
    phrase, a purpose, or «، و…» opening a coordinated clause. An agreement's purpose is
    what it settles, and where («اتفاق لوقف إطلاق النار في قطاع غزة»)."""
    names = _STOP_CUES if etype not in _PURPOSE_IS_CONTENT else tuple(
        n for n in _STOP_CUES if n != "purpose")
    stops = [a for a in _cue_starts(ctx, names) if a >= last]
    starts = {m.tokens[0] for m in ctx.mentions}
    for i in range(last, ctx.last - 1):
        nxt = ctx.doc.tokens[i + 1]
        if (ctx.is_break(i) and nxt.norm.startswith("و") and i + 1 not in starts
                and not _cue(ctx, "same_clause", nxt.norm)):
            stops.append(i)
            break
    return min(stops, default=ctx.last)


def _zone_end(ctx: SentenceContext, last: int) -> int:
    """Where the places of another event's trigger end: its clause, or the next comma."""
    brk = next((i for i in range(last, ctx.last) if ctx.is_break(i)), ctx.last)
    return min(brk, _clause_end(ctx, last))


def _setting(ctx: SentenceContext, i: int) -> bool:
    """An event noun after «في»/«خلال» («وذلك في اجتماع عُقد في بغداد») is the setting of
    the event before it, whose place it shares."""
    return i > ctx.first and _cue(ctx, "setting_prepositions", ctx.doc.tokens[i - 1].norm)


def _foreign_nisba(ctx: SentenceContext, m: Mention, kb: KnowledgeBase) -> str | None:
    """«الساحل السوري»: a place name followed by another country's nationality is a
    stretch of that country, not the homonymous town abroad."""
    own = _country(m, kb)
    if _precision(m, kb) not in ("city", "district", "province"):
        return None
    for n in ctx.mentions:
        if n.tokens[0] == m.tokens[1] and n.type == "NORP" and n.place_id:
            p = kb.place(n.place_id)
            if p is not None and p.country and p.country != own:
                return p.country
    return None


def _resolve(ctx: SentenceContext, run: list[Mention], kb: KnowledgeBase) -> Place | None:
    """The place a run stands for: its most precise member that is not a landmark (of a
    district and a city, the inner one). A run nests places of one country, the outermost
    one's («ساحة عدن بمدينة الكاظمية شمالي بغداد» is a square in Baghdad, not the Yemeni
    city), or lie close by across a border line («بلدة حزما شمال شرق القدس»)."""
    outer = kb.place(run[-1].place_id)
    if outer is not None and outer.country:
        run = [m for m in run if _same_area(kb.place(m.place_id), outer)] or run
    fixed = [m for m in run if not _landmark(ctx, m)] or run
    best = min(fixed, key=lambda m: _NESTED_RANK.get(_precision(m, kb) or "", 9))
    other = _foreign_nisba(ctx, best, kb)
    if other is not None:
        return _country_place(best, other, kb)
    return to_place(best, kb)


def _same_area(p: PlaceEntry | None, outer: PlaceEntry) -> bool:
    return p is None or p.country in (outer.country, None) or within(p, outer, _NEAR_KM)


def _inner_site(place: Place | None, later: list[Mention], kb: KnowledgeBase) -> Place | None:
    """A site named later in the clause that lies inside the place found («الهجوم على مطار
    بغداد الدولي … استهدف قاعدة فيكتوريا»): the act's more precise target."""
    if place is None or not place.gazetteer_id:
        return place
    for m in later:
        p = kb.place(m.place_id)
        if p is not None and p.part_of == place.gazetteer_id:
            return to_place(m, kb)
    return place


def _abroad(kb: KnowledgeBase, iso3: str) -> bool:
    """Whether the state's armed forces hold sites in other countries (``hosts`` in
    sites.yaml): its «مواقع» may be anywhere, not at home."""
    cache = kb.__dict__.setdefault("_forces_abroad", {})
    if iso3 not in cache:
        mil = kb.military_of(iso3)
        cache[iso3] = mil is not None and any(
            mil in p.hosts and p.country != iso3 for p in kb.places.values() if p.hosts)
    return cache[iso3]


def _target_home(ctx: SentenceContext, targets: list[tuple[int, int]],
                 kb: KnowledgeBase) -> Place | None:
    """No place named, but the target carries a nationality («مواقع تابعة لميليشيات
    عراقية»): the attack is in that country, unless that state keeps forces abroad."""
    for a, b in targets:
        m = next((m for m in ctx.mentions if m.tokens == (a, b)), None)
        if m is None or m.type == "NORP" or b - a < 2:
            continue
        named = kb.actor(m.actor_id)
        if m.type != "AGENT" and named is not None and not named.generic:
            continue  # «الحرس الثوري الإيراني» fights abroad: a name's nationality is no place
        iso3 = {r.id for r in kb.names.get(ctx.doc.tokens[b - 1].norm) if r.kind == "nisba"}
        if len(iso3) == 1 and not _abroad(kb, next(iter(iso3))):
            return _country_place(m, iso3.pop(), kb)
    return None


def _listed(ctx: SentenceContext, places: list[Mention], kb: KnowledgeBase) -> Place | None:
    """Places listed after the first («في صنعاء والحديدة وصعدة»): their shared country, or
    nothing when they span several. Listed sites are separate events (``listed_sites``)."""
    first = places[0]
    items = [first]
    for m in places[1:]:
        if not _coordinated(ctx, items[-1], m):
            break
        items.append(m)
    precisions = {_precision(m, kb) for m in items}
    countries = {_country(m, kb) for m in items}
    if len(countries) != 1 or None in countries:
        return None
    if precisions == {"country"}:
        return to_place(first, kb)
    return _country_place(first, str(countries.pop()), kb)


def _run_after(ctx: SentenceContext, after: list[Mention]) -> list[Mention]:
    run = [after[0]]
    for m in after[1:]:
        if not _nested(ctx, run[-1], m):
            break
        run.append(m)
    return run


def _run_before(ctx: SentenceContext, before: list[Mention]) -> list[Mention]:
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if not _nested(ctx, m, run[0]):
            break
        run.insert(0, m)
    return run


def _claimed(ctx: SentenceContext, m: Mention,
             claimed: list[tuple[int, int, str, bool]]) -> bool:
    """The place lies in the phrase after another event's trigger, so it is that event's
    place («لوقف إطلاق النار في ليبيا»، «اتفاقاً يمهد لانسحاب القوات من أفغانستان»). An event
    noun after «في» is a setting and claims nothing («وذلك في اجتماع عقد في بغداد»)."""
    return any(b <= m.tokens[0] < _zone_end(ctx, b) for a, b, *_ in claimed
               if not _setting(ctx, a))


def locate(ctx: SentenceContext, first: int, last: int, blocked: set[int],
           kb: KnowledgeBase, roles: list[tuple[int, int]],
           claimed: list[tuple[int, int, str, bool]] | None = None,
           targets: list[tuple[int, int]] | None = None, etype: str = "",
           tail: int | None = None) -> Place | None:
    """``last``: end of the trigger's head word; ``tail``: end of the last word folded
    into the same act («قُتل أربعة …، وأصيب أحد عشر …، جراء سقوط قذائف»), where its clause
    goes on. ``roles``: token ranges of the actor and recipient mentions; a place glued to
    one of them qualifies it («الفصائل المسلحة بالعراق»), it does not locate the event,
    unless it is the target of an attack. ``claimed``: trigger spans of the sentence's other
    events, with their types and whether they are nouns. ``targets``: token ranges of the
    recipient mentions."""
    claimed = [c for c in claimed or [] if not (c[0] < last and c[1] > first)]
    role_starts = {a for a, _ in roles}
    role_ends = {b for _, b in roles}

    # an attack's target is where it happened («في محيط القيادة العامة للجيش بالخرطوم»)
    where_hit = {b for _, b in targets or []} if etype in _TARGET_TYPES else set()

    def glued(m: Mention) -> bool:
        peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
        return m.tokens[0] in role_ends - where_hit and "ب" in peeled

    # a month that is also a town («الرابع من آب» is no Ibb) belongs to the date
    places = [m for m in ctx.mentions if _is_place(m) and m.tokens[0] not in role_starts
              and not glued(m) and not (blocked | ctx.times).intersection(range(*m.tokens))]
    end = _clause_end(ctx, max(last, tail or last), etype)
    # a trigger of the same kind goes on with the same act («أسقطت طائرة كانت تحاول استهداف
    # قاعدة حرير»); another kind's trigger keeps the places of its own phrase
    rivals = [c for c in claimed if c[2] != etype and c[0] >= last]
    if etype in _PURPOSE_IS_CONTENT:  # «اتفاق لوقف إطلاق النار في …»: what is agreed on
        rivals = [c for c in rivals if c[0] > last]
    after = [m for m in places if last <= m.tokens[0] < end and not _claimed(ctx, m, rivals)]
    if etype in _FROM_AFAR:
        after = _not_origins(ctx, after)
    if after:
        if (len(after) > 1 and _coordinated(ctx, after[0], after[1])
                and _precision(after[0], kb) != "site"):
            return _listed(ctx, after, kb)
        return _inner_site(_resolve(ctx, _run_after(ctx, after), kb), after, kb)
    kinds = _TARGET_TYPES.get(etype, ())
    for a, _ in targets or []:
        m = next((m for m in ctx.mentions if m.tokens[0] == a and _is_place(m)), None)
        if m is not None and _precision(m, kb) in kinds:
            return _resolve(ctx, [m], kb)
    if "country" in kinds:  # attacks and arrests, not meetings
        home = _target_home(ctx, targets or [], kb)
        if home is not None:
            return home
    before = [m for m in places if m.tokens[1] <= first]
    # before the trigger only a noun's phrase is another event's («لوقف إطلاق النار في ليبيا،
    # ودعا…»); a verb joined by «و» shares the setting of the verb before it («تظاهروا قرب
    # السفارة …، وطالبوا…»)
    nouns = [c for c in claimed if c[1] <= first and c[3]]
    free = [m for m in before if not _claimed(ctx, m, nouns)]
    if free or before:
        return _resolve(ctx, _run_before(ctx, free or before), kb)
    return _same_as_before(ctx, kb)


def _same_as_before(ctx: SentenceContext, kb: KnowledgeBase) -> Place | None:
    """«في القاعدة نفسها»: no place of its own, the sentence points back to the last place
    (below a country, not a landmark) named in the sentences before."""
    site = bool(ctx.hits("place_same_site"))
    if not site and not ctx.hits("place_same"):
        return None
    start = ctx.doc.tokens[ctx.first].start
    kinds = ("site",) if site else ("site", "city", "district", "province", "region")
    earlier = [m for m in ctx.doc.mentions if _is_place(m) and m.end <= start
               and _precision(m, kb) in kinds and not _landmark(ctx, m)]
    return to_place(earlier[-1], kb) if earlier else None


def listed_sites(ctx: SentenceContext, first: Place, kb: KnowledgeBase) -> list[Place]:
    """Further sites coordinated with the event's site («قاعدة عين الأسد في الأنبار وقاعدة
    فيكتوريا … وقاعدة حرير»): attacks on different bases are different events (ACLED codes
    one event per location; CODING.md §5 forbids merging them)."""
    kb_places = [m for m in ctx.mentions if _is_place(m) and _precision(m, kb) == "site"]
    start = next((i for i, m in enumerate(kb_places) if m.start == first.start), None)
    if start is None:
        return []
    out: list[Mention] = []
    prev = kb_places[start]
    for m in kb_places[start + 1:]:
        gap = [ctx.doc.tokens[i].norm for i in range(prev.tokens[1], m.tokens[0])]
        peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
        if peeled.endswith("ب") or gap[-1:] == ["في"]:
            prev = m  # «قاعدة فيكتوريا بمطار بغداد»: where the listed site is, not another one
            continue
        joined = peeled.startswith("و") or "و" in gap or "،" in gap
        if not joined or len(gap) > _LIST_GAP:
            break
        out.append(m)
        prev = m
    return [p for p in (to_place(m, kb) for m in out) if p is not None]
