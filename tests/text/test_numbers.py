"""Numbers in words and digits (casualty counts)."""

from marsad.text.normalize import norm
from marsad.text.numbers import read_number


def _read(text):
    words = [norm(w) for w in text.split()]
    got = read_number(words, 0)
    return got[0] if got else None


def test_words_digits_and_compounds():
    assert _read("ثلاثة جنود") == 3
    assert _read("خمسة وعشرين مدنياً") == 25
    assert _read("ثلاثة عشر شخصاً") == 13
    assert _read("أحد عشر جندياً") == 11
    assert _read("305 مصلين") == 305
    assert _read("و40 جريحاً") == 40
    assert _read("مئة وخمسين") == 150


def test_duals_count_two_but_plurals_do_not():
    assert _read("جنديان سوريان") == 2
    assert _read("شخصين") == 2
    assert _read("مسلحين") is None  # a plural, not a dual
    assert _read("العشرات") is None  # vague: no count


def test_one_singular_person():
    from marsad.text.numbers import one_person

    assert one_person([norm("متعاقد"), norm("مدني")], 0) == (1, 1)
    assert one_person([norm("جنود")], 0) is None
