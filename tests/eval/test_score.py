from marsad.eval.score import entities_match, score


def _ev(aid, etype, actor=None, recipient=None, **kw):
    return {"article_id": aid, "event_type": etype, "actor": actor or [],
            "recipient": recipient or [], **kw}


def test_detection_and_core_tuple():
    gold = [_ev("a", "ASSAULT", [{"id": "us-military"}], [{"id": "kataib-hezbollah"}],
                date={"start": "2024-01-02", "end": "2024-01-02"}, factuality="asserted"),
            _ev("a", "THREATEN", [{"id": "kataib-hezbollah"}]),
            _ev("b", None)]
    pred = [_ev("a", "ASSAULT", [{"id": "us-military", "text": "x"}], [{"id": "iran"}],
                date={"start": "2024-01-02", "end": "2024-01-02"}, factuality="asserted"),
            _ev("b", "PROTEST"),
            _ev("c", "ASSAULT")]  # article c is not in the gold: not scored
    rep = score(gold, pred)
    assert (rep.detection.tp, rep.detection.gold, rep.detection.pred) == (1, 2, 2)
    assert rep.core.tp == 0  # wrong recipient
    assert rep.date.value == 1.0 and rep.factuality.value == 1.0
    assert len(rep.missed) == 1 and rep.missed[0]["event_type"] == "THREATEN"
    assert rep.spurious[0]["article_id"] == "b"


def test_entities_match_by_id_or_text():
    assert entities_match([{"id": "irgc"}], [{"id": "irgc", "text": "الحرس"}])
    gunmen = [{"id": None, "text": "مسلحون مجهولون"}]
    assert entities_match([{"id": None, "text": "مسلحون"}], gunmen)
    assert not entities_match([{"id": "irgc"}], [])
    assert entities_match([], [])
    assert not entities_match([], [{"id": "x"}])


def test_a_branch_of_the_gold_actor_counts_with_a_knowledge_base():
    from marsad.kb import get_kb

    kb = get_kb()
    gold = [{"id": "idf", "text": "الجيش الإسرائيلي"}]
    air_force = [{"id": "israeli-air-force", "text": "الطيران الحربي الإسرائيلي"}]
    assert entities_match(gold, air_force, kb)
    assert not entities_match(gold, air_force)  # without the KB only the id counts
    # the parent for a branch is no match, nor a member for a generic grouping
    assert not entities_match([{"id": "israeli-air-force"}], [{"id": "idf"}], kb)
    assert not entities_match([{"id": "iran-backed-factions-iraq"}],
                              [{"id": "kataib-hezbollah"}], kb)


def test_an_unqualified_agent_in_the_gold_is_matched_by_its_body_in_one_country():
    from marsad.kb import get_kb

    kb = get_kb()
    gold = [{"id": "security-forces", "text": "قوات الأمن"}]
    assert entities_match(gold, [{"id": "security-forces-pak", "text": "قوات الأمن"}], kb)
    assert entities_match(gold, [{"id": "iraqi-security-forces", "text": "قوات الأمن"}], kb)
    assert not entities_match(gold, [{"id": "police-pak", "text": "الشرطة"}], kb)
    # the gold's body of one country is not matched by the unqualified word
    assert not entities_match([{"id": "border-guards-pak"}], [{"id": "border-guards"}], kb)
