"""Numbers written in words or digits, for casualty counts (issue 4, item 8).

«ثلاثة جنود»، «خمسة وعشرين مدنياً»، «ثلاثة عشر»، «جنديان» (a dual), «112» → integers. Vague
quantities («العشرات»، «عدد من») are no numbers. The word lists are in ``data/numbers.yaml``.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.kb.files import DATA_DIR, load_yaml
from marsad.text.normalize import norm


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, int], dict[str, int], set[str], set[str], set[str]]:
    data = load_yaml("numbers.yaml", DATA_DIR) or {}
    values: dict[str, int] = {}
    for group in ("units", "tens", "hundreds"):
        for value, forms in (data.get(group) or {}).items():
            for f in forms:
                values[norm(f)] = int(value)
    teens = {norm(f): int(v) for v, forms in (data.get("teens") or {}).items() for f in forms}
    tail = {norm(f) for f in data.get("teen_tail") or []}
    duals = {norm(f) for f in data.get("dual_nouns") or []}
    persons = {norm(f) for f in data.get("person_nouns") or []}
    return values, teens, tail, duals, persons


def read_number(words: list[str], i: int) -> tuple[int, int] | None:
    """The number starting at normalised word ``i``, and the index after it; None if none.
    A conjunction joins parts («خمسة وعشرين» = 25); «ثلاثة عشر» = 13; digits as they are."""
    if i >= len(words):
        return None
    values, teens, tail, duals, _ = _words()
    w = words[i]
    if w[:1] == "و" and w[1:].isdigit():
        w = w[1:]  # «و40 جريحاً»
    if w.isdigit():
        return int(w), i + 1
    if w in teens and i + 1 < len(words) and words[i + 1] in tail:
        return teens[w], i + 2
    if w not in values:
        stem = w[:-2] if w.endswith(("ان", "ين")) else ""
        return (2, i + 1) if stem in duals else None
    total, j = values[w], i + 1
    if total < 10 and j < len(words) and words[j] in tail:
        return total + 10, j + 1  # «ثلاثة عشر»
    while j < len(words) and words[j].startswith("و") and words[j][1:] in values:
        total += values[words[j][1:]]  # «خمسة وعشرين», «مئة وخمسين»
        j += 1
    return total, j


def one_person(words: list[str], i: int) -> tuple[int, int] | None:
    """«مقتل متعاقد مدني»، «إصابة سائق»: one indefinite singular person noun counts one."""
    if i < len(words) and words[i] in _words()[4]:
        return 1, i + 1
    return None
