"""Linking: what names resolve to, in context."""

from __future__ import annotations

from marsad.model import Article


def _mentions(pipeline, text):
    doc = pipeline(Article(id="t", text=text, published="2024-01-10"))
    return {m.text: m for m in doc.mentions}


def test_nationality_and_clitics(pipeline):
    ms = _mentions(pipeline, "قال قيادي بالحرس الثوري الإيراني إن وزير الخارجية الأميركي وصل")
    assert ms["الحرس الثوري الإيراني"].actor_id == "irgc"
    assert ms["وزير الخارجية الأميركي"].actor_id == "united-states"


def test_agent_with_nationality_acts_for_its_country(pipeline):
    ms = _mentions(pipeline, "قصفت مقاتلات أمريكية مواقع قرب الحدود")
    assert ms["مقاتلات أمريكية"].actor_id == "us-military"


def test_capitals_stand_for_their_governments(pipeline):
    doc = pipeline(Article(id="t", text="وتتفاوض بغداد وواشنطن بشأن خروج القوات الأميركية.",
                           published="2024-01-10"))
    consult = [e for e in doc.events if e.event_type == "CONSULT"]
    assert consult and {e.id for e in consult[0].actor + consult[0].recipient} == {
        "iraq", "united-states"}


def test_capital_after_a_preposition_is_the_city(pipeline):
    doc = pipeline(Article(id="t", text="انفجرت سيارة مفخخة في بغداد أمس.", published="2024-01-10"))
    ev = next(e for e in doc.events if e.event_type == "ASSAULT")
    assert not ev.actor
    assert ev.location is not None and ev.location.name_en == "Baghdad"
    assert ev.location.precision == "city"


def test_a_typo_of_a_country_the_article_names(pipeline):
    ms = _mentions(pipeline, "وتتفاوض بغداد وواشنطن بشأن خروج القوات الأميركية من العرق")
    assert ms["العرق"].place_id == "country:IRQ"
    assert "العرق" not in _mentions(pipeline, "أصيب بجروح في العرق أثناء العمل")


def test_small_towns_named_like_words_need_support(pipeline):
    ms = _mentions(pipeline, "واتخذت الفصائل إجراءات أمنية شملت حتى تحركات بعض قادتها.")
    assert "الفصائل" not in ms or ms["الفصائل"].place_id is None


def test_sites_have_site_precision(pipeline):
    doc = pipeline(Article(id="t", text="استهدفت طائرة مسيرة قاعدة عين الأسد في الأنبار أمس.",
                           published="2024-01-10"))
    ev = next(e for e in doc.events if e.event_type == "ASSAULT")
    assert ev.location.gazetteer_id == "site:ain-al-asad"
    assert ev.location.precision == "site" and ev.location.admin1


def test_an_armed_agent_backed_by_a_state_is_the_backed_group(pipeline):
    from marsad.model import Article

    for text in ("قصفت مقاتلات مواقع لفصائل مسلحة موالية لإيران في سوريا.",
                 "هاجمت ميليشيات تدعمها إيران القاعدة."):
        doc = pipeline(Article(id="t", text=text, published="2024-01-10"))
        assert "iran-backed-factions-iraq" in [m.actor_id for m in doc.mentions], text
    doc = pipeline(Article(id="t", text="هاجم مسلحون موالون لتركيا القرية.",
                           published="2024-01-10"))
    assert "gunmen" in [m.actor_id for m in doc.mentions]  # no Turkey-backed group in the KB


def test_bare_party_word_after_the_name_is_the_group(pipeline):
    # «الحزب» after «حزب الله» is Hezbollah, not any political party
    doc = pipeline(Article(id="t", published="2024-02-06", text=(
        "أعلن حزب الله أنه قصف مواقع إسرائيلية. وتوعد الحزب في بيان لاحق إسرائيل بعقاب حتمي.")))
    threat = next(e for e in doc.events if e.event_type == "THREATEN")
    assert [e.id for e in threat.actor] == ["hezbollah"]


def test_official_title_with_its_nationality_after_a_genitive(pipeline):
    doc = pipeline(Article(id="t", text="ورحّب وزير الإعلام الصومالي بالغارة."))
    first = doc.mentions[0]
    assert (first.text, first.actor_id) == ("وزير الإعلام الصومالي", "somalia")


def test_members_of_a_named_group_are_the_group(pipeline):
    doc = pipeline(Article(id="t", text="أعلن الجيش أن مقاتلو حركة الشباب هاجموا قاعدة عسكرية."))
    assert ("مقاتلو حركة الشباب", "al-shabaab") in [(m.text, m.actor_id) for m in doc.mentions]


def test_short_names_with_a_clitic(pipeline):
    doc = pipeline(Article(id="t", text="هاجمت السعودية وقطر ومصر الفصائل بغزة. وجده الجنود."))
    found = {(m.text, m.actor_id, m.place_id) for m in doc.mentions}
    assert ("قطر", "qatar", "country:QAT") in found and ("مصر", "egypt", "country:EGY") in found
    assert any(m.text == "غزة" for m in doc.mentions)
    assert not any(m.text == "جده" for m in doc.mentions)  # «وجده» is "found him"
