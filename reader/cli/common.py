"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import errno

from reader.app import Services, build_services
from reader.paths import Paths


def services_from_args(args: argparse.Namespace, *, seed_sample_library: bool = False) -> Services:
    """Services for a command; only the window seeds an empty library with the samples,
    so scripted use (``reader --library X import ...``) gets exactly what it imported."""
    paths = Paths.resolve(library=args.library, base_dir=args.base_dir)
    return build_services(paths, seed_sample_library=seed_sample_library)


def describe_os_error(error: OSError) -> str:
    """One line for a failed read or write: the file (when known) and why, in words."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        reason = f"{reason} (free some disk space and run the command again)"
    return f"{error.filename}: {reason}" if error.filename else reason
