"""Related boxes become related items that resolve; the same article is never stored twice."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.importers import import_file, import_paths

RELATED_PAGE = "lakes-related.html"


def test_related_box_becomes_related_items(web_fixtures: Path) -> None:
    article = import_file(web_fixtures / RELATED_PAGE)
    base = "https://northern-notes.example"
    assert [(item.title, item.url) for item in article.related] == [
        ("The last ice fishers of the north", f"{base}/2024/11/the-last-ice-fishers/"),
        ("Snow is changing, and so are we", f"{base}/2024/10/snow-is-changing/"),
        ("Rivers are getting warmer", f"{base}/2025/01/rivers-are-getting-warmer/"),
        ("Why glaciers matter for rivers", f"{base}/2024/12/why-glaciers-matter/"),
    ]
    first = article.related[0]
    assert first.caption == "Ice fishing hut"
    assert first.teaser == "A season on the lake with the people who still fish through the ice."
    for leaked in ("Read also", "Related articles", "The last ice fishers", "Snow is changing"):
        assert leaked not in article.body
    assert article.body.startswith("Winters are getting shorter")


def test_related_items_resolve_to_library_articles(web_fixtures: Path, empty_services) -> None:
    store = empty_services.store
    report = import_paths(
        [web_fixtures / RELATED_PAGE, web_fixtures / "Rivers are getting warmer.html"], store
    )
    assert [result.status for result in report.results] == ["imported", "imported"]
    lakes_id, rivers_id = (result.article_id for result in report.results)
    index = store.related_index()
    resolved = {
        item.item.title: item.article_id for item in index.resolve(store.get(lakes_id).related)
    }
    assert resolved["Rivers are getting warmer"] == rivers_id
    assert resolved["Why glaciers matter for rivers"] is None
    assert index.linked_from(rivers_id) == [lakes_id]


def test_same_page_twice_is_skipped(web_fixtures: Path, empty_services, tmp_path: Path) -> None:
    page = web_fixtures / RELATED_PAGE
    copy = tmp_path / "copy-of-page.html"
    shutil.copyfile(page, copy)
    report = import_paths([page, copy], empty_services.store)
    assert [result.status for result in report.results] == ["imported", "skipped"]
    assert report.results[1].article_id == report.results[0].article_id


def test_same_canonical_url_is_skipped(web_fixtures: Path, empty_services, tmp_path: Path) -> None:
    """A later save of the same page (other ads, edited text, tracking query) is a duplicate."""
    page = web_fixtures / "Rivers are getting warmer.html"
    later = tmp_path / "rivers-again.html"
    text = page.read_text("utf-8").replace("forty years", "four decades")
    later.write_text(text.replace("?utm_source=feed", "?utm_medium=email#top"), "utf-8")
    store = empty_services.store
    first = import_paths([page], store)
    second = import_paths([later], store)
    [result] = second.results
    assert result.status == "skipped"
    assert result.article_id == first.results[0].article_id
    assert "same URL" in result.message


def test_wallabag_entry_with_the_url_of_a_saved_page_is_skipped(
    web_fixtures: Path, empty_services
) -> None:
    store = empty_services.store
    import_paths([web_fixtures / "Rivers are getting warmer.html"], store)
    report = import_paths([web_fixtures / "wallabag-export.json"], store)
    statuses = {result.entry: result.status for result in report.results}
    assert statuses == {
        "Rivers are getting warmer": "skipped",
        "Lakes lose their ice sooner": "imported",
        "L'acqua dei fiumi è più calda": "imported",
    }
