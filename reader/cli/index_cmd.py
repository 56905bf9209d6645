"""``reader index [--rebuild] [--merge]``: bring the full-text index up to date with the
library, and optionally merge it into one segment (faster searches on a large library)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from reader.cli.common import report_problems, services_from_args
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
    parser.set_defaults(handler=run)


def progress_printer(label: str = "indexing") -> Callable[[int, int], None]:
    """A progress callback writing to stderr: one updating line on a terminal, else a
    line every ten percent (so logs of scripted runs stay short)."""
    interactive = sys.stderr.isatty()
    state = {"last": -1.0, "shown": False}

    def report(done: int, total: int) -> None:
        if total <= 0:
            return
        if interactive:
            now = time.monotonic()
            if done < total and now - state["last"] < 0.1:
                return
            state["last"] = now
            end = "\n" if done >= total else ""
            print(f"\r{label} {done}/{total}", end=end, file=sys.stderr, flush=True)
            return
        step = max(1, total // 10)
        if done == total or done % step == 0 or done < state["last"]:
            print(f"{label} {done}/{total}", file=sys.stderr)
        state["last"] = done

    return report


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        search = services.search
        progress = progress_printer()
        stats = search.rebuild(progress) if args.rebuild else search.update(progress)
        report_problems(services.store)
        how = " (rebuilt)" if stats.rebuilt else ""
        print(
            f"index: {stats.added} added, {stats.updated} updated, {stats.removed} removed "
            f"in {stats.seconds:.2f} s{how}",
            flush=True,
        )
        if args.merge:
            started = time.perf_counter()
            try:
                before = search.merge_segments()
            except IndexBusyError:
                print("reader: the index is being written by another Reader; not merged",
                      file=sys.stderr)  # fmt: skip
                return 1
            took = time.perf_counter() - started
            if before > 1:
                print(f"index: {before} segments merged into 1 in {took:.1f} s")
            else:
                print("index: already one segment")
    finally:
        services.close()
    return 0
