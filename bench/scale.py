"""Search at one large size, each measure in its own fresh process: build RSS, search RSS,
one-article update the way the window does it.

    python bench/scale.py --size 100000 [--workdir /tmp/reader-bench-100k]
                          [--parts build search update] [--no-write] [--profile-update]

Why separate from bench/search.py: that script generates the library, builds the catalog,
builds the index, queries it and runs SQLite FTS5 in one process, so its peak RSS is all
of that together. Here every part is a fresh process and reports its own memory:

* ``build``: ``SearchService.rebuild()`` on the library (catalog already built), with the
  main process's and each worker's RSS sampled every 0.2 s (max of each, max of the sum);
* ``search``: open the existing index and run ``bench/search.py``'s query mix; peak RSS
  split into anonymous memory (the heap: what the process really costs) and file-backed
  pages (the index files Whoosh maps, which the kernel drops under pressure);
* ``update``: change one article file on disk, then ``update_articles([id])`` as the
  window's file watcher does (median of ten), then one added and one deleted file.

The library is bench/synthetic.py's (deterministic; reused when present). Results replace
the "Search at 100,000 articles: memory and updates" section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
SECTION = "Search at 100,000 articles: memory and updates"
MIB = 2**20


def _status_kib(field: str) -> int:
    """A ``kB`` line of /proc/self/status (VmHWM, VmRSS, RssAnon, RssFile); 0 elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryPeaks:
    """Peak RSS of this process split into anonymous and file-backed, sampled when asked."""

    def __init__(self) -> None:
        self.anon_kib = 0
        self.file_kib = 0

    def sample(self) -> None:
        self.anon_kib = max(self.anon_kib, _status_kib("RssAnon"))
        self.file_kib = max(self.file_kib, _status_kib("RssFile") + _status_kib("RssShmem"))

    def report(self, prefix: str) -> dict[str, float]:
        self.sample()
        return {
            f"{prefix}_peak_mib": _status_kib("VmHWM") / 1024,
            f"{prefix}_anon_mib": self.anon_kib / 1024,
            f"{prefix}_file_mib": self.file_kib / 1024,
        }


