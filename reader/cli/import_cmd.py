"""``reader import PATH...``: import files and folders, one line per file, then a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import output
from reader.cli.common import services_from_args
from reader.cli.progress import progress_bar
from reader.importers import import_paths
from reader.importers.batch import SUPPORTED_DESCRIPTION, ImportReport, ImportResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import article files or folders",
        description=f"Formats: {SUPPORTED_DESCRIPTION}.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--json", action="store_true", help="print the results as JSON instead of lines"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        with progress_bar("importing") as progress:
            report = import_paths(args.paths, services.store, progress=progress)
    finally:
        services.close()
    if not report.results:
        raise output.CliError(f"no files to import (supported: {SUPPORTED_DESCRIPTION})")
    if args.json:
        output.print_json(as_json(report))
    else:
        print_lines(report)
    return 1 if report.failed else 0


def print_lines(report: ImportReport) -> None:
    """One line per file (failures on stderr), then the counts; names and titles escaped,
    so a file named ``x\\nFAILED y`` shows as one line with a visible ``\\n``."""
    for result in report.results:
        where = f"{result.path} · {result.entry}" if result.entry else str(result.path)
        if result.status == "imported":
            output.line(f"imported  {where} -> {result.article_id}")
        elif result.status == "skipped":
            output.line(f"skipped   {where}: {result.message}")
        else:
            output.line(f"FAILED    {where}: {result.message}", err=True)
    print(report.summary())


def as_json(report: ImportReport) -> dict[str, object]:
    return {
        "imported": report.imported,
        "skipped": report.skipped,
        "failed": report.failed,
        "results": [_result_json(result) for result in report.results],
    }


def _result_json(result: ImportResult) -> dict[str, object]:
    return {
        "path": str(result.path),
        "entry": result.entry or None,
        "status": result.status,
        "id": result.article_id or None,
        "message": result.message or None,
    }
