"""Read articles from files, folders and standard input (SCHEMA.md §1–2).

Everything streams: records are read one at a time (JSON Lines and CSV line by line, a
JSON list element by element), so memory does not grow with the number of articles. An
input or record that cannot be read becomes a :class:`ReadError` in the stream, and
reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from marsad.ingest.encoding import (
    NotText,
    bom_encoding,
    decode_html,
    decode_text,
    reads_as_arabic,
    sniff_encoding,
)
from marsad.ingest.errors import ReadError
from marsad.ingest.html import declared_charset, extract_page
from marsad.model import Article, stable_id

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv")
FIELDS = ("id", "text", "html", "title", "url", "outlet", "published", "lang")
_CHUNK = 1 << 20
_CSV_DELIMITERS = (",", ";", "\t", "|")

Item = Article | ReadError


def read_inputs(inputs: Iterable[str]) -> Iterator[Item]:
    """Yield an Article (or a ReadError) for every article in ``inputs``.

    An input is a file, a folder (read recursively in sorted order, hidden entries and
    files of other types skipped) or ``-`` for JSON Lines on standard input.
    """
    for item in inputs:
        if item == "-":
            yield from _read_stdin()
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_dir(path, set())
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_EXTENSIONS:
                yield from read_file(path)
            else:
                kind = f"'{path.suffix}'" if path.suffix else "without extension"
                yield ReadError(item, f"unsupported file type {kind} "
                                      f"(expected {', '.join(SUPPORTED_EXTENSIONS)})")
        elif path.exists():
            yield ReadError(item, "not a regular file or folder")
        else:
            yield ReadError(item, "no such file or folder")


def _read_dir(folder: Path, seen: set[str]) -> Iterator[Item]:
    real = os.path.realpath(folder)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield ReadError(str(folder), f"cannot read folder ({e.strerror or e})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from _read_dir(path, seen)
        elif is_file and path.suffix.lower() in SUPPORTED_EXTENSIONS:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[Item]:
    """The articles of one file of a supported type."""
    source = str(path)
    ext = path.suffix.lower()
    try:
        if path.stat().st_size == 0:
            yield ReadError(source, "empty file")
            return
        if ext == ".txt":
            yield _read_txt(path, source)
        elif ext in (".html", ".htm"):
            yield _read_html(path, source)
        elif ext == ".jsonl":
            with path.open("rb") as f:
                yield from _read_jsonl_file(f, source)
        elif ext == ".json":
            with path.open("rb") as f:
                yield from _read_json(f, source)
        elif ext == ".csv":
            with path.open("rb") as f:
                yield from _read_csv(f, source)
        else:
            yield ReadError(source, f"unsupported file type '{path.suffix}'")
    except OSError as e:
        yield ReadError(source, f"cannot read file ({e.strerror or e})")


# --------------------------------------------------------------------------- one-article files


def _read_txt(path: Path, source: str) -> Item:
    try:
        text = decode_text(path.read_bytes())
    except NotText as e:
        return ReadError(source, str(e))
    # Universal newlines, as Python's text mode reads files: a CRLF file gives "\n".
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ReadError(source, "empty file")
    return Article(id=path.stem, text=text, source=source)


def _read_html(path: Path, source: str) -> Item:
    data = path.read_bytes()
    try:
        html = decode_html(data, declared_charset(data))
    except NotText as e:
        return ReadError(source, str(e))
    if not html.strip():
        return ReadError(source, "empty file")
    page = extract_page(html)
    if not page.text.strip():
        return ReadError(source, "no text found in the HTML")
    return Article(id=path.stem, text=page.text, html=html, title=page.title,
                   published=page.published, source=source)


# --------------------------------------------------------------------------- records


def _field(rec: dict[str, Any], name: str) -> str | None:
    """A record field as a string (None when missing or empty); ValueError if not a scalar."""
    value = rec.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dict | list):
        raise ValueError(f"'{name}' is not a string")
    return value if isinstance(value, str) else str(value)


def record_to_article(rec: Any, source: str) -> Item:
    """An Article from one record with SCHEMA.md §2 fields (unknown fields ignored)."""
    if not isinstance(rec, dict):
        return ReadError(source, f"record is not an object (a JSON {type(rec).__name__})")
    rec = {str(k).strip().lower(): v for k, v in rec.items() if k is not None}
    try:
        values = {name: _field(rec, name) for name in FIELDS}
    except ValueError as e:
        return ReadError(source, str(e))
    text, html = values["text"], values["html"]
    if text is None and html is None:
        return ReadError(source, "record has neither 'text' nor 'html'")
    content = unicodedata.normalize("NFC", text if text is not None else html or "")
    art = Article(
        id=values["id"].strip() if values["id"] else stable_id(content),
        text=text, html=html, title=values["title"], url=values["url"],
        outlet=values["outlet"], published=values["published"],
        lang=values["lang"] or "ar", source=source,
    )
    if text is None and html is not None:
        page = extract_page(html)
        if not page.text.strip():
            return ReadError(source, "no text found in 'html'")
        art.text = page.text
        art.title = art.title or page.title
        art.published = art.published or page.published
    return art


def _decode_line(raw: bytes) -> str | None:
    """One line of a UTF-8 record file (a Windows-1256 line is accepted when it reads as
    Arabic); None when it is neither."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        alt = raw.decode("cp1256", errors="replace")
        return alt if reads_as_arabic(alt) else None


def _json_error(e: json.JSONDecodeError, with_column: bool = True) -> str:
    where = f" at column {e.colno}" if with_column else ""
    return f"invalid JSON ({e.msg}{where})"


