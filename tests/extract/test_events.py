"""Events from single sentences: the rules of CODING.md, one at a time."""

from __future__ import annotations

import pytest

from marsad.model import Article


def _events(pipeline, text, published="2024-02-06"):
    return pipeline(Article(id="t", text=text, published=published)).events


def _one(pipeline, text, etype, **kw):
    evs = [e for e in _events(pipeline, text, **kw) if e.event_type == etype]
    assert evs, [(e.event_type, e.evidence.trigger) for e in _events(pipeline, text, **kw)]
    return evs[0]


def ids(entities):
    return [e.id for e in entities]


def test_svo_attack_with_place_date_and_mode(pipeline):
    ev = _one(pipeline, "استهدفت طائرة مسيرة قاعدة عين الأسد في الأنبار أمس.", "ASSAULT")
    assert "drone" in ev.mode
    assert ev.date.start == "2024-02-05" and ev.date.basis == "relative"
    assert ev.factuality == "asserted"


def test_verb_subject_object(pipeline):
    ev = _one(pipeline, "هاجمت كتائب حزب الله القوات الأمريكية في سوريا.", "ASSAULT")
    assert ids(ev.actor) == ["kataib-hezbollah"]
    assert ids(ev.recipient) == ["us-military"]


def test_threat_is_not_an_attack(pipeline):
    evs = _events(pipeline, "هددت عصائب أهل الحق بشن هجمات على القوات الأمريكية.")
    assert [e.event_type for e in evs] == ["THREATEN"]
    assert ids(evs[0].actor) == ["asaib-ahl-al-haq"]
    assert "violence" in evs[0].mode


def test_conditional_threat_keeps_its_condition(pipeline):
    ev = _one(pipeline, "لوحت كتائب حزب الله باستئناف الهجمات في حال فشلت المفاوضات.",
              "THREATEN")
    assert ev.factuality == "asserted"
    assert ev.condition and "فشلت المفاوضات" in ev.condition


def test_negated_attack(pipeline):
    ev = _one(pipeline, "قال مسؤول إن الفصائل لم تهاجم القاعدة.", "ASSAULT")
    assert ev.factuality == "negated"


def test_future_action(pipeline):
    ev = _one(pipeline, "أعلنت واشنطن أنها ستنسحب من العراق.", "RETREAT")
    assert ev.factuality == "future"


def test_reporter_is_attribution_not_actor(pipeline):
    ev = _one(pipeline, "نقلت وكالة رويترز عن مصادر أمنية أن مسلحين هاجموا نقطة تفتيش.",
              "ASSAULT")
    assert "reuters" not in ids(ev.actor)
    assert any((a.entity or {}).get("id") == "reuters" for a in ev.attribution)


def test_passive_attack_on_a_base(pipeline):
    ev = _one(pipeline, "تعرضت القوات الأمريكية لهجوم من طائرات مسيرة تابعة للميليشيات "
                        "الموالية لإيران.", "ASSAULT")
    assert ids(ev.recipient) == ["us-military"]
    assert ids(ev.actor) == ["iran-backed-factions-iraq"]
    assert "drone" in ev.mode


def test_background_event_is_historical(pipeline):
    ev = _one(pipeline, "تصاعد التوتر منذ اغتيال الولايات المتحدة للجنرال قاسم سليماني في "
                        "يناير/كانون الثاني عام 2020.", "ASSAULT", published="2021-05-24")
    assert ev.historical
    assert (ev.date.start, ev.date.precision) == ("2020-01-01", "month")


def test_person_acts_for_the_body_they_lead(pipeline):
    ev = _one(pipeline, "التقى رئيس الوزراء محمد شياع السوداني وزير الخارجية الإيراني في بغداد.",
              "CONSULT")
    assert (ev.actor and ev.actor[0].id in {"iraq", "iraq-government"}) or ev.actor[0].id
    assert ev.location and ev.location.name_en == "Baghdad"


def test_no_event_in_a_sports_report(pipeline):
    text = "فاز فريق الزوراء على الشرطة بهدفين في الدوري العراقي لكرة القدم."
    assert [e.event_type for e in _events(pipeline, text)] == []


def test_counts(pipeline):
    ev = _one(pipeline, "قتل 3 جنود وأصيب 5 آخرون في هجوم بعبوة ناسفة شمال بغداد.", "ASSAULT")
    assert "explosives" in ev.mode




def test_an_unknown_victim_name_is_kept_as_text(pipeline):
    ev = _one(pipeline, "اغتال مسلحون مجهولون الناشط سامر الحديدي أمام منزله في البصرة.",
              "ASSAULT")
    assert [e.text for e in ev.recipient] and "الحديدي" in ev.recipient[0].text
    assert ev.recipient[0].id is None


def test_a_verb_after_a_comma_takes_the_subject_that_follows_it(pipeline):
    """«…، وتوعدت الإمارات بالرد»: the company named in the first clause is not the actor."""
    ev = _one(pipeline, "قُتل ثلاثة أشخاص في انفجار قرب منشأة لشركة نفطية في أبوظبي، "
              "وتوعدت الإمارات بالرد على الحوثيين.", "THREATEN")
    assert ids(ev.actor) == ["united-arab-emirates"]
    ev = _one(pipeline, "قصفت المدفعية مواقع في الجنوب، فيما نفت الحكومة الإسرائيلية "
              "أي نية للتصعيد.", "REJECT")
    assert ids(ev.actor) == ["israel"]


