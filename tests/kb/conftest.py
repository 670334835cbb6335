"""Fixtures of the knowledge-base tests: the shipped knowledge base and its trigger lookup."""

import pytest

from marsad.kb import get_kb
from marsad.text.normalize import normalize
from marsad.text.tokens import tokenize


@pytest.fixture(scope="module")
def kb():
    return get_kb()


def trigger_types(kb, text):
    """(word as written, PLOVER type) of every trigger the lexicon finds in ``text``."""
    toks = tokenize(normalize(text))
    return [(toks[m.first].text, m.entries[0].type) for m in kb.triggers.match(toks)]
