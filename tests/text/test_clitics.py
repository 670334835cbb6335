from marsad.text.clitics import enclitic_forms, proclitic_forms


def _forms(word):
    return {f: p for p, f in proclitic_forms(word)}


def test_prepositions_conjunctions_and_article():
    assert _forms("بالحرس")["الحرس"] == 1
    assert _forms("وللقوات")["القوات"] == 2
    assert _forms("للقوات")["القوات"] == 1
    assert _forms("والفصائل")["الفصائل"] == 1
    assert "الحرس" not in _forms("الحرس") or _forms("الحرس")["الحرس"] == 0


def test_pronoun_suffixes():
    assert "هجمات" in enclitic_forms("هجماتها")
    assert "قوات" in enclitic_forms("قواتهم")
    assert "قياده" in enclitic_forms("قيادتها")


def test_short_words_are_not_stripped_to_nothing():
    assert _forms("بل") == {"بل": 0}
    assert enclitic_forms("له") == ("له",)
