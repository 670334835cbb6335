"""Event places (CODING.md §3): the place of the action, found through the clause's syntax."""

from __future__ import annotations

from marsad.model import Article


def _place(pipeline, text, etype="ASSAULT"):
    doc = pipeline(Article(id="t", text=text, published="2024-02-06"))
    evs = [e for e in doc.events if e.event_type == etype]
    assert evs, [(e.event_type, e.evidence.trigger) for e in doc.events]
    return evs[0].location


def _gid(pipeline, text, etype="ASSAULT"):
    loc = _place(pipeline, text, etype)
    return loc.gazetteer_id if loc else None


def test_site_before_the_trigger_wins_over_its_landmark(pipeline):
    loc = _place(pipeline, "تعرضت قاعدة عين الأسد الجوية غربي الأنبار لهجوم صاروخي مساء أمس.")
    assert loc.gazetteer_id == "site:ain-al-asad" and loc.precision == "site"


def test_place_inside_a_long_trigger_phrase(pipeline):
    # the outcome («أسفر عن مقتل») widens the trigger; the place follows its head word
    loc = _place(pipeline, "دانت الحكومة الهجوم الصاروخي على معسكر التاجي شمالي بغداد مساء "
                           "الأربعاء، والذي أسفر عن مقتل جنديين.")
    assert loc is not None and loc.gazetteer_id == "site:taji"


def test_bearing_word_is_no_place(pipeline):
    doc = pipeline(Article(id="t", text="وقع انفجار في قضاء الطارمية شمالي بغداد.",
                           published="2024-02-06"))
    assert "شمالي" not in {m.text for m in doc.mentions}


def test_comma_and_new_verb_close_the_clause(pipeline):
    loc = _place(pipeline, "نفذت إسرائيل ضربات جوية على مواقع عسكرية في سوريا، وأكدت دمشق أن "
                           "دفاعاتها تصدت للهجوم.")
    assert loc is not None and loc.gazetteer_id == "country:SYR"


def test_next_clause_after_a_seizure_is_not_its_place(pipeline):
    loc = _place(pipeline, "استولت قوات بحرية تابعة للحوثيين على سفينة تجارية في خليج عدن "
                           "واقتادتها إلى ميناء الحديدة.")
    assert loc is not None and loc.gazetteer_id == "region:gulf-of-aden"


def test_listed_towns_give_their_country(pipeline):
    loc = _place(pipeline, "شنت طائرات أمريكية غارات على أهداف للحوثيين في مأرب وصنعاء والجوف.")
    assert loc is not None and loc.gazetteer_id == "country:YEM"


def test_listed_countries_give_no_place(pipeline):
    loc = _place(pipeline, "شنت الفصائل هجمات على القوات الأمريكية في العراق وسوريا.")
    assert loc is None


def test_a_town_named_like_a_foreign_one_takes_the_nationality(pipeline):
    loc = _place(pipeline, "قتل عشرات المدنيين في قرى الساحل السوري أمس.")
    assert loc is not None and loc.country == "SYR" and loc.precision == "country"


def test_one_country_per_nested_run(pipeline):
    loc = _place(pipeline, "انفجرت سيارة مفخخة في ساحة عدن بمدينة الكاظمية شمالي بغداد.")
    assert loc is not None and loc.country == "IRQ"


def test_recipient_country_of_an_attack(pipeline):
    loc = _place(pipeline, "شنت إسرائيل ضربات جوية ضد إيران فجر اليوم.")
    assert loc is not None and loc.gazetteer_id == "country:IRN"


def test_visited_capital_is_the_place_of_the_visit(pipeline):
    loc = _place(pipeline, "من المقرر أن يزور وزير الخارجية القطري طهران الأسبوع المقبل.",
                 "CONSULT")
    assert loc is not None and loc.name_en == "Tehran" and loc.precision == "city"


def test_purpose_phrase_is_no_place(pipeline):
    loc = _place(pipeline, "أعلن وزير الدفاع الأمريكي من البحرين تشكيل تحالف بحري لحماية "
                           "الملاحة في خليج عدن.", "COOPERATE")
    assert loc is not None and loc.gazetteer_id == "country:BHR"


def test_place_of_another_events_trigger_is_skipped(pipeline):
    loc = _place(pipeline, "أعلن الرئيس المصري في القاهرة مبادرة لوقف إطلاق النار في ليبيا، "
                           "ودعا إلى انسحاب المرتزقة.", "REQUEST")
    assert loc is not None and loc.name_en == "Cairo"


