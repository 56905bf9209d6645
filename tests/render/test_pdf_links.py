"""A multi-article PDF keeps body links between its articles as jumps inside the document."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from reader.cli import main

PAGES = Path(__file__).parents[1] / "data" / "linked_pages"


def _links(reader: pypdf.PdfReader, page: int) -> list[tuple[str, object]]:
    """(kind, target) of each link on ``page``: ("page", number) or ("uri", address)."""
    found = []
    for annotation in reader.pages[page].get("/Annots") or []:
        annotation = annotation.get_object()
        if "/Dest" in annotation:
            found.append(("page", reader.get_page_number(annotation["/Dest"][0].get_object())))
        else:
            found.append(("uri", annotation["/A"]["/URI"]))
    return found


@pytest.mark.usefixtures("qapp")
def test_links_between_exported_articles_jump_to_their_first_page(tmp_path: Path) -> None:
    base = ["--base-dir", str(tmp_path / "base")]
    assert main([*base, "import", str(PAGES)]) == 0
    both = tmp_path / "both.pdf"
    assert main([*base, "export", "garden-handbook", "preparing-the-soil", "-o", str(both)]) == 0
    reader = pypdf.PdfReader(both)
    texts = [page.extract_text() for page in reader.pages]
    assert "Garden handbook" in texts[0] and "Preparing the soil" in texts[0]  # contents
    handbook = next(n for n in range(1, len(texts)) if "Garden handbook" in texts[n])
    soil = next(n for n in range(1, len(texts)) if "Preparing the soil" in texts[n])
    assert 0 < handbook < soil
    links = _links(reader, handbook)
    assert ("page", soil) in links  # "preparing the soil" -> its article in this PDF
    assert ("uri", "https://www.example.org/seeds?utm_source=handbook") in links
    assert not any(kind == "uri" and "reader:" in str(target) for kind, target in links)
    assert ("page", handbook) in _links(reader, soil)  # and back
    # "watering" is in the library but not in this PDF: on paper it is plain text.
    assert [target for kind, target in links if kind == "page"] == [soil]


@pytest.mark.usefixtures("qapp")
def test_a_single_article_pdf_has_no_internal_links(tmp_path: Path) -> None:
    base = ["--base-dir", str(tmp_path / "base")]
    assert main([*base, "import", str(PAGES)]) == 0
    alone = tmp_path / "alone.pdf"
    assert main([*base, "export", "garden-handbook", "-o", str(alone)]) == 0
    reader = pypdf.PdfReader(alone)
    kinds = [kind for page in range(len(reader.pages)) for kind, _ in _links(reader, page)]
    assert kinds == ["uri"]
