"""Reading articles from every supported input: encodings, formats, folders, stdin, errors."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from marsad.ingest import ReadError, read_inputs
from marsad.model import Article, stable_id

AR = ("قصفت طائرات مسيّرة قاعدة عين الأسد في محافظة الأنبار غربي العراق، "
      "وفق ما أفادت مصادر أمنية عراقية.")
AR2 = "وأعلنت فصائل مسلحة موالية لإيران مسؤوليتها عن الهجوم في بيان نشرته على مواقعها."


def read(*inputs: str | Path) -> list[Article | ReadError]:
    return list(read_inputs([str(i) for i in inputs]))


def one_article(*inputs: str | Path) -> Article:
    items = read(*inputs)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), str(items[0])
    return items[0]


def errors(items: list[Article | ReadError]) -> list[str]:
    return [str(i) for i in items if isinstance(i, ReadError)]


# --------------------------------------------------------------------------- .txt encodings


@pytest.mark.parametrize(("name", "data"), [
    ("utf8.txt", AR.encode("utf-8")),
    ("utf8bom.txt", b"\xef\xbb\xbf" + AR.encode("utf-8")),
    ("utf16.txt", AR.encode("utf-16")),  # with its BOM (little-endian here)
    ("utf16be.txt", b"\xfe\xff" + AR.encode("utf-16-be")),
    ("win1256.txt", AR.encode("cp1256")),
])
def test_txt_encodings_are_detected(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    art = one_article(path)
    assert art.text == AR  # no BOM left, no mojibake
    assert art.id == path.stem
    assert art.source == str(path)


def test_txt_crlf_becomes_newlines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes((AR + "\r\n" + AR2 + "\r\n").encode())
    assert one_article(path).text == AR + "\n" + AR2 + "\n"


def test_latin1_file_is_not_taken_for_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "french.txt"
    path.write_bytes("Une journée d'été à côté de la forêt, très agréable.".encode("latin-1"))
    (err,) = read(path)
    assert isinstance(err, ReadError)
    assert err.source == str(path)
    assert "encoding" in err.message


def test_binary_and_empty_files_are_errors_naming_the_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    assert errors(read(binary, empty, blank)) == [
        f"{binary}: not text (binary file)",
        f"{empty}: empty file",
        f"{blank}: empty file",
    ]


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    msgs = errors(read(tmp_path / "nope.txt", pdf))
    assert msgs[0] == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert msgs[1].startswith(f"{pdf}: unsupported file type '.pdf'")


# --------------------------------------------------------------------------- .html


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    page = f"""<html><head><title>هجوم على عين الأسد</title>
    <meta property="article:published_time" content="2021-07-13T09:00:00+03:00"></head>
    <body><nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a></nav>
    <article><h1>هجوم على عين الأسد</h1><p>{AR}</p><p>{AR2}</p></article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    art = one_article(path)
    assert art.html == page
    assert AR in art.text and AR2 in art.text
    assert "الرئيسية" not in art.text and "<p>" not in art.text
    assert art.title == "هجوم على عين الأسد"
    assert art.published == "2021-07-13"
    assert art.id == "page"


def test_broken_html_falls_back_to_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.htm"
    path.write_text(f"<html><body><div><p>{AR}<b> غير مغلق <script>var x = 1;</script",
                    encoding="utf-8")
    art = one_article(path)
    assert AR in art.text
    assert "<" not in art.text and "var x" not in art.text


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    assert errors(read(path)) == [f"{path}: no text found in the HTML"]


def test_html_in_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{AR}</p></body></html>'
    path.write_bytes(page.encode("cp1256"))
    assert AR in one_article(path).text


# --------------------------------------------------------------------------- records


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": AR, "published": "2021-07-13", "extra": 1},
                   ensure_ascii=False),
        '{"id": "a2", "text": "x",,}',
        "",
        json.dumps({"id": 7, "text": AR2, "outlet": "Reuters"}, ensure_ascii=False),
        json.dumps({"id": "a4", "title": "no text"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.source) for a in arts] == [("a1", f"{path}:1"), ("7", f"{path}:4")]
    assert arts[0].published == "2021-07-13" and arts[1].outlet == "Reuters"
    errs = errors(items)
    assert errs[0].startswith(f"{path}:2: invalid JSON (")
    assert errs[1] == f"{path}:5: record has neither 'text' nor 'html'"
    assert errs[2].startswith(f"{path}:6: record is not an object")
    assert len(errs) == 3


