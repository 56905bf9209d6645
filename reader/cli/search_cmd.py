"""``reader search QUERY... [--limit N] [--json]``: full-text search from the terminal.

The index is brought up to date first (cheap when nothing changed), so a search right
after ``reader import`` finds the new articles.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys

from reader.cli.common import describe_os_error, report_problems, services_from_args
from reader.cli.index_cmd import progress_printer
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
            "is:unread, is:starred."
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
        print(json.dumps(as_json(results), ensure_ascii=False, indent=2))
    else:
        print_table(results, bold=sys.stdout.isatty())
    return 0


def update_index(search: SearchService) -> bool:
    """Bring the index up to date; a cache that cannot be written (a full disk) is
    reported and the search answers from the index as it is. False when it failed."""
    try:
        search.update(progress_printer())
    except OSError as error:
        print(f"reader: warning: the search index was not updated: {describe_os_error(error)}",
              file=sys.stderr)  # fmt: skip
        return False
    return True


def as_json(results: SearchResults) -> dict[str, object]:
    return {
        "query": results.query,
        "total": results.total,
        "total_is_lower_bound": results.total_is_lower_bound,
        "suggestion": results.suggestion,
        "terms": results.terms,
        "hits": [
            {
                "id": hit.id,
                "title": hit.title,
                "published": hit.published.isoformat() if hit.published else None,
                "category": hit.category,
                "score": round(hit.score, 4),
                "snippet": hit.snippet,
            }
            for hit in results.hits
        ],
    }


def terminal_snippet(snippet: str, *, bold: bool) -> str:
    """The HTML snippet for a terminal: marks as ANSI bold (tty) or **…**, entities decoded."""
    if bold:
        marked = _MARK.sub(lambda m: f"{BOLD}{m.group(1)}{RESET}", snippet)
    else:
        marked = _MARK.sub(lambda m: f"**{m.group(1)}**", snippet)
    return html.unescape(marked)


def print_table(results: SearchResults, *, bold: bool) -> None:
    if not results.hits:
        print(f"no results for {results.query!r}")
    else:
        width = max(len(hit.id) for hit in results.hits)
        print(f"{'#':>3}  {'DATE':<10}  {'ID':<{width}}  TITLE")
        for rank, hit in enumerate(results.hits, start=1):
            _print_hit(rank, hit, width, bold=bold)
        shown = len(results.hits)
        print(
            f"{shown} of {results.total_text()} results"
            if shown < results.total
            else f"{shown} results"
        )
    if results.suggestion:
        print(f"did you mean: {results.suggestion}")


def _print_hit(rank: int, hit: SearchHit, width: int, *, bold: bool) -> None:
    date = hit.published.isoformat() if hit.published else "-"
    print(f"{rank:>3}  {date:<10}  {hit.id:<{width}}  {hit.title}")
    if hit.snippet:
        print(f"{'':5}{terminal_snippet(hit.snippet, bold=bold)}")
