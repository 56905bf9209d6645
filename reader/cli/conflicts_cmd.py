"""``reader conflicts [resolve --keep ours|theirs COPY]``: settle sync tools' conflict copies.

Syncthing, Nextcloud and Dropbox keep both versions of an article edited on two devices;
the copy is kept out of the list (it would show as a duplicate) and listed here instead.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import services_from_args
from reader.library.store import LibraryError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "conflicts",
        help="list sync tools' conflict copies of articles, or keep one version",
        description="Without arguments: list the conflict copies. 'resolve --keep ours COPY' "
        "keeps the article as it is and trashes the copy; '--keep theirs' puts the copy in "
        "its place and trashes the article's version.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    resolve = actions.add_parser("resolve", help="keep one version, trash the other")
    resolve.add_argument("copy", metavar="COPY", help="the conflict copy's id (as listed)")
    resolve.add_argument(
        "--keep",
        required=True,
        choices=("ours", "theirs"),
        help="ours: the article's file; theirs: the conflict copy",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    try:
        if getattr(args, "action", None) == "resolve":
            try:
                article_id = services.store.resolve_conflict(args.copy, args.keep)
            except (LibraryError, KeyError) as error:
                print(f"reader: {error}", file=sys.stderr)
                return 1
            kept = "the article's version" if args.keep == "ours" else "the conflict copy"
            print(f"kept {kept} as {article_id}; the other version is in the trash")
            return 0
        copies = services.store.conflicts()
    finally:
        services.close()
    if args.json:
        rows = [
            {"copy": c.copy_id, "article": c.original_id, "tool": c.tool,
             "article_exists": c.original_exists}
            for c in copies
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not copies:
        print("no conflict copies")
        return 0
    for copy in copies:
        missing = "" if copy.original_exists else " (the article itself is missing)"
        print(f"{copy.copy_id}  {copy.tool} copy of {copy.original_id}{missing}")
    print("keep one with: reader conflicts resolve --keep ours|theirs COPY")
    return 0
