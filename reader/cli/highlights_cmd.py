"""``reader highlights [ID] [--json]``: the highlights of one article, or of the library."""

from __future__ import annotations

import argparse

from reader.cli import output
from reader.cli.common import services_from_args
from reader.library.highlights import highlights_markdown, is_present
from reader.library.store import LibraryError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "highlights", help="print highlights and notes as Markdown (one article or all)"
    )
    parser.add_argument("article_id", metavar="ID", nargs="?")
    parser.add_argument("--json", action="store_true", help="print them as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        store = services.store
        if args.article_id:
            articles = [store.get(args.article_id)]
        else:
            articles = [store.get(summary.id) for summary in store.summaries()]
    except LibraryError as error:
        raise output.CliError(str(error)) from error
    finally:
        services.close()
    articles = [article for article in articles if article.highlights]
    if args.json:
        output.print_json(
            [
                {
                    "id": article.id,
                    "title": article.title,
                    "highlights": [
                        {
                            "text": h.text,
                            "colour": h.colour,
                            "note": h.note,
                            "present": is_present(article, h.text),
                        }
                        for h in article.highlights
                    ],
                }
                for article in articles
            ]
        )
        return 0
    for number, article in enumerate(articles):
        if number:
            print()
        output.text_block(highlights_markdown(article).rstrip())
    return 0
