"""``reader show ID``: an article as plain text (Markdown body, related items listed)."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import services_from_args
from reader.library.store import LibraryError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("show", help="print an article as plain text")
    parser.add_argument("article_id", metavar="ID")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        article = services.store.get(args.article_id)
        index = services.store.related_index()
    except LibraryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        services.close()
    print(article.title)
    print("=" * min(len(article.title), 79))
    byline = " | ".join(
        part
        for part in (
            article.author,
            article.published.isoformat() if article.published else "",
            article.category,
        )
        if part
    )
    if byline:
        print(byline)
    if article.tags:
        print("tags: " + ", ".join(article.tags))
    print()
    print(article.body.strip())
    if article.related:
        print()
        print("Related articles")
        print("----------------")
        for resolved in index.resolve(article.related, exclude=article.id):
            where = f"[{resolved.article_id}]" if resolved.article_id else "[not in your library]"
            print(f"- {resolved.item.title} {where}")
            if resolved.item.teaser:
                print(f"  {resolved.item.teaser}")
    return 0
