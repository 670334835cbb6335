from marsad.text.sentences import split_sentences


def _texts(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_arabic_question_mark_and_comma():
    text = "هل انتهت الهدنة؟ قال المسؤول، في بيان، إن الهدنة انتهت. وأضاف أن الرد قادم!"
    assert _texts(text) == ["هل انتهت الهدنة؟", "قال المسؤول، في بيان، إن الهدنة انتهت.",
                            "وأضاف أن الرد قادم!"]


def test_quotes_keep_a_statement_with_its_verb():
    text = 'وقال في بيان: «الهجوم فشل. سنرد قريباً». ثم غادر.'
    assert _texts(text) == ['وقال في بيان: «الهجوم فشل. سنرد قريباً».', "ثم غادر."]


def test_abbreviations_and_numbers():
    text = "وصل د. أحمد إلى بغداد ومعه 3.5 مليون دولار. ثم عاد."
    assert _texts(text) == ["وصل د. أحمد إلى بغداد ومعه 3.5 مليون دولار.", "ثم عاد."]


def test_lines_are_boundaries_and_offsets_are_exact():
    text = "عنوان الخبر\n\nالفقرة الأولى. الفقرة الثانية.\n"
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["عنوان الخبر", "الفقرة الأولى.",
                                                     "الفقرة الثانية."]
