"""Search quality on judged collections: does the right article come first?

    python bench/relevance.py [--workdir /tmp/reader-bench-relevance] [--no-write] [--tune]

Collections (each skipped with a note when its material is absent):

* **NPL** (English): 11,429 physics abstracts, 93 queries, judgments; read in place from
  ``<repo>/../shared/corpora/npl`` (see its README).
* **LibreOffice help, Italian**: the 2,560 pages of Debian's ``libreoffice-help-it``
  (fetched with ``apt-get download`` into the work folder and unpacked there), with 60
  questions written by hand in ``bench/data/libreoffice_it_questions.tsv``, each also
  as a few keywords. The judgments (one page per question) are self-made.

Each collection becomes a Reader library (one article per document) searched through
``SearchService`` exactly as the window does. Reference rows on the same documents and
queries: SQLite FTS5 (stdlib) ranking by ``bm25()`` with the query words ORed, and
Reader with every word required (how Reader answered before partial matches).

Metrics over the queries: R@1 and R@10 = share of queries with a relevant article in the
first 1 / 10 hits (success at k), MRR@10 = mean reciprocal rank of the first relevant
hit (0 past 10), zero = share of queries with no hit at all. ``--tune`` prints the grid
the weights in reader/search were chosen from. Results replace the table in
docs/search-quality.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe_machine, update_section  # noqa: E402

DOC = ROOT / "docs" / "search-quality.md"
QUESTIONS = ROOT / "bench" / "data" / "libreoffice_it_questions.tsv"
HELP_PACKAGE = "libreoffice-help-it"
HELP_ROOT = Path("usr/share/libreoffice/help/it")
K = 10


@dataclass
class Collection:
    name: str
    lang: str
    docs: list[tuple[str, str, str]]
    """(key, title, text) per document."""
    query_sets: dict[str, list[tuple[str, set[str]]]]
    """Query set name -> [(query text, keys of the relevant documents)]."""


# -- material ------------------------------------------------------------------------------
def find_corpora() -> Path | None:
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return None


def load_npl() -> Collection | None:
    corpora = find_corpora()
    folder = corpora / "npl" if corpora else None
    if folder is None or not (folder / "qrels").is_file():
        print("NPL collection not found (../shared/corpora/npl): skipped")
        return None
    text = (folder / "doc-text.trec").read_text(encoding="utf-8", errors="replace")
    docs = [
        (number, f"NPL abstract {number}", " ".join(body.split()))
        for number, body in re.findall(r"<DOCNO>\s*(\d+)\s*</DOCNO>(.*?)</DOC>", text, re.S)
    ]
    queries_text = (folder / "query-text.trec").read_text(encoding="utf-8")
    queries = {
        number: " ".join(title.split()).lower()
        for number, title in re.findall(
            r"<num>\s*(\d+)\s*</num>\s*<title>(.*?)</title>", queries_text, re.S
        )
    }
    relevant: dict[str, set[str]] = {}
    for line in (folder / "qrels").read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            relevant.setdefault(parts[0], set()).add(parts[2])
    judged = [(queries[n], relevant[n]) for n in sorted(queries, key=int) if n in relevant]
    return Collection("NPL (English)", "en", docs, {"queries as given": judged})


def help_pages(workdir: Path) -> Path | None:
    unpacked = workdir / "libreoffice-help-it"
    if (unpacked / HELP_ROOT).is_dir():
        return unpacked / HELP_ROOT
    download = workdir / "deb"
    download.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["apt-get", "download", HELP_PACKAGE], cwd=download, check=True, capture_output=True
        )
        [deb] = download.glob(f"{HELP_PACKAGE}_*.deb")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    except (OSError, subprocess.CalledProcessError, ValueError) as error:
        print(f"{HELP_PACKAGE} not available ({error}): skipped")
        return None
    return unpacked / HELP_ROOT


def load_libreoffice_it(workdir: Path) -> Collection | None:
    from lxml import html as lxml_html

    pages = help_pages(workdir)
    if pages is None:
        return None
    docs = []
    for path in sorted(pages.rglob("*.html")):
        tree = lxml_html.parse(str(path))
        area = tree.xpath('//div[@id="DisplayArea"]')
        if not area:
            continue
        for element in area[0].xpath(".//script|.//style"):
            element.drop_tree()
        title = (tree.findtext(".//title") or "").strip() or path.stem
        text = " ".join(area[0].text_content().split())
        docs.append((str(path.relative_to(pages)), title, text))
    questions: list[tuple[str, set[str]]] = []
    keywords: list[tuple[str, set[str]]] = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, question, words = line.split("\t")
        questions.append((question, {key}))
        keywords.append((words, {key}))
    return Collection(
        "LibreOffice help (Italian)",
        "it",
        docs,
        {"questions as typed": questions, "keywords": keywords},
    )


# -- systems -------------------------------------------------------------------------------
Search = Callable[[str], list[str]]


def reader_library(collection: Collection, workdir: Path) -> tuple[object, dict[str, str]]:
    """A SearchService over the collection as a Reader library (built once, then reused),
    and each document's article id. A document whose text repeats another's (the help has
    a few) is the same article, as importing it twice would make it."""
    from reader.library import Article, LibraryStore
    from reader.library.catalog import Catalog
    from reader.library.store import DuplicateArticleError
    from reader.search import SearchService

    slug = re.sub(r"\W+", "-", collection.name.lower()).strip("-")
    root = workdir / slug
    keys_file = root / "keys.json"
    store = LibraryStore(root / "library", Catalog(root / "catalog.sqlite3"))
    if keys_file.is_file():
        keys: dict[str, str] = json.loads(keys_file.read_text())
    else:
        keys = {}
        for key, title, text in collection.docs:
            try:
                added = store.add(Article(title=title, body=_escape_markdown(text), lang=""))
            except DuplicateArticleError as duplicate:
                keys[key] = duplicate.existing_id
            else:
                keys[key] = added.id
        keys_file.write_text(json.dumps(keys))
    service = SearchService(root / "index", store)
    started = time.perf_counter()
    stats = service.update()
    if stats.added or stats.updated:
        print(f"  indexed {collection.name}: {stats.added} in {time.perf_counter() - started:.0f}s")
    return service, keys


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_#<>\[\]])", r"\\\1", text)


def reader_search(service: object) -> Search:
    def search(query: str) -> list[str]:
        return [hit.id for hit in service.search(query, limit=K).hits]  # type: ignore[attr-defined]

    return search


def fts5_search(collection: Collection, keys: dict[str, str]) -> Search:
    """SQLite FTS5 over the same articles, ranked by bm25, the query's words ORed."""
    tokenizer = (
        "porter unicode61 remove_diacritics 2"
        if collection.lang == "en"
        else ("unicode61 remove_diacritics 2")
    )
    db = sqlite3.connect(":memory:")
    db.execute(
        f"CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, body, tokenize='{tokenizer}')"
    )
    unique = {keys[key]: (keys[key], title, text) for key, title, text in reversed(collection.docs)}
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", unique.values())

    def search(query: str) -> list[str]:
        words = re.findall(r"[^\W_]+", query.lower())
        if not words:
            return []
        match = " OR ".join(f'"{word}"' for word in dict.fromkeys(words))
        rows = db.execute(
            "SELECT key FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, K)
        )
        return [key for (key,) in rows]

    return search