def test_content_of_an_agreement_has_its_own_place(pipeline):
    loc = _place(pipeline, "وقعت الولايات المتحدة وحركة طالبان في الدوحة اتفاقاً يمهد لانسحاب "
                           "القوات من أفغانستان.", "AGREE")
    assert loc is not None and loc.name_en == "Doha"


def test_meeting_after_the_request_is_its_setting(pipeline):
    loc = _place(pipeline, "دعا قيادي في الحرس الثوري الفصائل إلى تكثيف هجماتها، وذلك في اجتماع "
                           "عقد في بغداد الأسبوع الماضي.", "REQUEST")
    assert loc is not None and loc.name_en == "Baghdad"


def test_report_place_is_not_the_event_place(pipeline):
    loc = _place(pipeline, "جاءت المعارك وسط الصومال بعد أسبوعين، بحسب ما أعلنه وزير الإعلام في "
                           "مؤتمر صحفي بمقديشو.")
    assert loc is not None and loc.gazetteer_id == "country:SOM"


def test_bare_seat_name_is_the_city(pipeline):
    loc = _place(pipeline, "قتل خمسة في غارة إسرائيلية استهدفت منزلاً في خان يونس أمس.")
    assert loc is not None and loc.name_en == "Khān Yūnis" and loc.precision == "city"


def test_foreign_spelling_of_a_province_needs_its_country(pipeline):
    loc = _place(pipeline, "اندلعت اشتباكات في مخيم قرب صيدا أسفرت عن مقتل ثلاثة.")
    assert loc is not None and loc.country == "LBN" and loc.name_en == "Sidon"


def test_two_word_town_in_the_articles_country(pipeline):
    loc = _place(pipeline, "هاجم مسلحون كميناً للجيش المصري في بئر العبد أمس.")
    assert loc is not None and loc.country == "EGY" and loc.precision == "city"


def test_an_embassy_is_a_site(pipeline):
    loc = _place(pipeline, "تظاهر المئات قرب السفارة الأمريكية في بغداد مساء اليوم.", "PROTEST")
    assert loc is not None and loc.gazetteer_id == "site:us-embassy-baghdad"
    assert loc.precision == "site"


def test_small_seat_city_without_province_word(pipeline):
    loc = _place(pipeline, "قصفت طائرات إسرائيلية منزلاً في دير البلح فجر اليوم.")
    assert loc is not None and loc.precision == "city" and loc.country == "PSE"


def test_province_word_keeps_the_province(pipeline):
    loc = _place(pipeline, "قصفت طائرات إسرائيلية منزلاً في محافظة خان يونس فجر اليوم.")
    assert loc is not None and loc.precision == "province"


def test_coordinated_verb_shares_the_place_before_it(pipeline):
    loc = _place(pipeline, "احتشد مئات المحتجين قرب السفارة الأمريكية في بغداد، منددين بالقصف "
                           "الذي استهدف مستشفى في غزة، وطالبوا بطرد السفير.", "REQUEST")
    assert loc is not None and loc.gazetteer_id == "site:us-embassy-baghdad"


# --- issue 4, places round 2: conventions in tests/gold/README.md (Conventions → Places)

def test_a_baghdad_quarter_with_its_own_entry_beats_the_city(pipeline):
    loc = _place(pipeline, "انفجرت عبوة ناسفة في حي الكرادة وسط بغداد مساء أمس.")
    assert loc is not None and loc.name_en == "Karadah" and loc.precision == "district"


def test_a_bare_town_named_like_its_district_is_the_town(pipeline):
    # a small town (below the population a bare name needs) that a district vouches for
    loc = _place(pipeline, "قصفت طائرات مسيرة مقراً لحزب كردي معارض في كويسنجق بإقليم كردستان "
                           "فجر اليوم.")
    assert loc is not None and loc.precision == "city" and loc.name_en == "Koysinceq"


def test_the_district_word_keeps_the_district(pipeline):
    loc = _place(pipeline, "اعتقلت القوات الأمنية خمسة مطلوبين في قضاء الطارمية أمس.", "COERCE")
    assert loc is not None and loc.precision == "district" and loc.name_en == "Tarmiyah"


def test_shebaa_farms_is_a_place_of_its_own(pipeline):
    loc = _place(pipeline, "استهدف حزب الله بصواريخ موجهة موقعاً إسرائيلياً في مزارع شبعا "
                           "المحتلة صباح اليوم.")
    assert loc is not None and loc.gazetteer_id == "region:shebaa-farms"
    assert loc.lat is not None and 33.2 < loc.lat < 33.4


