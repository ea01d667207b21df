"""Each reader on real-looking inputs: the articles, their ids, metadata and main text."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild import ingest
from graphbuild.records import Article, Rejection, content_hash

FIXTURES = Path(__file__).parent / "fixtures"


def articles(name: str) -> list[Article]:
    items = list(ingest.read_file(FIXTURES / name))
    return [item for item in items if isinstance(item, Article)]


@pytest.mark.parametrize(
    "name, position, expected",
    [
        (
            "news-page.html",
            0,
            {
                "id": "news-page",
                "format": "html",
                "title": "Port of Rotterdam opens new container terminal",
                "date": "2023-03-14",
                "url": "https://harbour-daily.example/2023/03/14/rotterdam-terminal",
            },
        ),
        (
            "page-in-a-text-file.txt",
            0,
            {"id": "page-in-a-text-file", "format": "html", "title": "Felixstowe strike ends"},
        ),
        (
            "ship-strike.md",
            0,
            {
                "id": "ship-strike",
                "format": "markdown",
                "title": "Dockworkers strike at three German ports",
                "date": "2023-06-09",
                "url": "https://harbour-daily.example/2023/06/09/strike",
            },
        ),
        (
            "harbour-news.rss",
            0,
            {
                "format": "feed",
                "title": "Suez Canal raises transit fees",
                "date": "2023-01-02",
                "url": "https://harbour-daily.example/2023/01/02/suez-fees",
            },
        ),
        (
            "harbour-news.rss",
            1,
            {"title": "Panama Canal limits daily crossings", "date": "2023-08-01"},
        ),
        (
            "harbour-news.atom",
            0,
            {
                "format": "feed",
                "title": "Antwerp and Zeebrugge complete port merger",
                "date": "2022-04-22",
                "url": "https://harbour-daily.example/2022/04/22/antwerp-merger",
            },
        ),
        (
            "harbour-news.atom",
            1,
            {"title": "Hamburg sells terminal stake to COSCO", "date": "2023-05-10"},
        ),
        (
            "shipping.jsonl",
            0,
            {
                "id": "ship-1",
                "format": "jsonl",
                "title": "Maersk orders methanol ships",
                "date": "2023-01-10",
                "url": "https://harbour-daily.example/maersk",
                "source": str(FIXTURES / "shipping.jsonl") + ":1",
            },
        ),
        ("shipping.jsonl", 2, {"id": "ship-5", "date": "2023-03-03", "title": None}),
        (
            "ports.csv",
            0,
            {
                "id": "port-1",
                "format": "csv",
                "title": "Busiest ports",
                "date": "2023-02-01",
                "source": str(FIXTURES / "ports.csv") + ":2",
            },
        ),
        ("ports.csv", 1, {"id": "port-2", "date": None, "url": None}),
        ("utf16-article.txt", 0, {"id": "utf16-article", "format": "text"}),
        ("cp1252-article.txt", 0, {"id": "cp1252-article", "format": "text"}),
    ],
)
def test_metadata(name: str, position: int, expected: dict[str, str | None]) -> None:
    article = articles(name)[position]
    for key, value in expected.items():
        assert getattr(article, key) == value, key


@pytest.mark.parametrize(
    "name, count, present, absent",
    [
        (
            "news-page.html",
            1,
            [
                "The Port of Rotterdam opened a new container terminal on Tuesday",
                "control room in the city.\n\nAllard Castelein, the port's chief executive",
                '"We are building for the ships of the next thirty years," he told reporters.',
            ],
            [
                "SCRIPT TEXT",
                "tracking pixel",
                "font-family",
                "cookies",
                "Related Articles",
                "Antwerp strike ends",
                "Back to top",
                "All rights reserved",
                "Share this article",
                "Home",
            ],
        ),
        (
            "page-in-a-text-file.txt",
            1,
            ["Workers at the port of Felixstowe ended their strike on Sunday"],
            ["<p>", "Home", "Copyright"],
        ),
        (
            "ship-strike.md",
            1,
            [
                "Dockworkers strike at three German ports\n\nDockworkers at the ports of Hamburg,"
                " Bremerhaven and Wilhelmshaven walked out on Friday in a dispute over pay, the"
                " union ver.di said.",
                "\n\nTalks broke down\n\n",
                "rejected as too little.",
                '"We will not accept a real wage cut," said union negotiator Maya Schwiethal.',
                "Container handling stopped at all three ports.\nShips were diverted",
            ],
            ["**", "](", "crane.jpg", "A crane at", "print(", "```", "##", "> ", "- ", "Share"],
        ),
        (
            "harbour-news.rss",
            2,
            [
                "raised transit fees for most ships by up to 15 percent on Sunday.\n\nTankers",
                "The Panama Canal Authority cut daily crossings to 32 because of a drought.",
            ],
            ["<p>", "alert", "&lt;"],
        ),
        (
            "harbour-news.atom",
            2,
            [
                "completed their merger on Friday.\n\nThe combined port handles",
                "to sell a 24.9 percent stake in the Tollerort terminal to COSCO.",
            ],
            ["<p>", "&lt;"],
        ),
        ("shipping.jsonl", 3, ["methanol.\n\nThe ships will be delivered in 2025."], []),
        (
            "ports.csv",
            2,
            ["three years.\n\nThe project costs 1.4 billion dollars.", "47 million containers."],
            [],
        ),
        (
            "utf16-article.txt",
            1,
            ["Zürich's council approved a tax", "The levy of 3.5 percent"],
            ["\ufeff"],
        ),
        (
            "cp1252-article.txt",
            1,
            ["Café owners in Lyon", "“We cannot pay twice,” said Hélène Durand"],
            ["\r"],
        ),
    ],
)
def test_main_text(name: str, count: int, present: list[str], absent: list[str]) -> None:
    found = articles(name)
    assert len(found) == count
    text = "\n\n".join(article.text for article in found)
    for fragment in present:
        assert fragment in text
    for fragment in absent:
        assert fragment not in text


@pytest.mark.parametrize(
    "name, stem",
    [("harbour-news.rss", "harbour-news"), ("harbour-news.atom", "harbour-news")],
)
def test_entries_without_ids_are_named_by_stem_and_text_hash(name: str, stem: str) -> None:
    for article in articles(name):
        assert article.id == f"{stem}-{content_hash(article.text)[:12]}"


def test_json_file_with_a_list_of_objects(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(
        '[\n {"id": 7, "text": "Oslo opened a new ferry terminal."},\n'
        ' {"text": "Bergen got a new fish market."},\n 3\n]\n',
        encoding="utf-8",
    )
    items = list(ingest.read_file(path))
    assert [type(item) for item in items] == [Article, Article, Rejection]
    assert items[0].id == "7"
    assert items[1].id == f"batch-{content_hash(items[1].text)[:12]}"
    assert items[2].source == f"{path}#3"
    assert "expected a JSON object, got int" in items[2].reason


def test_json_file_with_one_object_over_several_lines(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{\n  "title": "Ferry",\n  "text": "A new ferry sails."\n}\n', "utf-8")
    [article] = ingest.read_file(path)
    assert (article.title, article.text, article.format) == ("Ferry", "A new ferry sails.", "jsonl")


def test_row_ids_do_not_depend_on_row_order(tmp_path: Path) -> None:
    rows = ['{"text": "Oslo opened a terminal."}', '{"text": "Bergen opened a market."}']
    first, second = tmp_path / "a" / "feed.jsonl", tmp_path / "b" / "feed.jsonl"
    for path, lines in ((first, rows), (second, rows[::-1])):
        path.parent.mkdir()
        path.write_text("\n".join(lines), encoding="utf-8")
    ids = [{a.text: a.id for a in ingest.read_file(path)} for path in (first, second)]
    assert ids[0] == ids[1]
    assert len(set(ids[0].values())) == 2


@pytest.mark.parametrize(
    "header, delimiter",
    [("id,text", ","), ("id\ttext", "\t"), ("ID ; Text", ";"), ('"id"|"text"', "|")],
)
def test_csv_delimiter_and_header_case(tmp_path: Path, header: str, delimiter: str) -> None:
    path = tmp_path / "rows.csv"
    body = f"\ufeff{header}\r\nr1{delimiter}Ports reopened on Monday.\r\n"
    path.write_bytes(body.encode("utf-8"))
    [article] = ingest.read_file(path)
    assert (article.id, article.text) == ("r1", "Ports reopened on Monday.")


def test_csv_cell_larger_than_the_csv_module_default_limit(tmp_path: Path) -> None:
    text = "The port handled more ships than ever before. " * 4000
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\nbig,"{text}"\n', encoding="utf-8")
    [article] = ingest.read_file(path)
    assert len(article.text) > 131072
    assert article.text == text.strip()


@pytest.mark.parametrize(
    "markdown, text",
    [
        ("Iran sent *drones* and __missiles__.", "Iran sent drones and missiles."),
        ('See [the report](https://x.test/r "Report") now.', "See the report now."),
        ("A ![chart](c.png) figure.", "A figure."),
        ("Use `grep` here.", "Use grep here."),
        ("Setext heading\n--------------\n\nBody text.", "Setext heading\n\nBody text."),
        ("Line one\nstill one.\n\nNew para.", "Line one still one.\n\nNew para."),
        ("1. First item.\n2. Second item.", "First item.\nSecond item."),
        ("Text.\n\n[ref]: https://x.test\n\n***\n\nMore.", "Text.\n\nMore."),
        ("~~~\ncode\n~~~\nAfter code.", "After code."),
        ("Escaped \\*stars\\* stay.", "Escaped *stars* stay."),
        ("snake_case_name is kept.", "snake_case_name is kept."),
    ],
)
def test_markdown_markup_is_stripped(markdown: str, text: str) -> None:
    from graphbuild.ingest.markdown import to_plain

    assert to_plain(markdown).text == text


LINE_CASES = [
    "",
    "a",
    "a\n",
    "a\nb",
    "a\r\nb\r\n",
    "a\rb\r",
    "a\r\r\nb\n\nc",
    'id,text\r\n1,"x\r\ny"\r\n2,"\u2028z"\n',
]


@pytest.mark.parametrize("text", LINE_CASES)
def test_a_table_is_read_in_the_lines_a_file_gives(text: str) -> None:
    """A CSV text is split into lines as a file opened with ``newline=""`` splits it."""
    import io

    from graphbuild.ingest.tabular import _LINE

    assert [m.group() for m in _LINE.finditer(text)] == list(io.StringIO(text, newline=""))


@pytest.mark.parametrize("text", LINE_CASES)
def test_json_lines_are_split_at_line_feeds(text: str) -> None:
    from graphbuild.ingest.jsonl import _lines

    assert list(_lines(text)) == text.split("\n")
