"""Saved-page extraction accuracy and speed against Mozilla Readability's test pages.

Pages use the layout of Mozilla Readability's public test pages (Apache-2.0), one folder
per page::

    <name>/source.html              the saved page
    <name>/expected-metadata.json   {"title": ..., "byline": ...}
    <name>/expected.html            the article's expected content (text is compared)

Run: ``python bench/extraction_accuracy.py [PAGES_DIR ...] [--write]`` (default: the
shared corpus found above the repository). Pages are imported with the real importer
(``reader.importers.batch.parse_file``); nothing is fetched. In the same run, plain
``trafilatura.extract`` and (when installed) ``readability-lxml`` are scored on the same
pages, and Reader's import speed is timed beside plain trafilatura's, so their ratio
holds on a busy machine. ``--write`` replaces the "Measured" section of
docs/import-accuracy.md (the analysis above it is written by hand).

The scoring functions are shared with the test that keeps these numbers from regressing
(``tests/importers/web/test_readability_pages.py``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from bench.machine import describe_machine, update_section
from reader.importers.batch import parse_file
from reader.importers.errors import ImportFailure

ROOT = Path(__file__).resolve().parents[1]
_SPAWN = multiprocessing.get_context("spawn")
DOC = ROOT / "docs" / "import-accuracy.md"
TITLE_TARGET = 0.92
F1_TARGET = 0.96
BYLINE_TARGET = 0.85
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MARKDOWN_TARGET = re.compile(r"\]\([^)]*\)")
_QUOTES = str.maketrans({c: "" for c in "'\"‘’‚‛“”„‟«»`´"})
_PUNCTUATION = re.compile(r"[^\w\s,]")
_BYLINE_FILLER = re.compile(r"^(?:by|par|di|von|de|por)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class PageScore:
    name: str
    title_ok: bool
    f1: float
    got_title: str
    expected_title: str
    error: str = ""
    got_byline: str = ""
    expected_byline: str = ""

    @property
    def byline_ok(self) -> bool:
        return byline_matches(self.got_byline, self.expected_byline)


def find_corpus(start: Path) -> Path | None:
    """``shared/corpora/readability-test-pages`` in ``start`` or the nearest parent that has it."""
    for folder in (start, *start.parents):
        candidate = folder / "shared" / "corpora" / "readability-test-pages"
        if candidate.is_dir():
            return candidate
    return None


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def token_f1(got: str, expected: str) -> float:
    """Bag-of-words F1, as extraction benchmarks report it."""
    got_counts, expected_counts = Counter(tokens(got)), Counter(tokens(expected))
    common = sum((got_counts & expected_counts).values())
    if not common:
        return 0.0
    precision = common / sum(got_counts.values())
    recall = common / sum(expected_counts.values())
    return 2 * precision * recall / (precision + recall)


def fold_title(title: str) -> str:
    """Case, spacing and quote style do not make two titles different."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES)
    return " ".join(text.casefold().split())


def byline_matches(got: str, expected: str) -> bool:
    """Our author names the person Readability's byline names (either may say more:
    "By Erin Cunningham" holds "Erin Cunningham"; "Sarah Archer" is in ours)."""
    got_folded, expected_folded = _fold_name(got), _fold_name(expected)
    if not got_folded or not expected_folded:
        return False
    expected_folded = _BYLINE_FILLER.sub("", expected_folded)
    names = [name.strip() for name in got_folded.split(",") if name.strip()]
    return any(name in expected_folded or expected_folded in name for name in names)


def _fold_name(name: str) -> str:
    """Names compare without their punctuation: "Nelson D. Schwartz" is "Nelson D Schwartz"."""
    return " ".join(_PUNCTUATION.sub(" ", fold_title(name)).split())


def markdown_text(body: str) -> str:
    """The words of a Markdown body: link targets dropped, markup signs are not tokens."""
    return _MARKDOWN_TARGET.sub("]", body)


def expected_text(folder: Path) -> str:
    return lxml.html.fromstring((folder / "expected.html").read_text("utf-8")).text_content()


def _metadata(folder: Path) -> dict[str, object]:
    return json.loads((folder / "expected-metadata.json").read_text("utf-8"))


