from marsad.model import Article


def _found(pipeline, text):
    """Unlinked names found by the title pattern (or already by the statistical tagger)."""
    doc = pipeline(Article(id="t", text=text, published="2024-01-10"))
    return [(m.text, m.type) for m in doc.mentions if m.source in ("pattern", "tagger")]


def test_a_title_announces_an_unknown_name(pipeline):
    assert _found(pipeline, "وقال وزير الدفاع خالد العبيدي في مؤتمر صحفي") == [
        ("خالد العبيدي", "PER")]
    assert ("سامر نوري", "PER") in _found(
        pipeline, "أعلن قائد الشرطة العميد سامر نوري اعتقال ثلاثة مطلوبين")


def test_no_name_after_a_title_used_alone(pipeline):
    assert _found(pipeline, "قال وزير الدفاع إن القوات مستعدة") == []
    assert _found(pipeline, "أكد المتحدث أمس أن الهجوم فشل") == []


def test_a_plural_agent_is_no_title(pipeline):
    """«قُتل جنديان سوريان وأصيب خمسة آخرون»: no name follows soldiers."""
    assert _found(pipeline, "قُتل جنديان سوريان وأصيب خمسة آخرون بانفجار عبوة ناسفة") == []
