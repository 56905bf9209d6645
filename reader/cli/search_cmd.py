"""``reader search QUERY... [--limit N] [--json]``: full-text search from the terminal.

The index is brought up to date first (cheap when nothing changed), so a search right
after ``reader import`` finds the new articles.
"""

from __future__ import annotations

import argparse
import html
import re
import sys

from reader.cli import output
from reader.cli.common import describe_os_error, report_problems, services_from_args
from reader.cli.progress import progress_bar
from reader.library.printable import printable
from reader.search import SearchHit, SearchResults, SearchService

_MARK = re.compile(r"<b>(.*?)</b>", re.DOTALL)
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="full-text search the library",
        description=(
            'Words must all match; "exact phrases", a OR b, -excluded, prefix*, '
            "title: author: category: tag: lang: published:2024-03 (or 2024-01..2024-06), "
            "is:unread, is:starred, has:highlights, note: (your highlights' notes)."
        ),
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    services = services_from_args(args)
    try:
        search = services.search
        updated = update_index(search)
        results = search.search(query, limit=max(1, args.limit))
        if updated and search.needs_rebuild:  # this search found damage: repair, ask again
            update_index(search)
            results = search.search(query, limit=max(1, args.limit))
        report_problems(services.store)
    finally:
        services.close()
    if args.json:
        output.print_json(as_json(results))
    else:
        print_table(results, bold=sys.stdout.isatty())
    return 0


def update_index(search: SearchService) -> bool:
    """Bring the index up to date; a cache that cannot be written (a full disk) is
    reported and the search answers from the index as it is. False when it failed."""
    try:
        with progress_bar("indexing", unit=" articles") as progress:
            search.update(progress)
    except OSError as error:
        output.warning(f"the search index was not updated: {describe_os_error(error)}")
        return False
    return True


def as_json(results: SearchResults) -> dict[str, object]:
    return {
        "query": results.query,
        "total": results.total,
        "suggestion": results.suggestion,
        "terms": results.terms,
        "partial": results.partial,
        "hits": [
            {
                "id": hit.id,
                "title": hit.title,
                "published": hit.published.isoformat() if hit.published else None,
                "category": hit.category,
                "score": round(hit.score, 4),
                "snippet": hit.snippet,
                "partial": hit.partial,
                "missing": list(hit.missing),
            }
            for hit in results.hits
        ],
    }


def terminal_snippet(snippet: str, *, bold: bool) -> str:
    """The HTML snippet for a terminal: marks as ANSI bold (tty) or **…**, entities decoded.

    The article's own text is escaped (``printable``) before our bold codes go in: an
    ``&#27;`` entity in an article must not become a live escape sequence.
    """
    parts = _MARK.split(snippet)  # text, marked, text, marked, ..., text
    shown = []
    for position, part in enumerate(parts):
        text = printable(html.unescape(part))
        if position % 2 == 0:
            shown.append(text)
        else:
            shown.append(f"{BOLD}{text}{RESET}" if bold else f"**{text}**")
    return "".join(shown)


def print_table(results: SearchResults, *, bold: bool) -> None:
    if not results.hits:
        output.line(f"no results for {results.query!r}")
    else:
        width = max(len(hit.id) for hit in results.hits)
        print(f"{'#':>3}  {'DATE':<10}  {'ID':<{width}}  TITLE")
        for rank, hit in enumerate(results.hits, start=1):
            _print_hit(rank, hit, width, bold=bold)
        print(count_line(results))
    if results.suggestion:
        output.line(f"did you mean: {results.suggestion}")


def count_line(results: SearchResults) -> str:
    """ "3 results", "20 of 1,234 results", "0 results, 2 more lacking some of the words".

    Not "then": a match lacking only common words ranks among the full ones."""
    full = sum(1 for hit in results.hits if not hit.missing)
    partial = len(results.hits) - full
    if full < results.total:
        line = f"{full} of {results.total_text()} results"
    else:
        line = f"{full} result" + ("" if full == 1 else "s")
    if partial:
        line += f", {partial} more lacking some of the words"
    return line


def _print_hit(rank: int, hit: SearchHit, width: int, *, bold: bool) -> None:
    date = hit.published.isoformat() if hit.published else "-"
    output.line(f"{rank:>3}  {date:<10}  {hit.id:<{width}}  {hit.title}")
    if hit.missing:
        output.line(f"{'':5}(partial: no {', '.join(hit.missing)})")
    if hit.snippet:
        print(f"{'':5}{terminal_snippet(hit.snippet, bold=bold)}")
