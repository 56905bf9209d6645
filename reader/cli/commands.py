"""The list of sub-command modules, in the order ``--help`` shows them."""

from reader.cli import gui_cmd, import_cmd, list_cmd, show_cmd

ALL = [gui_cmd, import_cmd, list_cmd, show_cmd]
