"""Clitic-aware forms of a word, for dictionary matching.

Arabic writes conjunctions, prepositions and the article on the word («وللقوات»
= و + ل + ال + قوات) and object/possessive pronouns at its end («هجماتها»). Dictionaries
hold the bare phrase; a match may peel these off. Each form comes with how many leading
characters were peeled, so that the mention's offsets start at the word itself.
"""

from __future__ import annotations

from functools import lru_cache

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
# Third-person and «نا» pronouns. «ه» is left out: after normalisation it cannot be told
# from a ta marbuta («قاعدة» → «قاعده»); «ي» and «ك» are rare in news and mostly letters.
_SUFFIXES = ("هما", "تها", "تهم", "ها", "هم", "هن", "كم", "نا")
_MIN_STEM = 2
# Object and possessive pronouns of the third person, «ه» included: it is told from a ta
# marbuta on the word as written (``object_stems``).
OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه")


@lru_cache(maxsize=65536)
def proclitic_forms(word: str) -> tuple[tuple[int, str], ...]:
    """``(peeled, form)`` readings of ``word`` with leading clitics removed, longest first.

    «وللقوات» gives (0, وللقوات), (1, للقوات), (1, لقوات)… and (2, القوات): «لل» is ل + ال
    with the alef dropped, so the article is restored.
    """
    forms: dict[str, int] = {word: 0}
    stems = [(0, word)]
    if len(word) > _MIN_STEM + 1 and word[0] in _CONJ:
        stems.append((1, word[1:]))
    for peeled, w in list(stems):
        if len(w) > _MIN_STEM + 1 and w[0] in _PREP:
            rest = w[1:]
            stems.append((peeled + 1, rest))
            if w[0] == "ل" and rest.startswith("ل") and len(rest) > _MIN_STEM + 1:
                # «للقوات» = ل + القوات
                forms.setdefault("ا" + rest, peeled + 1)
    for peeled, w in stems:
        forms.setdefault(w, peeled)
    return tuple((p, f) for f, p in forms.items())


@lru_cache(maxsize=65536)
def enclitic_forms(word: str) -> tuple[str, ...]:
    """``word`` and its readings without a pronoun suffix («هجماتها» → «هجمات»)."""
    out = [word]
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= _MIN_STEM + 1:
            stem = word[: -len(suf)]
            out.append(stem)
            if suf.startswith("ت") and not stem.endswith("ا"):
                out.append(stem + "ه")  # «قيادتها» → «قياده» (ta marbuta before a suffix)
    return tuple(dict.fromkeys(out))


def case_variants(word: str) -> tuple[str, ...]:
    """Case/number endings of a plural or dual that name the same thing («ون» ↔ «ين»)."""
    pairs = (("يون", "يين"), ("ون", "ين"), ("ان", "ين"))
    out = [word]
    if len(word) >= 5:
        for a, b in pairs:
            if word.endswith(a):
                out.append(word[: -len(a)] + b)
                break
            if word.endswith(b) and a != "ان":
                out.append(word[: -len(b)] + a)
                break
    return tuple(out)


def object_stems(word: str, written: str, min_stem: int = 1) -> list[str]:
    """``word`` (normalised) without an object or possessive pronoun at its end («نفذته» →
    «نفذت», «نفاها» → «نفا»), longest pronoun first. ``written`` is the word as written
    (:func:`marsad.text.normalize.written`): a «ة», which the normal form also writes «ه», is
    no pronoun («امرأة» has none)."""
    return [word[: -len(p)] for p in OBJECT_PRONOUNS
            if word.endswith(p) and written.endswith(p) and len(word) - len(p) >= min_stem]