# -- scoring -------------------------------------------------------------------------------
def evaluate(search: Search, judged: list[tuple[str, set[str]]]) -> dict[str, float]:
    first1 = first10 = reciprocal = zero = 0.0
    for query, relevant in judged:
        ranked = search(query)[:K]
        if not ranked:
            zero += 1
        rank = next((i for i, key in enumerate(ranked, 1) if key in relevant), None)
        if rank is not None:
            first10 += 1
            first1 += rank == 1
            reciprocal += 1 / rank
    n = len(judged)
    return {"R@1": first1 / n, "R@10": first10 / n, "MRR@10": reciprocal / n, "zero": zero / n}


@dataclass
class Row:
    collection: str
    query_set: str
    system: str
    scores: dict[str, float]
    queries: int


def all_words_required() -> Iterator[None]:
    """Reader as it answered before partial matches: every plain word required."""
    from reader.search import service as service_module

    original = service_module.relax
    service_module.relax = lambda parsed: None  # type: ignore[assignment]
    try:
        yield
    finally:
        service_module.relax = original


def strict_tiers() -> Iterator[None]:
    """Reader's ranking of the previous session: every word counts alike, and an article
    lacking any word ranks after every article that has them all (coordination 2)."""
    from reader.search import service as service_module

    original = (service_module.COMMON_SHARE, service_module.COORDINATION)
    service_module.COMMON_SHARE, service_module.COORDINATION = 0.0, 2.0
    original_weights = service_module._word_weights
    service_module._word_weights = lambda searcher, relaxed: [1.0] * len(relaxed.words)
    try:
        yield
    finally:
        service_module.COMMON_SHARE, service_module.COORDINATION = original
        service_module._word_weights = original_weights


