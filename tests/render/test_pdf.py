"""PDF export, checked the way a reader's tools see it: text extraction, links, metadata."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import threading
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QTextDocument

from reader.importers import import_file
from reader.library.model import Article, ArticleSummary, RelatedItem, Source
from reader.library.related import RelatedIndex
from reader.render.pdf import (
    ExportError,
    default_page_size,
    ensure_gui_application,
    export_pdf,
    fit_images,
)
from tests.seed_expectations import SEED_RELATED_TITLES


@pytest.fixture(autouse=True)
def gui_app(qapp: QGuiApplication) -> QGuiApplication:
    """pytest-qt's application: export_pdf must reuse it, never create a second one."""
    return qapp


@pytest.fixture
def seed_article(seed_path: Path) -> Article:
    article = import_file(seed_path)
    article.id = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"
    return article


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def flat(text: str) -> str:
    """Lines joined: a sentence may wrap, but its words must come out whole."""
    return " ".join(text.split())


def test_seed_article_text_extracts_cleanly(seed_article: Article, tmp_path: Path) -> None:
    output = export_pdf([seed_article], tmp_path / "seed.pdf", page_size="A4")
    assert output == tmp_path / "seed.pdf"
    pages = page_texts(output)
    text = "\n".join(pages)
    words = flat(text)
    assert "OpenAI tenta la conquista di Hollywood con Sora" in words
    assert "25 marzo 2024 · IA" in words
    assert "000_bfcfb1f07bcdb431" not in words  # an internal file name (issue 13)
    assert "Che Sam Altman abbia una marcia in più, è una constatazione." in words
    assert "Va però ricordato che l’intelligenza artificiale ha sollevato numerosi" in words
    assert "Ne vedremo delle belle, non solo al cinema." in words
    for word in ("l’intelligenza", "più", "affermarsi", "cinematografico", "“spiega”"):
        assert word in text, word
    assert "Articoli correlati" in words  # the article's language, whatever the interface's
    assert "Related articles" not in words
    for title in SEED_RELATED_TITLES:
        assert title in words, title
    assert "L’azienda americana produrrà un chip da 5nm" in words  # a teaser
    # real text, cleanly: no tabs for spaces, no ligature glyphs, no mojibake
    assert "\t" not in text and "\ufb01" not in text and "\ufb00" not in text
    assert not re.search("Ã|â€|\ufffd", text)


def test_accents_and_quotes_survive_extraction(tmp_path: Path) -> None:
    sentence = "Ecco perché l’intelligenza artificiale è più «utile» di così: città, però, ciò."
    article = Article(title="Perché più?", body=f"{sentence}\n\n**{sentence}** *{sentence}*")
    text = flat(page_texts(export_pdf([article], tmp_path / "it.pdf"))[0])
    assert text.count(sentence) == 3  # regular, bold and italic faces all map back


def test_every_page_has_the_title_and_its_number_in_the_footer(
    seed_article: Article, tmp_path: Path
) -> None:
    pages = page_texts(export_pdf([seed_article], tmp_path / "seed.pdf", page_size="A4"))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        footer = text.strip().splitlines()[-2:]
        assert footer == [
            "OpenAI tenta la conquista di Hollywood con Sora",
            f"{number} / {len(pages)}",
        ]


def test_metadata(seed_article: Article, tmp_path: Path) -> None:
    seed_article.author = "Redazione Più"
    reader = pypdf.PdfReader(export_pdf([seed_article], tmp_path / "seed.pdf"))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "OpenAI tenta la conquista di Hollywood con Sora"
    assert meta.author == "Redazione Più"
    assert meta.subject == "IA"
    assert meta.creator == "Reader"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_description == {"x-default": "IA"}
    assert xmp.dc_creator == ["Redazione Più"]


def test_external_links_are_clickable(tmp_path: Path) -> None:
    article = Article(
        title="Links",
        body="Read [the report](https://example.com/report?id=1) or [write](mailto:a@example.com)."
        "\n\nAlso [another article](reader://article/other).",
    )
    reader = pypdf.PdfReader(export_pdf([article], tmp_path / "links.pdf"))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert sorted(uris) == ["https://example.com/report?id=1", "mailto:a@example.com"]
    assert "another article" in reader.pages[0].extract_text()


