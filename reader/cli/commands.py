"""The list of sub-command modules, in the order ``--help`` shows them."""

from reader.cli import (
    conflicts_cmd,
    export_cmd,
    gui_cmd,
    import_cmd,
    index_cmd,
    list_cmd,
    search_cmd,
    show_cmd,
)

ALL = [gui_cmd, import_cmd, list_cmd, show_cmd, search_cmd, index_cmd, export_cmd, conflicts_cmd]
