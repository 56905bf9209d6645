"""Library listing at scale: how long a start takes to list N articles, and memory.

    python bench/library.py [--sizes 1000 10000 100000] [--workdir /tmp/reader-bench]

Cold = first start on a library (the catalog cache is built by reading every file);
warm = every later start (stat the folder, read the catalog). Each size runs in its own
process so peak RSS is that size's alone. Results go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section  # noqa: E402
from bench.synthetic import write_library  # noqa: E402

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def measure(size: int, workdir: Path) -> dict[str, float]:
    from reader.library.catalog import Catalog
    from reader.library.related import RelatedIndex
    from reader.library.store import LibraryStore

    root = workdir / f"library-{size}"
    write_library(root, size)
    catalog_path = workdir / f"catalog-{size}.sqlite3"
    catalog_path.unlink(missing_ok=True)
    started = time.perf_counter()
    summaries = LibraryStore(root, Catalog(catalog_path)).summaries()
    cold = time.perf_counter() - started
    assert len(summaries) == size
    started = time.perf_counter()
    warm_summaries = LibraryStore(root, Catalog(catalog_path)).summaries()
    warm = time.perf_counter() - started
    started = time.perf_counter()
    RelatedIndex(warm_summaries)
    related = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"cold_s": cold, "warm_s": warm, "related_s": related, "peak_mib": peak_kib / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench"))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.workdir)))
        return
    rows = []
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--workdir", str(args.workdir)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output)
        rows.append(
            f"| {size:,} | {result['cold_s']:.2f} s | {result['warm_s'] * 1000:.0f} ms "
            f"| {result['related_s'] * 1000:.0f} ms | {result['peak_mib']:.0f} MiB |"
        )
        print(rows[-1], flush=True)
    body = "\n".join(
        [
            f"Machine: {describe_machine()}. Script: `bench/library.py`.",
            "",
            "| articles | first start (catalog built) | later start (listing) "
            "| related index | peak RSS |",
            "|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )
    update_section(DOC, "Library listing", body)


if __name__ == "__main__":
    main()