def test_roles_stop_at_the_next_verbs_clause(pipeline):
    evs = [e for e in _events(pipeline, "أدانت وزارة الخارجية السورية الغارات الأمريكية، "
                              "ووصفتها بأنها اعتداء سافر، وطالبت بانسحاب القوات الأمريكية.")
           if e.event_type == "ACCUSE"]
    assert len(evs) == 1  # the same condemnation restated
    assert ids(evs[0].recipient) == ["united-states"]



def test_cues_work_in_any_sentence_of_an_article(pipeline):
    """Cue lists are matched per sentence: their positions must be the article's."""
    text = ("قال مسؤول عراقي إن الوضع هادئ في بغداد. "
            "ولوحت كتائب حزب الله باستئناف الهجمات على القوات الأمريكية في حال فشلت المفاوضات.")
    ev = _one(pipeline, text, "THREATEN")
    assert ev.condition and "فشلت المفاوضات" in ev.condition


def test_factuality_cues_read_in_context(pipeline):
    # «أن» is no «إن» (if): a reported request stays asserted
    ev = _one(pipeline, "ذكر مصدر أن قائداً إيرانياً طلب من الفصائل تكثيف الهجمات.", "REQUEST")
    assert ev.factuality == "asserted"
    # «لم يسفر الهجوم عن إصابات»: no casualties is not "no attack" (CODING.md rule 3)
    ev = _one(pipeline, "لم يسفر القصف الصاروخي الذي استهدف قاعدة عين الأسد عن إصابات.", "ASSAULT")
    assert ev.factuality == "asserted"
    ev = _one(pipeline, "وكانت القاعدة قد تعرضت لهجوم بطائرة مسيرة الأسبوع الماضي.", "ASSAULT")
    assert ev.factuality == "asserted"  # «قد» + perfect: it happened
    ev = _one(pipeline, "لم تقع هجمات على القوات الأمريكية منذ إعلان الهدنة.", "ASSAULT")
    assert ev.factuality == "negated"
    ev = _one(pipeline, "ومن المقرر أن يزور الوزير طهران الشهر المقبل.", "CONSULT")
    assert ev.factuality == "future"
    # an intention governs its clause beyond the next few words, up to a break or another act
    ev = _one(pipeline, "تعتزم نقابات المعلمين في محافظة درعا تنظيم إضراب ووقفة احتجاجية الأحد.",
              "PROTEST")
    assert ev.factuality == "future"
    ev = _one(pipeline, "قررت الحكومة، بعد اجتماع طارئ مساء أمس، قطع العلاقات مع إيران.",
              "SANCTION")
    assert ev.factuality == "asserted"


def test_a_threat_is_aimed_where_its_act_is(pipeline):
    evs = _events(pipeline, "لوحت كتائب سيد الشهداء، إحدى الميليشيات العراقية الموالية لإيران، "
                  "باستئناف الهجمات على القوات الأمريكية في حال فشلت المفاوضات.")
    assert [e.event_type for e in evs] == ["THREATEN"]  # the attacks are what is threatened
    assert ids(evs[0].actor) == ["kataib-sayyid-al-shuhada"]
    assert ids(evs[0].recipient) == ["us-military"]  # not the apposition




def test_a_conditions_participants_are_not_the_threats(pipeline):
    ev = _one(pipeline, "لوحت حركة حماس بقصف تل أبيب في حال لم ينسحب جنود الاحتلال من الأقصى.",
              "THREATEN")
    assert "soldiers" not in ids(ev.recipient)


def test_a_claim_makes_the_claimant_the_actor(pipeline):
    text = ("تعرضت قاعدة عين الأسد الجوية لهجوم بعدة صواريخ مساء السبت. "
            "وتبنت المقاومة الإسلامية في العراق الهجوم في بيان.")
    evs = [e for e in _events(pipeline, text) if e.event_type == "ASSAULT"]
    assert len(evs) == 1
    assert ids(evs[0].actor) == ["islamic-resistance-in-iraq"]
    assert "claimed_by" in [a.role for a in evs[0].attribution]



def test_a_crowd_protests_and_an_embassy_is_its_target(pipeline):
    ev = _one(pipeline, "تظاهر آلاف من أنصار الفصائل قرب السفارة الأمريكية في بغداد مساء اليوم.",
              "PROTEST")
    assert [e.text for e in ev.actor] == ["آلاف من أنصار الفصائل"] and ev.actor[0].id is None
    assert ids(ev.recipient) == ["united-states"]
    ev = _one(pipeline, "تظاهر آلاف اللبنانيين في بيروت اليوم.", "PROTEST")
    assert [e.text for e in ev.actor] == ["آلاف اللبنانيين"]
    ev = _one(pipeline, "خرج آلاف المتظاهرين في بغداد احتجاجاً على البطالة.", "PROTEST")
    assert [(e.id, e.text) for e in ev.actor] == [("protesters", "آلاف المتظاهرين")]