def run(collections: list[Collection], workdir: Path) -> list[Row]:
    from contextlib import contextmanager

    rows: list[Row] = []
    for collection in collections:
        service, keys = reader_library(collection, workdir)
        reader = reader_search(service)
        fts5 = fts5_search(collection, keys)
        for set_name, by_key in collection.query_sets.items():
            judged = [(query, {keys[key] for key in relevant}) for query, relevant in by_key]

            def add(system: str, search: Search, name: str = set_name, j=judged) -> None:
                scores = evaluate(search, j)
                tuning, held_out = halves(j)
                scores["tuning"] = evaluate(search, tuning)["MRR@10"]
                scores["held-out"] = evaluate(search, held_out)["MRR@10"]
                rows.append(Row(collection.name, name, system, scores, len(j)))  # noqa: B023

            add("Reader", reader)
            with contextmanager(strict_tiers)():
                add("Reader, every word splits the tiers (previous ranking)", reader)
            with contextmanager(all_words_required)():
                add("Reader, all words required (before)", reader)
            add("SQLite FTS5 bm25, words ORed", fts5)
        service.close()  # type: ignore[attr-defined]
    return rows


def halves(judged: list[tuple[str, set[str]]]) -> tuple[list, list]:
    """The tuning half (queries 1, 3, 5 ...) and the held-out half (2, 4, 6 ...)."""
    return judged[0::2], judged[1::2]


def tune(collections: list[Collection], workdir: Path, grid: str) -> None:
    """Print MRR@10 / R@10 on each set's tuning half and held-out half, per setting.

    ``coordination``: the share of the words' weight an article may lack and still rank
    with the full matches (``COMMON_SHARE``) x the coordination exponent. ``bm25``: title
    weight x BM25 K1 x B. Choose on the tuning halves only; report the held-out ones.
    """
    from reader.search import schema
    from reader.search import service as service_module

    services = [(c, *reader_library(c, workdir)) for c in collections]
    names = ("COMMON_SHARE", "COORDINATION", "BM25_K1", "BM25_B")
    original = (schema.WEIGHTS, *(getattr(service_module, name) for name in names))
    if grid == "coordination":
        settings = [
            {"COMMON_SHARE": share, "COORDINATION": coordination}
            for share in (0.0, 0.15, 0.3, 0.5, 1.0)
            for coordination in (0.0, 1.0, 2.0, 3.0)
        ]
    else:
        settings = [
            {"title": title, "BM25_K1": k1, "BM25_B": b}
            for title in (1.5, 2.0, 3.0)
            for k1 in (0.9, 1.2, 1.6)
            for b in (0.5, 0.75, 0.9)
        ]
    print(
        "setting | "
        + " | ".join(
            f"{c.name[:3]} {s[:9]}: tune MRR R@10 / held-out MRR R@10"
            for c in collections
            for s in c.query_sets
        ),
        flush=True,
    )
    try:
        for setting in settings:
            schema.WEIGHTS = schema.FieldWeights(title=setting.get("title", original[0].title))
            for name in names:
                if name in setting:
                    setattr(service_module, name, setting[name])
            cells = []
            for collection, service, keys in services:
                service._refresh_searcher()  # type: ignore[attr-defined]  # new BM25F
                search = reader_search(service)
                for by_key in collection.query_sets.values():
                    judged = [(q, {keys[key] for key in rel}) for q, rel in by_key]
                    tuning, held_out = halves(judged)
                    a, b = evaluate(search, tuning), evaluate(search, held_out)
                    cells.append(
                        f"{a['MRR@10']:.3f} {a['R@10']:.2f} / {b['MRR@10']:.3f} {b['R@10']:.2f}"
                    )
            label = " ".join(f"{key}={value}" for key, value in setting.items())
            print(f"{label} | " + " | ".join(cells), flush=True)
    finally:
        schema.WEIGHTS = original[0]
        for name, value in zip(names, original[1:], strict=True):
            setattr(service_module, name, value)
        for _, service, _ in services:
            service.close()  # type: ignore[attr-defined]


def table(rows: list[Row]) -> str:
    lines = [
        "| Collection | Queries | System | R@1 | R@10 | MRR@10 | MRR@10 tuning / held-out half"
        " | Zero hits |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        s = row.scores
        lines.append(
            f"| {row.collection} | {row.query_set} ({row.queries}) | {row.system} | "
            f"{s['R@1']:.2f} | {s['R@10']:.2f} | {s['MRR@10']:.3f} | "
            f"{s['tuning']:.3f} / {s['held-out']:.3f} | {s['zero']:.0%} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-relevance"))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--tune",
        choices=["coordination", "bm25"],
        help="print a grid of settings on tuning / held-out halves and stop",
    )
    parser.add_argument("--only", choices=["npl", "it"], help="one collection only")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    collections = []
    if args.only in (None, "npl"):
        collections.append(load_npl())
    if args.only in (None, "it"):
        collections.append(load_libreoffice_it(args.workdir))
    present = [c for c in collections if c is not None]
    if args.tune:
        tune(present, args.workdir, args.tune)
        return
    rows = run(present, args.workdir)
    result = table(rows)
    print(result)
    if not args.no_write and not args.only:
        body = f"Machine: {describe_machine()}\n\n{result}\n"
        update_section(DOC, "Results", body)
        print(f"written to {DOC}")


if __name__ == "__main__":
    main()
