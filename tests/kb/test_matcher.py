from marsad.kb.matcher import PhraseMatcher
from marsad.text.normalize import normalize
from marsad.text.tokens import tokenize


def _match(matcher, text, suffixes=False):
    nt = normalize(text)
    toks = tokenize(nt)
    out = []
    for m in matcher.match(toks, suffixes=suffixes):
        s, e = nt.to_orig(toks[m.first].nstart + m.peeled, toks[m.last - 1].nend)
        out.append((text[s:e], m.payloads[0]))
    return out


def test_clitics_and_spelling_variants_meet_one_entry():
    m = PhraseMatcher()
    m.add("الحرس الثوري", "irgc")
    m.add("القوات الأمريكية", "us")
    text = "قيادي بالحرس الثوري يلتقي ممثلين وللقوات الامريكيّه"
    assert _match(m, text) == [("الحرس الثوري", "irgc"), ("لقوات الامريكيّه", "us")]


def test_longest_match_wins():
    m = PhraseMatcher()
    m.add("الحرس الثوري", "irgc")
    m.add("استخبارات الحرس الثوري", "irgc-intel")
    assert _match(m, "رئيس استخبارات الحرس الثوري") == [("استخبارات الحرس الثوري", "irgc-intel")]


def test_pronoun_suffix_only_when_asked():
    m = PhraseMatcher()
    m.add("هجمات", "attack")
    assert _match(m, "تكثيف هجماتها") == []
    assert _match(m, "تكثيف هجماتها", suffixes=True) == [("هجماتها", "attack")]


def test_plural_case_endings():
    m = PhraseMatcher()
    m.add("الحوثيون", "houthis")
    assert _match(m, "قال الحوثيين") == [("الحوثيين", "houthis")]


def test_short_names_are_not_found_inside_words():
    m = PhraseMatcher()
    m.add("بير", "x")
    assert _match(m, "قائد كبير") == []
    assert _match(m, "بير") == [("بير", "x")]


def test_matches_do_not_cross_sentences():
    m = PhraseMatcher()
    m.add("حزب الله", "hezbollah")
    nt = normalize("قال حزب. الله أكبر")
    toks = tokenize(nt)
    for t in toks[3:]:
        t.sent = 1
    assert m.match(toks) == []


def test_quotes_inside_a_name_are_skipped():
    m = PhraseMatcher()
    m.add("كتائب سيد الشهداء", "kss")
    assert _match(m, "لوحت كتائب “سيد الشهداء”، إحدى الفصائل") == [
        ("كتائب “سيد الشهداء”", "kss")]
    assert _match(m, "كتائب سيد «الشهداء» أعلنت") == [("كتائب سيد «الشهداء»", "kss")]