def _read_jsonl_file(f: IO[bytes], source: str) -> Iterator[Item]:
    enc = bom_encoding(f.read(4))
    f.seek(0)
    if enc in ("utf-16", "utf-32"):
        stream = io.TextIOWrapper(f, encoding=enc)
        try:
            yield from _read_jsonl(stream, source)
        finally:
            stream.detach()
    else:
        yield from _read_jsonl(f, source)


def _read_jsonl(lines: Iterable[bytes] | Iterable[str], source: str) -> Iterator[Item]:
    """One record per line; ``source:N`` names line N. Blank lines are skipped."""
    count = 0
    lineno = 0
    try:
        for lineno, raw in enumerate(lines, 1):
            if isinstance(raw, bytes):
                line = _decode_line(raw.removeprefix(codecs.BOM_UTF8) if lineno == 1 else raw)
                if line is None:
                    yield ReadError(f"{source}:{lineno}", "not UTF-8 text")
                    continue
            else:
                line = raw.lstrip("\ufeff") if lineno == 1 else raw
            if not line.strip():
                continue
            count += 1
            where = f"{source}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                yield ReadError(where, _json_error(e))
                continue
            yield record_to_article(rec, where)
    except UnicodeDecodeError:
        yield ReadError(f"{source}:{lineno + 1}", "not valid text in the file's encoding; "
                                                  "rest of file skipped")
        return
    if count == 0:
        yield ReadError(source, "empty file" if lineno == 0 else "no records")


def _read_stdin() -> Iterator[Item]:
    """JSON Lines on standard input (bytes when there are, so each line decodes alone)."""
    yield from _read_jsonl(getattr(sys.stdin, "buffer", None) or sys.stdin, "<stdin>")


def _text_stream(f: IO[bytes], source: str) -> io.TextIOWrapper | ReadError:
    sample = f.read(_CHUNK)
    f.seek(0)
    try:
        enc = sniff_encoding(sample)
    except NotText as e:
        return ReadError(source, str(e))
    return io.TextIOWrapper(f, encoding=enc, newline="")


def _read_csv(f: IO[bytes], source: str) -> Iterator[Item]:
    """One record per row under a header row; ``source:N`` names the Nth record."""
    stream = _text_stream(f, source)
    if isinstance(stream, ReadError):
        yield stream
        return
    n = 0
    try:
        header = stream.readline().lstrip("\ufeff")
        if not header.strip():
            yield ReadError(source, "empty file")
            return
        delimiter = max(_CSV_DELIMITERS, key=header.count)
        if header.count(delimiter) == 0:
            delimiter = ","
        _raise_csv_limit()
        reader = csv.DictReader(_chain(header, stream), delimiter=delimiter)
        columns = [str(c).strip().lower() for c in reader.fieldnames or []]
        if "text" not in columns and "html" not in columns:
            shown = ", ".join(c for c in columns if c) or "none"
            yield ReadError(source, f"no 'text' or 'html' column (columns: {shown})")
            return
        for n, row in enumerate(reader, 1):
            yield record_to_article(row, f"{source}:{n}")
    except (csv.Error, UnicodeDecodeError) as e:
        yield ReadError(f"{source}:{n + 1}", f"invalid CSV ({e}); rest of file skipped")
        return
    finally:
        stream.detach()
    if n == 0:
        yield ReadError(source, "no records")


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def _raise_csv_limit() -> None:
    """Article texts are longer than the csv module's default 128 KiB field limit."""
    if csv.field_size_limit() < 1 << 28:
        csv.field_size_limit(1 << 28)


def _read_json(f: IO[bytes], source: str) -> Iterator[Item]:
    """One object (source ``path``) or a list of objects (``path:N``), read element by
    element so that a long list never sits in memory at once."""
    stream = _text_stream(f, source)
    if isinstance(stream, ReadError):
        yield stream
        return
    try:
        yield from _JsonList(stream, source).items()
    except UnicodeDecodeError:
        yield ReadError(source, "not valid text in the file's encoding; rest of file skipped")
    finally:
        stream.detach()


class _JsonList:
    """Incremental reader of a top-level JSON value that is an object or a list."""

    def __init__(self, f: IO[str], source: str) -> None:
        self.f, self.source = f, source
        self.buf, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        data = self.f.read(_CHUNK)
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[self.pos:] + data
        self.pos = 0
        return True

    def _peek(self) -> str | None:
        """The next non-space character (not consumed), or None at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n\ufeff":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return None

    def _value(self) -> Any:
        """Decode the value at the cursor, reading more input while it is incomplete."""
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self._fill():
                    continue
                raise
            if end == len(self.buf) and not self.eof and self._fill():
                continue  # a number or literal may go on in the next chunk
            self.pos = end
            return value

    def items(self) -> Iterator[Item]:
        c = self._peek()
        if c is None:
            yield ReadError(self.source, "empty file")
            return
        if c != "[":
            try:
                value = self._value()
            except json.JSONDecodeError as e:
                yield ReadError(self.source, _json_error(e, with_column=False))
                return
            if self._peek() is not None:
                yield ReadError(self.source, "invalid JSON (extra data after the value)")
                return
            yield record_to_article(value, self.source)
            return
        self.pos += 1
        n = 0
        if self._peek() == "]":
            yield ReadError(self.source, "no records (empty list)")
            return
        while True:
            n += 1
            where = f"{self.source}:{n}"
            self._peek()
            try:
                value = self._value()
            except json.JSONDecodeError as e:
                yield ReadError(where, _json_error(e, with_column=False)
                                + "; rest of file skipped")
                return
            yield record_to_article(value, where)
            c = self._peek()
            if c == ",":
                self.pos += 1
                continue
            if c != "]":
                yield ReadError(f"{self.source}:{n + 1}",
                                "invalid JSON (expected ',' or ']' between records); "
                                "rest of file skipped")
            return
