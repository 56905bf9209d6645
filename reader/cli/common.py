"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse

from reader.app import Services, build_services
from reader.paths import Paths


def services_from_args(args: argparse.Namespace) -> Services:
    paths = Paths.resolve(library=args.library, base_dir=args.base_dir)
    return build_services(paths)
