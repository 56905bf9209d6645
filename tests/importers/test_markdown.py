"""Markdown files with and without front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.importers import ImportFailure, import_file


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        "---\ntitle: Il clima che cambia\nauthor: Anna\npublished: 2024-05-01\n"
        "category: Scienza\ntags: [clima, acqua]\nid: ignored\nread: true\n---\n\n"
        "Il testo **in grassetto** dell'articolo, che parla del clima e della sua storia.\n",
    )
    article = import_file(path)
    assert article.title == "Il clima che cambia"
    assert (article.author, article.published, article.category) == (
        "Anna",
        dt.date(2024, 5, 1),
        "Scienza",
    )
    assert article.tags == ["clima", "acqua"]
    assert article.lang == "it"
    assert article.read is False and article.id == ""
    assert article.body.startswith("Il testo **in grassetto**")
    assert article.source is not None and article.source.kind == "markdown"


def test_markdown_title_from_first_heading(tmp_path: Path) -> None:
    path = write(tmp_path, "b.md", "# The river and the sea\n\nThe body of the story is here.\n")
    article = import_file(path)
    assert article.title == "The river and the sea"
    assert article.body.strip() == "The body of the story is here."
    assert article.lang == "en"


def test_markdown_setext_heading(tmp_path: Path) -> None:
    path = write(tmp_path, "c.md", "A title\n=======\n\nText.\n")
    assert import_file(path).title == "A title"


def test_broken_front_matter_names_the_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "d.md", "---\ntitle: [unclosed\n---\nBody\n")
    with pytest.raises(ImportFailure) as failure:
        import_file(path)
    assert "d.md" in str(failure.value)
    assert "YAML" in failure.value.reason


def test_plain_text_fallback(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", "Una nota\n\nCon del testo sotto, che è il corpo.\n")
    article = import_file(path)
    assert article.title == "Una nota"
    assert article.body == "Con del testo sotto, che è il corpo."
    assert article.source is not None and article.source.kind == "text"
