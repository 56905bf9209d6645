"""Any bytes in: an article or a clear ImportFailure out, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.importers import ImportFailure, import_file
from reader.library.frontmatter import FrontMatterError, article_from_text, article_to_text
from reader.library.model import Article
from tests.fuzzing import counted, fuzz_settings

pytestmark = pytest.mark.fuzz

SCRAPED_PIECES = st.sampled_from(
    [
        "Titolo",
        "da | 25 Mar 2024 | IA",
        "da Mario Rossi | 3 Gen 2025 | Tech",
        "POTREBBE INTERESSARTI",
        "LEGGI ANCHE",
        ",",
        "",
        "Share This",
        "Un paragrafo che finisce con un punto.",
        "Un teaser troncato...",
        "# heading",
        "---",
        "title: x",
        "* elenco",
        "<script>alert(1)</script>",
        "\ufeff",
        "\r",
        "\x00",
        "l’IA è più",
    ]
)
SCRAPED_TEXT = st.lists(st.one_of(SCRAPED_PIECES, st.text(max_size=40)), max_size=40).map("\n".join)


def check_import(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            article = import_file(path)
        except ImportFailure as failure:
            assert str(path) in str(failure)
            assert failure.reason and "\n" not in failure.reason
        else:
            assert isinstance(article, Article)
            assert article.title.strip()
            # what an importer produces must survive a trip through the file format
            assert article_from_text(article_to_text(article)).title == article.title
        assert path.read_bytes() == data


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@fuzz_settings()
@given(data=st.binary(max_size=4000))
@counted
def test_any_bytes(suffix: str, data: bytes) -> None:
    check_import(data, suffix)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@fuzz_settings()
@given(text=SCRAPED_TEXT, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
@counted
def test_scraped_like_text(suffix: str, text: str, encoding: str) -> None:
    check_import(text.encode(encoding, errors="replace"), suffix)


@fuzz_settings()
@given(text=st.one_of(st.text(max_size=500), SCRAPED_TEXT.map(lambda t: "---\n" + t)))
@counted
def test_front_matter_reader(text: str) -> None:
    try:
        article = article_from_text(text)
    except FrontMatterError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert article.title
