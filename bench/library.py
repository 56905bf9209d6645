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

from bench.machine import describe_machine, update_section
from bench.synthetic import write_library

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def measure_cold(size: int, workdir: Path) -> dict[str, float]:
    """First start: no catalog yet, every file is read."""
    from reader.library.catalog import Catalog
    from reader.library.store import LibraryStore

    root = workdir / f"library-{size}"
    write_library(root, size)
    catalog_path = workdir / f"catalog-{size}.sqlite3"
    catalog_path.unlink(missing_ok=True)
    started = time.perf_counter()
    summaries = LibraryStore(root, Catalog(catalog_path)).summaries()
    assert len(summaries) == size
    return {"cold_s": time.perf_counter() - started}


def measure_warm(size: int, workdir: Path) -> dict[str, float]:
    """A later start, in a fresh process: the cached list first, then the checked one."""
    from reader.library.catalog import Catalog
    from reader.library.store import LibraryStore

    store = LibraryStore(workdir / f"library-{size}", Catalog(workdir / f"catalog-{size}.sqlite3"))
    started = time.perf_counter()
    cached = store.cached_summaries()
    first_paint = time.perf_counter() - started
    started = time.perf_counter()
    summaries = store.summaries()
    checked = time.perf_counter() - started
    assert len(cached) == len(summaries) == size
    started = time.perf_counter()
    store.related_index().linked_from(summaries[0].id)
    related = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "cached_s": first_paint,
        "warm_s": checked,
        "related_s": related,
        "peak_mib": peak_kib / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench"))
    parser.add_argument("--cold", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--warm", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold:
        print(json.dumps(measure_cold(args.cold, args.workdir)))
        return
    if args.warm:
        print(json.dumps(measure_warm(args.warm, args.workdir)))
        return
    rows = []
    for size in args.sizes:
        result = {}
        for mode in ("--cold", "--warm"):
            output = subprocess.run(
                [sys.executable, __file__, mode, str(size), "--workdir", str(args.workdir)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result.update(json.loads(output))
        rows.append(
            f"| {size:,} | {result['cold_s']:.2f} s | {result['cached_s'] * 1000:.0f} ms "
            f"| {result['warm_s'] * 1000:.0f} ms | {result['related_s'] * 1000:.0f} ms "
            f"| {result['peak_mib']:.0f} MiB |"
        )
        print(rows[-1], flush=True)
    body = "\n".join(
        [
            f"Machine: {describe_machine()}. Script: `bench/library.py`.",
            "",
            "| articles | first start: catalog built | later start: cached list "
            "| later start: list checked against the folder | related lookup (linked from) "
            "| peak RSS of a later start |",
            "|---:|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )
    update_section(DOC, "Library listing", body)


if __name__ == "__main__":
    main()
