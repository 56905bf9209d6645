"""`make bench`: every measurement that finishes in minutes, written to
docs/performance-quick.md (docs/performance.md keeps the full-size runs and their analysis).

The 100k-article runs take far longer here (writing the library, a first search index of
about six minutes, the FTS5 reference, a five-minute background merge), so they are run
by hand:

    python bench/library.py --sizes 1000 10000 100000
    python bench/search.py --sizes 1000 10000 100000 --workdir /tmp/reader-bench-search
    python bench/background_merge.py --size 3000
    python bench/queries.py --size 100000 --workdir /tmp/reader-bench-search
    python bench/window.py --size 100000
    python bench/scale.py --size 100000 --workdir /tmp/reader-bench-100k

Saved-page accuracy needs real pages (see docs/import-accuracy.md):

    python bench/extraction_accuracy.py PATH/TO/test-pages/* --write
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
QUICK_RUNS = [
    ["library.py", "--sizes", "1000", "10000"],
    ["export.py"],
    ["search.py", "--sizes", "1000", "10000"],
    ["snippets.py"],
    ["window.py", "--size", "10000"],
]


def main() -> int:
    environment = {
        **os.environ,
        "READER_BENCH_DOC": str(BENCH.parent / "docs" / "performance-quick.md"),
    }
    for script, *arguments in QUICK_RUNS:
        print(f"== {script} {' '.join(arguments)}", flush=True)
        done = subprocess.run(
            [sys.executable, str(BENCH / script), *arguments], check=False, env=environment
        )
        if done.returncode != 0:
            print(f"{script} failed with exit code {done.returncode}", file=sys.stderr)
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
