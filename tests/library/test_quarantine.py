"""One bad file never takes the library down: each case found by the adversarial run.

Every bad article is listed in ``store.problems`` with its name and the reason, is left
where it is, is remembered by its stamp so later runs do not read it again, and every
other article keeps working.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from reader.library import Article, LibraryError, LibraryStore
from reader.library.catalog import Catalog
from reader.library.frontmatter import FrontMatterError, article_from_text

GOOD = "---\ntitle: Un articolo sano\n---\n\nIl testo.\n"


def make_store(tmp_path: Path) -> LibraryStore:
    store = LibraryStore(tmp_path / "library", Catalog(tmp_path / "cache" / "catalog.sqlite3"))
    store.ensure()
    (store.articles_dir / "sano.md").write_text(GOOD, "utf-8")
    return store


def reopen(store: LibraryStore, tmp_path: Path) -> LibraryStore:
    return LibraryStore(store.root, Catalog(tmp_path / "cache" / "catalog.sqlite3"))


@pytest.mark.parametrize(
    "line",
    [
        "published: 2024-02-30",
        "published: 2024-13-01",
        "imported: 2024-01-01T10:00:00+99:00",
        "published: 0000-01-01",
        f"author: {'9' * 5000}",
    ],
)
def test_impossible_values_are_one_bad_file(tmp_path: Path, line: str) -> None:
    with pytest.raises(FrontMatterError, match="impossible value"):
        article_from_text(f"---\ntitle: x\n{line}\n---\nbody\n")
    store = make_store(tmp_path)
    (store.articles_dir / "data-impossibile.md").write_text(
        f"---\ntitle: x\n{line}\n---\n", "utf-8"
    )
    assert [s.id for s in store.summaries()] == ["sano"]
    assert "data-impossibile.md" in store.problems["data-impossibile.md"]
    assert "impossible value" in store.problems["data-impossibile.md"]
    with pytest.raises(LibraryError, match=r"data-impossibile\.md"):
        store.get("data-impossibile")


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "---\n" + "\n".join(lines) + "\ntitle: *i\nauthor: *i\n---\nbody\n"


def test_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    (store.articles_dir / "bomba.md").write_text(alias_bomb(), "utf-8")
    started = time.perf_counter()
    assert [s.id for s in store.summaries()] == ["sano"]
    assert time.perf_counter() - started < 2.0
    assert "aliases" in store.problems["bomba.md"]


def test_a_plain_asterisk_is_not_an_alias() -> None:
    article = article_from_text('---\ntitle: "Il *vero* titolo"\nauthor: a * b\n---\nx\n')
    assert article.title == "Il *vero* titolo"
    assert article.author == "a * b"


def test_structure_where_text_belongs_is_named_by_type_only() -> None:
    with pytest.raises(FrontMatterError) as caught:
        article_from_text("---\ntitle: [" + ", ".join(["x"] * 5000) + "]\n---\n")
    assert str(caught.value) == "expected text, found a list"


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    bad = os.fsdecode(b"caf\xe9.md")
    (store.articles_dir / bad).write_text(GOOD.replace("sano", "altro"), "utf-8")
    assert [s.id for s in store.summaries()] == ["sano"]
    assert "not valid UTF-8" in store.problems[bad]
    assert "caf\\xe9.md" in store.problems[bad]
    assert [s.id for s in reopen(store, tmp_path).summaries()] == ["sano"]


def test_fifo_named_like_an_article_is_not_read(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    os.mkfifo(store.articles_dir / "tubo.md")
    finished = threading.Event()
    result: list[object] = []

    def work() -> None:
        result.append([s.id for s in store.summaries()])
        with pytest.raises(LibraryError, match="not a regular file"):
            store.get("tubo")
        finished.set()

    threading.Thread(target=work, daemon=True).start()
    assert finished.wait(10), "reading the library blocked on a FIFO"
    assert result == [["sano"]]
    assert "not a regular file" in store.problems["tubo.md"]


def test_link_to_an_endless_device_is_not_read(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    (store.articles_dir / "zero.md").symlink_to("/dev/zero")
    (store.articles_dir / "cartella.md").mkdir()
    assert [s.id for s in store.summaries()] == ["sano"]
    assert "not a regular file" in store.problems["zero.md"]
    assert "folder" in store.problems["cartella.md"]


def test_oversized_article_is_refused_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.library.store.MAX_ARTICLE_BYTES", 1000)
    store = make_store(tmp_path)
    (store.articles_dir / "enorme.md").write_text(GOOD + "x" * 2000, "utf-8")
    assert [s.id for s in store.summaries()] == ["sano"]
    assert "larger than" in store.problems["enorme.md"]


def test_bad_files_are_remembered_by_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    bad = store.articles_dir / "rotto.md"
    bad.write_text("---\ntitle: x\npublished: 2024-02-30\n---\n", "utf-8")
    store.summaries()
    reads: list[str] = []
    original_get = LibraryStore.get

    def counting_get(self: LibraryStore, article_id: str) -> Article:
        reads.append(article_id)
        return original_get(self, article_id)

    monkeypatch.setattr(LibraryStore, "get", counting_get)
    later = reopen(store, tmp_path)
    assert [s.id for s in later.summaries()] == ["sano"]
    assert reads == []  # neither the good (catalogued) nor the bad (remembered) file
    assert "impossible value" in later.problems["rotto.md"]
    # Fixed by hand: read again, listed, no longer a problem.
    bad.write_text("---\ntitle: Riparato\npublished: 2024-02-28\n---\n", "utf-8")
    fixed = reopen(store, tmp_path)
    assert sorted(s.id for s in fixed.summaries()) == ["rotto", "sano"]
    assert fixed.problems == {}
    bad.unlink()
    assert [s.id for s in reopen(store, tmp_path).summaries()] == ["sano"]


CATALOG_DAMAGE = {
    "garbage": lambda path: path.write_bytes(b"this is not a database" * 100),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:1500]),
    "garbage inside": lambda path: _overwrite_middle(path),
    "deleted": lambda path: path.unlink(),
    "folder": lambda path: (path.unlink(), path.mkdir(), (path / "x").write_text("x")),
    "other version": lambda path: _set_version(path, 99),
    "empty file": lambda path: path.write_bytes(b""),
}


def _overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page but the header
        data[offset + 8 : offset + 4000] = os.urandom(3992)
    path.write_bytes(bytes(data))


def _set_version(path: Path, version: int) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("damage", sorted(CATALOG_DAMAGE))
def test_catalog_repairs_itself(tmp_path: Path, damage: str) -> None:
    store = make_store(tmp_path)
    for number in range(40):
        (store.articles_dir / f"a{number:02d}.md").write_text(
            f"---\ntitle: Articolo {number}\nrelated: [Articolo {number + 1}]\n---\n"
            + "testo " * 200,
            "utf-8",
        )
    assert len(store.summaries()) == 41
    store._catalog.close()
    CATALOG_DAMAGE[damage](tmp_path / "cache" / "catalog.sqlite3")
    repaired = reopen(store, tmp_path)
    assert len(repaired.summaries()) == 41
    assert repaired.related_index().linked_from("a04") == ["a03"]
    assert repaired.find_duplicate(Article(title="Articolo 3", body="testo " * 200)) is not None
    assert repaired.problems == {}
    assert len(reopen(store, tmp_path).summaries()) == 41


def test_catalog_damaged_while_open_is_started_over(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    for number in range(40):
        (store.articles_dir / f"a{number:02d}.md").write_text(
            f"---\ntitle: Articolo {number}\n---\n" + "testo " * 200, "utf-8"
        )
    assert len(store.summaries()) == 41
    catalog_file = tmp_path / "cache" / "catalog.sqlite3"
    _overwrite_middle(catalog_file)
    with catalog_file.open("r+b") as handle:  # bump the change counter: caches are dropped
        handle.seek(24)
        handle.write(b"\x7f\x00\x00\x01")
    duplicate = store.find_duplicate(Article(title="Articolo 3", body="testo " * 200))
    assert duplicate is not None and duplicate.article_id == "a03"
    assert store._catalog.generation == 1
    assert len(store.summaries()) == 41
    assert len(reopen(store, tmp_path).summaries()) == 41


def test_full_cache_disk_keeps_the_catalog_in_memory(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.summaries()
    # SQLite's page limit gives exactly the error of a full disk: "database or disk is full".
    store._catalog._connection.execute("PRAGMA max_page_count = 1")
    for number in range(200):
        store.add(Article(title=f"Nuovo {number}", body="parole " * 300, published=dt.date.today()))
    assert len(store.summaries()) == 201
    assert store._catalog._connection.execute("PRAGMA max_page_count").fetchone()[0] > 1


def test_another_process_adding_is_seen_before_the_duplicate_check(tmp_path: Path) -> None:
    """Two stores on one library (as two processes): each add by one makes the other
    re-scan before its own check, every time (the lock file's counter)."""
    from reader.library import DuplicateArticleError

    first = LibraryStore(tmp_path / "library", Catalog(None))
    second = LibraryStore(tmp_path / "library", Catalog(None))
    first.summaries()
    second.summaries()
    for number in range(3):
        article = Article(title=f"Condiviso {number}", body=f"Lo stesso testo {number}.")
        second.add(article)
        with pytest.raises(DuplicateArticleError):
            first.add(article)
        first.add(Article(title=f"Solo del primo {number}", body=f"Altro {number}."))
        with pytest.raises(DuplicateArticleError):
            second.add(Article(title=f"Solo del primo {number}", body=f"Altro {number}."))
    assert len(first.summaries()) == len(second.summaries()) == 6
