"""The scraped-text parser on layouts other than the seed's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.scraped_text import parse_byline, parse_scraped_text

ENGLISH_ARTICLE = """Rivers are getting warmer

By Jane Doe | March 3, 2025 | Science

Researchers measured the temperature of two hundred rivers over forty years.

The warming was fastest in summer, when the water is lowest.

You may also like

Lakes lose their ice sooner

Winters are shorter and the ice cover of northern lakes breaks up weeks earlier.

Why glaciers matter for rivers

Meltwater keeps rivers cool through the summer.
"""


def test_byline_with_author() -> None:
    byline = parse_byline("da Mario Rossi | 3 Gen 2025 | Tech")
    assert byline is not None
    assert (byline.author, byline.published, byline.category) == (
        "Mario Rossi",
        dt.date(2025, 1, 3),
        "Tech",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("da | 25 Mar 2024 | IA", ("", dt.date(2024, 3, 25), "IA")),
        ("di Anna Bianchi | 12 settembre 2023", ("Anna Bianchi", dt.date(2023, 9, 12), "")),
        ("By Jane Doe | Sept 5, 2022 | World", ("Jane Doe", dt.date(2022, 9, 5), "World")),
        ("25/03/2024 | Economia", ("", dt.date(2024, 3, 25), "Economia")),
        ("2024-03-25 · Cultura", ("", dt.date(2024, 3, 25), "Cultura")),
    ],
)
def test_byline_variants(line: str, expected: tuple[str, dt.date, str]) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.author, byline.published, byline.category) == expected


@pytest.mark.parametrize(
    "line", ["Che Sam Altman abbia una marcia in più", "A | B | C", "da Mario Rossi", ""]
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_english_layout_without_captions_or_commas() -> None:
    parsed = parse_scraped_text(ENGLISH_ARTICLE)
    assert parsed.title == "Rivers are getting warmer"
    assert parsed.byline is not None and parsed.byline.author == "Jane Doe"
    assert parsed.related_heading == "You may also like"
    assert len(parsed.paragraphs) == 2
    assert [(item.title, item.caption) for item in parsed.related] == [
        ("Lakes lose their ice sooner", ""),
        ("Why glaciers matter for rivers", ""),
    ]
    assert parsed.related[1].teaser == "Meltwater keeps rivers cool through the summer."


@pytest.mark.parametrize(
    "heading",
    ["LEGGI ANCHE", "Articoli correlati", "Related articles", "You may also like", "Read more:"],
)
def test_related_headings(heading: str) -> None:
    text = f"Titolo\n\nda Mario Rossi | 3 Gen 2025 | Tech\n\nCorpo.\n\n{heading}\n\nAltro titolo\n"
    parsed = parse_scraped_text(text)
    assert parsed.paragraphs == ["Corpo."]
    assert [item.title for item in parsed.related] == ["Altro titolo"]


def test_title_only_related_list() -> None:
    text = (
        "Title\n\nBody paragraph here.\n\nRead also\n\n"
        "First related story about rivers\nSecond related story about lakes\n"
        "Third related story about the sea\n"
    )
    parsed = parse_scraped_text(text)
    assert [item.title for item in parsed.related] == [
        "First related story about rivers",
        "Second related story about lakes",
        "Third related story about the sea",
    ]
    assert all(not item.teaser for item in parsed.related)


def test_no_byline_and_no_related_block() -> None:
    parsed = parse_scraped_text("Just a title\n\nFirst paragraph.\nStill first.\n\nSecond.\n")
    assert parsed.byline is None
    assert parsed.related == []
    assert parsed.paragraphs == ["First paragraph. Still first.", "Second."]


def test_tags_line_becomes_tags_and_noise_is_dropped() -> None:
    parsed = parse_scraped_text("T\n\nBody.\n\nCondividi\n\nTag: clima, fiumi\n\nShare This")
    assert parsed.paragraphs == ["Body."]
    assert parsed.tags == ["clima", "fiumi"]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b"")],
)
def test_encodings_and_line_ends(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Perché l'acqua è più calda\r\n\r\nda Mario Rossi | 3 Gen 2025 | Scienza\r\n\r\n"
    text += "Città e società: è così.\r\n"
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + text.encode(encoding))
    article = import_file(path)
    assert article.title == "Perché l'acqua è più calda"
    assert article.author == "Mario Rossi"
    assert article.category == "Scienza"
    assert article.body == "Città e società: è così."
    assert "\r" not in article.body


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes("L’IA è “ovunque”\n\nUn paragrafo sull’IA.\n".encode("cp1252"))
    article = import_file(path)
    assert article.title == "L’IA è “ovunque”"
    assert article.body == "Un paragrafo sull’IA."


def test_plain_text_is_escaped_for_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Notes\n\n# not a heading\n\n1. not a list, *not emphasis* <b>\n", "utf-8")
    article = import_file(path)
    assert article.source is not None and article.source.kind == "text"
    import markdown

    html = markdown.markdown(article.body)
    assert html == ("<p># not a heading</p>\n<p>1. not a list, *not emphasis* &lt;b&gt;</p>")
