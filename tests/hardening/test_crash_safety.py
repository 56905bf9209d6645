"""SIGKILL at random moments during import: every article file is whole or absent after."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library.catalog import Catalog
from reader.library.frontmatter import article_from_text
from reader.library.store import LibraryStore

KILLS = int(os.environ.get("READER_CRASH_KILLS", "6"))


def make_inbox(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        words = " ".join(f"parola{number}x{index}" for index in range(400))
        (folder / f"{number:04d}.md").write_text(
            f"# Articolo numero {number}\n\n{words}\n\nSecondo paragrafo {number}.\n", "utf-8"
        )


def run_and_kill(base: Path, args: list[str], delay: float) -> int | None:
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--base-dir", str(base), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=60)


def assert_library_whole(library: Path) -> int:
    articles = library / "articles"
    count = 0
    for path in articles.iterdir():
        if path.name.startswith("."):
            continue  # a temp file a killed write left: never a visible article
        article = article_from_text(path.read_text("utf-8"))
        assert article.title.startswith("Articolo numero"), path
        assert article.body.rstrip().endswith("."), f"{path} is truncated"
        count += 1
    store = LibraryStore(library, Catalog(None))
    assert len(store.summaries()) == count
    assert not store.problems
    return count


@pytest.mark.slow
def test_import_survives_sigkill(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    make_inbox(inbox, 1500)
    base = tmp_path / "base"
    randomness = random.Random(20261125)
    counts = []
    for _ in range(KILLS):
        run_and_kill(base, ["import", str(inbox)], delay=randomness.uniform(0.3, 2.5))
        counts.append(assert_library_whole(base / "data" / "library"))
    # the kills landed mid-import: the library grew between them, then is completed
    assert counts[0] < 1500
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--base-dir", str(base), "import", str(inbox)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert assert_library_whole(base / "data" / "library") == 1500


def write_articles(library: Path, count: int) -> None:
    from reader.library.frontmatter import article_to_text
    from reader.library.model import Article

    articles = library / "articles"
    articles.mkdir(parents=True)
    for number in range(count):
        body = " ".join(f"parola{number}x{index}" for index in range(300))
        article = Article(title=f"Articolo numero {number}", body=f"{body} unico{number}.")
        (articles / f"a{number:05d}.md").write_text(article_to_text(article), "utf-8")


@pytest.mark.slow
def test_indexing_survives_sigkill(tmp_path: Path) -> None:
    base = tmp_path / "base"
    write_articles(base / "data" / "library", 500)
    randomness = random.Random(7)
    for _ in range(KILLS):
        run_and_kill(base, ["index"], delay=randomness.uniform(0.5, 3.0))
        searched = subprocess.run(
            [sys.executable, "-m", "reader", "--base-dir", str(base), "search", "unico5"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert searched.returncode == 0, searched.stderr  # never a crash on a half index
    finished = subprocess.run(
        [sys.executable, "-m", "reader", "--base-dir", str(base), "index"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr
    for number in (0, 250, 499):
        result = subprocess.run(
            [sys.executable, "-m", "reader", "--base-dir", str(base), "search", f"unico{number}",
             "--json"],
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        import json

        hits = json.loads(result.stdout)["hits"]
        assert [hit["id"] for hit in hits] == [f"a{number:05d}"]


@pytest.mark.slow
def test_two_processes_importing_into_one_library(tmp_path: Path) -> None:
    """Same titles from two processes at once: every article lands, none overwrites another."""
    inboxes = []
    for name in ("one", "two"):
        inbox = tmp_path / name
        inbox.mkdir()
        for number in range(150):
            (inbox / f"{number:03d}.md").write_text(
                f"# Articolo numero {number}\n\nTesto del processo {name}, numero {number}.\n",
                "utf-8",
            )
        inboxes.append(inbox)
    base = tmp_path / "base"
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "--base-dir", str(base), "import", str(inbox)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for inbox in inboxes
    ]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    library = base / "data" / "library"
    assert assert_library_whole(library) == 300
    bodies = {
        article_from_text(path.read_text("utf-8")).body
        for path in (library / "articles").glob("*.md")
    }
    assert len(bodies) == 300
