"""Full-text search at scale: build throughput, incremental update, query latency, size, RSS.

    python bench/search.py [--sizes 1000 10000 100000] [--workdir /tmp/reader-bench-search]
                           [--no-write]

The synthetic library comes from bench/synthetic.py (deterministic, Zipf vocabulary,
realistic lengths). Each size runs in its own process so its peak RSS is its own.
Results replace the "Search" section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section
from bench.synthetic import CATEGORIES, Vocabulary, write_library

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def query_mix(material: dict[str, object]) -> list[tuple[str, str]]:
    """A fixed mix of query kinds a person types, 8 of each."""
    rng = random.Random(7)
    vocabs: dict[str, Vocabulary] = material["vocabs"]  # type: ignore[assignment]
    bigrams: dict[str, list[str]] = material["bigrams"]  # type: ignore[assignment]
    mix: list[tuple[str, str]] = []
    for round_ in range(8):
        vocab = vocabs["it" if round_ % 2 == 0 else "en"]
        common = vocab.words[rng.randint(0, 50)]
        mid = [vocab.words[rng.randint(200, 3000)] for _ in range(3)]
        rare = vocab.words[rng.randint(10_000, 30_000)]
        phrases = bigrams[vocab.lang] or [f"{mid[0]} {mid[1]}"]
        typo = mid[0][:2] + mid[0][3:] if len(mid[0]) > 5 else mid[0] + "x"
        mix += [
            ("common word", common),
            ("rare word", rare),
            ("two words", f"{mid[0]} {mid[1]}"),
            ("three words", f"{common} {mid[1]} {mid[2]}"),
            ("phrase", f'"{rng.choice(phrases)}"'),
            ("prefix", f"{mid[2][:4]}*"),
            ("OR", f"{mid[0]} OR {rare}"),
            ("exclusion", f"{common} -{mid[1]}"),
            ("title:", f"title:{mid[0]}"),
            ("fields+date", f"category:{rng.choice(CATEGORIES)} published:2020-03 {common}"),
            ("is:unread", f"is:unread {mid[1]}"),
            ("typo (did you mean)", typo),
        ]
    return mix


# -- measuring -----------------------------------------------------------------------------
def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the build's worker processes):
    unlike wall time, it does not grow when other jobs share the cores."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# -- SQLite FTS5, the reference run in the same process -------------------------------------
def fts5_query(text: str) -> tuple[str, str, list[object]] | None:
    """(MATCH expression, extra SQL condition, its parameters) for a Reader query.

    Parsed with Reader's own parser so both engines answer the same question: plain words
    ANDed, phrases, prefixes, OR groups, -exclusions, title:/author:/category:/tag:
    columns; published ranges, is: flags and lang: become ordinary column conditions.
    """
    from reader.search.query import _drop_stopword_groups, parse

    parsed = parse(text)
    columns = {"title": "title", "author": "author", "category": "category", "tag": "tags"}
    conditions: list[str] = []
    params: list[object] = []

    def match_of(clause) -> str | None:  # type: ignore[no-untyped-def]
        quoted = [f'"{word}"' for word in clause.words]
        if clause.kind == "word":
            expr = " ".join(quoted)
        elif clause.kind == "prefix":
            expr = " ".join([*quoted[:-1], quoted[-1] + "*"])
        elif clause.kind == "phrase":
            expr = '"' + " ".join(clause.words) + '"'
        else:
            return None
        column = columns.get(clause.field or "")
        return f"{column} : ({expr})" if column else f"({expr})"

    positive: list[str] = []
    for group in _drop_stopword_groups(parsed.groups):
        parts = []
        for clause in group:
            if clause.kind == "date":
                conditions.append("published BETWEEN ? AND ?")
                params += [clause.low or 0, clause.high or 99991231]
            elif clause.kind == "flag" and clause.flag:
                conditions.append(f"{clause.flag[0]} = ?")
                params.append(int(clause.flag[1]))
            elif clause.kind == "lang":
                conditions.append("lang = ?")
                params.append(clause.lang)
            else:
                expr = match_of(clause)
                if expr:
                    parts.append(expr)
        if parts:
            positive.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    if not positive:
        return None
    match = " AND ".join(positive)
    for clause in parsed.excluded:
        expr = match_of(clause)
        if expr:
            match += f" NOT {expr}"
    return match, " AND ".join(conditions), params


def measure_fts5(store: object, mix: list[tuple[str, str]]) -> dict[str, object]:
    """Build an FTS5 table of the same articles and time the same queries, top 20 with a
    snippet each (``snippet()``), ranked by ``bm25()``."""
    import sqlite3
    import tempfile

    from reader.search.plaintext import markdown_to_text

    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "fts.sqlite3")
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, author, category, "
            "tags, published UNINDEXED, read UNINDEXED, starred UNINDEXED, lang UNINDEXED, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        ids = [summary.id for summary in store.summaries()]  # type: ignore[attr-defined]
        started = time.perf_counter()
        rows = []
        for article_id in ids:
            article = store.get(article_id)  # type: ignore[attr-defined]
            published = article.published
            rows.append(
                (
                    article_id,
                    article.title,
                    markdown_to_text(article.body),
                    article.author,
                    article.category,
                    " ".join(article.tags),
                    published.year * 10000 + published.month * 100 + published.day
                    if published
                    else 0,
                    int(article.read),
                    int(article.starred),
                    article.lang,
                )
            )
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.commit()
        build_s = time.perf_counter() - started

        def run(text: str) -> int:
            query = fts5_query(text)
            if query is None:
                return 0
            match, condition, params = query
            sql = (
                "SELECT id, title, snippet(docs, 2, '<b>', '</b>', '…', 24) FROM docs "
                f"WHERE docs MATCH ? {'AND ' + condition if condition else ''} "
                "ORDER BY bm25(docs) LIMIT 20"
            )
            return len(db.execute(sql, [match, *params]).fetchall())

        for _, text in mix:
            run(text)
        latencies: list[float] = []
        for _ in range(2):
            for _, text in mix:
                started = time.perf_counter()
                run(text)
                latencies.append(time.perf_counter() - started)
        db.close()
    return {
        "fts5_build_s": build_s,
        "fts5_build_rate": len(ids) / build_s,
        "fts5_p50_ms": _percentile(latencies, 0.5) * 1000,
        "fts5_p95_ms": _percentile(latencies, 0.95) * 1000,
    }


def measure(size: int, workdir: Path) -> dict[str, object]:
    from reader.library.catalog import Catalog
    from reader.library.model import Article
    from reader.library.store import LibraryStore
    from reader.search import SearchService

    root = workdir / f"library-{size}"
    started = time.perf_counter()
    material = write_library(root, size)
    generate_s = time.perf_counter() - started
    cache = workdir / f"cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    store = LibraryStore(root, Catalog(cache / "catalog.sqlite3"))
    started = time.perf_counter()
    assert len(store.summaries()) == size
    catalog_s = time.perf_counter() - started

    service = SearchService(cache / "index", store)
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    stats = service.update()
    build_s = time.perf_counter() - started
    build_cpu_s = _cpu_seconds() - cpu_started
    assert stats.rebuilt and stats.added == size, stats

    started = time.perf_counter()
    store.summaries()
    summaries_s = time.perf_counter() - started

    incremental: list[float] = []
    ids = [f"{number:06d}" for number in range(0, size, max(1, size // 5))][:3]
    for article_id in ids:  # a flag change rewrites the file: one changed article
        store.set_flags(article_id, starred=True)
        started = time.perf_counter()
        result = service.update()
        incremental.append(time.perf_counter() - started)
        assert result.updated == 1, result
    added = store.add(Article(title="Bench addition", body="zanzibar " * 300, lang="en"))
    started = time.perf_counter()
    assert service.update().added == 1
    add_s = time.perf_counter() - started
    assert service.search("zanzibar").total == 1
    store.path_for(added.id).unlink()  # deleted by hand (store.delete would use the trash)
    started = time.perf_counter()
    assert service.update().removed == 1
    remove_s = time.perf_counter() - started

    mix = query_mix(material)
    for _, text in mix:  # warm-up pass: opens the searcher, fills OS and stem caches
        service.search(text)
    latencies: dict[str, list[float]] = {}
    cpu_times: list[float] = []
    totals: list[int] = []
    for _ in range(2):
        for kind, text in mix:
            started = time.perf_counter()
            cpu_started = time.process_time()
            results = service.search(text, limit=20)
            latencies.setdefault(kind, []).append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
            totals.append(results.total)
    similar: list[float] = []
    for article_id in ids:
        started = time.perf_counter()
        service.similar(article_id)
        similar.append(time.perf_counter() - started)
    every = [value for values in latencies.values() for value in values]
    merged = _after_background_merge(service, mix, MERGE_BUDGET_S.get(size, 900.0))
    service.close()
    reference = measure_fts5(store, mix)
    index_dir = cache / "index" / "current"
    side = sum(p.stat().st_size for p in index_dir.glob("docs.sqlite3*"))
    return {
        "size": size,
        "generate_s": generate_s,
        "catalog_s": catalog_s,
        "build_s": build_s,
        "build_rate": size / build_s,
        "build_cpu_s": build_cpu_s,
        "summaries_s": summaries_s,
        "update_one_s": statistics.median(incremental),
        "update_add_s": add_s,
        "update_remove_s": remove_s,
        "p50_ms": _percentile(every, 0.5) * 1000,
        "p95_ms": _percentile(every, 0.95) * 1000,
        "max_ms": max(every) * 1000,
        "cpu_p50_ms": _percentile(cpu_times, 0.5) * 1000,
        "cpu_p95_ms": _percentile(cpu_times, 0.95) * 1000,
        "kinds_p95_ms": {k: _percentile(v, 0.95) * 1000 for k, v in latencies.items()},
        "similar_ms": statistics.median(similar) * 1000,
        "median_total": statistics.median(totals),
        "whoosh_mib": (_tree_size(index_dir) - side) / 2**20,
        "side_mib": side / 2**20,
        "library_mib": _tree_size(root) / 2**20,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **merged,
        **reference,
    }


MERGE_BUDGET_S = {100_000: 300.0}
"""Longest wait for the background merge: at 100k it takes tens of minutes here, and it is
stopped (as the window would) once past this; the table says how far it got."""


def _after_background_merge(
    service: object, mix: list[tuple[str, str]], budget_s: float
) -> dict[str, object]:
    """The window's steady state: the segments merged in the background (down to two, as
    ``IndexJobs`` does once the window is quiet), then the same mix again."""
    segments_before = service.segment_count()  # type: ignore[attr-defined]
    merge = service.start_background_merge()  # type: ignore[attr-defined]
    started = time.perf_counter()
    while merge is not None and not merge.finished():
        if time.perf_counter() - started > budget_s:
            merge.stop()
            break
        time.sleep(0.2)
    merge_s = time.perf_counter() - started
    service.merge_finished()  # type: ignore[attr-defined]
    for _, text in mix:  # warm-up of the new segments
        service.search(text)  # type: ignore[attr-defined]
    every: list[float] = []
    kinds: dict[str, list[float]] = {}
    for _ in range(2):
        for kind, text in mix:
            began = time.perf_counter()
            service.search(text, limit=20)  # type: ignore[attr-defined]
            every.append(time.perf_counter() - began)
            kinds.setdefault(kind, []).append(every[-1])
    return {
        "segments_before_merge": segments_before,
        "segments_after_merge": service.segment_count(),  # type: ignore[attr-defined]
        "merge_s": merge_s,
        "merged_p50_ms": _percentile(every, 0.5) * 1000,
        "merged_p95_ms": _percentile(every, 0.95) * 1000,
        "merged_kinds_p95_ms": {k: _percentile(v, 0.95) * 1000 for k, v in kinds.items()},
    }


def render(rows: list[dict[str, object]]) -> str:
    import whoosh

    lines = [
        f"Machine: {describe_machine()}; Whoosh-Reloaded {whoosh.versionstring()}. "
        "Script: `bench/search.py` (each size in its own process; 2 cores shared with other "
        "jobs while measured, so times are pessimistic).",
        "",
        "| articles | build | one changed | one added / removed | query p50 | query p95 "
        "| p95 / FTS5 p95 (same run) | build / FTS5 build | similar "
        "| index (Whoosh + snippet text) | peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['size']:,} | {row['build_s']:.1f} s ({row['build_rate']:.0f}/s) "
            f"| {row['update_one_s'] * 1000:.0f} ms "
            f"| {row['update_add_s'] * 1000:.0f} / {row['update_remove_s'] * 1000:.0f} ms "
            f"| {row['p50_ms']:.1f} ms | {row['p95_ms']:.1f} ms "
            f"| {row['p95_ms'] / row['fts5_p95_ms']:.1f}x "
            f"({row['fts5_p50_ms']:.1f} / {row['fts5_p95_ms']:.1f} ms) "
            f"| {row['build_s'] / row['fts5_build_s']:.0f}x ({row['fts5_build_rate']:.0f}/s) "
            f"| {row['similar_ms']:.0f} ms "
            f"| {row['whoosh_mib']:.0f} + {row['side_mib']:.0f} MiB "
            f"(library {row['library_mib']:.0f} MiB) | {row['peak_rss_mib']:.0f} MiB |"
        )
    lines += [
        "",
        "The window's steady state: once it has been quiet for a few seconds it merges the "
        "index's segments down to two in a child process (`IndexJobs`); the same mix again "
        "after that merge:",
        "",
        "| articles | segments before -> after | merge (background) | query p50 | query p95 "
        "| p95 / FTS5 p95 |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if "merged_p95_ms" not in row:
            continue
        lines.append(
            f"| {row['size']:,} | {row['segments_before_merge']} -> "
            f"{row['segments_after_merge']} | {row['merge_s']:.0f} s "
            f"| {row['merged_p50_ms']:.1f} ms | {row['merged_p95_ms']:.1f} ms "
            f"| {row['merged_p95_ms'] / row['fts5_p95_ms']:.1f}x |"
        )
    largest = rows[-1]
    kinds = ", ".join(f"{k} {v:.0f}" for k, v in largest["kinds_p95_ms"].items())  # type: ignore[union-attr]
    lines += [
        "",
        f"Query p95 by kind at {largest['size']:,} articles (ms, limit 20 with snippets and "
        f"the exact count): {kinds}."
        + (
            " After the background merge: "
            + ", ".join(f"{k} {v:.0f}" for k, v in largest["merged_kinds_p95_ms"].items())  # type: ignore[union-attr]
            + "."
            if "merged_kinds_p95_ms" in largest
            else ""
        ),
        "",
        "Build = first `update()` on an empty index with the catalog already built (the "
        f"catalog's own first build took {largest['catalog_s']:.1f} s at "
        f"{largest['size']:,}); one changed = `update()` after `set_flags` on one article, "
        f"which includes `store.summaries()` ({largest['summaries_s'] * 1000:.0f} ms of it "
        "at this size: a scan of the folder plus reading the catalog). Queries: a fixed "
        "mix of 12 kinds x 8 (common, rare, two and three words, phrase, prefix, OR, "
        "exclusion, title:, category:+published:+word, is:unread+word, typo with "
        "did-you-mean), run twice after a warm-up pass. FTS5: SQLite's full-text index of "
        "the same articles (title, plain-text body, author, category, tags; unicode61 "
        "folding, no stemming) built and queried in the same process after Reader, the same "
        "mix translated with Reader's parser (date, flags as column conditions), top 20 by "
        "bm25() with snippet(); its build reads the same article files. Peak RSS is the "
        "bench process's, which also generated the library and built FTS5's table; the "
        "searcher's and the rebuild's own are measured by `bench/scale.py`. Targets: 10k "
        "p95 <= 30 ms (<= 3x FTS5), build >= 250 articles/s; 100k p95 <= 100 ms, "
        "one-article update <= 200 ms, RSS <= 350 MB.",
        "",
        "What the numbers mean, what was changed and what is missed at 100,000 articles: "
        "the Search section of docs/performance.md.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-search"))
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--from-rows", type=Path, help="render JSON rows (one per line) from an earlier run"
    )
    args = parser.parse_args()
    if args.from_rows:
        rows = [json.loads(line) for line in args.from_rows.read_text().splitlines() if line]
        table = render(rows)
        print(table)
        if not args.no_write:
            update_section(DOC, "Search", table)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(measure(args.one, args.workdir)))
        return
    rows = []
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--workdir", str(args.workdir)],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        row = json.loads(output.strip().splitlines()[-1])
        print(json.dumps(row), file=sys.stderr)
        rows.append(row)
    table = render(rows)
    print(table)
    if not args.no_write:
        update_section(DOC, "Search", table)


if __name__ == "__main__":
    main()