def test_an_unnamed_target_is_kept_as_text_but_a_place_is_no_target(pipeline):
    ev = _one(pipeline, "أطلق مسلحون النار على متسوقين في سوق شعبي وسط المدينة.", "ASSAULT")
    assert [(e.id, e.text) for e in ev.recipient] == [(None, "متسوقين")]
    ev = _one(pipeline, "قُتل سبعة أشخاص في هجوم بطائرة مسيّرة استهدف محطة الكهرباء الرئيسية في "
              "المدينة.", "ASSAULT")
    assert [e.text for e in ev.recipient] == ["محطة الكهرباء الرئيسية"]
    ev = _one(pipeline, "شنت الطائرات الإسرائيلية غارات على مناطق في جنوب لبنان.", "ASSAULT")
    assert ev.recipient == []


def test_who_was_arrested_or_freed_is_the_recipient_when_counted(pipeline):
    ev = _one(pipeline, "اعتقلت قوات الأمن أربعة مشتبه بهم في مدينة الموصل أمس.", "COERCE")
    assert [(e.id, e.text) for e in ev.recipient] == [(None, "أربعة مشتبه بهم")]
    ev = _one(pipeline, "أفرج الحوثيون، مساء أمس، عن عدد من الصيادين في الحديدة.", "RETREAT")
    assert [e.text for e in ev.recipient] == ["عدد من الصيادين"]
    ev = _one(pipeline, "أوقفت قوات حرس الحدود شحنة أسلحة مهربة قرب المعبر.", "COERCE")
    assert ev.recipient == []  # goods, not people


def test_the_unnamed_dead_are_the_recipient_when_the_text_says_who_they_were(pipeline):
    ev = _one(pipeline, "قُتل ثلاثة سياح أجانب بانفجار لغم قرب تدمر.", "ASSAULT")
    assert [(e.id, e.text) for e in ev.recipient] == [(None, "ثلاثة سياح أجانب")]
    ev = _one(pipeline, "قُتل 12 شخصاً في انفجار سيارة مفخخة وسط المدينة.", "ASSAULT")
    assert ev.recipient == []  # «شخصاً» says nobody
    ev = _one(pipeline, "أسفر القصف عن مقتل ستة عناصر من الشرطة العراقية.", "ASSAULT")
    assert [e.text for e in ev.recipient] == ["الشرطة العراقية"]  # the body they belong to


def test_a_weapon_subject_gives_its_owner_and_an_afternoon_is_no_new_event(pipeline):
    evs = [e for e in _events(pipeline, "استهدفت مسيّرة تركية، بعد ظهر اليوم، سيارة في ريف "
                              "القامشلي، ما أدى إلى مقتل شخصين.") if e.event_type == "ASSAULT"]
    assert [ids(e.actor) for e in evs] == [["turkish-armed-forces"]]
    assert ids(evs[0].recipient) != ["turkey"]


def test_a_battle_before_a_capture_was_fought_by_the_captor(pipeline):
    ev = _one(pipeline, "أعلنت قوات الدعم السريع، الأحد، سيطرتها على مدينة الفولة بعد معارك "
              "استمرت ثلاثة أيام.", "ASSAULT")
    assert ids(ev.actor) == ["rapid-support-forces"]
    ev = _one(pipeline, "سيطرت هيئة تحرير الشام على مدينة حماة بعد هجوم خاطف على قوات النظام.",
              "ASSAULT")
    assert ids(ev.actor) == ["hayat-tahrir-al-sham"]  # «خاطف» is lightning, no kidnapper
    ev = _one(pipeline, "جاء تحرير مدينة جوهر من قبضة حركة الشباب بعد معارك استمرت أسبوعاً.",
              "ASSAULT")
    assert ev.actor == []  # the group lost the town


def test_a_clause_opened_after_a_comma_has_its_own_roles(pipeline):
    evs = [e for e in _events(pipeline, "حاصر مسلحون من حركة الشباب فندقاً في مقديشو، فيما تخوض "
                              "قوات الأمن الصومالية اشتباكات معهم لإنهاء الحصار.")
           if e.event_type == "ASSAULT"]
    assert [ids(e.actor) for e in evs] == [["al-shabaab"], ["security-forces-som"]]
    assert ids(evs[0].recipient) != ["security-forces-som"]
    assert ids(evs[1].recipient) == ["al-shabaab"]  # «معهم»


def test_an_act_named_only_by_an_accusation_keeps_its_actor_and_names_the_accuser(pipeline):
    ev = _one(pipeline, "اتهمت الأمم المتحدة قوات الدعم السريع بقتل أكثر من 120 مدنياً في قرى "
              "بولاية الجزيرة.", "ASSAULT")
    assert ev.actor == []  # CODING.md rule 8: the accusation does not make it so
    assert [(a.role, a.text) for a in ev.attribution] == [("accused_by", "الأمم المتحدة")]


