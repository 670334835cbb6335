"""Turn the bytes of a text file into text, detecting (never guessing) the encoding.

Arabic news files come as UTF-8, UTF-16 with a BOM, or Windows-1256 (older Arabic Windows
software). Windows-1256 maps almost every byte to some character, so a file that is not
UTF-8 is only accepted as Windows-1256 when the result reads as Arabic: its non-ASCII
characters are mostly Arabic letters and it has no control characters.
"""

from __future__ import annotations

import codecs
import unicodedata

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
# Share of a Windows-1256 reading's non-ASCII characters that must be Arabic.
_MIN_ARABIC_SHARE = 0.8


class NotText(ValueError):
    """The bytes are not text in a supported encoding; the message says why, in a few words."""


def bom_encoding(head: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``head``, if any."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def _is_arabic(c: str) -> bool:
    o = ord(c)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF


def _controls(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS)


def reads_as_arabic(text: str) -> bool:
    """Whether a Windows-1256 reading is plausible: Arabic letters, not accented Latin."""
    non_ascii = [c for c in text if not c.isascii() and not c.isspace()]
    if not non_ascii or _controls(text):
        return False
    arabic = sum(1 for c in non_ascii if _is_arabic(c))
    return arabic / len(non_ascii) >= _MIN_ARABIC_SHARE


def decode_text(data: bytes) -> str:
    """Decode a whole text file; raise :class:`NotText` for binary or unsupported bytes."""
    enc = bom_encoding(data[:4])
    if enc:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            raise NotText(f"not text (invalid {enc.upper()} after its byte-order mark)") from e
        return text.lstrip("\ufeff")
    if b"\x00" in data:
        raise NotText("not text (binary file)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1256", errors="replace")
        if "\ufffd" in text or not reads_as_arabic(text):
            raise NotText(_undecodable(data)) from None
        return text
    if _controls(text) > max(2, len(text) // 1000):
        raise NotText("not text (binary file)")
    return text


def _undecodable(data: bytes) -> str:
    """A message for bytes that are neither UTF-8 nor Arabic Windows-1256."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # only used to word the message
        best = None
    if best is None:
        return "not text (binary file)"
    return (f"unsupported encoding (looks like {best.encoding}; "
            "expected UTF-8, UTF-16 with BOM or Windows-1256)")


def decode_html(data: bytes, declared: str | None) -> str:
    """Decode a web page: BOM, then UTF-8, then the charset the page declares, then 1256."""
    enc = bom_encoding(data[:4])
    if enc is None and b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if declared:
            try:
                codecs.lookup(declared)
            except LookupError:
                declared = None
        if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
            return data.decode(declared, errors="replace")
    return decode_text(data)


def sniff_encoding(sample: bytes) -> str:
    """The encoding of a record file (CSV) from its first bytes; :class:`NotText` if none.

    ``sample`` may end in the middle of a character: an incomplete last UTF-8 sequence is
    not an error.
    """
    enc = bom_encoding(sample[:4])
    if enc:
        return enc
    if b"\x00" in sample:
        raise NotText("not text (binary file)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if reads_as_arabic(sample.decode("cp1256", errors="replace")):
        return "cp1256"
    raise NotText(_undecodable(sample))
