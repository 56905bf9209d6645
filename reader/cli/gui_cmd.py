"""``reader gui``: open the window (the default when no command is given)."""

from __future__ import annotations

import argparse

from reader.cli.common import services_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the reader window (default)")
    parser.add_argument("article", nargs="?", help="id of an article to open")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from reader.ui.launch import run_window

    services = services_from_args(args)
    try:
        return run_window(services, open_article=args.article)
    finally:
        services.close()
