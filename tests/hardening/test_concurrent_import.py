"""Two ``reader import`` processes on overlapping folders never make duplicates.

Before the library lock, 5 of 13 rounds of this left duplicates: each process checked for
the article, found none, and wrote it. ``READER_CONCURRENT_ROUNDS`` raises the rounds for
the reliability figures (docs/reliability.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.library.frontmatter import article_from_text

ROUNDS = int(os.environ.get("READER_CONCURRENT_ROUNDS", "1"))
FILES = 60


def test_overlapping_imports_make_no_duplicates(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(FILES):
        (inbox / f"{number:03d}.md").write_text(
            f"# Articolo condiviso {number}\n\nLo stesso testo in entrambe, {number}.\n",
            "utf-8",
        )
    for round_number in range(ROUNDS):
        base = tmp_path / f"base{round_number}"
        # The same files, once in the given order and once reversed: maximal overlap.
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "reader", "--base-dir", str(base), "import", *files],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for files in (
                [str(path) for path in sorted(inbox.iterdir())],
                [str(path) for path in sorted(inbox.iterdir(), reverse=True)],
            )
        ]
        outputs = [process.communicate(timeout=300) for process in processes]
        for process, (out, err) in zip(processes, outputs, strict=True):
            assert process.returncode == 0, err
            assert "0 failed" in out.splitlines()[-1]
        imported = sum(int(out.splitlines()[-1].split()[0]) for out, _err in outputs)
        articles = sorted((base / "data" / "library" / "articles").glob("*.md"))
        titles = [article_from_text(path.read_text("utf-8")).title for path in articles]
        assert len(titles) == len(set(titles)) == FILES, f"round {round_number}: {titles}"
        assert imported == FILES
