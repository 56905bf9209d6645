"""``reader gui``: open the window (the default when no command is given)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.app import run_gui
from reader.cli.common import services_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the reader window (default)")
    parser.add_argument("article", nargs="?", help="id of an article to open")
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        type=Path,
        help="save a picture of the window once it has loaded, then quit (smoke test)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args, seed_sample_library=True)
    try:
        return run_gui(services, open_article=args.article, screenshot=args.screenshot)
    finally:
        services.close()
