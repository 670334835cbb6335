"""From an input article to the text every offset refers to, and its publication date."""

from __future__ import annotations

import unicodedata

from marsad.ingest.boilerplate import remove_boilerplate
from marsad.ingest.html import extract_page
from marsad.ingest.published import find_published, normalize_published
from marsad.model import Article


def prepare(article: Article) -> tuple[str, str | None]:
    """Return ``(clean_text, published)`` for an article.

    ``clean_text`` is the NFC form of the text (of the page's main text when the article
    only has html) without its furniture lines; a text without furniture is returned
    exactly as NFC made it, so offsets into ``clean_text`` also hold on the input.
    ``published`` is the record's date as ``YYYY-MM-DD``, else the page's metadata date,
    else a byline or dateline at the top of the text, else None.
    """
    text = article.text
    page_date = None
    if not (text and text.strip()) and article.html:
        page = extract_page(article.html)
        text, page_date = page.text, page.published
    if not (text and text.strip()):
        raise ValueError(f"article {article.id!r} has neither text nor html")
    text = unicodedata.normalize("NFC", text)
    published = (normalize_published(article.published) or normalize_published(page_date)
                 or find_published(text))
    return remove_boilerplate(text), published