def test_the_gaza_envelope_is_in_israel_not_gaza(pipeline):
    loc = _place(pipeline, "أطلقت حركة الجهاد الإسلامي صواريخ على مستوطنات غلاف غزة فجر اليوم.")
    assert loc is not None and loc.gazetteer_id == "region:gaza-envelope"
    assert loc.country == "ISR"


def test_a_refugee_camp_near_a_city_is_the_camp(pipeline):
    loc = _place(pipeline, "قتل مسلح في اشتباك مسلح داخل مخيم عين الحلوة قرب صيدا أمس.")
    assert loc is not None and loc.gazetteer_id == "site:ain-al-hilweh-camp"


def test_an_agreement_is_where_it_applies_not_where_a_mediator_announced_it(pipeline):
    loc = _place(pipeline, "أعلن وزير الخارجية المصري في القاهرة مساء أمس توصل إسرائيل وحركة "
                           "حماس إلى اتفاق لوقف إطلاق النار في قطاع غزة.", "AGREE")
    assert loc is not None and loc.gazetteer_id == "region:gaza-strip"


def test_an_agreement_signed_in_a_city_stays_there(pipeline):
    loc = _place(pipeline, "وقعت الحكومة السودانية والحركات المسلحة في جوبا اليوم اتفاقاً يمهد "
                           "لانسحاب القوات من دارفور.", "AGREE")
    assert loc is not None and loc.name_en == "Juba"


def test_a_base_named_as_the_target_inside_the_airport(pipeline):
    loc = _place(pipeline, "قالت مصادر أمنية إن القصف الصاروخي على مطار بغداد الدولي ليلة أمس "
                           "استهدف قاعدة فيكتوريا.")
    assert loc is not None and loc.gazetteer_id == "site:victory-base"


def test_the_nationality_of_a_target_with_no_place_gives_the_country(pipeline):
    loc = _place(pipeline, "ردت الولايات المتحدة بغارات استهدفت مقرات تابعة لفصائل عراقية.")
    assert loc is not None and loc.gazetteer_id == "country:IRQ"


def test_positions_of_a_state_with_forces_abroad_give_no_country(pipeline):
    # US positions are in Iraq, Syria, Jordan…: the nationality does not locate the attack
    loc = _place(pipeline, "أطلقت الفصائل طائرات مسيرة على مواقع عسكرية أمريكية فجر اليوم.")
    assert loc is None or loc.country != "USA"


def test_the_same_base_points_back_to_the_base_named_before(pipeline):
    text = ("تعرضت قاعدة حرير الجوية شمال أربيل لهجوم بطائرة مسيرة فجر اليوم. وكانت القوات "
            "الأمريكية في القاعدة نفسها قد تعرضت الشهر الماضي لهجوم صاروخي.")
    doc = pipeline(Article(id="t", text=text, published="2024-02-06"))
    second = [e for e in doc.events if e.event_type == "ASSAULT"
              and e.evidence.start > text.index("وكانت") - 1]
    assert second and second[0].location is not None
    assert second[0].location.gazetteer_id == "site:harir"


def test_at_the_same_time_is_no_place(pipeline):
    text = ("سقطت قذيفة على مطار بغداد الدولي أمس. وفي الوقت نفسه انتقدت الحكومة "
            "الهجمات على البعثات الدبلوماسية.")
    doc = pipeline(Article(id="t", text=text, published="2024-02-06"))
    later = [e for e in doc.events if e.evidence.start >= text.index("وفي")]
    assert all(e.location is None or e.location.gazetteer_id != "site:baghdad-airport"
               for e in later)


def test_a_name_holds_no_purpose_phrase(pipeline):
    # «للدعم السريع» is the RSF, not «لدعم» (a purpose that would end the clause's places)
    assert _gid(pipeline, "شن الطيران الحربي غارات على مواقع للدعم السريع في مدينة نيالا.") \
        == "gn:369004"


def test_between_is_no_reporting_verb(pipeline):
    # «بين» after «اشتباكات» is "between", not «بيّن» ("explained"), which ends the clause
    loc = _place(pipeline, "اندلعت اشتباكات بين جهاز الردع وجهاز دعم الاستقرار في حي أبوسليم "
                           "جنوبي العاصمة طرابلس.")
    assert loc is not None and loc.name_en == "Tripoli" and loc.country == "LBY"


