"""The bundle's program: the same ``main`` as ``reader`` (PyInstaller wants a script)."""

import multiprocessing
import sys

from reader.__main__ import main

if __name__ == "__main__":
    # The rebuild's workers and the background merge are spawned processes: in a frozen
    # program the child re-runs this script, and freeze_support() turns it into the child.
    multiprocessing.freeze_support()
    sys.exit(main())
