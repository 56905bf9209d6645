"""``reader index [--rebuild] [--merge] [--json]``: bring the full-text index up to date with
the library, and optionally merge it into one segment (faster searches on a large library)."""

from __future__ import annotations

import argparse
import time

from reader.cli import output
from reader.cli.common import report_problems, services_from_args
from reader.cli.progress import activity, progress_bar
from reader.search.indexer import IndexBusyError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "index", help="update the search index (only what changed since the last run)"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="index the whole library again from scratch"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="then merge the index into one segment: faster searches on a large library, "
        "takes minutes (about 2 per 10,000 articles)",
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        search = services.search
        with progress_bar("indexing", unit=" articles") as progress:
            stats = search.rebuild(progress) if args.rebuild else search.update(progress)
        report_problems(services.store)
        result: dict[str, object] = {
            "added": stats.added,
            "updated": stats.updated,
            "removed": stats.removed,
            "seconds": round(stats.seconds, 3),
            "rebuilt": stats.rebuilt,
            "merge": None,
        }
        if not args.json:
            how = " (rebuilt)" if stats.rebuilt else ""
            print(
                f"index: {stats.added} added, {stats.updated} updated, {stats.removed} removed "
                f"in {stats.seconds:.2f} s{how}",
                flush=True,
            )
        if args.merge:
            started = time.perf_counter()
            try:
                with activity("merging the index"):
                    before = search.merge_segments()
            except IndexBusyError as error:
                raise output.CliError(
                    "the index is being written by another Reader; not merged"
                ) from error
            took = time.perf_counter() - started
            result["merge"] = {"segments_before": before, "seconds": round(took, 3)}
            if not args.json:
                print(
                    f"index: {before} segments merged into 1 in {took:.1f} s"
                    if before > 1
                    else "index: already one segment"
                )
    finally:
        services.close()
    if args.json:
        output.print_json(result)
    return 0
