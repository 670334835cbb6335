"""Trigger words match every conjugation, voice and clitic of a lexicon entry."""

import pytest

from marsad.text.normalize import normalize
from marsad.text.tokens import tokenize
from tests.kb.conftest import trigger_types as _types


@pytest.mark.parametrize("word", ["هاجم", "يهاجم", "هاجموا", "وهاجمت", "هجوم", "بهجوم", "الغارات",
                                  "الهجمات", "هجماتها", "استهدف", "استهدفت", "استهداف"])
def test_assault_forms(kb, word):
    assert (word, "ASSAULT") in _types(kb, f"قالوا إن المسلحين {word} القاعدة")


def test_phrases_and_their_modes(kb):
    toks = tokenize(normalize("انفجرت عبوة ناسفة قرب دورية"))
    found = kb.triggers.match(toks)
    assert any(e.type == "ASSAULT" and "explosives" in e.mode for m in found for e in m.entries)


@pytest.mark.parametrize("text", ["مواقع التواصل الاجتماعي", "بأيدي وكلائها", "عدم الذهاب",
                                  "عيد الفطر"])
def test_words_that_only_look_like_triggers(kb, text):
    assert _types(kb, text) == []


def test_a_date_is_not_a_trigger():
    from marsad.model import Article
    from marsad.pipeline import Pipeline

    doc = Pipeline()(Article(id="t", text="وصل الوفد فجر اليوم إلى بغداد", published="2024-01-01"))
    assert doc.triggers == []
