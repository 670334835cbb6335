"""The statistical NER stage: names the knowledge base lacks, found in event sentences."""

from __future__ import annotations

import pytest

from marsad.extract import tagger
from marsad.extract.tagger import MODEL_DIR, spans_from_bio, tag_names, tag_words
from marsad.model import Article
from marsad.pipeline import STAGES, Pipeline
from marsad.text.normalize import norm
from tests.conftest import seed_paths

# Invented sentences; none of these names is in the knowledge base.
PERSON = "وقال المتحدث باسم الحركة سامر عبد الكريم الخطيب إن المسلحين هاجموا القافلة."
ORG = "وأعلنت شركة سامكو للنفط تعليق عملها بعد الهجوم."
REPEAT = ("والتقى وزير الدفاع نزار الحمداني قادة الفصائل. "
          "واجتمع قائد الشرطة بالحمداني لبحث الهجمات.")


@pytest.fixture(scope="module")
def with_tagger(pipeline):
    stages = list(STAGES)
    k = [name for name, _ in stages].index("triggers") + 1
    if "tagger" not in [name for name, _ in stages]:
        stages.insert(k, ("tagger", tag_names))
    return Pipeline(kb=pipeline.kb, stages=stages)


def _tagged(pipe, text):
    doc = pipe(Article(id="t", text=text, published="2024-02-06"))
    return doc, [m for m in doc.mentions if m.source == "tagger"]


def test_model_is_shipped_small_and_loads_offline():
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    assert size < 20_000_000
    labels = tag_words(norm("قال الرئيس جورج بوش في واشنطن").split())
    assert labels[2:4] == ["B-PER", "I-PER"]


def test_bio_decoding():
    assert spans_from_bio(["O", "B-PER", "I-PER", "I-ORG", "O", "I-LOC"]) == [
        (1, 3, "PER"), (3, 4, "ORG"), (5, 6, "LOC")]


def test_person_not_in_kb_is_found_with_exact_offsets(with_tagger):
    doc, found = _tagged(with_tagger, PERSON)
    per = [m for m in found if m.type == "PER"]
    assert [m.text for m in per] == ["سامر عبد الكريم الخطيب"]
    m = per[0]
    assert doc.clean_text[m.start:m.end] == m.text
    assert m.entity is None
    assert doc.tokens[m.tokens[0]].start == m.start


def test_organisation_after_a_generic_word_keeps_the_agent(with_tagger):
    doc, found = _tagged(with_tagger, ORG)
    assert [(m.text, m.type) for m in found] == [("سامكو للنفط", "ORG")]
    agent = [m for m in doc.mentions if m.source != "tagger" and m.text == "شركة"]
    assert agent and agent[0].type == "AGENT"


def test_unknown_town_is_a_gpe(with_tagger):
    _, found = _tagged(with_tagger, "وهاجم مسلحون بلدة القرنفلية قرب الحدود.")
    assert [(m.text, m.type) for m in found] == [("القرنفلية", "GPE")]


def test_a_surname_repeated_later_is_found_without_its_clitic(with_tagger):
    doc, found = _tagged(with_tagger, REPEAT)
    assert [m.text for m in found if m.type == "PER"] == ["نزار الحمداني", "الحمداني"]
    later = found[-1]
    assert doc.clean_text[later.start - 1:later.end] == "بالحمداني"


def test_sentences_without_an_event_word_are_not_tagged(with_tagger):
    _, found = _tagged(with_tagger, "وكان سامر عبد الكريم الخطيب في منزله.")
    assert found == []


def test_knowledge_base_mentions_are_unchanged(with_tagger):
    from marsad.pipeline import STAGES, Pipeline

    pipeline = Pipeline(stages=[s for s in STAGES if s[0] not in ("tagger", "titles")])
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths()]
    for text in [PERSON, ORG, REPEAT, *seeds]:
        art = Article(id="t", text=text, published="2024-02-06")
        before = [(m.start, m.end, m.type, m.text, (m.entity or {}).get("id"))
                  for m in pipeline(art).mentions]
        doc = with_tagger(art)
        after = [(m.start, m.end, m.type, m.text, (m.entity or {}).get("id"))
                 for m in doc.mentions if m.source not in ("tagger", "pattern")]
        assert after == before
        assert [m.start for m in doc.mentions] == sorted(m.start for m in doc.mentions)
        spans = [range(*m.tokens) for m in doc.mentions]
        for i, a in enumerate(spans):
            for b in spans[i + 1:]:
                assert not set(a) & set(b)


def test_location_head_words_give_facility_and_feature_types(pipeline):
    conf = tagger._model()[1]
    for text, want in (("قصفت الطائرات مطار القرنفلية", (2, "FAC")),
                       ("سقطت القذائف قرب نهر القرنفلية", (3, "LOC")),
                       ("سقطت القذائف قرب القرنفلية", (3, "GPE"))):
        doc = pipeline.make_doc(Article(id="t", text=text))
        for name, stage in pipeline.stages[:3]:  # normalize, tokenize, sentences
            assert name in ("normalize", "tokenize", "sentences")
            stage(doc, pipeline.kb)
        assert tagger._refine(doc, 3, 4, conf) == want


def test_leading_clitics_are_left_out_like_the_knowledge_base_does():
    tagger._model()  # the word counts decide for names without the article
    assert tagger._peeled("بالحرس") == 1
    assert tagger._peeled("وواشنطن") == 1
    assert tagger._peeled("لروما") == 1
    assert tagger._peeled("وللقوات") == 2
    assert tagger._peeled("وليد") == 0


def test_gazetteer_features_see_cue_words_and_names_through_clitics(pipeline):
    words = norm("وقال الرئيس إن القصف طال وبالموصل أحياء").split()
    tags = tagger.gazetteer(pipeline.kb).tags(words)
    assert "TITLE-B" in tags[1]  # a cue word from types.yaml
    assert tags[0] == () and tags[3] == ()
    assert tagger.gazetteer(pipeline.kb) is tagger.gazetteer(pipeline.kb)  # built once
    # with the knowledge base (scripts/train_ner.py --kb), «الموصل» is a place, clitics on
    with_kb = tagger.Gazetteer.build(pipeline.kb, tagger.types_conf()["cues"]).tags(words)
    assert "PLACE-B" in with_kb[5]
