"""Search snippets: the cost of ``snippet()`` per hit, against the code it replaced.

    python bench/snippets.py [--size 2000] [--baseline d2cb3ab] [--rounds 5] [--no-write]

A query's page shows 20 hits, each with a snippet made from its article's plain text.
Texts: the synthetic library of bench/synthetic.py (the same Zipf vocabularies as the
10k search bench, at a smaller size: snippets depend on article length and vocabulary,
not on the library's size), the 130 pages of Mozilla Readability's test corpus (real
English, French, Italian ... pages, curly quotes included) and the seed article.
Queries: ``bench/search.py``'s mix for the synthetic texts; for the real pages, words
drawn from them (single words, pairs, prefixes, phrases).

Hits: for each query, the first 20 texts (in a fixed shuffled order) that contain a
matching word, as the search would show them. Each query gets a fresh ``TermMatcher``,
as each search does. The same hits go through the baseline (``reader/search/highlight.py``
as of ``--baseline``, loaded from git into this process) and the current code; the
outputs are compared (they must be identical) and the times reported as a ratio.
Results replace the "Search snippets" section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section
from bench.search import query_mix
from bench.synthetic import write_library
from reader.search import highlight
from reader.search.analysis import fold_words, index_language, stem
from reader.search.plaintext import markdown_to_text
from reader.search.query import parse

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BASELINE = "d2cb3ab"
"""The last commit before the snippet work of issue 14."""
HITS = 20


def baseline_module(revision: str) -> ModuleType:
    """``reader/search/highlight.py`` as of ``revision``, imported under another name.

    Without git history (a source tarball), the baseline is ``snippet_by_tokens``, the
    reference that tokenizes the whole text."""
    try:
        source = subprocess.run(
            ["git", "show", f"{revision}:reader/search/highlight.py"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        print(f"no git revision {revision}: comparing with snippet_by_tokens", file=sys.stderr)
        source = (
            "from reader.search.highlight import TermMatcher\n"
            "from reader.search.highlight import snippet_by_tokens as snippet\n"
        )
    spec = importlib.util.spec_from_loader("baseline_highlight", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_highlight"] = module
    exec(compile(source, f"{revision}:highlight.py", "exec"), module.__dict__)
    return module


def _find_corpora() -> Path | None:
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return None


# -- texts ---------------------------------------------------------------------------------
def synthetic_texts(size: int, workdir: Path) -> tuple[list[tuple[str, str]], dict]:
    from reader.library.frontmatter import article_from_text

    material = write_library(workdir, size)
    texts = []
    for path in sorted((workdir / "articles").glob("*.md")):
        article = article_from_text(path.read_text("utf-8"))
        text = markdown_to_text(article.body)
        texts.append((index_language(article.lang, f"{article.title}\n{text}"), text))
    return texts, material


def real_texts() -> list[tuple[str, str]]:
    from reader.importers.html_markdown import html_to_markdown

    texts = []
    seed = ROOT / "tests" / "data" / "000_bfcfb1f07bcdb431.txt"
    sources = [markdown_to_text(seed.read_text("utf-8"))]
    corpora = _find_corpora()
    if corpora is not None:
        for page in sorted((corpora / "readability-test-pages").glob("*/expected.html")):
            sources.append(markdown_to_text(html_to_markdown(page.read_text("utf-8"))))
    for text in sources:
        if text.strip():
            texts.append((index_language("", text), text))
    return texts


def real_queries(texts: list[tuple[str, str]], count: int) -> list[str]:
    """Single words, pairs, prefixes and phrases drawn from the real pages."""
    rng = random.Random(11)
    queries = []
    for number in range(count):
        _, text = rng.choice(texts)
        words = [word for word in text.split() if word.isalpha() and len(word) > 3]
        if len(words) < 3:
            continue
        kind = number % 4
        start = rng.randrange(len(words) - 2)
        if kind == 0:
            queries.append(words[start])
        elif kind == 1:
            queries.append(f"{words[start]} {rng.choice(words)}")
        elif kind == 2:
            queries.append(f"{words[start][:4]}*")
        else:
            queries.append(f'"{words[start]} {words[start + 1]}"')
    return queries


# -- hits ----------------------------------------------------------------------------------
class Corpus:
    """The texts with an inverted index of their folded words, to pick each query's hits."""

    def __init__(self, texts: list[tuple[str, str]]) -> None:
        self.texts = texts
        order = list(range(len(texts)))
        random.Random(3).shuffle(order)
        self.rank = {number: position for position, number in enumerate(order)}
        self.postings: dict[str, set[int]] = defaultdict(set)
        for number, (_, text) in enumerate(texts):
            for word in set(fold_words(text[: highlight.SCAN_CHARS])):
                self.postings[word].add(number)
        self.stems = {
            lang: {word: stem(lang, word) for word in self.postings} for lang in ("it", "en")
        }

    def hits(self, matcher: highlight.TermMatcher) -> list[tuple[str, str]]:
        found: set[int] = set()
        for word in matcher.words:
            found |= self.postings.get(word, set())
        for phrase in matcher.phrases:
            found |= set.intersection(*(self.postings.get(word, set()) for word in phrase))
        for word, numbers in self.postings.items():
            if matcher.prefixes and word.startswith(matcher.prefixes):
                found |= numbers
            for lang, stems in matcher.stems.items():
                if stems and self.stems[lang][word] in stems:
                    found |= {n for n in numbers if self.texts[n][0] == lang}
        chosen = sorted(found, key=self.rank.__getitem__)[:HITS]
        return [self.texts[number] for number in chosen]


