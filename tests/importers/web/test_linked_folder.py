"""Importing a folder of saved pages keeps the graph: where each page was, its links."""

from __future__ import annotations

from pathlib import Path

from reader.importers import import_paths
from reader.library.store import LibraryStore

PAGES = Path(__file__).parents[2] / "data" / "linked_pages"


def test_folder_import_records_each_page_location_and_keeps_relative_links(
    tmp_path: Path,
) -> None:
    store = LibraryStore(tmp_path / "library")
    report = import_paths([PAGES], store)
    assert report.summary() == "3 imported, 0 skipped, 0 failed"
    soil = store.get("preparing-the-soil")
    assert soil.source.folder == PAGES.absolute().as_posix()
    assert soil.source.path == "guide/soil.html"
    # <base href="../"> made its links relative to the set's root: rewritten from the page.
    assert "[the handbook](../index.html)" in soil.body
    assert "[watering](watering.html)" in soil.body
    handbook = store.get("garden-handbook")
    assert "[watering in the evening](guide/watering.html#evening)" in handbook.body
    resolved = {link.href: link for link in store.link_index().resolve(handbook)}
    assert resolved["guide/soil.html"].article_id == "preparing-the-soil"
    assert resolved["guide/watering.html#evening"].article_id == "watering"
    assert resolved["guide/compost.html"].kind == "missing"
    assert resolved["https://www.example.org/seeds?utm_source=handbook"].kind == "web"


def test_pages_imported_one_by_one_from_the_same_folder_link_up_too(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "library")
    import_paths([PAGES / "guide" / "watering.html"], store)
    import_paths([PAGES / "guide" / "soil.html"], store)
    watering = store.get("watering")
    assert watering.source.path == "watering.html"
    links = {link.href: link.kind for link in store.link_index().resolve(watering)}
    assert links == {"soil.html": "library", "../index.html": "missing"}


def test_an_image_shared_by_pages_is_stored_once_and_survives_deleting_one(
    tmp_path: Path,
) -> None:
    store = LibraryStore(tmp_path / "library")
    import_paths([PAGES], store)
    # soil.html reaches the image through <base href="../">, index.html directly.
    assert "![A sprout in good soil](sprout.png)" in store.get("preparing-the-soil").body
    first = store.assets_dir("garden-handbook") / "sprout.png"
    second = store.assets_dir("preparing-the-soil") / "sprout.png"
    assert first.read_bytes() == second.read_bytes() == (PAGES / "img" / "sprout.png").read_bytes()
    assert first.stat().st_ino == second.stat().st_ino  # one file on disk, two names
    store.delete("garden-handbook")
    assert not first.exists()
    assert second.read_bytes() == (PAGES / "img" / "sprout.png").read_bytes()


def test_a_page_alone_takes_no_image_from_outside_its_folder(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "library")
    import_paths([PAGES / "guide" / "soil.html"], store)
    assert "sprout.png" not in store.get("preparing-the-soil").body
    assert not store.assets_dir("preparing-the-soil").exists()


def test_two_pages_of_a_folder_with_the_same_text_are_both_kept(tmp_path: Path) -> None:
    # A help set has the same "Window" menu page in two modules: both are linked to.
    folder = tmp_path / "help"
    page = (PAGES / "guide" / "watering.html").read_text("utf-8")
    for module in ("writer", "calc"):
        (folder / module).mkdir(parents=True)
        (folder / module / "window.html").write_text(page.replace("<title>", "<title> "), "utf-8")
    (folder / "writer" / "window.html").write_text(page, "utf-8")  # other bytes, same text
    store = LibraryStore(tmp_path / "library")
    assert import_paths([folder], store).summary() == "2 imported, 0 skipped, 0 failed"
    # Importing the same folder again is still a duplicate, page by page.
    again = import_paths([folder], store)
    assert again.summary() == "0 imported, 2 skipped, 0 failed"
    changed = folder / "calc" / "window.html"
    changed.write_text(page.replace("<title>", "<title>  "), "utf-8")  # saved anew
    assert import_paths([folder], store).summary() == "0 imported, 2 skipped, 0 failed"
