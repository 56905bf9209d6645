"""Importers: one module per input format, each turning a file into an Article.

``import_file`` picks the format; ``import_paths`` imports files and folders into a store
and reports each file's fate. None of this touches Qt, and sources are only ever read.
"""

from reader.importers.batch import ImportReport, ImportResult, import_file, import_paths
from reader.importers.errors import ImportFailure

__all__ = ["ImportFailure", "ImportReport", "ImportResult", "import_file", "import_paths"]