def test_follow_up_act_happens_where_the_lead_placed_it(pipeline):
    doc = pipeline(Article(id="t", published="2024-02-06", text=(
        "اندلعت اشتباكات عنيفة في مدينة الفلوجة مساء الاثنين. وأعلن وجهاء المنطقة التوصل إلى "
        "اتفاق لوقف إطلاق النار. ونفى المتحدث باسم الحكومة وقوع قتلى.")))
    agree = [e for e in doc.events if e.event_type == "AGREE"]
    assert agree and agree[0].location is not None and agree[0].location.name_en == "Al Fallūjah"
    # a statement is located only where the text says it was made
    assert all(e.location is None for e in doc.events if e.event_type == "REJECT")


def test_city_nisba_locates_a_quarter_in_that_city(pipeline):
    loc = _place(pipeline, "سقطت قذائف هاون أطلقتها فصائل المعارضة على حي باب توما الدمشقي.")
    assert loc is not None and loc.name_en == "Damascus"
    # a landmark named after a family is no city: «دوار النابلسي» in Gaza
    loc = _place(pipeline, "قُتل عشرون فلسطينياً في قصف استهدف دوار النابلسي في مدينة غزة.")
    assert loc is not None and loc.name_en == "Gaza"


def test_origin_of_a_deployment_is_not_its_place(pipeline):
    loc = _place(pipeline, "دفع الجيش بتعزيزات عسكرية من الحسكة والرقة إلى ريف دير الزور.",
                 "MOBILIZE")
    assert loc is not None and loc.name_en == "Deir ez-Zor"


def test_place_glued_to_an_attack_target_is_the_place(pipeline):
    loc = _place(pipeline, "تواصلت الاشتباكات في محيط القيادة العامة للجيش بالخرطوم.")
    assert loc is not None and loc.name_en == "Khartoum"


def test_a_small_town_set_against_a_known_place_is_a_place(pipeline):
    # no place word before the town: the bearing and a place of its own province (or one
    # within reach across the Green Line) vouch for it
    assert _gid(pipeline, "أصيب مستوطن في عملية إطلاق نار عند حاجز حوارة العسكري جنوب "
                          "نابلس مساء الجمعة.") in ("gn:283636", "gn:7870319")
    assert _gid(pipeline, "قُتل خمسة جنود بهجوم شنه مسلحون على حافلة عسكرية قرب القريتين "
                          "شرقي حمص.") == "gn:173361"


def test_a_homonym_takes_the_reading_of_its_province(pipeline):
    # «أريحا» is also Jericho; «بريف إدلب» says which
    assert _gid(pipeline, "قُتل ستة مدنيين في غارات جوية على سوق شعبي في أريحا بريف إدلب "
                          "الجنوبي صباح الإثنين.") == "gn:172994"


def test_a_town_across_a_border_line_stays_in_the_nested_run(pipeline):
    # Hizma is filed under Palestine, Jerusalem under Israel: five kilometres apart
    assert _gid(pipeline, "أصيب شاب برصاص قوات الاحتلال خلال مواجهات في بلدة حزما شمال شرق "
                          "القدس.") == "gn:283676"


def test_a_month_name_is_no_town(pipeline):
    # «آب» (August) is spelled like Ibb in Yemen once the hamza is normalised
    loc = _place(pipeline, "اعتصم العشرات أمام مبنى البلدية اليوم مطالبين بكشف نتائج التحقيق "
                           "في انفجار الرابع من آب.", "REQUEST")
    assert loc is None or loc.name_en != "Ibb"


def test_ordinary_words_behind_clitics_are_no_towns(pipeline):
    # «للمدينة» is "to the city" (not Medina); «الرصاص الحي» is live fire (not Al Hayy)
    doc = pipeline(Article(id="t", text="أطلقت قوات الأمن الرصاص الحي على المحتجين عند المدخل "
                                        "الشمالي للمدينة، ما أدى إلى مقتل ثلاثة.",
                           published="2024-02-06"))
    places = {m.place_id for m in doc.mentions if m.place_id}
    assert not places & {"gn:109223", "gn:99106", "gn:99350"}, places


def test_the_place_after_the_acts_folded_words(pipeline):
    # «قُتل … وأصيب … جراء سقوط قذائف»: one act; its place ends the folded phrase
    assert _gid(pipeline, "قُتل ثلاثة أشخاص، بينهم طفل، وأصيب تسعة آخرون، مساء السبت، جراء "
                          "سقوط قذائف على سوق شعبي في مدينة أم درمان.") == "gn:365137"
