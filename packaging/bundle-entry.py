"""The bundle's program: the same ``main`` as ``reader`` (PyInstaller wants a script)."""

import sys

from reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
