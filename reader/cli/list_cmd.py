"""``reader list``: the library as a table, or JSON for scripts."""

from __future__ import annotations

import argparse
import json

from reader.cli.common import report_problems, services_from_args
from reader.library.model import ArticleSummary


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("list", help="list the articles in the library")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--category", help="only this category")
    parser.add_argument("--tag", help="only articles with this tag")
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--starred", action="store_true", help="only starred articles")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        summaries = services.store.summaries()
    finally:
        services.close()
    rows = sorted(
        (s for s in summaries if _wanted(s, args)),
        key=lambda s: (s.published.isoformat() if s.published else "", s.title),
        reverse=True,
    )
    if args.json:
        print(json.dumps([_as_json(s) for s in rows], ensure_ascii=False, indent=2))
    else:
        _print_table(rows)
    report_problems(services.store)
    return 0


def _wanted(summary: ArticleSummary, args: argparse.Namespace) -> bool:
    if args.category and summary.category.casefold() != args.category.casefold():
        return False
    if args.tag and args.tag.casefold() not in (tag.casefold() for tag in summary.tags):
        return False
    if args.unread and summary.read:
        return False
    return not (args.starred and not summary.starred)


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


def _print_table(rows: list[ArticleSummary]) -> None:
    if not rows:
        print("the library is empty")
        return
    width = max(len(row.id) for row in rows)
    print(f"{'DATE':<10}  {'':2}  {'ID':<{width}}  TITLE")
    for row in rows:
        date = row.published.isoformat() if row.published else "-"
        marks = ("*" if row.starred else " ") + (" " if row.read else "•")
        print(f"{date:<10}  {marks}  {row.id:<{width}}  {row.title}")
    print(f"{len(rows)} article" if len(rows) == 1 else f"{len(rows)} articles")