# Roles from clause structure: (sentence, type, actor ids, recipient ids).
ROLE_CASES = [
    # «و» that begins a name is no conjunction
    ("دعا رئيس الوزراء العراقي عادل عبد المهدي واشنطن إلى احترام السيادة.", "REQUEST",
     ["iraq"], ["united-states"]),
    # agents serving a named group are that group
    ("استولت قوات بحرية تابعة لجماعة الحوثي على سفينة شحن في البحر الأحمر.", "ASSAULT",
     ["houthis"], None),
    ("هاجم مسلحون من تنظيم ولاية سيناء كميناً للجيش المصري.", "ASSAULT", ["is-sinai"], None),
    # a coordinated verb keeps its clause's subject; a preposition ties a name to its head noun
    ("أعلنت بعض الفصائل العراقية المسلحة المدعومة من إيران انتهاء الهدنة، "
     "وهدّدت بشنّ هجمات تستهدف القوافل العسكرية.", "THREATEN",
     ["iran-backed-factions-iraq"], None),
    ("توعد الأمين العام لعصائب أهل الحق قيس الخزعلي القوات الأمريكية بالرد.", "THREATEN",
     ["asaib-ahl-al-haq"], ["us-military"]),
    ("ردت الولايات المتحدة بضربات استهدفت مواقع تابعة لميليشيات عراقية.", "ASSAULT",
     ["us-military"], None),
    # unqualified state agents: the country of the event, or the one named before
    ("اعتقلت قوات الأمن ثلاثة مطلوبين في مدينة الموصل أمس.", "COERCE",
     ["iraqi-security-forces"], None),
    ("قال الجيش الإسرائيلي إنه رصد إطلاق صواريخ من جنوب لبنان. "
     "وقصف الجيش منصات الإطلاق في بلدة الخيام.", "ASSAULT", ["idf"], None),
    # an unnamed object of one state
    ("هاجمت الفصائل بالصواريخ المصالح الأمريكية في بغداد أمس.", "ASSAULT", None,
     ["united-states"]),
    # support verbs of completion and signature; denials answer the accuser, not the denied act
    ("أكملت الولايات المتحدة انسحاب قواتها من أفغانستان.", "RETREAT", ["us-military"], None),
    ("وقعت الولايات المتحدة وحركة طالبان في الدوحة اتفاقاً للسلام.", "AGREE", ["united-states"],
     ["taliban"]),
    ("نفى الجيش اللبناني وقوع أي اشتباك مع قوات اليونيفيل في بلدة العاقبية.", "REJECT",
     ["lebanon"], []),  # the army speaks for the state
    # what a state deploys is its own: the Pentagon mobilises the military, not warships
    ("يدرس البنتاغون نشر سفن حربية إضافية في شرق المتوسط.", "MOBILIZE", ["us-military"],
     []),
    # an assassination's genitive actor and its object; a title before the victim's name
    ("أدانت الرئاسة اغتيال إسرائيل لرئيس المكتب السياسي لحركة حماس إسماعيل هنية في طهران.",
     "ASSAULT", ["idf"], ["ismail-haniyeh"]),
    ("بدأت المحكمة النطق بالحكم في قضية اغتيال رئيس الوزراء الأسبق رفيق الحريري.", "ASSAULT",
     None, ["rafik-hariri"]),
    # who survived was the target; who holds a target is hit
    ("نجا رئيس الوزراء العراقي مصطفى الكاظمي من محاولة اغتيال بطائرات مسيّرة.", "ASSAULT",
     [], ["mustafa-al-kadhimi"]),
    ("شنت الولايات المتحدة غارات جوية على أكثر من 60 هدفاً يستخدمها الحوثيون في اليمن.",
     "ASSAULT", ["us-military"], ["houthis"]),
    # a state's military targets are its forces
    ("قصف حزب الله بقذائف الهاون ثلاثة مواقع إسرائيلية في مزارع شبعا.", "ASSAULT",
     ["hezbollah"], ["idf"]),
    ("نفذت إسرائيل فجر اليوم ضربات جوية على منشآت عسكرية في إيران.", "ASSAULT", ["idf"],
     ["iranian-armed-forces"]),
    # the two sides of a clash after «بين», the second one unnamed
    ("اندلعت اشتباكات عنيفة ليل السبت في طرابلس بين جهاز الردع وكتيبة موالية للحكومة.",
     "ASSAULT", ["radaa-force"], [None]),
    ("اختطف مسلحون مجهولون الناشطة سارة العبيدي من أمام منزلها في بغداد.", "ASSAULT",
     ["gunmen"], None),
    # a definite head noun alone is the named group whose name starts with it
    ("هددت كتائب حزب الله باستئناف هجماتها. وكانت الكتائب قد أعلنت تعليق عملياتها ضد القوات "
     "الأمريكية.", "CONCEDE", ["kataib-hezbollah"], ["us-military"]),
    # sanctions «على ستة من قادة X»: the partitive still aims at X
    ("فرضت وزارة الخزانة الأمريكية عقوبات على ستة من قادة كتائب حزب الله.", "SANCTION",
     ["united-states"], ["kataib-hezbollah"]),
    # a denial answers the accuser of its sentence
    ("نفت وزارة الخارجية الإيرانية أي صلة لطهران بالهجمات، رداً على اتهامات وجهها وزير الدفاع "
     "الأمريكي.", "REJECT", ["iran"], ["united-states"]),
    # the accused is the subject of the accusation's content
    ("ونفى المبعوث الإيراني هذا الشهر الاتهامات الأمريكية بأن طهران دعمت الهجمات على القوات "
     "الأمريكية.", "ACCUSE", ["united-states"], ["iran"]),
    # fire «باتجاه إسرائيل» is aimed at Israel
    ("أطلقت جماعة الحوثي صواريخ باليستية باتجاه إسرائيل فجر اليوم.", "ASSAULT",
     ["houthis"], ["israel"]),
    # counted people of one nationality are its civilians
    ("قُتل أكثر من 100 فلسطيني وأصيب المئات صباح اليوم في غزة.", "ASSAULT", [], ["civilians"]),
    # a vow to retaliate targets the attacker
    ("قُتل ثلاثة أشخاص بعد هجوم بطائرات مسيّرة تبناه الحوثيون، "
     "وتوعدت الإمارات بالرد على هذه الجريمة.", "THREATEN", ["united-arab-emirates"], ["houthis"]),
    # with no target named, the killed and wounded are who was hit
    ("سقطت قذائف هاون على حي سكني في الموصل أمس، ما أدى إلى مقتل أربعة مدنيين.", "ASSAULT",
     [], ["civilians"]),
    ("قُتل 13 جندياً أمريكياً في تفجير قرب مطار كابول.", "ASSAULT", [], ["us-military"]),
    # whose fire killed is the attacker; «استشهد/أصيب» by fire is an attack on its subject
    ("قُتلت الصحفية برصاص قوات الاحتلال الإسرائيلي في جنين.", "ASSAULT", ["idf"], None),
    ("استشهد شاب بنيران الجيش الإسرائيلي قرب نابلس فجر اليوم.", "ASSAULT", ["idf"], [None]),
    # a plural participle after a comma has the main clause's subject
    ("تظاهر مئات العمال أمام مقر الشركة في البصرة، مطالبين بصرف رواتبهم المتأخرة.", "REQUEST",
     ["workers"], None),
    # a hollow verb's passive is spelt apart («اغتيل», not «اغتال»): its subject was hit
    ("اغتيل قائد في حركة فتح داخل مخيم عين الحلوة فجر اليوم.", "ASSAULT", [], ["fatah"]),
    ("أصيب ثلاثة جنود عراقيين بقذيفة هاون سقطت على موقعهم.", "ASSAULT", [],
     ["iraqi-armed-forces"]),
    # an armed agent word with a possessive pronoun is the force of the name before it (a
    # state's forces are its army; a person is never «ها»)
    ("أعلنت القيادة المركزية الأمريكية أن قواتها قتلت قيادياً في تنظيم داعش قرب الباب.",
     "ASSAULT", ["us-military"], ["islamic-state"]),
    ("أعلنت وزارة الدفاع التركية تحييد مسلحين بغارات جوية شنتها مقاتلاتها على مواقع في الزاب.",
     "ASSAULT", ["turkish-armed-forces"], None),
    ("قال رئيس الوزراء محمد شياع السوداني إن الإدارة الأمريكية ستتخذ قراراً بالرد على الهجمات "
     "ضد قواتها.", "ASSAULT", [], ["us-military"]),
    # who announces the death of one of its own did not cause it; a later word's nationality
    ("أعلن حزب الله مقتل أمينه العام حسن نصر الله في الغارات الإسرائيلية على الضاحية.",
     "ASSAULT", ["idf"], None),
    # a partner after «مع» is no genitive actor; the name right before «لـ» + the noun acts
    ("ورحبت وزارة الخارجية السورية بالعملية، مؤكدة استعداد دمشق للتعاون مع واشنطن في مكافحة "
     "الإرهاب.", "COOPERATE", ["syria"], ["united-states"]),
    # compound targets: a person's title between «و» and his name; a name joined to the target
    ("أحيا آلاف العراقيين الذكرى الأولى لاغتيال الولايات المتحدة قائد فيلق القدس قاسم سليماني "
     "ونائب رئيس هيئة الحشد الشعبي أبو مهدي المهندس.", "ASSAULT", ["us-military"],
     ["qasem-soleimani", "abu-mahdi-al-muhandis"]),
    ("شنت القوات الأمريكية غارات جوية على أكثر من 85 هدفاً لفصائل مسلحة موالية لإيران والحرس "
     "الثوري في العراق.", "ASSAULT", ["us-military"], ["iran-backed-factions-iraq", "irgc"]),
    # a pronoun after «مع/على» or on «إيّا» is the name before the event that is not its actor
    ("اتهم حزب الله إسرائيل بالمسؤولية عن العدوان، متوعداً إياها بالرد.", "THREATEN",
     ["hezbollah"], ["israel"]),
    # the actor named twice (title, then name) is not its own object
    ("توعد المرشد الإيراني علي خامنئي إسرائيل بأنها ستندم.", "THREATEN", ["iran"], ["israel"]),
    # a call's partner in «بـ», not the nationality of his title
    ("أجرى ولي العهد السعودي محمد بن سلمان اتصالاً هاتفياً بالرئيس الإيراني إبراهيم رئيسي.",
     "CONSULT", ["saudi-arabia"], ["iran"]),
    # «الجانبان», «بين الطرفين»: the two parties the article named last
    ("التقى الرئيس المصري عبد الفتاح السيسي في القاهرة أمس رئيس الوزراء العراقي محمد شياع "
     "السوداني. وقال بيان رئاسي إن الجانبين اتفقا على تعزيز التعاون الأمني.", "AGREE",
     ["egypt"], ["iraq"]),
    ("وقّع الجيش السوداني وقوات الدعم السريع في جدة أمس اتفاقاً لوقف إطلاق النار. لكن تواصلت "
     "اليوم الاشتباكات بين الطرفين في الخرطوم.", "ASSAULT",
     ["sudanese-armed-forces"], ["rapid-support-forces"]),
    # a relative support verb with «إليها», and its compound subject
    ("أعلن الوسطاء أن الهدنة التي توصل إليها الجيش السوداني وقوات الدعم السريع دخلت حيز "
     "التنفيذ.", "AGREE", ["sudanese-armed-forces"], ["rapid-support-forces"]),
    # a call held by the clause subject
    ("وبحث وزير الخارجية السعودي فيصل بن فرحان في اتصال هاتفي مع نظيره الإيراني عباس عراقجي "
     "التطورات في المنطقة.", "CONSULT", ["saudi-arabia"], ["iran"]),
    # deaths of its own counted by the announcer; «المشتبه» (with the article) has no pronoun
    ("أعلن الجيش الباكستاني مقتل ثلاثة من جنوده في هجوم شنه مسلحون على نقطة تفتيش في "
     "وزيرستان.", "ASSAULT", ["gunmen"], ["army-pak"]),
    ("وأعلنت وزارة الداخلية العراقية توقيف عدد من المشتبه بهم.", "COERCE", ["iraq"], None),
    # «منذ» opening a period is no new event between a support verb and its act
    ("نفذ الجيش العراقي منذ مطلع آذار الجاري 14 ضربة جوية على أوكار التنظيم في صحراء الأنبار.",
     "ASSAULT", ["iraqi-army"], None),
    # «، وهو ما نفته X»: a clause of its own, whose subject follows the verb (no apposition)
    ("اتهمت واشنطن الجماعة بمهاجمة السفن التجارية، وهو ما نفته الخارجية الإيرانية.", "REJECT",
     ["iran"], None),
    ("حمّلت أنقرة الوحدات الكردية مسؤولية التفجير، وهو ما نفته قسد في بيان.", "REJECT",
     ["sdf"], None),
    # the dead counted by their nationality are who an attack on no named target hit
    ("قصفت طائرات حربية قرية في ريف إدلب، ما أسفر عن مقتل خمسة سوريين بينهم طفلان.", "ASSAULT",
     None, ["civilians"]),
    # «، داعياً X»: a participle's subject is the main clause's, X is its object (also with
    # compound subjects and a short country name after «و»); after reported words, the speaker
    ("أدان الاتحاد الأوروبي الهجوم على القافلة، داعياً الحكومة السودانية إلى حماية المدنيين.",
     "REQUEST", ["european-union"], ["sudan"]),
    ("أعلنت البحرين ومصر تعليق الرحلات الجوية إلى قطر، متهمة الدوحة بدعم جماعات متطرفة.",
     "ACCUSE", ["bahrain", "egypt"], ["qatar"]),
    ("قالت منظمة العفو الدولية إن عشرات المدنيين قُتلوا في القرية، محمّلة قوات الدعم السريع "
     "المسؤولية.", "ACCUSE", ["amnesty-international"], ["rapid-support-forces"]),
    # a partner after «مع» is no subject
    ("أوضح البيان أن الوزير ناقش مع المبعوث الأممي سبل التهدئة.", "CONSULT", ["minister"],
     ["envoy"]),
    # a person the knowledge base lacks, after a national title, acts for the state
    ("حذّر وزير الخارجية الإيراني كاظم رستمي من رد قاس على أي اعتداء.", "THREATEN", ["iran"],
     None),
    # bombers after the bombing struck; a time may stand before the target
    ("استهدف تفجيران انتحاريان صباح الثلاثاء مقر السفارة الإيرانية في بيروت.", "ASSAULT",
     ["suicide-bomber"], ["iran"]),
    ("قُتل 23 شخصاً في تفجيرين انتحاريين استهدفا صباح الثلاثاء مقر السفارة الإيرانية في بيروت.",
     "ASSAULT", None, ["iran"]),
    # the outcome of an act no event word names is done by its armed subject; the wounded
    # are no attacker
    ("ألقت مروحيات تابعة للجيش السوداني براميل متفجرة على سوق في مدينة نيالا، ما أدى إلى مقتل "
     "12 مدنياً.", "ASSAULT", ["sudanese-armed-forces"], ["civilians"]),
    ("أصيب سبعة جنود إسرائيليين صباح أمس جراء انفجار عبوة ناسفة بآلية عسكرية عند مدخل مدينة "
     "جنين.", "ASSAULT", [], None),
]


