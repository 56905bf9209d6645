"""Sync tools' conflict copies: recognised by name, kept out of list and search, settled by
keeping one version (the other goes to the trash)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import LibraryStore
from reader.library.catalog import Catalog
from reader.library.conflicts import conflict_original
from reader.search import SearchService

OURS = "---\ntitle: Il fiume\n---\n\nLa versione di questo computer, con la parola nostra.\n"
THEIRS = "---\ntitle: Il fiume\n---\n\nLa versione del telefono, con la parola loro.\n"

COPIES = {
    "il-fiume.sync-conflict-20240102-130405-ABCDEFG": "Syncthing",
    "il-fiume.sync-conflict-20240102-130405": "Syncthing",
    "il-fiume (conflicted copy 2024-01-02 130405)": "Nextcloud",
    "il-fiume (Mario's conflicted copy 2024-01-02)": "Dropbox",
    "il-fiume (Mario’s conflicted copy 2024-01-02 (1))": "Dropbox",
}


@pytest.mark.parametrize("copy_id", sorted(COPIES))
def test_conflict_names_are_recognised(copy_id: str) -> None:
    assert conflict_original(copy_id) == ("il-fiume", COPIES[copy_id])


@pytest.mark.parametrize(
    "article_id",
    ["il-fiume", "sync-conflict-notes", "il-fiume (copy)", "conflicted copy 2024-01-02 130405"],
)
def test_ordinary_names_are_not_conflicts(article_id: str) -> None:
    assert conflict_original(article_id) is None


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    store = LibraryStore(tmp_path / "library", Catalog(tmp_path / "catalog.sqlite3"))
    store.ensure()
    (store.articles_dir / "il-fiume.md").write_text(OURS, "utf-8")
    return store


@pytest.mark.parametrize("copy_id", sorted(COPIES))
def test_copy_is_not_a_duplicate_in_list_or_search(
    store: LibraryStore, tmp_path: Path, copy_id: str
) -> None:
    (store.articles_dir / f"{copy_id}.md").write_text(THEIRS, "utf-8")
    assert [s.id for s in store.summaries()] == ["il-fiume"]
    [conflict] = store.conflicts()
    assert (conflict.copy_id, conflict.original_id, conflict.tool) == (
        copy_id,
        "il-fiume",
        COPIES[copy_id],
    )
    service = SearchService(tmp_path / "index", store)
    service.update()
    assert [hit.id for hit in service.search("fiume").hits] == ["il-fiume"]
    assert service.search("loro").hits == []
    service.close()


def test_keep_ours_trashes_the_copy(store: LibraryStore) -> None:
    copy = store.articles_dir / "il-fiume.sync-conflict-20240102-130405-ABCDEFG.md"
    copy.write_text(THEIRS, "utf-8")
    store.summaries()
    assert store.resolve_conflict(copy.name.removesuffix(".md"), "ours") == "il-fiume"
    assert not copy.exists()
    assert "nostra" in store.get("il-fiume").body
    assert store.conflicts() == []
    assert _trashed_names() >= {copy.name}


def test_keep_theirs_puts_the_copy_in_place(store: LibraryStore, tmp_path: Path) -> None:
    copy = store.articles_dir / "il-fiume (conflicted copy 2024-01-02 130405).md"
    copy.write_text(THEIRS, "utf-8")
    assert [s.id for s in store.summaries()] == ["il-fiume"]
    store.resolve_conflict(copy.name.removesuffix(".md"), "theirs")
    assert not copy.exists()
    assert "loro" in store.get("il-fiume").body
    assert [s.id for s in store.summaries()] == ["il-fiume"]
    later = LibraryStore(store.root, Catalog(tmp_path / "catalog.sqlite3"))
    assert "loro" in later.get("il-fiume").body
    assert [s.id for s in later.summaries()] == ["il-fiume"]


def test_keep_ours_refused_when_the_article_is_gone(store: LibraryStore) -> None:
    (store.articles_dir / "il-fiume.md").unlink()
    copy = store.articles_dir / "il-fiume (Mario's conflicted copy 2024-01-02).md"
    copy.write_text(THEIRS, "utf-8")
    [conflict] = store.conflicts()
    assert not conflict.original_exists
    with pytest.raises(Exception, match="keep 'theirs'"):
        store.resolve_conflict(conflict.copy_id, "ours")
    assert copy.exists()
    store.resolve_conflict(conflict.copy_id, "theirs")
    assert [s.id for s in store.summaries()] == ["il-fiume"]


def _trashed_names() -> set[str]:
    import os

    trash = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"
    return {path.name for path in trash.iterdir()} if trash.is_dir() else set()


def test_cli_lists_and_resolves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base"
    articles = base / "data" / "library" / "articles"
    articles.mkdir(parents=True)
    (articles / "il-fiume.md").write_text(OURS, "utf-8")
    copy_id = "il-fiume.sync-conflict-20240102-130405-ABCDEFG"
    (articles / f"{copy_id}.md").write_text(THEIRS, "utf-8")
    assert main(["--base-dir", str(base), "list"]) == 0
    listed = capsys.readouterr()
    assert "1 article" in listed.out and copy_id not in listed.out
    assert "1 sync conflict copy" in listed.err and "reader conflicts" in listed.err
    assert main(["--base-dir", str(base), "conflicts", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {"copy": copy_id, "article": "il-fiume", "tool": "Syncthing", "article_exists": True}
    ]
    assert main(["--base-dir", str(base), "conflicts", "resolve", "--keep", "theirs", copy_id]) == 0
    assert "kept the conflict copy as il-fiume" in capsys.readouterr().out
    assert main(["--base-dir", str(base), "conflicts"]) == 0
    assert capsys.readouterr().out == "no conflict copies\n"
    assert "loro" in (articles / "il-fiume.md").read_text("utf-8")
    assert main(["--base-dir", str(base), "conflicts", "resolve", "--keep", "ours", "nope"]) == 1
    assert "no conflict copy" in capsys.readouterr().err


def test_cli_reports_bad_files_and_carries_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base"
    articles = base / "data" / "library" / "articles"
    articles.mkdir(parents=True)
    (articles / "il-fiume.md").write_text(OURS, "utf-8")
    (articles / "rotto.md").write_text("---\ntitle: x\npublished: 2024-02-30\n---\n", "utf-8")
    for command in (["list"], ["index"], ["search", "fiume"]):
        assert main(["--base-dir", str(base), *command]) == 0, command
        captured = capsys.readouterr()
        warnings = [line for line in captured.err.splitlines() if "warning" in line]
        assert len(warnings) == 1 and "rotto.md" in warnings[0], command
        assert "impossible value" in warnings[0]
    assert main(["--base-dir", str(base), "search", "fiume", "--json"]) == 0
    assert [hit["id"] for hit in json.loads(capsys.readouterr().out)["hits"]] == ["il-fiume"]
