"""The reader:// scheme round-trips ids and queries, and rejects everything else."""

from __future__ import annotations

import pytest

from reader.render.links import article_url, parse_reader_url, search_url


def test_article_url_round_trips() -> None:
    url = article_url("2024-03-25-openai-tenta-la-conquista")
    assert url == "reader://article/2024-03-25-openai-tenta-la-conquista"
    assert parse_reader_url(url) == ("article", "2024-03-25-openai-tenta-la-conquista")


@pytest.mark.parametrize(
    "query", ["McDonald’s: l’IA", "a/b?c#d e", "perché più", "100% sure & fast"]
)
def test_search_url_round_trips_any_query(query: str) -> None:
    url = search_url(query)
    assert " " not in url and "#" not in url and "?" not in url
    assert parse_reader_url(url) == ("search", query)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/article/x",
        "reader://other/x",
        "reader://article/",
        "reader://article/a/b",
        "reader://search/",
        "javascript:alert(1)",
        "",
    ],
)
def test_parse_rejects_other_urls(url: str) -> None:
    assert parse_reader_url(url) is None
