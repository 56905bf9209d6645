"""The list of sub-command modules, in the order ``--help`` shows them."""

from reader.cli import (
    completion_cmd,
    conflicts_cmd,
    desktop_cmd,
    export_cmd,
    gui_cmd,
    highlights_cmd,
    import_cmd,
    index_cmd,
    list_cmd,
    search_cmd,
    show_cmd,
)

ALL = [
    gui_cmd,
    import_cmd,
    list_cmd,
    show_cmd,
    search_cmd,
    index_cmd,
    export_cmd,
    completion_cmd,
    desktop_cmd,
    highlights_cmd,
    conflicts_cmd,
]
