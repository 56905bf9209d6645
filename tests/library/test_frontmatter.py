"""The article file format: front matter round trip and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.library.frontmatter import FrontMatterError, article_from_text, article_to_text
from reader.library.model import Article, RelatedItem, Source


def test_round_trip_keeps_every_field() -> None:
    original = Article(
        id="2024-03-25-x",
        title="L’IA: “sì” o no?",
        body="Testo con *enfasi*.\n\nSecondo paragrafo.",
        author="Mario Rossi",
        published=dt.date(2024, 3, 25),
        category="IA",
        tags=["ia", "cinema"],
        lang="it",
        source=Source(kind="scraped-text", file="a.txt", sha256="ab" * 32),
        imported=dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.UTC),
        related=[RelatedItem("Altro: titolo", "Un teaser.", "Una didascalia")],
        starred=True,
        read=False,
    )
    text = article_to_text(original)
    assert "published: 2024-03-25\n" in text
    assert "imported: '2026-11-24T20:00:00Z'" in text
    assert article_from_text(text) == original


@given(
    title=st.text(min_size=1).filter(lambda t: t.strip() == t and t.strip()),
    body=st.text(),
    teaser=st.text(),
)
def test_round_trip_any_text(title: str, body: str, teaser: str) -> None:
    original = Article(title=title, body=body, related=[RelatedItem("x", teaser=teaser.strip())])
    parsed = article_from_text(article_to_text(original))
    assert parsed.title == title
    assert parsed.body.strip("\n") == body.strip("\n")
    assert parsed.related[0].teaser == teaser.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "no front matter"),
        ("---\ntitle: x\n", "never closed"),
        ("---\n- a\n- b\n---\n", "not a mapping"),
        ("---\nauthor: x\n---\n", "no 'title'"),
        ("---\ntitle: x\npublished: yesterday\n---\n", "'published' is not a date"),
        ("---\ntitle: x\nrelated: 3\n---\n", "'related' must be a list"),
        ("---\ntitle: [a\n---\n", "not valid YAML (line"),
    ],
)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        article_from_text(text)