# -- whole queries -------------------------------------------------------------------------
def measure_queries(size: int, workdir: Path, old: ModuleType, rounds: int) -> dict[str, object]:
    """The search bench's query mix on a ``size``-article index (top 20 with snippets),
    with the search service making its snippets with the baseline's code, then with the
    current code, alternately, in one process on one index."""
    from reader.library.catalog import Catalog
    from reader.library.store import LibraryStore
    from reader.search import SearchService
    from reader.search import service as service_module

    root = workdir / f"library-{size}"
    material = write_library(root, size)
    cache = workdir / f"cache-{size}"
    store = LibraryStore(root, Catalog(cache / "catalog.sqlite3"))
    service = SearchService(cache / "index", store)
    service.update()
    mix = query_mix(material)
    for _, query in mix:  # warm-up: opens the searcher, fills the OS and stem caches
        service.search(query, limit=HITS)
    latencies: dict[str, list[float]] = {"old": [], "new": []}
    by_kind: dict[tuple[str, str], list[float]] = defaultdict(list)
    try:
        for _ in range(rounds):
            for label, module in (("old", old), ("new", highlight)):
                service_module.snippet = module.snippet  # type: ignore[attr-defined]
                service_module.TermMatcher = module.TermMatcher  # type: ignore[attr-defined]
                for kind, query in mix:
                    started = time.perf_counter()
                    service.search(query, limit=HITS)
                    latencies[label].append(time.perf_counter() - started)
                    by_kind[label, kind].append(latencies[label][-1])
    finally:
        service_module.snippet = highlight.snippet  # type: ignore[attr-defined]
        service_module.TermMatcher = highlight.TermMatcher  # type: ignore[attr-defined]
        service.close()
    return {
        "size": size,
        "queries": len(latencies["new"]),
        **{
            f"{label}_{name}_ms": 1000 * statistics.quantiles(values, n=100)[point - 1]
            for label, values in latencies.items()
            for name, point in (("p50", 50), ("p95", 95))
        },
        "kinds": {
            kind: (1000 * _p95(by_kind["old", kind]), 1000 * _p95(by_kind["new", kind]))
            for kind in dict.fromkeys(kind for kind, _ in mix)
        },
    }


# -- measuring -----------------------------------------------------------------------------
def time_page(
    module: ModuleType, query: str, hits: list[tuple[str, str]]
) -> tuple[float, list[str]]:
    """Seconds to make one page of snippets (a fresh matcher, as each search makes)."""
    started = time.perf_counter()
    matcher = module.TermMatcher.from_query(parse(query))
    out = [module.snippet(text, matcher, lang) for lang, text in hits]
    return time.perf_counter() - started, out


