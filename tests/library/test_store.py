"""The library folder: add, read, list, update, delete to trash, atomic writes, catalog."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from reader.library import Article, DuplicateArticleError, LibraryError, LibraryStore, RelatedItem
from reader.library.catalog import Catalog
from reader.library.store import ArticleNotFoundError, summarize


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    return LibraryStore(tmp_path / "library", Catalog(tmp_path / "cache" / "catalog.sqlite3"))


def article(title: str = "Il fiume e il mare", **fields: object) -> Article:
    defaults: dict[str, object] = {
        "body": f"Un testo su {title}.",
        "published": dt.date(2024, 3, 25),
        "category": "Natura",
    }
    defaults.update(fields)
    return Article(title=title, **defaults)  # type: ignore[arg-type]


def test_add_assigns_a_stable_id_from_date_and_title(store: LibraryStore) -> None:
    stored = store.add(article("L’IA è già qui: perché?"))
    assert stored.id == "2024-03-25-l-ia-e-gia-qui-perche"
    assert store.path_for(stored.id).is_file()
    assert store.get(stored.id).title == "L’IA è già qui: perché?"
    assert stored.imported is not None


def test_ids_are_collision_safe(store: LibraryStore) -> None:
    first = store.add(article("Same title", body="one"))
    second = store.add(article("Same title", body="two"))
    third = store.add(article("Same title", body="three"))
    assert (first.id, second.id, third.id) == (
        "2024-03-25-same-title",
        "2024-03-25-same-title-2",
        "2024-03-25-same-title-3",
    )


def test_undated_article_id_is_the_slug(store: LibraryStore) -> None:
    assert store.add(article("No date here", published=None)).id == "no-date-here"


def test_duplicates_are_refused(store: LibraryStore) -> None:
    first = store.add(article())
    with pytest.raises(DuplicateArticleError) as duplicate:
        store.add(article(body="Un   testo su Il fiume e il mare."))  # same words, other spaces
    assert duplicate.value.existing_id == first.id


def test_summaries_follow_external_edits(store: LibraryStore) -> None:
    stored = store.add(article(related=[RelatedItem("Altro")]))
    assert [s.title for s in store.summaries()] == ["Il fiume e il mare"]
    path = store.path_for(stored.id)
    path.write_text(path.read_text("utf-8").replace("title: Il fiume", "title: Un fiume"), "utf-8")
    os.utime(path, ns=(1, 1))  # a sync tool may set any mtime; it differs from the catalog's
    summaries = store.summaries()
    assert [s.title for s in summaries] == ["Un fiume e il mare"]
    assert store.related_index().find("un fiume e il mare") == stored.id
    path.unlink()
    assert store.summaries() == []


def test_catalog_survives_restart_and_corruption(tmp_path: Path, store: LibraryStore) -> None:
    store.add(article())
    store.summaries()
    catalog_file = tmp_path / "cache" / "catalog.sqlite3"
    reopened = LibraryStore(store.root, Catalog(catalog_file))
    assert [s.title for s in reopened.summaries()] == ["Il fiume e il mare"]
    catalog_file.write_bytes(b"this is not a database" * 100)
    rebuilt = LibraryStore(store.root, Catalog(catalog_file))
    assert [s.title for s in rebuilt.summaries()] == ["Il fiume e il mare"]


def test_broken_file_is_reported_not_deleted(store: LibraryStore) -> None:
    store.add(article())
    broken = store.articles_dir / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\n", "utf-8")
    titles = [s.title for s in store.summaries()]
    assert titles == ["Il fiume e il mare"]
    assert "broken.md" in store.problems["broken.md"]
    assert "YAML" in store.problems["broken.md"]
    assert broken.exists()


def test_set_flags_and_update(store: LibraryStore) -> None:
    stored = store.add(article())
    store.set_flags(stored.id, read=True, starred=True)
    again = store.get(stored.id)
    assert (again.read, again.starred) == (True, True)
    again.tags = ["letto"]
    store.update(again)
    assert store.get(stored.id).tags == ["letto"]
    summary = store.summary(stored.id)
    assert summary is not None and summary.read and summary.tags == ("letto",)


def test_delete_goes_to_trash_and_can_be_restored(store: LibraryStore) -> None:
    stored = store.add(article("A title only this test uses"))
    assets = store.assets_dir(stored.id)
    assets.mkdir(parents=True)
    (assets / "picture.png").write_bytes(b"png")
    deleted = store.delete(stored.id)
    assert not store.path_for(stored.id).exists() and not assets.exists()
    trash = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"
    trashed = {p.name for p in trash.iterdir()}
    assert {f"{stored.id}.md", stored.id} <= trashed
    assert store.summaries() == []
    store.restore(deleted)
    assert store.get(stored.id).title == stored.title
    # Undo brings the images back too, not just the text (issue 13).
    assert (assets / "picture.png").read_bytes() == b"png"


def test_new_files_get_the_usual_mode_not_a_private_one(store: LibraryStore, tmp_path: Path):
    from reader.library.atomic import atomic_write_bytes

    old = os.umask(0o022)
    try:
        target = tmp_path / "export.pdf"
        atomic_write_bytes(target, b"%PDF")
        assert target.stat().st_mode & 0o777 == 0o644
        stored = store.add(article("Mode check"))
        assert store.path_for(stored.id).stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        atomic_write_bytes(target, b"%PDF again")  # a replaced file keeps its own mode
        assert target.stat().st_mode & 0o777 == 0o640
        os.umask(0o077)
        private = tmp_path / "private.pdf"
        atomic_write_bytes(private, b"%PDF")
        assert private.stat().st_mode & 0o777 == 0o600  # the umask is respected
    finally:
        os.umask(old)


def test_failed_write_keeps_the_old_file(store: LibraryStore, monkeypatch: pytest.MonkeyPatch):
    stored = store.add(article())
    before = store.path_for(stored.id).read_bytes()

    def crash(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(LibraryError, match="cannot be written"):
        store.set_flags(stored.id, read=True)
    assert store.path_for(stored.id).read_bytes() == before
    assert [p.name for p in store.articles_dir.iterdir()] == [f"{stored.id}.md"]


def test_leftover_temp_files_are_cleaned(store: LibraryStore) -> None:
    store.add(article())
    stale = store.articles_dir / ".tmp-reader-abc123"
    stale.write_text("half", "utf-8")
    young = store.articles_dir / ".tmp-reader-def456"
    young.write_text("another process is writing this", "utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert [s.title for s in store.summaries()] == ["Il fiume e il mare"]
    assert sorted(p.name for p in store.articles_dir.iterdir()) == [
        ".tmp-reader-def456",
        "2024-03-25-il-fiume-e-il-mare.md",
    ]


@pytest.mark.parametrize("bad_id", ["", "../etc/passwd", ".hidden", "a/b"])
def test_invalid_ids_are_rejected(store: LibraryStore, bad_id: str) -> None:
    with pytest.raises(ArticleNotFoundError):
        store.get(bad_id)


def test_missing_article(store: LibraryStore) -> None:
    with pytest.raises(ArticleNotFoundError, match="no article with id 'nope'"):
        store.get("nope")


def test_seed_from_sample_library_only_when_empty(store: LibraryStore) -> None:
    from reader.paths import sample_library_dir

    copied = store.seed_from(sample_library_dir())
    assert copied >= 5
    titles = {s.title for s in store.summaries()}
    assert "OpenAI tenta la conquista di Hollywood con Sora" in titles
    assert store.seed_from(sample_library_dir()) == 0


def test_seed_in_italian_copies_the_italian_guides(store: LibraryStore) -> None:
    from reader.paths import sample_library_dir

    assert store.seed_from(sample_library_dir(), language="it") == 6
    titles = {s.title for s in store.summaries()}
    assert {"Benvenuto in Reader", "OpenAI tenta la conquista di Hollywood con Sora"} <= titles
    assert "Welcome to Reader" not in titles


def test_add_copies_assets_before_the_article_appears(store: LibraryStore, tmp_path: Path):
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"jpeg bytes")
    stored = store.add(article(body="![A river](photo.jpg)"), assets={"photo.jpg": picture})
    assert (store.assets_dir(stored.id) / "photo.jpg").read_bytes() == b"jpeg bytes"
    assert picture.read_bytes() == b"jpeg bytes"


def test_unsafe_asset_names_are_refused(store: LibraryStore, tmp_path: Path) -> None:
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"x")
    with pytest.raises(LibraryError, match="unsafe asset name"):
        store.add(article(), assets={"../escape.jpg": picture})
    assert not list(store.articles_dir.iterdir())


def test_two_stores_adding_the_same_title_never_overwrite(tmp_path: Path) -> None:
    """Two processes (two stores, two catalogs) pick the same free id: neither is lost."""
    first = LibraryStore(tmp_path / "shared", Catalog(None))
    second = LibraryStore(tmp_path / "shared", Catalog(None))
    first.summaries()
    second.summaries()  # both now believe the library is empty
    one = first.add(article("Shared title", body="from the first process"))
    two = second.add(article("Shared title", body="from the second process"))
    assert one.id != two.id
    assert {first.get(one.id).body, first.get(two.id).body} == {
        "from the first process",
        "from the second process",
    }


def test_cached_summaries_show_the_last_catalog_without_scanning(tmp_path: Path) -> None:
    catalog_path = tmp_path / "catalog.sqlite3"
    first = LibraryStore(tmp_path / "lib", Catalog(catalog_path))
    first.add(article("Kept in the catalog"))
    first.summaries()
    (first.articles_dir / "2024-03-25-kept-in-the-catalog.md").unlink()
    later = LibraryStore(tmp_path / "lib", Catalog(catalog_path))
    assert [s.title for s in later.cached_summaries()] == ["Kept in the catalog"]
    assert later.summaries() == []  # the real scan catches up
    assert later.cached_summaries() == []


def test_related_index_from_the_catalog(store: LibraryStore) -> None:
    target = store.add(article("Il lago", body="lago"))
    linking = store.add(article("Il fiume", related=[RelatedItem("IL LAGO!"), RelatedItem("Nope")]))
    store.add(article("Il mare", related=[RelatedItem("il lago")]))
    index = store.related_index()
    resolved = index.resolve(store.get(linking.id).related, exclude=linking.id)
    assert [r.article_id for r in resolved] == [target.id, None]
    assert index.linked_from(target.id) == ["2024-03-25-il-fiume", "2024-03-25-il-mare"]
    store.delete(linking.id)
    assert store.related_index().linked_from(target.id) == ["2024-03-25-il-mare"]


def test_summaries_stay_slim(store: LibraryStore) -> None:
    store.add(article(related=[RelatedItem("Altro")]))
    fresh = LibraryStore(store.root, store._catalog)
    (summary,) = fresh.summaries()
    assert summary.related_titles == () and summary.content_key == ""


def test_same_canonical_url_is_a_duplicate(store: LibraryStore) -> None:
    from reader.library.model import Source

    first = store.add(
        article("Una pagina", source=Source(kind="html", url="https://www.example.org/a/?utm_x=1"))
    )
    again = article("Una pagina, rivista", body="altro testo")
    again.source = Source(kind="html", url="http://example.org/a#top")
    with pytest.raises(DuplicateArticleError, match=r"\(same URL\)") as duplicate:
        store.add(again)
    assert duplicate.value.existing_id == first.id


def test_site_is_kept_in_the_front_matter(store: LibraryStore) -> None:
    stored = store.add(article(site="Il Post"))
    assert "site: Il Post\n" in store.path_for(stored.id).read_text("utf-8")
    assert store.get(stored.id).site == "Il Post"


def test_catalog_gives_back_every_list_field(tmp_path: Path) -> None:
    """The catalog builds summaries positionally (fast); each field must land in its place."""
    catalog_path = tmp_path / "catalog.sqlite3"
    store = LibraryStore(tmp_path / "lib", Catalog(catalog_path))
    added = store.add(
        article(
            "Ghiacciai d’Italia", author="Anna Bianchi", tags=["clima", "alpi"], lang="it",
            starred=True, read=False,
        )
    )  # fmt: skip
    store.add(article("Senza data", published=None, tags=[], read=True))
    reopened = LibraryStore(store.root, Catalog(catalog_path))
    by_id = {summary.id: summary for summary in reopened.cached_summaries()}
    summary = by_id[added.id]
    assert summary == summarize(added)._replace(
        related_titles=(), source_sha256="", content_key="", related_keys=(), url_key=""
    )
    assert summary.tags == ("clima", "alpi") and summary.starred and not summary.read
    assert summary.title_key == "ghiacciai d italia"
    undated = next(s for s in by_id.values() if s.title == "Senza data")
    assert undated.published is None and undated.tags == () and undated.read


def test_refresh_reports_what_changed_since_a_version(tmp_path: Path) -> None:
    """Writes by this process and by others both reach a reader of ``refresh``."""
    from reader.library.frontmatter import article_to_text

    store = LibraryStore(tmp_path / "lib")
    first = store.add(Article(title="First", body="one"))
    start = store.refresh().version
    assert not store.refresh(start)

    second = store.add(Article(title="Second", body="two"))  # this process
    (store.articles_dir / "outside.md").write_text(
        article_to_text(Article(title="Outside", body="three")), "utf-8"
    )  # another process
    changes = store.refresh(start)
    assert {s.title for s in changes.changed} == {"Second", "Outside"}
    assert changes.removed == ()

    store.path_for(first.id).unlink()
    store.path_for(second.id).rename(store.path_for("second-moved"))
    later = store.refresh(changes.version)
    assert set(later.removed) == {first.id, second.id}
    assert [s.id for s in later.changed] == ["second-moved"]
    assert not store.refresh(later.version)
