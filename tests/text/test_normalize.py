from marsad.text.normalize import norm, normalize
from marsad.text.tokens import tokenize
from tests.conftest import needs_seeds


def test_variants_meet():
    assert norm("الأمريكيّة") == norm("الامريكيه") == "الامريكيه"
    assert norm("إيران") == norm("ايران")
    assert norm("مستشفى") == "مستشفي"
    assert norm("هجوماً") == "هجوما"
    assert norm("الـمسلحين") == "المسلحين"  # tatweel
    assert norm("١٣ يوليو ۲۰۲۱") == "13 يوليو 2021"
    assert norm("«رويترز»") == '"رويترز"'
    assert norm("2014–2017") == "2014-2017"


def test_offsets_map_back_to_the_written_word():
    text = "وتعرّضت القوات الأميركيّة لهجومٍ بطائرةٍ مسيّرة"
    nt = normalize(text)
    i = nt.text.index("الاميركيه")
    assert nt.orig_slice(i, i + len("الاميركيه")) == "الأميركيّة"
    j = nt.text.index("لهجوم")
    assert nt.orig_slice(j, j + len("لهجوم")) == "لهجومٍ"


def test_ligature_expands_without_losing_offsets():
    nt = normalize("ﻻ شيء")
    assert nt.text.startswith("لا")
    assert nt.to_orig(0, 2) == (0, 1)


@needs_seeds
def test_round_trip_on_every_seed(seeds):
    for sid, text in seeds.items():
        nt = normalize(text)
        assert len(nt.index) == len(nt.text)
        assert list(nt.index) == sorted(nt.index), sid  # never reordered
        for tok in tokenize(nt):
            written = text[tok.start:tok.end]
            assert norm(written) == tok.norm, (sid, written, tok.norm)
