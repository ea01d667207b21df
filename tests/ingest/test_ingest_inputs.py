"""Paths, folders, stdin, format detection, and bad inputs: one Rejection each, never a crash."""

from __future__ import annotations

import io
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild import ingest
from graphbuild.errors import InputError
from graphbuild.ingest.detect import decode, detect
from graphbuild.records import Article, Rejection, content_hash

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = b"The port of Rotterdam opened a new terminal on Tuesday."

BAD_INPUTS = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t \r\n", "empty"),
    ("blank16.txt", " \n \n".encode("utf-16"), "empty"),
    ("image.png", (FIXTURES / "image.png").read_bytes(), "binary file, not an article"),
    ("nul.txt", b"Some text\x00with a NUL byte.", "binary file, not an article"),
    ("latin.txt", b"\x81\x8d\x8f\x90\x9d text", "not UTF-8 text (byte 0x81 at offset 0)"),
    (
        "mixed.txt",
        b"Caf\xc3\xa9 \x81\x01\x02\x03\x04\x05",
        "not UTF-8 text (byte 0x81 at offset 6)",
    ),
    (
        "rows.csv",
        b"url,body\nhttps://x.test,Hello.\n",
        "no 'text' column; columns are: 'url', 'body'",
    ),
    ("nothing.html", b"<html><body><script>alert(1)</script></body></html>", "no main text"),
    ("broken.rss", b"<?xml version='1.0'?><rss><channel><item><title>x", "not a readable RSS"),
    (
        "empty.rss",
        b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>",
        "no entries",
    ),
    ("header-only.csv", b"id,title,text\n", "no articles in this file"),
    ("empty-list.json", b"[]", "no articles in this file"),
    ("furniture.txt", b"Related Articles\n\nBack to top button\n", "no text left"),
    ("dateline.txt", b"Friday, January 4, 2019\n", "no text left"),
]


@pytest.mark.parametrize("name, data, reason", BAD_INPUTS)
def test_bad_input_is_one_rejection(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [rejection] = ingest.read([path])
    assert isinstance(rejection, Rejection)
    assert rejection.source == str(path)
    assert reason in rejection.reason


def test_bad_inputs_among_good_ones(tmp_path: Path) -> None:
    for name, data, _ in BAD_INPUTS:
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_bytes(GOOD)
    shutil.copy(FIXTURES / "shipping.jsonl", tmp_path)
    paths = [tmp_path / name for name, _, _ in BAD_INPUTS[:6]]
    paths += [tmp_path / "good.txt", tmp_path / "shipping.jsonl", tmp_path / "missing.txt"]
    paths += [tmp_path / name for name, _, _ in BAD_INPUTS[6:]]
    items = list(ingest.read(paths))
    rejected = [item.source for item in items if isinstance(item, Rejection)]
    assert sorted(rejected) == sorted(
        [str(tmp_path / name) for name, _, _ in BAD_INPUTS]
        + [f"{tmp_path / 'shipping.jsonl'}:3", f"{tmp_path / 'shipping.jsonl'}:4"]
        + [str(tmp_path / "missing.txt")]
    )
    good = [item.id for item in items if isinstance(item, Article)]
    evergreen = content_hash("Evergreen Marine reported a record annual profit on Thursday.")
    assert good == ["good", "ship-1", f"shipping-{evergreen[:12]}", "ship-5"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"id": 1, "text": "A."', "line 1: invalid JSON: Expecting ',' delimiter"),
        ('{"title": "x"}', "line 1: no 'text' field"),
        ('{"text": 42}', "line 1: 'text' is int, not a string"),
        ('{"text": "  "}', "line 1: 'text' is empty"),
        ('["text"]', "item 1: expected a JSON object, got str"),
        ('"just a string"', "line 1: expected a JSON object, got str"),
        ("[" * 100000, "line 1: invalid JSON"),
    ],
)
def test_bad_jsonl_lines(line: str, reason: str) -> None:
    [rejection] = ingest.read_bytes(line.encode(), "in.jsonl", "in.jsonl")
    assert isinstance(rejection, Rejection)
    assert rejection.reason.startswith(reason)


def test_missing_path() -> None:
    [rejection] = ingest.read(["/nonexistent/folder/article.txt"])
    assert rejection == Rejection("/nonexistent/folder/article.txt", "no such file or folder")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(GOOD)
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: use a file no one can read instead
        path = Path("/proc/self/mem")
        expected = "cannot read: input/output error"
    else:
        expected = "cannot read: permission denied"
    [rejection] = ingest.read([path])
    assert rejection == Rejection(str(path), expected)


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "never-there.txt")
    [rejection] = ingest.read([link])
    assert rejection.source == str(link)
    assert "no such file" in rejection.reason


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(ingest.MAX_BYTES + 1)
    [rejection] = ingest.read([path])
    assert rejection.reason.startswith("too large")


