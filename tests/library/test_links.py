"""Body links resolved to library articles: keys, the catalog tables, "linked from"."""

from __future__ import annotations

from pathlib import Path

from reader.library.links import LinkIndex, body_links, link_key, location_keys
from reader.library.model import Article, Source
from reader.library.store import LibraryStore, summarize

FOLDER = "/saved/help"


def page(title: str, path: str, body: str, url: str = "") -> Article:
    return Article(
        title=title,
        body=body,
        source=Source(kind="html", file=Path(path).name, folder=FOLDER, path=path, url=url),
    )


def test_a_web_link_finds_its_page_whatever_the_tracking_scheme_or_www() -> None:
    saved = Source(kind="html", url="https://example.org/news/story?id=7")
    (key,) = location_keys(saved)
    for href in (
        "http://www.example.org/news/story?id=7&utm_source=feed#comments",
        "https://example.org/news/story/?fbclid=abc&id=7",
        "//www.example.org/news/story?gclid=x&id=7",
    ):
        assert link_key(href, None) == key
    assert link_key("https://example.org/news/story?id=8", None) != key


def test_a_relative_link_resolves_against_the_original_file() -> None:
    source = Source(kind="html", folder=FOLDER, path="text/shared/find.html")
    target = Source(kind="html", folder=FOLDER, path="text/swriter/guide/finding.html")
    assert link_key("../swriter/guide/finding.html#top", source) == location_keys(target)[0]
    assert link_key("finding.html", Source(kind="html")) == ""  # no original location known
    assert link_key("mailto:someone@example.org", source) == ""


def test_body_links_reads_markdown_and_raw_html_targets() -> None:
    body = 'See [a](a.html), [b](<b c.html> "title") and <a href="d.html">d</a>.'
    assert body_links(body) == ["a.html", "b c.html", "d.html"]


def test_the_catalog_resolves_links_and_lists_backlinks(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "library")
    one = store.add(
        page("One", "one.html", "Go to [two](sub/two.html#part) or [web](https://x.org/).")
    )
    two = store.add(page("Two", "sub/two.html", "Back to [one](../one.html); [gone](gone.html)."))
    index = store.link_index()
    links = {link.href: link for link in index.resolve(one)}
    assert links["sub/two.html#part"].kind == "library"
    assert links["sub/two.html#part"].article_id == two.id
    assert links["sub/two.html#part"].fragment == "part"
    assert links["https://x.org/"].kind == "web"
    kinds = {link.href: (link.kind, link.article_id) for link in index.resolve(two)}
    assert kinds == {"../one.html": ("library", one.id), "gone.html": ("missing", "")}
    assert index.linked_from(two.id) == [one.id]
    assert store.related_index().linked_from(one.id) == [two.id]
    # The same answers from summaries in memory (tests, small sets).
    memory = LinkIndex([summarize(one), summarize(two)])
    assert memory.linked_from(two.id) == [one.id]
    assert [link.kind for link in memory.resolve(two)] == ["library", "missing"]


def test_deleting_the_target_makes_its_links_missing(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "library")
    one = store.add(page("One", "one.html", "Go to [two](two.html) now."))
    two = store.add(page("Two", "two.html", "Nothing links from here."))
    store.delete(two.id)
    assert [link.kind for link in store.link_index().resolve(one)] == ["missing"]
    store.restore(two)
    assert [link.article_id for link in store.link_index().resolve(one)] == [two.id]
