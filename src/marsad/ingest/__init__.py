"""Reading articles in (files, folders, JSONL on stdin) and preparing their text.

:func:`read_inputs` streams :class:`~marsad.model.Article` records (or a :class:`ReadError`
per unreadable input or record, so one bad file never stops a run); :func:`prepare` gives
an article's ``clean_text`` and publication date.
"""

from marsad.ingest.clean import prepare
from marsad.ingest.errors import ReadError
from marsad.ingest.published import find_published, normalize_published
from marsad.ingest.readers import SUPPORTED_EXTENSIONS, read_inputs

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "ReadError",
    "find_published",
    "normalize_published",
    "prepare",
    "read_inputs",
]
