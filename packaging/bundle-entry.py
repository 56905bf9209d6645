"""The bundle's program: the same ``main`` as the ``reader`` command (PyInstaller needs a script)."""

import sys

from reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
