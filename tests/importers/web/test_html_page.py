"""Saved web pages: text, metadata, images, encodings, failures; sources never touched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.importers import ImportFailure, import_file, import_paths
from reader.importers.batch import expand_paths, parse_file
from reader.importers.html_page import _authors
from tests.importers.web.conftest import snapshot

COMPLETE_PAGE = "Rivers are getting warmer.html"


def test_complete_page_text_and_metadata(web_fixtures: Path) -> None:
    parsed = parse_file(web_fixtures / COMPLETE_PAGE)
    [item] = parsed.articles
    article = item.article
    assert article.title == "Rivers are getting warmer"
    assert article.author == "Jane Doe"
    assert article.published == dt.date(2025, 3, 3)
    assert article.category == "Science"
    assert article.tags == ["rivers", "climate", "water"]
    assert article.lang == "en"
    assert item.site_name == "The Daily Current"
    assert article.source is not None
    assert article.source.kind == "html"
    assert article.source.file == COMPLETE_PAGE
    assert article.source.url == "https://daily-current.example/science/rivers-are-getting-warmer"
    body = article.body
    assert body.startswith("Researchers measured the temperature of two hundred rivers")
    assert "## Why it matters" in body
    assert "- more algae blooms in late summer," in body
    assert "> We did not expect the trend to be so uniform" in body
    assert "[study in the journal](https://journal.example/rivers-2025)" in body
    for boilerplate in ("The Daily Current", "Sport", "©", "# Rivers are getting warmer"):
        assert boilerplate not in body


def test_complete_page_images(web_fixtures: Path, empty_services) -> None:
    store = empty_services.store
    report = import_paths([web_fixtures / COMPLETE_PAGE], store)
    [result] = report.results
    assert result.status == "imported", result.message
    stored = store.get(result.article_id)
    assert "![Map of the measured rivers](river-map.png)" in stored.body
    # The remote image is never fetched, and its alt text is not article text.
    assert "brown trout" not in stored.body
    assert "cdn.daily-current.example" not in stored.body
    assets = store.assets_dir(stored.id)
    assert sorted(path.name for path in assets.iterdir()) == ["river-map.png"]
    original = web_fixtures / "Rivers are getting warmer_files" / "river map.png"
    assert (assets / "river-map.png").read_bytes() == original.read_bytes()


def test_import_never_changes_the_sources(web_fixtures: Path, empty_services) -> None:
    before = snapshot(web_fixtures)
    report = import_paths([web_fixtures], empty_services.store)
    assert report.imported >= 4
    assert snapshot(web_fixtures) == before


def test_folder_import_skips_the_page_files_folder(web_fixtures: Path) -> None:
    files_dir = web_fixtures / "Rivers are getting warmer_files"
    (files_dir / "frame.html").write_text("<html><body><p>an embedded frame</p></body></html>")
    found = expand_paths([web_fixtures])
    assert web_fixtures / COMPLETE_PAGE in found
    assert not any(files_dir in path.parents for path in found)


def test_cp1252_page_with_meta_charset(web_fixtures: Path) -> None:
    article = import_file(web_fixtures / "acqua-cp1252.html")
    assert article.title == "L’acqua dei fiumi è più calda"
    assert article.author == "Mario Rossi"
    assert article.published == dt.date(2024, 5, 12)
    assert article.lang == "it"
    assert "“i pesci d’acqua fredda si spostano sempre più a monte”" in article.body
    assert "Perché la tendenza si inverta" in article.body
    assert "tutti i diritti riservati" not in article.body


PARAGRAPHS = (
    "<p>“Perché” l’acqua è più calda: città e società cambiano, e i fiumi con loro, "
    "più in fretta di quanto gli studiosi pensassero dieci anni fa.</p>"
    "<p>Il secondo paragrafo racconta le conseguenze per i pesci, per l’agricoltura "
    "e per l’acqua potabile dei comuni lungo il fiume.</p>"
)


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="iso-8859-1">', "cp1252"),  # browsers read Latin-1 labels as cp1252
        ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "utf-8"),
        ("", "utf-8"),
        ("", "cp1252"),  # no declaration: detected
        ('<meta charset="utf-8">', "cp1252"),  # a wrong declaration does not win
    ],
)
def test_encodings(tmp_path: Path, head: str, encoding: str) -> None:
    page = f"<html><head>{head}<title>Fiumi</title></head>"
    page += f"<body><article>{PARAGRAPHS}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    article = import_file(path)
    assert "“Perché” l’acqua è più calda: città e società cambiano" in article.body
    assert "per l’agricoltura" in article.body


def test_no_article_text_is_a_clear_failure(web_fixtures: Path) -> None:
    path = web_fixtures / "no-article.html"
    with pytest.raises(ImportFailure) as failure:
        import_file(path)
    assert str(failure.value) == f"{path}: no article text found in the page"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"<html><body></body></html>", "no article text"),
    ],
)
def test_bad_pages(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as failure:
        import_file(path)
    assert reason in failure.value.reason
    assert str(path) in str(failure.value) and "\n" not in str(failure.value)


def test_image_outside_the_page_folder_is_not_copied(tmp_path: Path, empty_services) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    page_dir = tmp_path / "pages"
    page_dir.mkdir()
    (page_dir / "page.html").write_text(
        f'<html><body><article>{PARAGRAPHS}<p><img src="../secret.png" alt="Outside">'
        f'<img src="file://{secret}" alt="Absolute"></p></article></body></html>',
        "utf-8",
    )
    report = import_paths([page_dir / "page.html"], empty_services.store)
    [result] = report.results
    assert result.status == "imported"
    assert not empty_services.store.assets_dir(result.article_id).exists()
    body = empty_services.store.get(result.article_id).body
    assert "](" not in body.replace("](http", "")


def test_code_in_a_saved_page_keeps_its_text(tmp_path: Path) -> None:
    """The extractor returns plain etree elements: inline code and <pre> must still convert
    (a real technical news page failed here with an AttributeError)."""
    code = "<p>Run <code>git log --oneline</code> to see the history of the tree.</p>"
    block = "<pre>def main():\n    return 0</pre>"
    page = f"<html><head><title>Fiumi</title></head><body><article>{PARAGRAPHS}"
    page += f"{code}{block}{PARAGRAPHS}</article></body></html>"
    path = tmp_path / "code.html"
    path.write_text(page, "utf-8")
    article = import_file(path)
    assert "Run `git log --oneline` to see the history" in article.body
    assert "```\ndef main():\n    return 0\n```" in article.body


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fiumi più caldi | Il Giornale dei Fiumi", "Fiumi più caldi"),
        ("Il Giornale dei Fiumi — Fiumi più caldi", "Fiumi più caldi"),
        ("Fiumi più caldi - Il giornale dei fiumi", "Fiumi più caldi"),
        ("Fiumi più caldi: il Po - Il Giornale dei Fiumi", "Fiumi più caldi: il Po"),
        ("Il Giornale dei Fiumi", "Il Giornale dei Fiumi"),  # nothing would be left
    ],
)
def test_the_site_name_is_cut_from_the_title(tmp_path: Path, title: str, expected: str) -> None:
    site = '<meta property="og:site_name" content="Il Giornale dei Fiumi - notizie d’acqua">'
    page = f"<html><head><title>{title}</title>{site}</head>"
    page += f"<body><article>{PARAGRAPHS}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    parsed = parse_file(path).articles[0]
    assert parsed.article.title == expected
    assert parsed.site_name.startswith("Il Giornale dei Fiumi")


@pytest.mark.parametrize(
    ("extracted", "expected"),
    [
        ("Nathan Willis March", "Nathan Willis"),
        ("Aleš Vávra před", "Aleš Vávra"),
        ("Bradley M Kuhn http; Ebb Org; Bkuhn", "Bradley M Kuhn"),
        ("Anna Bianchi; Mario Rossi; Anna Bianchi", "Anna Bianchi, Mario Rossi"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("bell hooks", "bell hooks"),
    ],
)
def test_author_names_lose_the_words_a_byline_runs_into(extracted: str, expected: str) -> None:
    assert _authors(extracted) == expected
