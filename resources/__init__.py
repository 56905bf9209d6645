"""Reader's data files (themes, sample library, icons, desktop entry): ``reader.resources``.

The folder sits beside ``reader/`` in the checkout and is mapped into the package at build time
(pyproject's package-dir); code reaches it only through ``reader.paths``.
"""
