"""Command line: ``reader [gui] | import | list | show | search | index | export``.

Each sub-command lives in its own module with ``register(subparsers)``; the handler gets the
parsed arguments and the services from the composition root.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cli import commands

COMMAND_MODULES = commands.ALL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader", description="Reader: an offline article reader with a local library."
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="library folder (default: $READER_LIBRARY, else the platform data dir)",
    )
    parser.add_argument(
        "--base-dir",
        metavar="DIR",
        help="keep library, cache and settings under DIR (for trying Reader out and for tests)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command is None:
        args = parser.parse_args([*argv, "gui"])
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a full or read-only disk: a sentence, not a traceback
        from reader.cli.common import describe_os_error

        print(f"reader: {describe_os_error(error)}", file=sys.stderr)
        return 1
