"""Story clustering: syndicated copies and rewrites of one report share a ``story_id``.

Each article gets a MinHash signature (datasketch) of its normalised word-bigram shingles.
Locality-sensitive hashing splits the signature into bands; only articles that share a band
hash *and* were published within :data:`STORY_DAYS` of each other are compared, so 100k
articles never compare all pairs. Band hashes live in the store, so the index survives
between runs and a new article only looks up its own bands. A candidate is confirmed on the
full signature's Jaccard estimate, unless the two texts name different sites or towns, or
put different numbers in the same place (another day, another toll); a story is a connected
group of confirmed pairs, named after its smallest article id (so the same articles in any
order make the same stories).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import date

import numpy as np
from datasketch import MinHash

from marsad.model import stable_id
from marsad.store.db import Store, insert_rows, linked_components, registered
from marsad.text.normalize import norm

NUM_PERM = 128
BANDS = 64  # 64 bands of 2 rows: pairs at Jaccard 0.2 become candidates 92% of the time
ROWS = NUM_PERM // BANDS
# Confirmation on the full signature: a copy (Jaccard ≥ COPY), or a rewrite that shares a
# good part of its text (≥ CONFIRM) *and* enough of it: two one-line reports of different
# attacks written in agency style share a quarter of their few bigrams, two rewrites of one
# long agency report share a fifth of hundreds.
COPY = 0.5
CONFIRM = 0.15
MIN_SHARED = 30
STORY_DAYS = 3
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")
_PREFIX = re.compile(r"^(?:[وف]?(?:ال|بال|لل|كال))(?=\w{3})")
_SEED = 7


def shingles(text: str) -> set[bytes]:
    """Word bigrams of the normalised text, with the article «ال» and its clitics dropped."""
    words = [_PREFIX.sub("", w) for w in _WORD.findall(norm(text))]
    return {f"{a} {b}".encode() for a, b in itertools.pairwise(words)}


def signature(text: str) -> tuple[np.ndarray, int]:
    """The MinHash signature of a text (uint64 array of :data:`NUM_PERM` values) and its
    number of shingles."""
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED)
    sh = shingles(text)
    if sh:
        mh.update_batch(list(sh))
    return mh.hashvalues.astype(np.uint64), len(sh)


def same_story(sig_a: np.ndarray, n_a: int, sig_b: np.ndarray, n_b: int) -> float | None:
    """The similarity of two articles when it makes them one story, else None."""
    j = similarity(sig_a, sig_b)
    shared = j * (n_a + n_b) / (1 + j)
    if j >= COPY or (j >= CONFIRM and shared >= MIN_SHARED):
        return j
    return None


def different_places(a: set[str], b: set[str]) -> bool:
    """Two look-alike texts that name different sites or towns and none in common report two
    events («هجوم على قاعدة عين الأسد» / «هجوم على قاعدة حرير»): a copy or rewrite of one
    report keeps its places, templated daily reports change them."""
    return bool(a) and bool(b) and a.isdisjoint(b)


def numbers_in_context(text: str) -> list[str]:
    """Each number of the text with the word before it and the word after it
    («<السبت:20», «>كانون:20»): where two look-alike texts put their numbers."""
    words = [_PREFIX.sub("", w) for w in _WORD.findall(norm(text))]
    out = set()
    for i, w in enumerate(words):
        if w.isdigit():
            n = int(w)
            if i > 0 and not words[i - 1].isdigit():
                out.add(f"<{words[i - 1]}:{n}")
            if i + 1 < len(words) and not words[i + 1].isdigit():
                out.add(f">{words[i + 1]}:{n}")
    return sorted(out)


def different_numbers(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two look-alike texts that put different numbers after or before the same word report
    two events: «الجمعة 7 كانون الثاني» / «الجمعة 18 كانون الثاني» (another day), «مقتل 11
    شخصا» / «مقتل 22 شخصا» (another toll). A copy or rewrite of one report keeps its numbers
    (it may drop or add some, which is no conflict)."""
    def by_word(xs: Iterable[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for x in xs:
            word, _, n = x.rpartition(":")
            out.setdefault(word, set()).add(n)
        return out

    na, nb = by_word(a), by_word(b)
    return any(na[w].isdisjoint(nb[w]) for w in na.keys() & nb.keys())


def band_hashes(sig: np.ndarray) -> np.ndarray:
    """One 64-bit FNV-style hash per LSH band (deterministic across runs and machines)."""
    rows = sig.reshape(BANDS, ROWS)
    h = np.full(BANDS, 1469598103934665603, dtype=np.uint64)
    for j in range(ROWS):
        h = (h ^ rows[:, j]) * np.uint64(1099511628211)  # wraps modulo 2**64
    return h


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard estimate of two signatures."""
    return float(np.mean(a == b))


def day_number(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def story_id_for(article_ids: Iterable[str]) -> str:
    return stable_id("story", min(article_ids))


# --------------------------------------------------------------------------- in the store


def precise_places(mentions: Iterable[dict]) -> list[str]:
    """The sites and cities an article names (its mentions' gazetteer ids)."""
    out = {(m.get("entity") or {}).get("id") for m in mentions
           if (m.get("entity") or {}).get("precision") in ("site", "city")}
    return sorted(x for x in out if x)


def index_articles(store: Store,
                   items: list[tuple[str, str, str | None, list[str]]]) -> None:
    """Store signatures, band hashes, named places and numbers of (article_id, clean_text,
    published, places) items."""
    import pandas as pd

    if not items:
        return
    sig_rows = []
    band_ids, band_no, band_hash, band_day = [], [], [], []
    for aid, text, published, places in items:
        sig, n = signature(text)
        day = day_number(published)
        sig_rows.append((aid, day, n, sig.tobytes(), places, numbers_in_context(text)))
        band_ids += [aid] * BANDS
        band_no += range(BANDS)
        band_hash.append(band_hashes(sig))
        band_day += [day] * BANDS
    insert_rows(store.con, "story_signatures",
                ["article_id", "day", "n_shingles", "sig", "places", "numbers"], sig_rows)
    bands = pd.DataFrame({"article_id": band_ids, "band": np.array(band_no, dtype=np.int16),
                          "hash": np.concatenate(band_hash),
                          "day": pd.array(band_day, dtype="Int64")})
    insert_rows(store.con, "story_bands", ["article_id", "band", "hash", "day"], bands)


def forget_articles(store: Store, article_ids: list[str]) -> set[str]:
    """Remove articles from the index; returns their former story neighbours."""
    if not article_ids:
        return set()
    con = store.con
    rows = con.execute("SELECT a, b FROM story_links WHERE a IN (SELECT unnest($1)) "
                       "OR b IN (SELECT unnest($1))", [article_ids]).fetchall()
    gone = set(article_ids)
    neighbours = {x for r in rows for x in r} - gone
    for table, col in (("story_signatures", "article_id"), ("story_bands", "article_id")):
        con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [article_ids])
    con.execute("DELETE FROM story_links WHERE a IN (SELECT unnest($1)) "
                "OR b IN (SELECT unnest($1))", [article_ids])
    return neighbours


# Band matches of new articles, joined on the band, its hash *and* a block of days: a text
# repeated every week (a daily template, a recurring statement) shares its bands with every
# earlier repeat, and matching on the band alone would pull them all in, more with every batch.
# Dated articles meet within STORY_DAYS through neighbouring blocks of STORY_DAYS + 1 days;
# undated ones meet anything.
_BAND_PAIRS = """
    WITH n AS (SELECT article_id, band, hash, day FROM story_bands
               WHERE article_id IN (SELECT unnest($1))),
         probe AS (SELECT n.*, n.day // $3 + d.off AS blk
                   FROM n, (VALUES (-1), (0), (1)) d(off) WHERE n.day IS NOT NULL)
    SELECT p.article_id, o.article_id
    FROM probe p JOIN story_bands o
      ON o.band = p.band AND o.hash = p.hash AND o.day // $3 = p.blk
    WHERE p.article_id <> o.article_id AND abs(p.day - o.day) <= $2
    UNION
    SELECT n.article_id, o.article_id
    FROM n JOIN (SELECT * FROM story_bands WHERE day IS NULL) o
      ON o.band = n.band AND o.hash = n.hash
    WHERE n.article_id <> o.article_id
    UNION
    SELECT n.article_id, o.article_id
    FROM (SELECT * FROM n WHERE day IS NULL) n JOIN story_bands o
      ON o.band = n.band AND o.hash = n.hash
    WHERE n.article_id <> o.article_id"""


def link_new(store: Store, new_ids: list[str]) -> None:
    """Find and confirm near-duplicate pairs between new articles and everything stored."""
    if not new_ids:
        return
    con = store.con
    pairs = con.execute(_BAND_PAIRS, [new_ids, STORY_DAYS, STORY_DAYS + 1]).fetchall()
    pairs = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    if not pairs:
        return
    ids = sorted({x for p in pairs for x in p})
    sigs, places, numbers = {}, {}, {}
    for aid, n, sig, named, nums in con.execute(
            "SELECT article_id, n_shingles, sig, places, numbers FROM story_signatures "
            "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall():
        sigs[aid] = (np.frombuffer(sig, dtype=np.uint64), n)
        places[aid] = set(named or ())
        numbers[aid] = nums or ()
    confirmed = []
    for a, b in pairs:
        s = same_story(*sigs[a], *sigs[b])
        if (s is not None and not different_places(places[a], places[b])
                and not different_numbers(numbers[a], numbers[b])):
            confirmed.append((a, b, s))
    insert_rows(con, "story_links", ["a", "b", "similarity"], confirmed)


def assign_stories(store: Store, seeds: set[str]) -> set[str]:
    """Recompute the stories of the seed articles' components; returns articles whose
    ``story_id`` changed."""
    import pandas as pd

    con = store.con
    roots = linked_components(con, "story_links", seeds)
    # the root is the smallest id of its component, so story_id_for(component) == f(root)
    wanted = pd.DataFrame({"article_id": list(roots),
                           "sid": [story_id_for([root]) for root in roots.values()]})
    with registered(con, "_stories", wanted):
        changed = {r[0] for r in con.execute(
            "SELECT a.article_id FROM articles a JOIN _stories s USING (article_id) "
            "WHERE a.story_id IS DISTINCT FROM s.sid").fetchall()}
        con.execute("UPDATE articles SET story_id = s.sid FROM _stories s "
                    "WHERE articles.article_id = s.article_id "
                    "AND articles.story_id IS DISTINCT FROM s.sid")
    return changed