@pytest.mark.parametrize(("text", "etype", "actor", "recipient"), ROLE_CASES)
def test_roles(pipeline, text, etype, actor, recipient):
    ev = _one(pipeline, text, etype)
    if actor is not None:
        assert ids(ev.actor) == actor
    if recipient is not None:
        assert ids(ev.recipient) == recipient


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("قُتل جنديان سوريان وأصيب خمسة آخرون بانفجار عبوة ناسفة في ريف دمشق.", 2, 5),
    ("أسفر الهجوم عن مقتل ثلاثة عشر شخصاً وإصابة خمسة وعشرين آخرين في بغداد.", 13, 25),
    ("انفجرت سيارة مفخخة في الموصل ما أدى إلى سقوط 12 قتيلا و40 جريحا.", 12, 40),
    ("أسفر القصف الإسرائيلي على غزة عن سقوط العشرات بين قتيل وجريح.", None, None),
])
def test_casualties_in_words_and_digits(pipeline, text, killed, injured):
    ev = _one(pipeline, text, "ASSAULT")
    assert (ev.fatalities, ev.injured) == (killed, injured)


def test_no_casualties_is_zero_and_an_assassination_kills_its_targets(pipeline):
    ev = _one(pipeline, "تحطمت طائرة مسيّرة قرب قاعدة عين الأسد مساء الأربعاء، من دون وقوع خسائر.",
              "ASSAULT")
    assert (ev.fatalities, ev.injured) == (0, 0)
    ev = _one(pipeline, "سقطت صواريخ على قاعدة عين الأسد، من دون ورود معلومات عن إصابات.",
              "ASSAULT")
    assert (ev.fatalities, ev.injured) == (None, None)  # nothing known is not none
    ev = _one(pipeline, "اغتال مسلحون الناشط سامر الحديدي أمام منزله في البصرة.", "ASSAULT")
    assert ev.fatalities == 1
    ev = _one(pipeline, "اغتالت الولايات المتحدة قاسم سليماني وأبو مهدي المهندس قرب مطار بغداد.",
              "ASSAULT")
    assert ev.fatalities == 2  # each of the people it targeted
    ev = _one(pipeline, "نجا الكاظمي من محاولة اغتيال بطائرات مسيّرة.", "ASSAULT")
    assert ev.fatalities is None