def test_an_article_too_long_is_rejected_and_its_neighbours_kept(tmp_path: Path) -> None:
    sentence = "The port of Rotterdam opened a new terminal. "
    long_text = sentence * (ingest.MAX_CHARS // len(sentence) + 1)
    path = tmp_path / "rows.jsonl"
    lines = [{"id": "long", "text": long_text}, {"id": "short", "text": sentence}]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    long, short = ingest.read([path])
    assert long == Rejection(
        f"{path}:1",
        f"article too long ({len(long_text.strip()):,} characters; the limit is 1,000,000)",
    )
    assert isinstance(short, Article) and short.id == "short"


def test_folder_walk_is_sorted_recursive_and_skips_hidden_foreign_and_documentation_files(
    tmp_path: Path,
) -> None:
    files = {
        "b.txt": GOOD,
        "a/z.md": b"# Ports\n\nThe port of Hamburg reopened.",
        "a/y.html": b"<html><body><p>The port of Antwerp reopened.</p></body></html>",
        "c/NOTES": b"The port of Genoa reopened.",
        ".hidden.txt": b"Hidden ports reopened.",
        ".git/HEAD.txt": b"ref: refs/heads/main",
        "a/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
        "a/.cache/c.txt": b"Cached ports reopened.",
        "README.md": b"# Sample articles\n\nThese files are news articles.",
        "a/LICENSE.txt": b"Permission is hereby granted, free of charge.",
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    items = list(ingest.read([tmp_path]))
    assert [(item.id, item.format) for item in items] == [
        ("y", "html"),
        ("z", "markdown"),
        ("b", "text"),
        ("NOTES", "text"),
    ]


def test_folder_with_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    assert list(ingest.read([tmp_path])) == []


def test_folder_walk_passes_over_pipes_and_links_to_them_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    (tmp_path / "to-pipe.txt").symlink_to(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert list(ingest.read([tmp_path])) == [
        Rejection(str(tmp_path / "dangling.txt"), "cannot read: no such file or directory"),
        Article(id="story", text=GOOD.decode(), source=str(tmp_path / "story.txt"), format="text"),
    ]


def test_folder_that_cannot_be_listed_is_named(tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):  # root may list any folder, so the refusal is simulated
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    (tmp_path / "story.txt").write_bytes(GOOD)
    assert [str(item) for item in ingest.read([tmp_path]) if isinstance(item, Rejection)] == [
        f"{locked}: cannot read folder: permission denied"
    ]


@pytest.mark.parametrize(
    "data, format",
    [
        (GOOD, "text"),
        (b'{"text": "The port reopened."}\n{"text": "Ships sailed."}', "jsonl"),
        (b"id,text\n1,The port reopened.\n", "csv"),
        ((FIXTURES / "harbour-news.rss").read_bytes(), "feed"),
        ((FIXTURES / "news-page.html").read_bytes(), "html"),
    ],
)
def test_stdin(data: bytes, format: str) -> None:
    items = list(ingest.read(["-"], stdin=io.BytesIO(data)))
    assert items
    for item in items:
        assert isinstance(item, Article)
        assert item.format == format
        assert item.source.startswith("<stdin>")
        assert item.id.startswith("stdin-") or item.id == "1"
    if format in ("text", "html"):
        assert items[0].id == f"stdin-{content_hash(items[0].text)[:12]}"


def test_duplicate_ids_name_both_inputs(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_bytes(GOOD)
    first, second = str(tmp_path / "one" / "story.txt"), str(tmp_path / "two" / "story.txt")
    assert list(ingest.read([tmp_path])) == [
        Article(id="story", text=GOOD.decode(), source=first, format="text"),
        Rejection(second, f"duplicate id 'story' (also used by {first})"),
    ]


def test_duplicate_ids_within_one_file(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "x", "text": "First."}\n{"id": "x", "text": "Second."}\n', "utf-8")
    items = list(ingest.read_file(path))
    assert items[0].id == "x"
    assert items[1] == Rejection(f"{path}:2", f"duplicate id 'x' (also used by {path}:1)")


def test_same_file_twice_is_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(GOOD)
    items = list(ingest.read([path, path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Rejection)
    assert "duplicate id 'story'" in items[1].reason


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 50000 + "<p>Deep.</p>" + "</div>" * 50000 + "</body></html>",
        "<html><body><p>" + "&amp;&#x1F600;&#0;&#xD800;&bogus;" * 2000 + " end.</p></body></html>",
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<html><body><p>&b;&b;&b; entities.</p></body></html>",
        "<html><body><p>Unclosed <b><i>tags <div>everywhere and more text.",
        '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Declared.</p></body></html>',
        "<html><body><p>Port news.</p><script>var leak = 'SCRIPT LEAK';</script>"
        "<p>More <script>document.write('SCRIPT LEAK')</script>port news.</p>"
        "<noscript>SCRIPT LEAK</noscript><style>p { color: red; }</style></body></html>",
    ],
)
def test_hostile_html_does_not_crash_or_leak_scripts(page: str) -> None:
    items = list(ingest.read_bytes(page.encode(), "page.html", "page.html"))
    assert len(items) == 1
    if isinstance(items[0], Article):
        assert "SCRIPT LEAK" not in items[0].text
        assert "color: red" not in items[0].text
        assert "\x00" not in items[0].text


@pytest.mark.parametrize(
    "text, name, format",
    [
        ("<!DOCTYPE html><html><body><p>Hi.</p></body></html>", "page.txt", "html"),
        ("<html><body><p>Hi.</p></body></html>", "", "html"),
        ('<?xml version="1.0"?><rss version="2.0"></rss>', "news.xml", "feed"),
        ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "", "feed"),
        ('<?xml version="1.0"?><html><body>x</body></html>', "page.xml", "html"),
        ("<p>A fragment.</p>", "page.html", "html"),
        ('{"text": "A."}', "", "jsonl"),
        ('[{"text": "A."}]', "data.json", "jsonl"),
        ("id,title,text\n1,T,A.", "", "csv"),
        ("id\ttext\n1\tA.", "rows.tsv", "csv"),
        ("# Title\n\nBody.", "", "markdown"),
        ("See [x](https://x.test).", "", "markdown"),
        ("# Not a heading in a text file", "notes.txt", "text"),
        ("Plain words.", "", "text"),
        ("Plain words.", "article", "text"),
        ("Plain words.", "article.weird", "text"),
    ],
)
def test_detect(text: str, name: str, format: str) -> None:
    assert detect(text, name) == format


@pytest.mark.parametrize(
    "data, text",
    [
        ("Grüße".encode(), "Grüße"),
        ("\ufeffGrüße".encode(), "Grüße"),
        ("Grüße".encode("utf-16"), "Grüße"),
        ("Grüße".encode("utf-16-be").join([b"\xfe\xff", b""]), "Grüße"),
        ("Grüße".encode("utf-32"), "Grüße"),
        ("“Grüße” – café".encode("cp1252"), "“Grüße” – café"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_decode_names_the_bad_byte() -> None:
    with pytest.raises(InputError, match=r"a\.txt: not UTF-8 text \(byte 0x9d at offset 3\)"):
        decode(b"abc\x9d\x01\x02\x03\x04\x05", "a.txt")


def test_formats_constant() -> None:
    assert ingest.FORMATS == ("text", "markdown", "html", "jsonl", "csv", "feed")
    seen = set()
    for name in ("news-page.html", "ship-strike.md", "harbour-news.rss", "shipping.jsonl"):
        seen |= {a.format for a in ingest.read_file(FIXTURES / name) if isinstance(a, Article)}
    seen |= {a.format for a in ingest.read_file(FIXTURES / "ports.csv") if isinstance(a, Article)}
    seen |= {a.format for a in ingest.read([FIXTURES / "utf16-article.txt"])}
    assert seen == set(ingest.FORMATS)


NAMES = ["a.txt", "a.md", "a.html", "a.jsonl", "a.json", "a.csv", "a.rss", "a.xml", "a", ""]
PIECES = [
    "Iran supplied drones.",
    "\n",
    "\n\n",
    "\r\n",
    "<p>",
    "</p>",
    "<script>x</script>",
    '{"text": "A."}',
    "id,text",
    ",",
    '"',
    "# ",
    "**",
    "[a](b)",
    "<rss><channel><item><title>t</title></item></channel></rss>",
    "Related Articles",
    "Friday, January 4, 2019",
    "\u200b",
    "\x00",
    "\ufeff",
    "é",
]


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=12),
    noise=st.binary(max_size=40),
    name=st.sampled_from(NAMES),
)
def test_any_input_gives_records_and_clean_text(pieces: list[str], noise: bytes, name: str) -> None:
    data = "".join(pieces).encode() + noise
    items = list(ingest.read_bytes(data, "input", name))
    assert items
    for item in items:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Article):
            assert item.text
            assert item.text == item.text.strip()
            assert "\r" not in item.text and "\n\n\n" not in item.text
            assert not any(c in item.text for c in "\x00\u200b\ufeff")
            assert unicodedata.is_normalized("NFC", item.text)
            assert item.format in ingest.FORMATS
        else:
            assert item.reason
