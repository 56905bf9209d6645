"""``reader show ID``: an article as plain text (Markdown body, related items listed)."""

from __future__ import annotations

import argparse
import json
import re
import sys

from reader.cli.common import services_from_args
from reader.library.links import ResolvedLink
from reader.library.model import Article
from reader.library.store import LibraryError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("show", help="print an article as plain text")
    parser.add_argument("article_id", metavar="ID")
    parser.add_argument(
        "--links", action="store_true", help="list the body's links and where each one leads"
    )
    parser.add_argument(
        "--json", action="store_true", help="print JSON (with the links and linked-from ids)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        article = services.store.get(args.article_id)
        index = services.store.related_index()
        links = services.store.link_index().resolve(article)
        linked_from = index.linked_from(article.id)
    except LibraryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        services.close()
    if args.json:
        print(json.dumps(_as_json(article, links, linked_from), ensure_ascii=False, indent=2))
        return 0
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
    if args.links:
        _print_links(links, linked_from)
    return 0


_WHERE = {"library": "in your library", "web": "on the web", "missing": "not saved", "other": ""}


def _print_links(links: list[ResolvedLink], linked_from: list[str]) -> None:
    """One line a link: its target as written, then where it leads (an id when saved)."""
    print()
    print("Links")
    print("-----")
    if not links:
        print("(none)")
    for link in links:
        where = link.article_id or _WHERE[link.kind]
        print(f"- {_terminal_safe(link.href)}" + (f" [{where}]" if where else ""))
    if linked_from:
        print()
        print("Linked from: " + ", ".join(linked_from))


def _terminal_safe(text: str) -> str:
    """Link targets come from the saved page: no control sequence reaches the terminal."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def _as_json(
    article: Article, links: list[ResolvedLink], linked_from: list[str]
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
        "source": vars(source) if source is not None else None,
        "body": article.body,
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
