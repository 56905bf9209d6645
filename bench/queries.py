"""Query latency alone, on a library and index that ``bench/search.py`` already built.

    python bench/queries.py [--size 100000] [--workdir /tmp/reader-bench-search] [--no-write]

A first index of 100k articles takes ~27 minutes here; query changes should not need one.
This reruns the query mix of bench/search.py (12 kinds x 8, twice, after a warm-up pass)
in a fresh process and replaces the "Search queries" section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section
from bench.search import DOC, _percentile, query_mix
from bench.synthetic import write_library


def measure(size: int, workdir: Path, runs: int) -> dict[str, object]:
    import whoosh.index

    from reader.library.catalog import Catalog
    from reader.library.store import LibraryStore
    from reader.search import SearchService

    root, cache = workdir / f"library-{size}", workdir / f"cache-{size}"
    if not (cache / "index" / "current").is_dir():
        raise SystemExit(f"{cache / 'index'}: no index; run bench/search.py --sizes {size} first")
    material = write_library(root, size)  # files exist: only regenerates the query material
    mix = query_mix(material)
    service = SearchService(cache / "index", LibraryStore(root, Catalog(cache / "catalog.sqlite3")))
    started = time.perf_counter()
    service.search(mix[0][1])
    first = time.perf_counter() - started
    for _, text in mix:
        service.search(text)
    latencies: dict[str, list[float]] = {}
    for _ in range(runs):
        for kind, text in mix:
            started = time.perf_counter()
            service.search(text, limit=20)
            latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    service.close()
    with whoosh.index.open_dir(cache / "index" / "current").reader() as reader:
        segments = len(reader.leaf_readers())
    every = [value for values in latencies.values() for value in values]
    return {
        "first_ms": first * 1000,
        "p50_ms": statistics.median(every),
        "p95_ms": _percentile(every, 0.95),
        "kinds": {
            kind: (statistics.median(v), _percentile(v, 0.95)) for kind, v in latencies.items()
        },
        "segments": segments,
    }


def render(size: int, row: dict[str, object]) -> str:
    kinds: dict[str, tuple[float, float]] = row["kinds"]  # type: ignore[assignment]
    lines = [
        f"Machine: {describe_machine()}. Script: `bench/queries.py --size {size}` on the "
        f"index bench/search.py built ({row['segments']} segments); limit 20 with snippets, "
        "the mix of 12 kinds x 8 run twice after a warm-up pass.",
        "",
        f"Query p50 {row['p50_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms (target p95 <= 50 ms); "
        f"the first query of the process {row['first_ms']:.0f} ms.",
        "",
        "| kind | p50 | p95 |",
        "|---|---:|---:|",
    ]
    lines += [f"| {kind} | {p50:.0f} ms | {p95:.0f} ms |" for kind, (p50, p95) in kinds.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-search"))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    args = parser.parse_args()
    text = render(args.size, measure(args.size, args.workdir, args.runs))
    print(text)
    if not args.no_write:
        update_section(DOC, f"Search queries on {args.size:,} articles", text)


if __name__ == "__main__":
    main()
