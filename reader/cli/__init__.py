"""Command line: ``reader [gui] | import | list | show | search | index | export | completion``.

Each sub-command lives in its own module with ``register(subparsers)``; the handler gets the
parsed arguments and the services from the composition root.

Conventions every command keeps: errors are one ``reader: error: ...`` line on stderr
(exit 1; argparse's usage errors exit 2), untrusted text is escaped (``cli.output``),
``--json`` prints the stable shapes documented in the README, progress bars appear only
on a terminal, and ``--debug`` shows the log records and tracebacks that otherwise go
only to the log file.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from reader import __version__
from reader.app import logging_session
from reader.cli import commands, output
from reader.diagnostics import FILE_ONLY
from reader.language import SUPPORTED_LANGUAGES
from reader.paths import Paths

COMMAND_MODULES = commands.ALL
log = logging.getLogger(__name__)


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
        help="keep library, cache, settings and logs under DIR (for trying Reader out and tests)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="print debug messages and tracebacks (they always go to the log file)",
    )
    parser.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        help="the window's language (default: the saved choice, else the system's);"
        " the command line itself speaks English",
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
    paths = Paths.resolve(library=args.library, base_dir=args.base_dir)
    with logging_session(paths, debug=args.debug) as log_file:
        log.debug("reader %s, command %s", __version__, args.command)
        try:
            return int(args.handler(args) or 0)
        except output.CliError as error:
            output.error(str(error))
            return error.exit_code
        except KeyboardInterrupt:
            output.error("interrupted")
            return 130
        except BrokenPipeError:
            return 0
        except OSError as error:  # a full or read-only disk: a sentence, not a traceback
            from reader.cli.common import describe_os_error

            output.error(describe_os_error(error))
            return 1
        except Exception as error:
            # A bug or an environment problem nobody foresaw: one clear line, the
            # traceback in the log file (and on the console with --debug).
            log.error(
                "unexpected error in 'reader %s'", args.command, exc_info=True,
                extra={FILE_ONLY: not args.debug},
            )  # fmt: skip
            output.error(f"{error or type(error).__name__} (details in {log_file})")
            return 1