def test_a_counted_campaign_is_an_aggregate_with_its_count(pipeline):
    ev = _one(pipeline, "شنت الفصائل أكثر من 40 هجوماً على القوات الأمريكية منذ أكتوبر.",
              "ASSAULT")
    assert ev.aggregate and ev.count == 40
    ev = _one(pipeline, "هاجمت الفصائل قاعدة عين الأسد بثلاثة صواريخ أمس.", "ASSAULT")
    assert not ev.aggregate and ev.count is None  # three rockets are one attack


@pytest.mark.parametrize(("text", "recipient"), [
    ("حذر الرئيس الأمريكي من أن الولايات المتحدة ستضرب 52 موقعاً إيرانياً إذا هاجمت طهران "
     "أي أمريكيين.", ["iran"]),
    ("لوّحت الحركة بقصف تل أبيب في حال استمر الحصار.", ["israel"]),
])
def test_a_threat_against_the_sites_or_cities_of_a_state_threatens_it(pipeline, text,
                                                                     recipient):
    assert ids(_one(pipeline, text, "THREATEN").recipient) == recipient


def test_interception_is_the_launchers_attack(pipeline):
    # CODING.md rule 4: who launched the missile attacked; who stopped it was attacked
    ev = _one(pipeline, "اعترضت الدفاعات الجوية السعودية صاروخاً باليستياً أطلقه الحوثيون "
                        "باتجاه جازان.", "ASSAULT")
    assert ids(ev.actor) == ["houthis"] and ids(ev.recipient) == ["saudi-armed-forces"]
    # … or what it flew at, when that is named
    ev = _one(pipeline, "أسقطت مدمرات أمريكية مساء الثلاثاء 18 طائرة مسيّرة أطلقها الحوثيون "
                        "باتجاه السفن التجارية.", "ASSAULT")
    assert ids(ev.actor) == ["houthis"] and ids(ev.recipient) == ["merchant-ships"]
    # the attack noun's nationality is the attacker («لعدوان جوي إسرائيلي»)
    ev = _one(pipeline, "تصدت الدفاعات الجوية السورية لعدوان جوي إسرائيلي استهدف محيط "
                        "دمشق.", "ASSAULT")
    assert ids(ev.actor) == ["idf"]


