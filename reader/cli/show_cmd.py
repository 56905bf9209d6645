"""``reader show ID [--links] [--json]``: an article as plain text (Markdown body, related
items listed; with ``--links``, where each body link leads)."""

from __future__ import annotations

import argparse

from reader.cli import output
from reader.cli.common import services_from_args
from reader.library.links import ResolvedLink
from reader.library.model import Article
from reader.library.printable import printable
from reader.library.related import ResolvedRelated
from reader.library.store import LibraryError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("show", help="print an article as plain text")
    parser.add_argument("article_id", metavar="ID")
    parser.add_argument(
        "--links", action="store_true", help="list the body's links and where each one leads"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the article's fields and body as JSON (with its links and linked-from ids)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        article = services.store.get(args.article_id)
        index = services.store.related_index()
        related = index.resolve(article.related, exclude=article.id)
        links = services.store.link_index().resolve(article)
        linked_from = index.linked_from(article.id)
    except LibraryError as error:
        raise output.CliError(str(error)) from error
    finally:
        services.close()
    if args.json:
        output.print_json(as_json(article, related, links, linked_from))
        return 0
    print_text(article, related)
    if args.links:
        print_links(links, linked_from)
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


_WHERE = {"library": "in your library", "web": "on the web", "missing": "not saved", "other": ""}


def print_links(links: list[ResolvedLink], linked_from: list[str]) -> None:
    """One line a link: its target as written, then where it leads (an id when saved)."""
    print()
    print("Links")
    print("-----")
    if not links:
        print("(none)")
    for link in links:
        where = link.article_id or _WHERE[link.kind]
        output.line(f"- {link.href}" + (f" [{where}]" if where else ""))
    if linked_from:
        print()
        output.line("Linked from: " + ", ".join(linked_from))


def as_json(
    article: Article,
    related: list[ResolvedRelated],
    links: list[ResolvedLink],
    linked_from: list[str],
) -> dict[str, object]:
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
        "source": vars(source) if source is not None else None,
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
        "links": [
            {
                "href": link.href,
                "kind": link.kind,
                "resolves": link.kind == "library",
                "article_id": link.article_id or None,
                "fragment": link.fragment or None,
            }
            for link in links
        ],
        "linked_from": linked_from,
    }
