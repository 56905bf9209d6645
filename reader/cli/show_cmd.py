"""``reader show ID [--json]``: an article as plain text (Markdown body, related items listed)."""

from __future__ import annotations

import argparse

from reader.cli import output
from reader.cli.common import services_from_args
from reader.library.model import Article
from reader.library.printable import printable
from reader.library.related import ResolvedRelated
from reader.library.store import LibraryError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("show", help="print an article as plain text")
    parser.add_argument("article_id", metavar="ID")
    parser.add_argument(
        "--json", action="store_true", help="print the article's fields and body as JSON"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        article = services.store.get(args.article_id)
        related = services.store.related_index().resolve(article.related, exclude=article.id)
    except LibraryError as error:
        raise output.CliError(str(error)) from error
    finally:
        services.close()
    if args.json:
        output.print_json(as_json(article, related))
    else:
        print_text(article, related)
    return 0


def print_text(article: Article, related: list[ResolvedRelated]) -> None:
    title = printable(article.title)
    print(title)
    print("=" * min(len(title), 79))
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
        output.line(byline)
    if article.tags:
        output.line("tags: " + ", ".join(article.tags))
    print()
    output.text_block(article.body.strip())
    if related:
        print()
        print("Related articles")
        print("----------------")
        for resolved in related:
            where = f"[{resolved.article_id}]" if resolved.article_id else "[not in your library]"
            output.line(f"- {resolved.item.title} {where}")
            if resolved.item.teaser:
                output.line(f"  {resolved.item.teaser}")


def as_json(article: Article, related: list[ResolvedRelated]) -> dict[str, object]:
    source = article.source
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "category": article.category,
        "tags": list(article.tags),
        "lang": article.lang,
        "site": article.site,
        "read": article.read,
        "starred": article.starred,
        "imported": article.imported.isoformat() if article.imported else None,
        "source": (
            {"kind": source.kind, "file": source.file, "url": source.url} if source else None
        ),
        "body": article.body,
        "related": [
            {
                "title": resolved.item.title,
                "teaser": resolved.item.teaser,
                "url": resolved.item.url,
                "id": resolved.article_id,
            }
            for resolved in related
        ],
    }