def test_shooting_down_a_states_drone_is_no_interception(pipeline):
    ev = _one(pipeline, "أسقطت طهران طائرة مسيّرة أمريكية فوق مضيق هرمز.", "ASSAULT")
    assert ids(ev.actor) == ["iranian-armed-forces"] and ids(ev.recipient) == ["us-military"]


def test_an_army_statement_is_the_states(pipeline):
    # tests/gold/sentences/README.md, Actors: statements, threats and accusations → the state
    ev = _one(pipeline, "نفى الجيش الإسرائيلي أي علاقة له بالانفجار.", "REJECT")
    assert ids(ev.actor) == ["israel"]
    ev = _one(pipeline, "قصف الجيش الإسرائيلي مواقع في جنوب لبنان.", "ASSAULT")
    assert ids(ev.actor) == ["idf"]


def test_welcome_or_rejection_of_a_decision_answers_who_took_it(pipeline):
    evs = _events(pipeline, "فرض مجلس الأمن الدولي عقوبات على ستة من قادة شبكات التهريب في "
                            "ليبيا. ورحبت حكومة الوفاق الوطني بالقرار.")
    support = next(e for e in evs if e.event_type == "SUPPORT")
    assert ids(support.recipient) == ["un-security-council"]
    # a welcome of another state's strike answers the state
    evs = _events(pipeline, "نفذت القوات الأمريكية ضربة جوية في سوريا. ورحبت وزارة الخارجية "
                            "السورية بالعملية.")
    support = next(e for e in evs if e.event_type == "SUPPORT")
    assert ids(support.recipient) == ["united-states"]


