"""Nonsense and hostile queries: never an exception, always well-formed results.

A few examples run with the normal suite; ``make fuzz`` runs 10,000.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.search import SearchResults, SearchService
from reader.search.query import parse, to_whoosh
from tests.fuzzing import counted, fuzz_settings
from tests.search.conftest import build_store

SYNTAX = [
    '"',
    "'",
    "’",
    "“",
    "”",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "*",
    "?",
    "~",
    "^",
    ":",
    "-",
    "+",
    "!",
    "|",
    "&",
    "\\",
    "/",
    "..",
    " OR ",
    " AND ",
    " NOT ",
    "title:",
    "author:",
    "published:",
    "published:2024",
    "published:[",
    " TO ",
    "is:",
    "is:unread",
    "lang:",
    "tag:",
    "category:",
    "<b>",
    "</b>",
    "<script>",
    "%",
    "\x00",
    "\n",
    "\t",
    "é",
    "l'",
    "dell’",
    "IA",
    "intelligenza",
    "pasta",
    "hollywood",
    "9999-99",
    "0000",
    "🙂",
    "\u200b",
    "ß",
    "İ",
]

queries = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=12)), max_size=12).map(
    "".join
)


@pytest.fixture(scope="module")
def fuzz_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    root: Path = tmp_path_factory.mktemp("fuzz")
    store, _ = build_store(root / "library")
    service = SearchService(root / "index", store)
    service.update()
    yield service
    service.close()


def check(service: SearchService, text: str) -> None:
    to_whoosh(parse(text))
    results = service.search(text, limit=5)
    assert isinstance(results, SearchResults)
    assert results.query == text
    assert len(results.hits) <= 5
    full = [hit for hit in results.hits if not hit.partial]
    assert len(full) <= results.total and results.partial == len(results.hits) - len(full)
    assert results.hits[: len(full)] == full  # partial matches only after the full ones
    assert all(isinstance(term, str) for term in results.terms)
    for hit in results.hits:
        stripped = hit.snippet.replace("<b>", "").replace("</b>", "")
        assert "<" not in stripped
    if results.suggestion is not None:
        service.search(results.suggestion)


@pytest.mark.fuzz
@fuzz_settings(default_examples=40)
@given(text=queries)
@counted
def test_hostile_queries_never_raise(fuzz_service: SearchService, text: str) -> None:
    check(fuzz_service, text)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 5000,
        "x* " * 500,
        '"' * 101,
        "(" * 300 + "ia" + ")" * 300,
        "-" * 50 + "ia",
        "published:0000-00-00..9999-12-31",
        "published:[* TO *]",
        "OR OR OR ia OR",
        "NOT",
        "ia -ia",
        "title:title:title:pasta",
        "is:starred is:unread -is:starred",
    ],
)
def test_pathological_queries(fuzz_service: SearchService, text: str) -> None:
    check(fuzz_service, text)