class TreeSampler(threading.Thread):
    """Samples the RSS of this process and of its children (a rebuild's workers)."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        import psutil

        self.interval = interval
        self.me = psutil.Process()
        self.main_mib = 0.0
        self.main_anon_mib = 0.0
        self.children_mib: dict[int, float] = {}
        self.sum_mib = 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            time.sleep(self.interval)

    def sample(self) -> None:
        import psutil

        try:
            main = self.me.memory_info().rss / MIB
        except psutil.Error:
            return
        self.main_mib = max(self.main_mib, main)
        self.main_anon_mib = max(self.main_anon_mib, _status_kib("RssAnon") / 1024)
        total = main
        for child in self.me.children(recursive=True):
            try:
                if "resource_tracker" in " ".join(child.cmdline()):
                    continue  # multiprocessing's bookkeeping process, not a worker
                rss = child.memory_info().rss / MIB
            except psutil.Error:
                continue
            self.children_mib[child.pid] = max(self.children_mib.get(child.pid, 0.0), rss)
            total += rss
        self.sum_mib = max(self.sum_mib, total)

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.sample()


def _open(workdir: Path, size: int):  # type: ignore[no-untyped-def]
    from reader.library.catalog import Catalog
    from reader.library.store import LibraryStore
    from reader.search import SearchService

    root = workdir / f"library-{size}"
    cache = workdir / f"cache-{size}"
    store = LibraryStore(root, Catalog(cache / "catalog.sqlite3"))
    return store, SearchService(cache / "index", store)


# -- the parts, each run in its own process ---------------------------------------------------
def part_generate(size: int, workdir: Path) -> dict[str, object]:
    """Write the library (files already there are kept) and the query mix; build the
    catalog, so the build part measures the index alone."""
    from bench.search import query_mix
    from bench.synthetic import write_library
    from reader.library.catalog import Catalog
    from reader.library.store import LibraryStore

    root = workdir / f"library-{size}"
    material = write_library(root, size)
    mix = query_mix(material)
    (workdir / f"mix-{size}.json").write_text(json.dumps(mix))
    store = LibraryStore(root, Catalog(workdir / f"cache-{size}" / "catalog.sqlite3"))
    assert len(store.summaries()) == size
    return {"generated": size}


def part_build(size: int, workdir: Path) -> dict[str, object]:
    store, service = _open(workdir, size)
    store.summaries()  # the catalog is up to date: its scan is not the index's cost
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sampler = TreeSampler()
    sampler.start()
    started = time.perf_counter()
    stats = service.rebuild()
    build_s = time.perf_counter() - started
    sampler.stop()
    assert stats.rebuilt, stats
    segments = service.segment_count()
    service.close()
    # Sampled, not RUSAGE_CHILDREN: a spawned worker is forked before it execs Python,
    # so its ru_maxrss counts the parent's pages it started with.
    workers = sorted(sampler.children_mib.values(), reverse=True)
    return {
        "build_s": build_s,
        "build_rate": size / build_s,
        "build_segments": segments,
        "build_main_before_mib": before,
        "build_main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "build_main_anon_mib": sampler.main_anon_mib,
        "build_workers": len(workers),
        "build_worker_peak_mib": workers[0] if workers else 0.0,
        "build_sum_peak_mib": sampler.sum_mib,
    }


def part_search(size: int, workdir: Path) -> dict[str, object]:
    mix = [tuple(item) for item in json.loads((workdir / f"mix-{size}.json").read_text())]
    peaks = MemoryPeaks()
    _store, service = _open(workdir, size)
    assert not service.needs_rebuild, "no usable index: run the build part first"
    opened = peaks.report("opened")
    latencies: list[float] = []
    for round_ in range(3):  # a warm-up pass, then two timed
        for _, text in mix:
            started = time.perf_counter()
            service.search(text, limit=20)
            if round_:
                latencies.append(time.perf_counter() - started)
            peaks.sample()
    for article_id in [f"{n:06d}" for n in range(0, size, max(1, size // 5))][:3]:
        service.similar(article_id)
        peaks.sample()
    segments = service.segment_count()
    service.close()
    ordered = sorted(latencies)
    return {
        **opened,
        **peaks.report("search"),
        "search_segments": segments,
        "search_p50_ms": ordered[len(ordered) // 2] * 1000,
        "search_p95_ms": ordered[round(0.95 * (len(ordered) - 1))] * 1000,
    }


def _rewrite(path: Path, marker: str) -> None:
    """Change an article file as an editor would: same file, one more word in the body."""
    text = path.read_text("utf-8")
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text.rstrip("\n") + f"\n\n{marker}\n", "utf-8")
    temporary.replace(path)


def part_update(size: int, workdir: Path, profile: bool = False) -> dict[str, object]:
    from reader.library.frontmatter import article_to_text
    from reader.library.model import Article

    store, service = _open(workdir, size)
    assert not service.needs_rebuild, "no usable index: run the build part first"
    service.search("warmup")  # the window has its searcher open
    segments_before = service.segment_count()
    changed: list[float] = []
    first_search: list[float] = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    # Ten, so that the small segments updates leave are merged once (every eighth).
    step = max(1, size // UPDATES)
    for number, article_id in enumerate([f"{n:06d}" for n in range(7, size, step)][:UPDATES]):
        marker = f"scalemarker{time.time_ns()}x{number}"
        _rewrite(store.path_for(article_id), marker)
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        stats = service.update_articles([article_id])
        if profiler is not None:
            profiler.disable()
        changed.append(time.perf_counter() - started)
        assert stats.updated == 1, stats
        started = time.perf_counter()  # the window searches again after every update
        hits = service.search(marker).hits
        first_search.append(time.perf_counter() - started)
        assert [hit.id for hit in hits] == [article_id]
    new_id = f"scale{time.time_ns()}"
    path = store.path_for(new_id)
    article = Article(id=new_id, title="Scale bench addition", body="zanzibarscale " * 300)
    path.write_text(article_to_text(article), "utf-8")
    started = time.perf_counter()
    assert service.update_articles([new_id]).added == 1
    add_s = time.perf_counter() - started
    assert service.search("zanzibarscale").total == 1
    path.unlink()
    started = time.perf_counter()
    assert service.update_articles([new_id]).removed == 1
    remove_s = time.perf_counter() - started
    assert service.search("zanzibarscale").total == 0
    segments_after = service.segment_count()
    service.close()
    if profiler is not None:
        import pstats

        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    return {
        "update_changed_ms": [value * 1000 for value in changed],
        "update_one_ms": statistics.median(changed) * 1000,
        "update_max_ms": max(changed) * 1000,
        "update_search_after_ms": statistics.median(first_search) * 1000,
        "update_add_ms": add_s * 1000,
        "update_remove_ms": remove_s * 1000,
        "update_segments": f"{segments_before} -> {segments_after}",
        "update_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


UPDATES = 10
"""One-article updates timed (the median is reported, and the slowest)."""

PARTS = {"generate": part_generate, "build": part_build, "search": part_search}


def run_part(part: str, size: int, workdir: Path, profile: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", part, "--size", str(size)]
    command += ["--workdir", str(workdir)] + (["--profile-update"] if profile else [])
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    row = json.loads(output.strip().splitlines()[-1])
    print(json.dumps(row), file=sys.stderr)
    return row


def render(row: dict[str, object]) -> str:
    """The measured figures as a Markdown table (analysis is written by hand below it)."""
    lines = [
        f"Machine: {describe_machine()}. Script: `bench/scale.py --size {row['size']}` "
        "(each part in its own fresh process; 2 cores shared with other jobs).",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
    ]
    if "build_s" in row:
        lines += [
            f"| rebuild time (2 worker processes at a time, {row['build_workers']} in all) | "
            f"{row['build_s']:.0f} s ({row['build_rate']:.0f} articles/s), "
            f"{row['build_segments']} segments | |",
            f"| rebuild: main process peak RSS | {row['build_main_peak_mib']:.0f} MiB "
            f"(anonymous {row['build_main_anon_mib']:.0f}; "
            f"{row['build_main_before_mib']:.0f} before the rebuild) | <= 350 MB |",
            f"| rebuild: largest worker peak RSS | {row['build_worker_peak_mib']:.0f} MiB "
            "| <= 350 MB |",
            f"| rebuild: all processes together, peak | {row['build_sum_peak_mib']:.0f} MiB "
            "| <= 350 MB |",
        ]
    if "search_peak_mib" in row:
        lines += [
            f"| search: RSS after opening the index | {row['opened_peak_mib']:.0f} MiB | |",
            f"| search: peak RSS over the query mix ({row['search_segments']} segments) "
            f"| {row['search_peak_mib']:.0f} MiB (anonymous {row['search_anon_mib']:.0f}, "
            f"file-backed {row['search_file_mib']:.0f}) | <= 350 MB |",
            f"| search: query p50 / p95 in that process | {row['search_p50_ms']:.0f} / "
            f"{row['search_p95_ms']:.0f} ms | p95 <= 100 ms |",
        ]
    if "update_one_ms" in row:
        runs = ", ".join(f"{value:.0f}" for value in row["update_changed_ms"])  # type: ignore[attr-defined]
        lines += [
            f"| one changed file, `update_articles([id])`: median (slowest) "
            f"| {row['update_one_ms']:.0f} ms ({row['update_max_ms']:.0f} ms) | <= 200 ms |",
            f"| the search right after it (reopens the segments) | "
            f"{row['update_search_after_ms']:.0f} ms | |",
            f"| one added / one deleted file | {row['update_add_ms']:.0f} / "
            f"{row['update_remove_ms']:.0f} ms | <= 200 ms |",
            f"| segments before -> after the {len(row['update_changed_ms']) + 2} updates "  # type: ignore[arg-type]
            f"| {row['update_segments']} | |",
            "",
            f"The {len(row['update_changed_ms'])} changed-file updates, in order: {runs} ms.",  # type: ignore[arg-type]
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-100k"))
    parser.add_argument("--parts", nargs="+", default=["build", "search", "update"])
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    parser.add_argument("--profile-update", action="store_true", help="cProfile to stderr")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--from-row", type=Path, help="render a JSON row from an earlier run")
    args = parser.parse_args()
    if args.one:
        if args.one == "update":
            row = part_update(args.size, args.workdir, args.profile_update)
        else:
            row = PARTS[args.one](args.size, args.workdir)
        print(json.dumps(row))
        return
    if args.from_row:
        row = json.loads(args.from_row.read_text())
    else:
        args.workdir.mkdir(parents=True, exist_ok=True)
        saved = args.workdir / f"scale-{args.size}.json"
        # Parts run one at a time keep the figures of the others from earlier runs.
        row = json.loads(saved.read_text()) if saved.exists() else {}
        row["size"] = args.size
        if not (args.workdir / f"mix-{args.size}.json").exists():
            run_part("generate", args.size, args.workdir, False)
        for part in args.parts:
            row.update(run_part(part, args.size, args.workdir, args.profile_update))
            saved.write_text(json.dumps(row))
    table = render(row)
    print(table)
    if not args.no_write:
        update_section(DOC, SECTION, table)


if __name__ == "__main__":
    main()
