"""``reader export ID... -o FILE.pdf``: articles to one PDF, with no display needed."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import output
from reader.cli.common import services_from_args
from reader.library import LibraryError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export articles to a PDF",
        description="Export one or more articles to a PDF (several get a contents page).",
    )
    parser.add_argument("ids", nargs="+", metavar="ID", help="ids of the articles to export")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="the PDF file to write"
    )
    parser.add_argument(
        "--page-size",
        choices=("A4", "Letter"),
        help="paper size (default: Letter in the US, Canada, Mexico..., A4 elsewhere)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: `reader list` and friends should not pay for loading Qt.
    from reader.render.pdf import ExportError, ensure_gui_application, export_pdf

    services = services_from_args(args)
    try:
        try:
            articles = [services.store.get(article_id) for article_id in args.ids]
        except LibraryError as error:
            raise output.CliError(str(error)) from error
        related_index = services.store.related_index()
        app = ensure_gui_application()  # offscreen when there is no display
        try:
            written = export_pdf(
                articles,
                Path(args.output),
                related_index=related_index,
                assets_root=services.store.assets_root,
                page_size=args.page_size,
                link_index=services.store.link_index(),
                fallback_language=services.language,
            )
        except ExportError as error:
            raise output.CliError(str(error)) from error
        finally:
            del app
        count = len(articles)
        output.line(f"exported {count} article{'s' if count != 1 else ''} to {written}")
        return 0
    finally:
        services.close()
