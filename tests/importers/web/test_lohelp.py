"""Debian's Italian LibreOffice help (``libreoffice-help-it``), read in place when present.

Fetch it with ``apt-get download libreoffice-help-it && dpkg-deb -x libreoffice-help-it_*.deb
/tmp/lohelp`` (or point READER_LOHELP_DIR at an extracted copy); the tests skip without it.
The whole set is measured by bench/links.py; here one folder of it, fast enough for the suite.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import pytest

from reader.importers import import_paths
from reader.library.store import LibraryStore


def _help_dir() -> Path | None:
    root = Path(os.environ.get("READER_LOHELP_DIR", "/tmp/lohelp"))
    for candidate in (root / "usr" / "share" / "libreoffice" / "help" / "it", root):
        if (candidate / "text" / "shared" / "05").is_dir():
            return candidate
    return None


HELP = _help_dir()
pytestmark = pytest.mark.skipif(HELP is None, reason="libreoffice-help-it is not extracted")


def test_a_folder_of_the_help_links_up_inside_the_library(tmp_path: Path) -> None:
    assert HELP is not None
    folder = HELP / "text" / "shared" / "05"
    pages = sorted(folder.glob("*.html"))
    store = LibraryStore(tmp_path / "library")
    report = import_paths([folder], store)
    assert report.imported == len(pages) > 5, report.results
    articles = [store.get(summary.id) for summary in store.summaries()]
    by_path = {article.source.path: article.id for article in articles}
    assert set(by_path) == {page.name for page in pages}
    assert all(article.lang == "it" for article in articles)
    index = store.link_index()
    checked = 0
    links_to: dict[str, set[str]] = {}
    for article in articles:
        here = posixpath.dirname(article.source.path)
        for link in index.resolve(article):
            if "://" in link.href:
                continue
            target = posixpath.normpath(posixpath.join(here, link.href.split("#")[0]))
            if target in by_path:  # a page of this folder: it must open in Reader
                assert (link.kind, link.article_id) == ("library", by_path[target]), link
                checked += 1
                links_to.setdefault(link.article_id, set()).add(article.id)
            else:
                assert link.kind == "missing", link
    assert checked >= 5
    for target, sources in links_to.items():  # "linked from" is the same graph, reversed
        assert set(index.linked_from(target)) == sources - {target}
