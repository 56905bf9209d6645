"""``reader list``: the library as a table, or JSON for scripts."""

from __future__ import annotations

import argparse

from reader.cli import output
from reader.cli.common import report_problems, services_from_args
from reader.library.listing import LibraryFilter, SortField, list_articles
from reader.library.model import ArticleSummary


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("list", help="list the articles in the library")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--category", help="only this category")
    parser.add_argument("--tag", help="only articles with this tag")
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--starred", action="store_true", help="only starred articles")
    parser.add_argument(
        "--sort",
        choices=[field.value for field in SortField],
        default=SortField.DATE.value,
        help="order as the window's column of that name does (default: date)",
    )
    parser.add_argument(
        "--ascending",
        action="store_true",
        help="ascending order (default: descending, newest first, as the window opens)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        summaries = services.store.summaries()
    finally:
        services.close()
    library_filter = LibraryFilter(
        category=args.category or "",
        tag=args.tag or "",
        unread_only=args.unread,
        starred_only=args.starred,
    )
    rows = list_articles(summaries, library_filter, SortField(args.sort), not args.ascending)
    if args.json:
        output.print_json([_as_json(s) for s in rows])
    else:
        _print_table(rows, filtered=len(rows) < len(summaries))
    report_problems(services.store)
    return 0


def _as_json(summary: ArticleSummary) -> dict[str, object]:
    return {
        "id": summary.id,
        "title": summary.title,
        "author": summary.author,
        "published": summary.published.isoformat() if summary.published else None,
        "category": summary.category,
        "tags": list(summary.tags),
        "lang": summary.lang,
        "read": summary.read,
        "starred": summary.starred,
    }


def _print_table(rows: list[ArticleSummary], *, filtered: bool) -> None:
    if not rows:
        print("no article matches the filters" if filtered else "the library is empty")
        return
    width = max(len(row.id) for row in rows)
    print(f"{'DATE':<10}  {'':2}  {'ID':<{width}}  TITLE")
    for row in rows:
        date = row.published.isoformat() if row.published else "-"
        marks = ("*" if row.starred else " ") + (" " if row.read else "•")
        output.line(f"{date:<10}  {marks}  {row.id:<{width}}  {row.title}")
    print(f"{len(rows)} article" if len(rows) == 1 else f"{len(rows)} articles")
