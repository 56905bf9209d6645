"""``reader import PATH...``: import files and folders, one line per file, then a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import services_from_args
from reader.importers import import_paths
from reader.importers.batch import SUPPORTED_DESCRIPTION


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import article files or folders",
        description=f"Formats: {SUPPORTED_DESCRIPTION}.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    progress = _TerminalProgress() if sys.stderr.isatty() else None
    try:
        report = import_paths(args.paths, services.store, progress=progress)
    finally:
        services.close()
        if progress is not None:
            progress.finish()
    for result in report.results:
        where = f"{result.path} · {result.entry}" if result.entry else str(result.path)
        if result.status == "imported":
            print(f"imported  {where} -> {result.article_id}")
        elif result.status == "skipped":
            print(f"skipped   {where}: {result.message}")
        else:
            print(f"FAILED    {where}: {result.message}", file=sys.stderr)
    if not report.results:
        print(f"no files to import (supported: {SUPPORTED_DESCRIPTION})", file=sys.stderr)
        return 1
    print(report.summary())
    return 1 if report.failed else 0


class _TerminalProgress:
    """A one-line ``importing 120/1500`` counter on a terminal, redrawn in place."""

    def __init__(self) -> None:
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if total >= 10 and (done % 10 == 0 or done == total):
            print(f"\rimporting {done}/{total}", end="", file=sys.stderr, flush=True)
            self._shown = True

    def finish(self) -> None:
        if self._shown:
            print(file=sys.stderr)