def make_article(number: int, paragraphs: int) -> Article:
    body = "\n\n".join(
        f"Paragrafo {index} dell’articolo {number}: perché la prova sia più lunga di una pagina "
        "serve del testo, e questo è testo." * 3
        for index in range(paragraphs)
    )
    return Article(
        id=f"article-{number}",
        title=f"Articolo numero {number}",
        body=body,
        author=f"Autore {number}",
        published=dt.date(2024, 1, number),
        category="Prove" if number % 2 else "Test",
    )


def test_several_articles_get_a_contents_page_and_start_on_new_pages(tmp_path: Path) -> None:
    articles = [make_article(1, 4), make_article(2, 30), make_article(3, 2)]
    output = export_pdf(articles, tmp_path / "three.pdf", page_size="A4")
    reader = pypdf.PdfReader(output)
    pages = [page.extract_text() for page in reader.pages]
    contents = pages[0]
    assert contents.startswith("Contents")
    starts = {}
    for article in articles:
        match = re.search(rf"{article.title}\n.*\n(\d+)\n", contents)
        assert match, contents
        starts[article.title] = int(match.group(1))
    assert starts["Articolo numero 1"] == 2
    assert starts["Articolo numero 2"] > starts["Articolo numero 1"]
    assert starts["Articolo numero 3"] > starts["Articolo numero 2"] + 1  # article 2 is long
    for title, start in starts.items():
        assert pages[start - 1].startswith(title), (title, start)
        assert f"{start} / {len(pages)}" in pages[start - 1]
    assert "Contents" in pages[0].splitlines()[-2]
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Articolo numero 1 and 2 more articles"
    assert meta.author == "Autore 1, Autore 2, Autore 3"
    assert meta.subject == "Prove, Test"


