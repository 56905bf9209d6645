"""Merging the index's segments while a person uses the window: in a thread or a process?

    python bench/background_merge.py [--size 3000] [--segment-docs 500]
                                     [--workdir /tmp/reader-bench-merge] [--no-write]

A synthetic library (bench/synthetic.py) is indexed with a rebuild that writes one segment
per ``--segment-docs`` articles. Then the segments are merged down to two, twice, from a
copy of the same index:

* **thread**: merge steps in a worker thread of this process (how a merge inside the
  window's process would run);
* **process**: ``SearchService.start_background_merge``, the child process the window uses.

Meanwhile this process's main thread does what the window's event loop does: a 1 ms tick
(the longest gap between two ticks is how long a keystroke would have waited) and a search
every 100 ms (its p95). Results go to docs/performance.md ("Background merge").
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section
from bench.synthetic import write_library
from reader.library.store import LibraryStore
from reader.search import SearchService, indexer
from reader.search.indexer import merge_two_smallest

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
QUERIES = ["tempo", "storia della", "market", "prezzo OR valore", "giorno"]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _watch(service: SearchService, done: threading.Event | None, merge: object) -> dict:
    """Tick and search on this thread until the merge ends; the event loop's view of it."""
    longest_gap = 0.0
    searches: list[float] = []
    started = last = time.perf_counter()
    next_search = started
    query = 0

    def finished() -> bool:
        if done is not None:
            return done.is_set()
        return merge.finished()  # type: ignore[attr-defined]

    while not finished():
        time.sleep(0.001)
        now = time.perf_counter()
        longest_gap = max(longest_gap, now - last)
        last = now
        if now >= next_search:
            began = time.perf_counter()
            service.search(QUERIES[query % len(QUERIES)])
            searches.append(time.perf_counter() - began)
            query += 1
            next_search = time.perf_counter() + 0.1
            last = time.perf_counter()  # the search itself is not a stall of the merge's
    return {
        "seconds": time.perf_counter() - started,
        "longest_gap_ms": longest_gap * 1000,
        "search_p50_ms": statistics.median(searches) * 1000 if searches else 0.0,
        "search_p95_ms": _percentile(searches, 0.95) * 1000 if searches else 0.0,
        "searches": len(searches),
    }


def _merge_in_thread(service: SearchService, target: int) -> dict:
    done = threading.Event()

    def work() -> None:
        try:
            while service.segment_count() > target:
                with service._write_lock:
                    service._commit_merge(
                        service._folder, timeout=1.0, mergetype=merge_two_smallest
                    )
        finally:
            done.set()

    worker = threading.Thread(target=work, name="merge")
    worker.start()
    result = _watch(service, done, None)
    worker.join()
    return result


def _merge_in_process(service: SearchService, target: int) -> dict:
    merge = service.start_background_merge(target)
    assert merge is not None
    result = _watch(service, None, merge)
    service.merge_finished()
    return result


def _baseline(service: SearchService, seconds: float = 5.0) -> dict:
    stop = threading.Event()
    threading.Timer(seconds, stop.set).start()
    return _watch(service, stop, None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--segment-docs", type=int, default=500)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-merge"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    library = work / "library"
    write_library(library, args.size)
    store = LibraryStore(library)
    indexer.FRESH_SEGMENT_DOCS = args.segment_docs
    indexer.PARALLEL_MIN_DOCS = 10**9  # one process: its segments are the fresh ones
    built = work / "built"
    service = SearchService(built, store)
    began = time.perf_counter()
    service.update()
    build_seconds = time.perf_counter() - began
    segments = service.segment_count()
    service.close()

    rows = {}
    for how in ("idle", "thread", "process"):
        copy = work / f"index-{how}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(built, copy)
        service = SearchService(copy, store)
        service.search("warm")
        if how == "idle":
            rows[how] = _baseline(service)
        elif how == "thread":
            rows[how] = _merge_in_thread(service, 2)
        else:
            rows[how] = _merge_in_process(service, 2)
        rows[how]["segments_after"] = service.segment_count()
        service.close()
        print(how, rows[how], flush=True)

    lines = [
        f"Machine: {describe_machine()}",
        "",
        f"{args.size:,} synthetic articles, rebuilt into {segments} segments "
        f"({build_seconds:.0f} s), merged down to 2 while the main thread ticks every 1 ms "
        "and searches every 100 ms (`bench/background_merge.py`):",
        "",
        "| Merge runs | merge time | longest main-thread stall | search p50 / p95 | searches |",
        "|---|---:|---:|---:|---:|",
    ]
    names = {
        "idle": "nowhere (baseline, 5 s)",
        "thread": "in a thread",
        "process": "in a child process",
    }
    for how, row in rows.items():
        lines.append(
            f"| {names[how]} | {row['seconds']:.1f} s | {row['longest_gap_ms']:.0f} ms "
            f"| {row['search_p50_ms']:.1f} / {row['search_p95_ms']:.1f} ms | {row['searches']} |"
        )
    body = "\n".join(lines) + "\n"
    print(body)
    if not args.no_write:
        update_section(DOC, "Background merge", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
