"""Every cache file damaged in turn, every way: the next command repairs it, no --rebuild.

The caches are the catalog (``catalog.sqlite3``), the Whoosh files of the index (tables of
contents and segment files: postings, terms, columns, stored fields) and the snippet side
table (``docs.sqlite3``). Each is garbled (same size), truncated, deleted and replaced by a
folder; after each, ``reader search`` must answer right and ``reader index`` leave an index
that a fresh process trusts.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.search.indexer import FORMAT_VERSION

DAMAGE_KINDS = ("garbage", "truncated", "deleted", "folder")


def damage(path: Path, how: str) -> None:
    size = path.stat().st_size
    if how == "garbage":
        path.write_bytes(os.urandom(size) if size > 16 else b"\xff" * size)
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: size // 2])
    elif how == "deleted":
        path.unlink()
    elif how == "folder":
        path.unlink()
        path.mkdir()
        (path / "inside").write_text("a folder where a cache file was")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pristine") / "base"
    inbox = base.parent / "inbox"
    inbox.mkdir()
    for number in range(12):
        (inbox / f"{number:02d}.md").write_text(
            f"# Articolo {number}\n\nTesto comune con la parola unica{number} dentro.\n", "utf-8"
        )
    assert main(["--base-dir", str(base), "import", str(inbox)]) == 0
    assert main(["--base-dir", str(base), "index"]) == 0
    return base


def cache_files(base: Path) -> list[Path]:
    [library_cache] = (base / "cache" / "libraries").iterdir()
    files = [library_cache / "catalog.sqlite3"]
    current = library_cache / "index" / "current"
    files += sorted(
        path
        for path in current.iterdir()
        if path.is_file() and path.name not in ("MAIN_WRITELOCK", "writer.pid")
        and not path.name.endswith(("-wal", "-shm"))
    )  # fmt: skip
    return files


def search_ids(base: Path, word: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--base-dir", str(base), "search", word, "--json"]) == 0
    out = capsys.readouterr().out
    return [hit["id"] for hit in json.loads(out)["hits"]]


@pytest.mark.parametrize("how", DAMAGE_KINDS)
def test_each_cache_file_damaged_is_repaired_by_the_next_command(
    pristine: Path, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [path.name for path in cache_files(pristine)]
    assert any(name.endswith(".pst") for name in names)
    assert any(name.endswith(".trm") for name in names)
    assert any(name.endswith(".col") for name in names)
    assert "docs.sqlite3" in names and "catalog.sqlite3" in names
    for name in names:
        base = tmp_path / f"{how}-{name}"
        shutil.copytree(pristine, base)
        [target] = [path for path in cache_files(base) if path.name == name]
        damage(target, how)
        assert search_ids(base, "unica7", capsys) == ["articolo-7"], f"{how} {name}"
        assert main(["--base-dir", str(base), "index"]) == 0
        assert search_ids(base, "unica3", capsys) == ["articolo-3"], f"{how} {name}"
        # And a fresh process trusts what the repair left: nothing more to rebuild.
        capsys.readouterr()
        assert main(["--base-dir", str(base), "index"]) == 0
        assert "(rebuilt)" not in capsys.readouterr().out, f"{how} {name}"
        shutil.rmtree(base)


def test_truncated_postings_are_repaired_by_reader_index(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base"
    shutil.copytree(pristine, base)
    [postings] = [path for path in cache_files(base) if path.suffix == ".pst"]
    damage(postings, "truncated")
    capsys.readouterr()
    assert main(["--base-dir", str(base), "index"]) == 0
    assert "(rebuilt)" in capsys.readouterr().out
    assert search_ids(base, "unica5", capsys) == ["articolo-5"]


def test_index_of_another_format_is_rebuilt(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    base = tmp_path / "base"
    shutil.copytree(pristine, base)
    [docs] = [path for path in cache_files(base) if path.name == "docs.sqlite3"]
    connection = sqlite3.connect(docs)
    connection.execute("UPDATE meta SET value = 'old' WHERE key = 'format_version'")
    connection.commit()
    connection.close()
    assert FORMAT_VERSION != "old"
    capsys.readouterr()
    assert main(["--base-dir", str(base), "index"]) == 0
    assert "(rebuilt)" in capsys.readouterr().out


SMALL_FILE_LIMIT = """
import resource, signal, sys
from reader.cli import main
# Writes past 64 KB fail with EFBIG, as writes on a full disk fail with ENOSPC.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
sys.exit(main(sys.argv[1:]))
"""


def test_cache_disk_full_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    base = tmp_path / "base"
    articles = base / "data" / "library" / "articles"
    articles.mkdir(parents=True)
    for number in range(40):
        words = " ".join(f"parola{number}x{index}" for index in range(800))
        (articles / f"a{number:02d}.md").write_text(
            f"---\ntitle: Articolo {number}\n---\n\n{words}\n", "utf-8"
        )

    def reader(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", SMALL_FILE_LIMIT, "--base-dir", str(base), *args],
            capture_output=True,
            text=True,
            timeout=300,
        )

    indexed = reader("index")
    assert indexed.returncode == 1
    assert "Traceback" not in indexed.stderr
    assert "File too large" in indexed.stderr and "free some disk space" in indexed.stderr
    listed = reader("list")
    assert listed.returncode == 0 and "40 articles" in listed.stdout, listed.stderr
    searched = reader("search", "parola3x5")
    assert searched.returncode == 0 and "Traceback" not in searched.stderr
    assert "the search index was not updated" in searched.stderr