def measure(
    name: str,
    corpus: Corpus,
    queries: list[str],
    old: ModuleType,
    rounds: int,
) -> dict[str, object]:
    pages = []
    for query in queries:
        hits = corpus.hits(highlight.TermMatcher.from_query(parse(query)))
        if hits:
            pages.append((query, hits))
    times: dict[str, list[float]] = {"old": [], "new": []}
    snippets = 0
    for query, hits in pages:
        best: dict[str, float] = {}
        outputs: dict[str, list[str]] = {}
        for _ in range(rounds):
            for label, module in (("old", old), ("new", highlight)):
                seconds, outputs[label] = time_page(module, query, hits)
                best[label] = min(best.get(label, seconds), seconds)
        if outputs["old"] != outputs["new"]:
            raise SystemExit(f"snippets differ for {query!r} ({name})")
        for label in times:
            times[label].append(best[label])
        snippets += len(hits)
    old_total, new_total = sum(times["old"]), sum(times["new"])
    return {
        "name": name,
        "pages": len(pages),
        "snippets": snippets,
        "old_per_snippet_ms": 1000 * old_total / snippets,
        "new_per_snippet_ms": 1000 * new_total / snippets,
        "old_p95_page_ms": 1000 * _p95(times["old"]),
        "new_p95_page_ms": 1000 * _p95(times["new"]),
        "ratio": old_total / new_total,
        "worst_ratio": min(o / n for o, n in zip(times["old"], times["new"], strict=True)),
    }


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def render(rows: list[dict[str, object]], size: int, baseline: str) -> str:
    lines = [
        f"Machine: {describe_machine()}; load average {os.getloadavg()[0]:.1f} at the end"
        " (the cores are shared with other jobs).",
        "",
        f"`python bench/snippets.py --size {size}`: for each query, a page of up to {HITS}",
        "hits, each with its snippet. Texts: the synthetic library of bench/synthetic.py",
        f"({size:,} articles, the search bench's vocabularies and query mix) and the 130",
        "pages of Mozilla Readability's test corpus plus the seed article (queries drawn",
        f"from them: words, pairs, prefixes, phrases). Baseline: `highlight.py` as of {baseline},",
        "run in the same process on the same hits, the outputs compared (identical); times",
        "are the best of a few rounds per page.",
        "",
        "| texts | pages | snippets | before ms/snippet | now ms/snippet "
        "| before p95 ms/page | now p95 ms/page | speed-up (worst page) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['pages']} | {row['snippets']} "
            f"| {row['old_per_snippet_ms']:.3f} | {row['new_per_snippet_ms']:.3f} "
            f"| {row['old_p95_page_ms']:.1f} | {row['new_p95_page_ms']:.1f} "
            f"| {row['ratio']:.1f}x ({row['worst_ratio']:.1f}x) |"
        )
    return "\n".join(lines)


EXPLANATION = """\
What changed (issue 14), and why it is faster with the same output (tests compare every
snippet with `snippet_by_tokens`, which tokenizes the whole text, on real pages and on
generated text with elisions, curly quotes, accents, "İ", ligatures, phrases, prefixes):

- No list of every word. The words a query can mark begin, once folded, with a query
  word, a prefix or the first three letters of a stem; an ASCII letter folds to itself, so
  they are found by a literal search for each beginning (a fast C string search), plus the
  words with a non-ASCII letter among their first letters (one linear scan of the reversed
  text). Before, a C `findall` listed all ~700 words and each distinct one was folded and
  checked in Python.
- The matcher is shared by the 20 hits of a page and remembers which words it has checked
  and marked, so later hits only check words no earlier hit had (set operations in C).
- Marked words are located by a literal search each: a pattern that starts with a
  look-behind is tried at every position of the text (30x slower on a 15,000-character
  page).
- Rendering no longer straightens the quotes of the whole text before the window, twice
  (`str.translate`, ~30 us per 1,000 characters), and where the window has no apostrophe
  it walks back over words instead of tokenizing the window. `straighten_quotes` itself
  replaces each quote character present (C substring search) instead of a regex scan plus
  `translate`; indexing uses it too.

What is left per snippet (synthetic texts, ~5,000 characters): lowering the text, the scan
for non-ASCII words (Italian texts only), the literal searches and the rendering of the
window, each a few to ~20 us. The slowest real pages are those where most words are not
ASCII (Japanese, Czech): every such word is a candidate."""


def render_queries(row: dict[str, object]) -> str:
    return (
        f"Whole queries, `--queries-size {row['size']}`: the search bench's mix (12 kinds x 8)"
        f" on a {row['size']:,}-article index, top {HITS} with snippets, {row['queries']}"
        " queries each way, the service making its snippets with the baseline's code and"
        " with the current code alternately (same process, same index): p50"
        f" {row['old_p50_ms']:.1f} -> {row['new_p50_ms']:.1f} ms, p95"
        f" {row['old_p95_ms']:.1f} -> {row['new_p95_ms']:.1f} ms. p95 by kind, before -> now"
        " (ms): "
        + ", ".join(
            f"{kind} {before:.0f} -> {now:.0f}"
            for kind, (before, now) in row["kinds"].items()  # type: ignore[attr-defined]
        )
        + "."
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--queries-size",
        type=int,
        default=0,
        help="also run whole queries on an index of this many articles (e.g. 10000)",
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-snippets"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    old = baseline_module(args.baseline)
    rows = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-snippets-") as tmp:
        texts, material = synthetic_texts(args.size, Path(tmp))
    mix = [query for _, query in query_mix(material)]
    rows.append(measure("synthetic (search bench mix)", Corpus(texts), mix, old, args.rounds))
    real = real_texts()
    rows.append(measure("real pages", Corpus(real), real_queries(real, 96), old, args.rounds))
    table = render(rows, args.size, args.baseline)
    if args.queries_size:
        queries = measure_queries(args.queries_size, args.workdir, old, args.rounds)
        table += "\n\n" + render_queries(queries)
    print(table)
    if not args.no_write:
        update_section(DOC, "Search snippets", f"{table}\n\n{EXPLANATION}")


if __name__ == "__main__":
    main()
