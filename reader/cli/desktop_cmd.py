"""``reader desktop-install [--uninstall]``: add Reader to (or remove it from) the app menu."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader import desktop


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "desktop-install",
        help="add Reader's menu entry and icon to ~/.local/share (for pip/pipx installs)",
        description=(
            "Install the desktop entry, icons and AppStream metainfo under $XDG_DATA_HOME "
            "(default ~/.local/share), so Reader appears in the application menu."
        ),
    )
    parser.add_argument(
        "--uninstall", action="store_true", help="remove exactly the files an install wrote"
    )
    parser.add_argument(
        "--exec",
        dest="exec_path",
        metavar="PATH",
        help="the reader command the menu entry starts (default: this installation's)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    target = desktop.data_home()
    if args.uninstall:
        removed = desktop.uninstall(target)
        for path in removed:
            print(f"removed {path}")
        print(f"Reader's menu entry is gone ({len(removed)} files removed from {target})")
        return 0
    try:
        exec_path = Path(args.exec_path).absolute() if args.exec_path else desktop.launcher_path()
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not exec_path.is_file():
        print(f"error: {exec_path}: no such program", file=sys.stderr)
        return 1
    written = desktop.install(target, exec_path)
    for path in written:
        print(f"installed {path}")
    print(f"Reader is in the application menu; it starts {exec_path}")
    return 0