def test_progress_is_reported_to_the_end(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_pdf(
        [make_article(1, 2), make_article(2, 2)],
        tmp_path / "two.pdf",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[0] == (0, 4) and calls[-1] == (4, 4)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize(("size", "box"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size(tmp_path: Path, size: str, box: tuple[int, int]) -> None:
    reader = pypdf.PdfReader(export_pdf([make_article(1, 1)], tmp_path / "p.pdf", page_size=size))
    media = reader.pages[0].mediabox
    assert (round(float(media.width)), round(float(media.height))) == box


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [
        ("en_US.UTF-8", "Letter"),
        ("fr_CA.UTF-8", "Letter"),
        ("es_MX", "Letter"),
        ("en_PH.UTF-8", "Letter"),
        ("it_IT.UTF-8", "A4"),
        ("en_GB.UTF-8", "A4"),
        ("de_DE@euro", "A4"),
        ("C.UTF-8", "A4"),
        ("POSIX", "A4"),
    ],
)
def test_default_page_size_follows_the_locale(locale_name: str, expected: str) -> None:
    assert default_page_size(locale_name) == expected


def test_default_page_size_reads_lc_paper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert default_page_size() == "Letter"


def test_unknown_page_size_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="A3"):
        export_pdf([make_article(1, 1)], tmp_path / "x.pdf", page_size="A3")


def test_missing_folder_is_an_export_error_naming_the_file(tmp_path: Path) -> None:
    output = tmp_path / "missing" / "out.pdf"
    with pytest.raises(ExportError, match=re.escape(str(output))):
        export_pdf([make_article(1, 1)], output)
    assert not output.parent.exists()


def test_output_under_a_file_or_onto_a_folder_is_an_export_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf([make_article(1, 1)], tmp_path / "a-file" / "out.pdf")
    with pytest.raises(ExportError, match="is a folder"):
        export_pdf([make_article(1, 1)], tmp_path)


def test_disk_full_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "out.pdf"
    output.write_bytes(b"%PDF the previous export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match=rf"{re.escape(str(output))}.*No space left on device"):
        export_pdf([make_article(1, 1)], output)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.pdf"]
    assert output.read_bytes() == b"%PDF the previous export"


def test_no_articles_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no articles"):
        export_pdf([], tmp_path / "x.pdf")


def write_png(path: Path, width: int, height: int) -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))


def test_local_images_are_embedded_and_fit_the_page(tmp_path: Path) -> None:
    assets_root = tmp_path / "assets"
    write_png(assets_root / "with-image" / "wide.png", 3000, 600)
    article = Article(
        id="with-image",
        title="Con immagine",
        body="Prima.\n\n![Una foto larga](wide.png)\n\n![remota](https://example.com/x.png)\n\nDopo.",
    )
    reader = pypdf.PdfReader(
        export_pdf([article], tmp_path / "img.pdf", assets_root=assets_root, page_size="A4")
    )
    images = [
        xobject
        for page in reader.pages
        for xobject in page["/Resources"].get("/XObject", {}).values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    text = flat(reader.pages[0].extract_text())
    assert "[image: remota]" in text and "Prima." in text and "Dopo." in text


def test_fit_images_shrinks_only_what_is_too_wide(tmp_path: Path) -> None:
    write_png(tmp_path / "wide.png", 1200, 300)
    write_png(tmp_path / "small.png", 100, 50)
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(
        f'<p><img src="{(tmp_path / "wide.png").as_uri()}"></p>'
        f'<p><img src="{(tmp_path / "small.png").as_uri()}"></p>'
    )
    assert fit_images(document, 600) == 1
    document.setPageSize(QSizeF(600, 10_000))
    assert document.size().width() <= 600


def test_related_items_use_the_library_resolution(seed_article: Article, tmp_path: Path) -> None:
    index = RelatedIndex([summary("2024-06-21-apple", SEED_RELATED_TITLES[1])])
    text = flat(
        "\n".join(page_texts(export_pdf([seed_article], tmp_path / "r.pdf", related_index=index)))
    )
    assert SEED_RELATED_TITLES[1] in text
    assert "non è nella tua libreria" not in text  # a screen-only note


def test_contents_speak_the_articles_language_else_the_interface(tmp_path: Path) -> None:
    italian = [replace(make_article(1, 1), lang="it"), replace(make_article(2, 1), lang="it")]
    output = export_pdf(italian, tmp_path / "it.pdf", fallback_language="en")
    assert page_texts(output)[0].startswith("Indice")
    mixed = [italian[0], replace(make_article(2, 1), lang="en")]
    assert page_texts(export_pdf(mixed, tmp_path / "mixed.pdf"))[0].startswith("Contents")
    unknown = [make_article(1, 1), make_article(2, 1)]  # no language: the interface's
    output = export_pdf(unknown, tmp_path / "unknown.pdf", fallback_language="it")
    assert page_texts(output)[0].startswith("Indice")


def summary(article_id: str, title: str) -> ArticleSummary:
    return ArticleSummary(
        id=article_id,
        title=title,
        author="",
        published=None,
        category="",
        tags=(),
        lang="it",
        starred=False,
        read=False,
        related_titles=(),
        source_sha256="",
        content_key=article_id,
    )


def test_ensure_gui_application_reuses_the_running_one(gui_app: QGuiApplication) -> None:
    assert ensure_gui_application() is gui_app


def test_source_url_is_a_link(tmp_path: Path) -> None:
    article = Article(
        title="Dal web",
        body="Testo.",
        source=Source(kind="html", url="https://example.com/articolo"),
        related=[RelatedItem("Altro", teaser="Un altro articolo.")],
    )
    reader = pypdf.PdfReader(export_pdf([article], tmp_path / "web.pdf"))
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert uris == ["https://example.com/articolo"]


def test_export_runs_off_the_gui_thread(tmp_path: Path) -> None:
    """The window exports from a worker thread: no Qt warning, same result."""
    errors: list[BaseException] = []

    def work() -> None:
        try:
            export_pdf([make_article(1, 3), make_article(2, 3)], tmp_path / "thread.pdf")
        except BaseException as error:  # reported below, in the test thread
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    assert not errors and not worker.is_alive()
    assert pypdf.PdfReader(tmp_path / "thread.pdf").pages[0].extract_text().startswith("Contents")


def test_a_related_title_stays_on_the_page_of_its_teaser(tmp_path: Path) -> None:
    """A title must never end a page with its teaser on the next (issue 13)."""
    related = [
        RelatedItem(
            f"Related item {number:02d} title",
            teaser=f"Teaser{number:02d} " + "words about the item, " * (3 + number % 5),
        )
        for number in range(60)
    ]
    checked = 0
    for paragraphs, page_size in ((3, "A4"), (3, "Letter"), (4, "A4"), (5, "Letter")):
        article = Article(
            title="Many related",
            body="\n\n".join(
                "A paragraph of text to fill the page. " * 9 for _ in range(paragraphs)
            ),
            related=related,
        )
        pages = [
            flat(text)
            for text in page_texts(
                export_pdf(
                    [article], tmp_path / f"r{paragraphs}{page_size}.pdf", page_size=page_size
                )
            )
        ]
        assert len(pages) >= 3
        for number in range(60):
            title_pages = [i for i, text in enumerate(pages) if f"item {number:02d} title" in text]
            teaser_pages = [i for i, text in enumerate(pages) if f"Teaser{number:02d}" in text]
            assert title_pages and teaser_pages, number
            assert title_pages[0] == teaser_pages[0], (
                paragraphs,
                number,
                title_pages,
                teaser_pages,
            )
            checked += 1
    assert checked == 240


def _outline(reader: pypdf.PdfReader, items: list | None = None, depth: int = 0) -> list:
    """The outline as (depth, title, 1-based page) in order, nesting by depth."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def test_headings_become_pdf_bookmarks_on_their_pages(tmp_path: Path) -> None:
    sections = "\n\n".join(
        f"## Sezione {index} perché sì\n\n" + ("Testo della sezione, abbastanza lungo. " * 60)
        for index in range(1, 6)
    )
    article = Article(id="outline", title="Un titolo con “virgolette”", body=sections)
    reader = pypdf.PdfReader(export_pdf([article], tmp_path / "outline.pdf", page_size="A4"))
    outline = _outline(reader)
    assert [(depth, title) for depth, title, _page in outline] == [
        (0, "Un titolo con “virgolette”"),
        *((1, f"Sezione {index} perché sì") for index in range(1, 6)),
    ]
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) > 1
    for _depth, title, page in outline:
        assert title in flat(texts[page - 1]), (title, page)
    assert outline[-1][2] > 1  # the later sections are on later pages
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_several_articles_bookmark_contents_and_each_title(tmp_path: Path) -> None:
    articles = [make_article(1, 4), make_article(2, 30), make_article(3, 2)]
    reader = pypdf.PdfReader(export_pdf(articles, tmp_path / "three.pdf", page_size="A4"))
    outline = _outline(reader)
    titles = [(title, page) for depth, title, page in outline if depth == 0]
    assert titles[0] == ("Contents", 1)
    assert [title for title, _page in titles[1:]] == [article.title for article in articles]
    for title, page in titles[1:]:
        assert reader.pages[page - 1].extract_text().startswith(title)


def test_highlights_are_painted_in_the_pdf(tmp_path: Path) -> None:
    from reader.library.model import Highlight

    body = "Plain words here. The marked passage is this one. More words."
    yellow_fill = b"1 0.941176474 0.627451002 scn"
    plain = pypdf.PdfReader(export_pdf([Article(id="p", title="T", body=body)], tmp_path / "p.pdf"))
    assert yellow_fill not in plain.pages[0].get_contents().get_data()
    marked = Article(id="h", title="T", body=body, highlights=[Highlight("marked passage")])
    reader = pypdf.PdfReader(export_pdf([marked], tmp_path / "h.pdf"))
    content = reader.pages[0].get_contents().get_data()
    # A filled rectangle in the highlight colour, behind text that still extracts whole.
    assert re.search(re.escape(yellow_fill) + rb".{0,120}? re\s+f", content, re.S)
    assert "The marked passage is this one." in flat(reader.pages[0].extract_text())
