"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import errno

from reader.app import Services, build_services
from reader.library import LibraryStore
from reader.paths import Paths


def services_from_args(args: argparse.Namespace, *, seed_sample_library: bool = False) -> Services:
    """Services for a command; only the window seeds an empty library with the samples,
    so scripted use (``reader --library X import ...``) gets exactly what it imported."""
    paths = Paths.resolve(library=args.library, base_dir=args.base_dir)
    return build_services(
        paths, seed_sample_library=seed_sample_library, language=getattr(args, "lang", None)
    )


def describe_os_error(error: OSError) -> str:
    """One line for a failed read or write: the file (when known) and why, in words."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        reason = f"{reason} (free some disk space and run the command again)"
    return f"{error.filename}: {reason}" if error.filename else reason


def report_problems(store: LibraryStore) -> None:
    """One line per article file that could not be read, and a note about conflict copies,
    on stderr: the command's own work goes on (and its exit code stays 0)."""
    from reader.cli import output  # (output imports nothing of the library)

    for _name, problem in sorted(store.problems.items()):
        output.warning(str(problem))  # escaped: file names may hold escape codes
    conflicts = store.known_conflicts()
    if conflicts:
        output.line(
            f"reader: note: {len(conflicts)} sync conflict "
            f"{'copy' if len(conflicts) == 1 else 'copies'} left out of the list "
            "(see 'reader conflicts')",
            err=True,
        )
