"""Page furniture, datelines and headlines: what leaves the text and what must stay."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphbuild import ingest
from graphbuild.ingest.furniture import clean, headline, is_furniture
from graphbuild.ingest.normalize import iso_date, normalize, parse_dateline
from graphbuild.records import Article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a95de5eb2c9af007.txt"
FIXTURES = Path(__file__).parent / "fixtures"
WIKINEWS = FIXTURES / "wikinews-2019-two-rows.csv"


def test_seed_article_loses_its_furniture() -> None:
    [article] = ingest.read([SEED])
    assert isinstance(article, Article)
    lines = article.text.split("\n")
    for furniture in ("World", "Related Articles", "Back to top button"):
        assert furniture not in lines
    assert article.id == "000_a95de5eb2c9af007"
    assert article.text.startswith("Russia and Iran are strengthening their defense partnership")
    assert article.text.endswith("before Russia invaded Ukraine in February.")
    assert "“Russia is seeking to collaborate with Iran" in article.text
    assert article.text.count("\n\n") == 8


def test_seed_article_text_is_the_stored_text_without_furniture(seed_text: str) -> None:
    [article] = ingest.read([SEED])
    kept = [line for line in seed_text.split("\n") if line.strip()]
    assert kept[1:-2] == [line for line in article.text.split("\n") if line]


@pytest.mark.parametrize(
    "line",
    [
        "Related Articles",
        "Related stories:",
        "Back to top button",
        "Back to top",
        "Share this article",
        "Share on Facebook",
        "Tweet",
        "Advertisement",
        "ADVERTISEMENT",
        "Sponsored content",
        "Subscribe to our newsletter",
        "Sign up for the Morning Briefing",
        "Read more »",
        "Continue reading the main story",
        "Follow us on Twitter",
        "Follow Jane Doe on X",
        "© 2023 Harbour Daily",
        "Copyright 2022 Harbour Daily",
        "Harbour Daily. All rights reserved.",
        "We use cookies to improve your experience. By using this site you agree.",
        "Accept all cookies",
        "Skip to main content",
        "You may also like",
        "Most read",
        "3 comments",
        "Leave a comment",
        "Listen to this article",
        "5 min read",
        "Image: Nicholas Moreau.",
        "Photo: Reuters",
        "Next article: Port strike ends",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)
    text = clean(f"Iran supplied drones to Russia.\n\n{line}\n\nRussia used them in Ukraine.").text
    assert text == "Iran supplied drones to Russia.\n\nRussia used them in Ukraine."


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday.",
        "Subscribers to the service rose by 20 percent.",
        "Copyright law was changed by parliament on Tuesday.",
        "The website uses no cookies, its owner said.",
        "Follow-up talks are planned for March.",
        "Advertising revenue fell by a third.",
        "Home prices rose again.",
        "Read the full statement below:",
        "Related talks collapsed in 2019.",
    ],
)
def test_sentences_that_resemble_furniture_are_content(line: str) -> None:
    assert not is_furniture(line)
    text = f"Iran supplied drones to Russia.\n\n{line}\n\nRussia used them in Ukraine."
    assert clean(text).text == text


@pytest.mark.parametrize(
    "raw, text",
    [
        ("World\n\nIran sent drones.", "Iran sent drones."),
        ("Middle East\n\nIran sent drones.", "Iran sent drones."),
        ("Science & Technology\n\nIran sent drones.", "Iran sent drones."),
        ("By Jane Doe\n\nIran sent drones.", "Iran sent drones."),
        ("Iran sent drones.\n\nRelated Articles\n\nBack to top button", "Iran sent drones."),
        ("Iran sent drones.\n\nA drone over Kyiv", "Iran sent drones."),
        ("Iran sent drones.\n\nReuters", "Iran sent drones."),
        # a headline is content
        ("Iran sends drones to Russia\n\nThe drones arrived.", None),
        ("Drones for Russia\n\nThe drones arrived.", None),
        # mid-text subheadings are content
        ("Iran sent drones.\n\nThe deliveries\n\nThey began in August.", None),
        # a text with no sentence at all keeps its lines
        ("Iran supplies drones to Russia", None),
        ("Russia\nIran", None),
        # short real sentences survive at the edges
        ("Iran sent drones.\n\nIt denied it.", None),
        ("Who benefits?\n\nIran sent drones.", None),
    ],
)
def test_edges(raw: str, text: str | None) -> None:
    assert clean(raw).text == (raw if text is None else text)


@pytest.mark.parametrize(
    "raw, date",
    [
        ("Friday, January 4, 2019\u00a0 \n\n\nNancy Pelosi was elected.", "2019-01-04"),
        ("January 4, 2019\n\nPelosi was elected.", "2019-01-04"),
        ("4 January 2019\n\nPelosi was elected.", "2019-01-04"),
        ("Sat, Jan. 5, 2019\n\nA fire killed five.", "2019-01-05"),
        ("Published: 14 March 2023, 09:30 CET\n\nThe port opened.", "2023-03-14"),
        ("Updated on 2023-03-14 10:32\n\nThe port opened.", "2023-03-14"),
        ("World\n\nMonday, March 15, 2021\n\nThe port opened.", "2021-03-15"),
    ],
)
def test_dateline_becomes_the_date_and_leaves_the_text(raw: str, date: str) -> None:
    cleaned = clean(raw)
    assert cleaned.date == date
    assert cleaned.text == raw.rsplit("\n", 1)[-1]


def test_known_date_wins_over_the_dateline() -> None:
    cleaned = clean("Friday, January 4, 2019\n\nPelosi was elected.", date="2019-01-03")
    assert (cleaned.date, cleaned.text) == ("2019-01-03", "Pelosi was elected.")


@pytest.mark.parametrize(
    "line",
    [
        "On January 4, 2019 Pelosi was elected.",
        "February 30, 2019",
        "2019 was a year of protests",
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Iran sends drones to Russia\n\nThe drones arrived.", "Iran sends drones to Russia"),
        ("Iran sends drones: a timeline\n\nThey arrived.", "Iran sends drones: a timeline"),
        ("The drones arrived in May.\n\nMore followed.", None),
        ("Iran sends drones to Russia\nThe drones arrived.", None),
        ("Iran sends drones to Russia", None),
        (" ".join(["word"] * 25) + "\n\nBody.", None),
    ],
)
def test_headline(text: str, expected: str | None) -> None:
    assert headline(text) == expected


def test_headline_stays_in_the_text_and_becomes_the_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("World\n\nIran sends drones to Russia\n\nThe drones arrived.\n", "utf-8")
    [article] = ingest.read([path])
    assert article.title == "Iran sends drones to Russia"
    assert article.text == "Iran sends drones to Russia\n\nThe drones arrived."


def wikinews_rows() -> list[dict[str, str]]:
    with WIKINEWS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_wikinews_csv_rows() -> None:
    rows = wikinews_rows()
    found = list(ingest.read([WIKINEWS]))
    assert len(found) == len(rows) == 2
    for row, article in zip(rows, found, strict=True):
        assert isinstance(article, Article)
        assert (article.title, article.date, article.url) == (row["title"], row["date"], row["url"])
        assert not article.text.startswith(("Monday", "Tuesday"))
        assert article.text in normalize(row["text"])
        assert "\n\n\n" not in article.text


@pytest.mark.parametrize("position", [0, 1])
def test_wikinews_dateline_becomes_the_date(tmp_path: Path, position: int) -> None:
    row = wikinews_rows()[position]
    path = tmp_path / "wikinews.txt"
    path.write_text(row["text"], encoding="utf-8")
    [article] = ingest.read([path])
    dateline = row["text"].strip().split("\n")[0].strip()
    assert iso_date(dateline) == row["date"]
    assert article.date == row["date"]
    assert dateline not in article.text
    assert article.text == normalize(row["text"]).split("\n\n", 1)[1]


@pytest.mark.parametrize(
    "raw, text",
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("zero\u200bwidth\u200d and soft\u00adhyphen", "zerowidth and softhyphen"),
        ("bell\x07 and\x1b escape\x85", "bell and escape"),
        ("tab\tstays", "tab\tstays"),
        ("e\u0301cole", "école"),
        ("\ufeffbom", "bom"),
        ("  indented  \n\n\n\n  next  ", "indented\n\nnext"),
    ],
)
def test_normalize(raw: str, text: str) -> None:
    assert normalize(raw) == text
