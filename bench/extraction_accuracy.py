"""Saved-page extraction accuracy: title exact match and body token F1 against expectations.

Pages use the layout of Mozilla Readability's public test pages (Apache-2.0), one folder
per page::

    <name>/source.html              the saved page
    <name>/expected-metadata.json   {"title": ...}
    <name>/expected.html            the article's expected content (text is compared)

Run: ``python bench/extraction_accuracy.py PAGES_DIR [--write]``. Pages are imported with
the real importer (``reader.importers.batch.parse_file``); nothing is fetched. ``--write``
replaces the "Measured" section of docs/import-accuracy.md (the analysis above it is
written by hand). The table lists each source's SHA-256 prefix, so a rerun can tell
whether it measured the same copies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe_machine, update_section
from reader.importers.batch import parse_file
from reader.importers.errors import ImportFailure

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "import-accuracy.md"
TITLE_TARGET = 0.90
F1_TARGET = 0.85
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MARKDOWN_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class PageScore:
    name: str
    title_ok: bool
    f1: float
    got_title: str
    expected_title: str
    error: str = ""
    source_sha: str = ""
    got_byline: str = ""
    expected_byline: str = ""


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


def markdown_text(body: str) -> str:
    """The words of a Markdown body: link targets dropped, markup signs are not tokens."""
    return _MARKDOWN_TARGET.sub("]", body)


def score_page(folder: Path) -> PageScore:
    metadata = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
    expected_title = " ".join(str(metadata.get("title") or "").split())
    expected_byline = " ".join(str(metadata.get("byline") or "").split())
    source_sha = hashlib.sha256((folder / "source.html").read_bytes()).hexdigest()[:12]
    expected_html = (folder / "expected.html").read_text("utf-8")
    expected_text = lxml.html.fromstring(expected_html).text_content()
    try:
        parsed = parse_file(folder / "source.html")
    except ImportFailure as failure:
        return PageScore(folder.name, False, 0.0, "", expected_title, failure.reason, source_sha)
    article = parsed.articles[0].article
    return PageScore(
        name=folder.name,
        title_ok=article.title == expected_title,
        f1=token_f1(markdown_text(article.body), expected_text),
        got_title=article.title,
        expected_title=expected_title,
        source_sha=source_sha,
        got_byline=article.author,
        expected_byline=expected_byline,
    )


def find_pages(roots: list[Path]) -> list[Path]:
    return sorted(
        {path.parent for root in roots for path in root.rglob("source.html")},
        key=lambda p: p.name,
    )


def report(scores: list[PageScore]) -> str:
    if not scores:
        return "No pages found: nothing measured.\n"
    title_rate = sum(score.title_ok for score in scores) / len(scores)
    mean_f1 = sum(score.f1 for score in scores) / len(scores)
    lines = [
        f"- Pages: {len(scores)}",
        f"- Title exact match: {title_rate:.1%} (target {TITLE_TARGET:.0%})",
        f"- Mean body token F1: {mean_f1:.3f} (target {F1_TARGET:.2f})",
        "",
        "| page | source sha256 | title exact | token F1 | title we extracted | note "
        "| author we extracted / expected byline |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for score in scores:
        note = score.error or ("" if score.title_ok else f"expected: {score.expected_title}")
        lines.append(
            f"| {score.name} | `{score.source_sha}` | {'yes' if score.title_ok else 'no'} "
            f"| {score.f1:.3f} | {_cell(score.got_title)} | {_cell(note)} "
            f"| {_cell(score.got_byline) or '—'} / {_cell(score.expected_byline) or '—'} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--write", action="store_true", help=f"update {DOC.name}")
    args = parser.parse_args(argv)
    scores = [score_page(folder) for folder in find_pages(args.pages)]
    text = report(scores)
    print(text)
    if args.write:
        update_section(DOC, "Measured", f"Machine: {describe_machine()}.\n\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