def test_host_and_visitor_across_place_and_day(pipeline):
    ev = _one(pipeline, "استقبل رئيس المجلس الرئاسي الليبي محمد المنفي في طرابلس، الأحد، "
                        "المبعوث الأممي عبد الله باتيلي.", "CONSULT")
    assert ids(ev.actor) == ["libya-presidential-council"] and ids(ev.recipient) == ["unsmil"]


def test_supply_named_in_an_accusation_is_the_accuseds(pipeline):
    evs = _events(pipeline, "اتهمت حكومة الوفاق الوطني الليبية دولة الإمارات بتزويد قوات خليفة "
                            "حفتر بطائرات مسيّرة.")
    aid = next(e for e in evs if e.event_type == "AID")
    assert ids(aid.actor) == ["united-arab-emirates"]
    assert ids(aid.recipient) == ["libyan-national-army"]  # whom one arms: the genitive


def test_who_is_designated_is_the_nouns_genitive(pipeline):
    ev = _one(pipeline, "أعادت الإدارة الأمريكية تصنيف جماعة الحوثي منظمة إرهابية.", "SANCTION")
    assert ids(ev.actor) == ["united-states"] and ids(ev.recipient) == ["houthis"]


def test_support_verb_after_the_act_names_its_actor(pipeline):
    # «في قصف نفذته X», past an aside listing the dead
    evs = _events(pipeline, "قُتل خمسة مدنيين، بينهم طفلان، في قصف مدفعي نفذته قوات الدعم "
                            "السريع على سوق في الأبيض.")
    assert [e.event_type for e in evs] == ["ASSAULT"]
    assert ids(evs[0].actor) == ["rapid-support-forces"] and evs[0].fatalities == 5
    # the nationality of an unnamed subject («طائرة مسيّرة أمريكية»), never also the target
    ev = _one(pipeline, "رحب البيت الأبيض بمقتل قيادي في تنظيم القاعدة في ضربة نفذتها طائرة "
                        "مسيّرة أمريكية في إدلب.", "ASSAULT")
    assert ids(ev.actor) == ["us-military"] and "us-military" not in ids(ev.recipient)


def test_a_name_after_a_target_noun_owns_the_target(pipeline):
    ev = _one(pipeline, "نفت أنقرة مسؤوليتها عن قصف مقار أحزاب كردية في السليمانية.", "ASSAULT")
    assert ids(ev.actor) == [] and ids(ev.recipient) == ["political-parties"]


def test_surname_alone_is_the_person_named_before(pipeline):
    evs = _events(pipeline, "وصل رئيس إقليم كردستان نيجيرفان بارزاني إلى طهران أمس. والتقى "
                            "بارزاني الرئيس الإيراني في القصر الرئاسي.")
    meeting = next(e for e in evs if e.event_type == "CONSULT")
    assert ids(meeting.actor) == ["kurdistan-region-presidency"]
    assert ids(meeting.recipient) == ["iran"]


def test_reporting_verb_with_the_conjunction(pipeline):
    # «وقال» is «قال»: its subject reports, and does not act
    ev = _one(pipeline, "أطلقت جماعة الحوثي صاروخاً على إيلات، وقال الجيش الإسرائيلي إن "
                        "الصاروخ سقط في منطقة مفتوحة.", "ASSAULT")
    assert ids(ev.actor) == ["houthis"] and "idf" not in ids(ev.recipient)


def test_a_title_naming_a_body_joins_two_signatories(pipeline):
    ev = _one(pipeline, "وقّع قاسم الأعرجي وأمين المجلس الأعلى للأمن القومي الإيراني علي أكبر "
              "أحمديان اتفاقاً أمنياً في طهران.", "AGREE")
    assert ids(ev.actor) == ["iraq"] and [e.text for e in ev.recipient] == ["علي أكبر أحمديان"]


def test_a_league_summit_is_no_meeting(pipeline):
    evs = _events(pipeline, "حسم نادي الزمالك قمة الدوري المصري أمام الأهلي بهدفين نظيفين.")
    assert not [e for e in evs if e.event_type == "CONSULT"]


def test_an_unqualified_agent_is_the_body_of_the_events_country(pipeline):
    ev = _one(pipeline, "أوقفت قوات حرس الحدود العراقية شحنة أسلحة مهربة قرب منفذ القائم.",
              "COERCE")
    assert ids(ev.actor) == ["iraq-border-guard"]  # the knowledge base's own body
    ev = _one(pipeline, "قتلت قوات الأمن ثلاثة مسلحين في اشتباك بمدينة بيشاور الباكستانية.",
              "ASSAULT")
    # no such body in the knowledge base: the agent word of that country
    assert ids(ev.actor) == ["security-forces-pak"] and ev.actor[0].country == "PAK"


def test_members_of_a_second_party_and_fire_that_is_another_words(pipeline):
    evs = _events(pipeline, "أعادت السلطات فتح المعبر الحدودي، إثر تبادل لإطلاق النار بين قوات "
                  "الأمن الأفغانية وعناصر من حركة طالبان باكستان.")
    assert [e.evidence.trigger for e in evs] == ["لإطلاق النار"]  # not «فتح … النار»
    assert [e.text for e in evs[0].actor + evs[0].recipient] == [
        "قوات الأمن الأفغانية", "حركة طالبان باكستان"]