def test_record_with_only_html_gets_its_text(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    html = f"<html><body><p>{AR}</p></body></html>"
    path.write_text(json.dumps({"html": html}, ensure_ascii=False) + "\n", encoding="utf-8")
    art = one_article(path)
    assert AR in art.text and art.html == html
    assert art.id == stable_id(unicodedata.normalize("NFC", html))


def test_record_without_id_gets_stable_id_of_nfc_text(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "إيران تشحن وكلاءها")
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"text": decomposed}) + "\n", encoding="utf-8")
    art = one_article(path)
    assert art.id == stable_id(unicodedata.normalize("NFC", decomposed))
    assert art.text == decomposed  # the record is kept as given; prepare() applies NFC


def test_csv_records(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text(
        "id,Text,published,url,unknown\n"
        f'r1,"{AR}\nسطر ثان",2021/07/13,http://x.example/1,?\n'
        "r2,,,,\n"
        f'r3,"{AR2}",,,\n', encoding="utf-8")
    items = read(path)
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.source) for a in arts] == [("r1", f"{path}:1"), ("r3", f"{path}:3")]
    assert arts[0].text == AR + "\nسطر ثان"
    assert arts[0].url == "http://x.example/1" and arts[0].published == "2021/07/13"
    assert errors(items) == [f"{path}:2: record has neither 'text' nor 'html'"]


def test_csv_in_windows_1256_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(f"id;text\n1;{AR}\n".encode("cp1256"))
    assert one_article(path).text == AR


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,abc\n", encoding="utf-8")
    assert errors(read(path)) == [f"{path}: no 'text' or 'html' column (columns: id, body)"]


def test_json_list_and_single_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "x1", "text": AR}, {"text": AR2}, {"nope": 1}],
                               ensure_ascii=False, indent=2), encoding="utf-8")
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"text": AR, "published": "2021-07-13"}, ensure_ascii=False),
                      encoding="utf-8")
    items = read(many, single)
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.source) for a in arts] == [
        ("x1", f"{many}:1"), (stable_id(AR2), f"{many}:2"), (stable_id(AR), str(single))]
    assert errors(items) == [f"{many}:3: record has neither 'text' nor 'html'"]


def test_json_list_streams_through_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "abc"}, {"text": "def"} {"text": "ghi"}]', encoding="utf-8")
    items = read(path)
    assert [i.text for i in items if isinstance(i, Article)] == ["abc", "def"]
    assert errors(items)[0].startswith(f"{path}:3: invalid JSON")


def test_json_list_read_in_small_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records split across read chunks (as in a large file) are put back together."""
    import marsad.ingest.readers as readers

    monkeypatch.setattr(readers, "_CHUNK", 5)
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"id": i, "text": f"{AR} {i}", "n": 12345}
                                for i in range(30)], ensure_ascii=False), encoding="utf-8")
    arts = read(path)
    assert [a.id for a in arts if isinstance(a, Article)] == [str(i) for i in range(30)]


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"id": "s1", "text": AR}, ensure_ascii=False) + "\n"
            + "not json\n" + json.dumps({"text": AR2}, ensure_ascii=False) + "\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    items = read("-")
    assert [(i.id, i.source) for i in items if isinstance(i, Article)] == [
        ("s1", "<stdin>:1"), (stable_id(AR2), "<stdin>:3")]
    assert errors(items)[0].startswith("<stdin>:2: invalid JSON")


def test_stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (json.dumps({"id": "b1", "text": AR}, ensure_ascii=False) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert one_article("-").text == AR


def test_read_inputs_is_a_lazy_generator(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "abc"}) + "\n" + "{broken\n", encoding="utf-8")
    stream = read_inputs([str(path)])
    first = next(stream)  # nothing past the first record needs to be read yet
    assert isinstance(first, Article) and first.text == "abc"


# --------------------------------------------------------------------------- folders


def test_folder_recursion_sorted_hidden_and_unknown_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(AR2, encoding="utf-8")
    (tmp_path / "a" / "1.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text(AR, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "0.jsonl").write_text(json.dumps({"id": "j", "text": AR}) + "\n",
                                      encoding="utf-8")
    items = read(tmp_path)
    assert [i.source for i in items] == [
        str(tmp_path / "0.jsonl") + ":1", str(tmp_path / "a" / "1.txt"),
        str(tmp_path / "b" / "2.txt")]
    assert [i.id for i in items if isinstance(i, Article)] == ["j", "1", "2"]


def test_seed_file_id_is_its_name() -> None:
    seeds = Path(__file__).parents[2].parent / "shared" / "seeds"
    path = seeds / "000_0726b4fde210140d.txt"
    if not path.is_file():
        pytest.skip("shared/seeds not present")
    art = one_article(path)
    assert art.id == "000_0726b4fde210140d"
    assert art.text == path.read_text(encoding="utf-8")