def score_page(folder: Path) -> PageScore:
    """Import one page with Reader and compare it with Readability's answer."""
    metadata = _metadata(folder)
    expected_title = " ".join(str(metadata.get("title") or "").split())
    expected_byline = " ".join(str(metadata.get("byline") or "").split())
    try:
        parsed = parse_file(folder / "source.html")
    except ImportFailure as failure:
        return PageScore(
            folder.name, False, 0.0, "", expected_title, failure.reason, "", expected_byline
        )
    article = parsed.articles[0].article
    return PageScore(
        name=folder.name,
        title_ok=fold_title(article.title) == fold_title(expected_title),
        f1=token_f1(markdown_text(article.body), expected_text(folder)),
        got_title=article.title,
        expected_title=expected_title,
        got_byline=article.author,
        expected_byline=expected_byline,
    )


def score_pages(folders: list[Path], workers: int = 2) -> list[PageScore]:
    """Every page scored, in separate processes (the pages are independent). Spawned, not
    forked: the test suite's process runs Qt threads, and forking a threaded process can
    deadlock (Python 3.12 warns about it, and the tests treat warnings as errors)."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=_SPAWN) as pool:
        return list(pool.map(score_page, folders, chunksize=4))


def find_pages(roots: list[Path]) -> list[Path]:
    return sorted(
        {path.parent for root in roots for path in root.rglob("source.html")},
        key=lambda p: p.name,
    )


# -- the extractors alone, for comparison -------------------------------------------------------
def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def readability_text(html: str) -> str:
    from readability import Document

    summary = Document(html).summary()
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def _source(folder: Path) -> str:
    from reader.importers.html_decoding import decode_html

    path = folder / "source.html"
    return decode_html(path, path.read_bytes())[0]


def alone_f1(extract: Callable[[str], str], folder: Path) -> float:
    try:
        return token_f1(extract(_source(folder)), expected_text(folder))
    except Exception:
        return 0.0


def _trafilatura_f1(folder: Path) -> float:
    return alone_f1(trafilatura_text, folder)


def _readability_f1(folder: Path) -> float:
    return alone_f1(readability_text, folder)


def readability_installed() -> bool:
    try:
        import readability  # noqa: F401
    except ImportError:
        return False
    return True


SPEED_NAMES = ("Reader (parse_file)", "trafilatura.extract", "trafilatura.extract, metadata")


@dataclass(frozen=True)
class SpeedRow:
    """One importer's speed over several rounds of all pages: medians, and the CPU range
    (its high end is the round least slowed by other work on a shared machine)."""

    name: str
    per_wall: float
    per_cpu: float
    cpu_low: float
    cpu_high: float


def timed_speed(folders: list[Path], rounds: int = 5) -> list[SpeedRow]:
    """Pages per second, one process: Reader's import, plain ``trafilatura.extract`` (as
    scored above) and the same with its metadata, page by page in turn, so a busy machine
    slows all alike and their ratios hold. CPU seconds are counted too: on a machine
    shared with other work they say what an idle one would do. Each page is read from
    disk and decoded inside each measurement. Every round imports all pages; the median
    round is reported (the first page of a process pays for imports: one page is imported
    before timing starts)."""
    import statistics

    import trafilatura

    def reader(folder: Path) -> object:
        return parse_file(folder / "source.html")

    def plain(folder: Path) -> object:
        return trafilatura.extract(_source(folder), include_comments=False)

    def with_metadata(folder: Path) -> object:
        return trafilatura.extract(_source(folder), include_comments=False, with_metadata=True)

    importers = (reader, plain, with_metadata)
    if not folders:
        return []
    for work in importers:  # module imports and first-call caches out of the timing
        with contextlib.suppress(ImportFailure):
            work(folders[0])
    rates: list[list[tuple[float, float]]] = [[] for _ in importers]
    for _ in range(rounds):
        wall = [0.0] * len(importers)
        cpu = [0.0] * len(importers)
        for folder in folders:
            for index, work in enumerate(importers):
                start_wall, start_cpu = time.perf_counter(), time.process_time()
                with contextlib.suppress(ImportFailure):
                    work(folder)
                wall[index] += time.perf_counter() - start_wall
                cpu[index] += time.process_time() - start_cpu
        for index in range(len(importers)):
            rates[index].append((len(folders) / wall[index], len(folders) / cpu[index]))
    return [
        SpeedRow(
            name,
            statistics.median(w for w, _ in rows),
            statistics.median(c for _, c in rows),
            min(c for _, c in rows),
            max(c for _, c in rows),
        )
        for name, rows in zip(SPEED_NAMES, rates, strict=True)
    ]


def profile_import(folders: list[Path], top: int = 30) -> str:
    """Where Reader's import spends its time: cProfile over one pass of all pages, the
    functions with the most cumulative time (the profiler roughly doubles the times)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for folder in folders:
        with contextlib.suppress(ImportFailure):
            parse_file(folder / "source.html")
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def report(
    scores: list[PageScore],
    trafilatura_f1: list[float],
    readability_f1: list[float] | None,
    speed: list[SpeedRow] | None,
) -> str:
    if not scores:
        return "No pages found: nothing measured.\n"
    titled = [score for score in scores if score.expected_title]
    bylined = [score for score in scores if score.expected_byline]
    title_rate = sum(score.title_ok for score in titled) / max(len(titled), 1)
    byline_rate = sum(score.byline_ok for score in bylined) / max(len(bylined), 1)
    mean_f1 = sum(score.f1 for score in scores) / len(scores)
    failures = [score for score in scores if score.error]

    def mean(values: list[float]) -> float:
        return sum(values) / len(values)

    lines = [
        f"- Pages: {len(scores)}; import failures: {len(failures)}",
        f"- Title equal to Readability's (folded): {title_rate:.1%} of {len(titled)} "
        f"(target {TITLE_TARGET:.0%})",
        f"- Byline match where Readability has one: {byline_rate:.1%} of {len(bylined)} "
        f"(target {BYLINE_TARGET:.0%})",
        "",
        "| extractor | mean body token F1 | pages below 0.9 |",
        "| --- | --- | --- |",
        f"| Reader | {mean_f1:.3f} | {sum(s.f1 < 0.9 for s in scores)} |",
        f"| trafilatura.extract alone | {mean(trafilatura_f1):.3f} "
        f"| {sum(f < 0.9 for f in trafilatura_f1)} |",
    ]
    if readability_f1 is not None:
        lines.append(
            f"| readability-lxml alone | {mean(readability_f1):.3f} "
            f"| {sum(f < 0.9 for f in readability_f1)} |"
        )
    if speed:
        lines += [
            "",
            "Speed (one process, same run, each page read from disk and decoded; median of "
            "the rounds, CPU range over them):",
            "",
            "| importer | pages per second | pages per CPU second | CPU range | "
            "ratio to Reader (CPU) |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in speed:
            lines.append(
                f"| {row.name} | {row.per_wall:.1f} | {row.per_cpu:.1f} "
                f"| {row.cpu_low:.1f}-{row.cpu_high:.1f} | {row.per_cpu / speed[0].per_cpu:.2f} |"
            )
    lines += [
        "",
        "Pages that differ (title not Readability's, F1 below 0.95, or byline missed):",
        "",
        "| page | token F1 | trafilatura F1 | title we extracted | Readability's title "
        "| author we extracted / Readability's byline |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for score, plain in zip(scores, trafilatura_f1, strict=True):
        byline_missed = bool(score.expected_byline) and not score.byline_ok
        if score.title_ok and score.f1 >= 0.95 and not byline_missed and not score.error:
            continue
        title_note = "same" if score.title_ok else _cell(score.expected_title)
        got_title = _cell((score.error and f"FAILED: {score.error}") or score.got_title)
        lines.append(
            f"| {score.name} | {score.f1:.3f} | {plain:.3f} | {got_title} | {title_note} "
            f"| {_cell(score.got_byline) or '—'} / {_cell(score.expected_byline) or '—'} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--write", action="store_true", help=f"update {DOC.name}")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-speed", action="store_true", help="skip the timed pass")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of all pages")
    parser.add_argument(
        "--profile", action="store_true", help="only print where the import spends its time"
    )
    args = parser.parse_args(argv)
    roots = args.pages or [corpus for corpus in [find_corpus(ROOT)] if corpus]
    folders = find_pages(roots)
    if args.profile:
        print(profile_import(folders))
        return 0
    scores = score_pages(folders, args.workers)
    with ProcessPoolExecutor(max_workers=args.workers, mp_context=_SPAWN) as pool:
        plain = list(pool.map(_trafilatura_f1, folders, chunksize=4))
        lxml_readability = (
            list(pool.map(_readability_f1, folders, chunksize=4))
            if readability_installed()
            else None
        )
    speed = None if args.no_speed else timed_speed(folders, args.rounds)
    text = report(scores, plain, lxml_readability, speed)
    print(text)
    if args.write:
        update_section(DOC, "Measured", f"Machine: {describe_machine()}.\n\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
