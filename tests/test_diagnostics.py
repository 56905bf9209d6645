"""Logging configured in one place: a rotated file, a quiet console, nothing left behind."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from reader import diagnostics
from reader.paths import Paths


def test_log_file_lives_in_the_state_dir_or_under_base_dir(tmp_path: Path) -> None:
    assert Paths.resolve(base_dir=tmp_path).log_file == tmp_path / "logs" / "reader.log"
    default = Paths.resolve(library=tmp_path / "lib").log_file
    assert default.name == "reader.log" and "state" in str(default)  # XDG_STATE_HOME


def test_console_gets_warnings_file_gets_info(tmp_path: Path) -> None:
    console = io.StringIO()
    log_file = tmp_path / "logs" / "reader.log"
    log = logging.getLogger("reader.test")
    with diagnostics.logging_to(log_file, console=console):
        log.debug("debug detail")
        log.info("info line")
        log.warning("title \x1b]0;pwned\x07 is odd")
    assert console.getvalue() == "reader: warning: title \\x1b]0;pwned\\x07 is odd\n"
    logged = log_file.read_text("utf-8")
    assert "INFO reader.test: info line" in logged and "debug detail" not in logged
    assert "\x1b" not in logged and "title \\x1b]0;pwned\\x07 is odd" in logged


def test_debug_shows_everything_and_tracebacks(tmp_path: Path) -> None:
    console = io.StringIO()
    log = logging.getLogger("reader.test")
    with diagnostics.logging_to(tmp_path / "reader.log", debug=True, console=console):
        log.debug("debug detail")
        try:
            raise ValueError("bad")
        except ValueError:
            log.exception("it broke")
    shown = console.getvalue()
    assert shown.startswith(
        "reader: debug: reader.test: debug detail\nreader: error: reader.test: it broke\nTraceback"
    )
    assert "ValueError: bad" in shown


def test_handlers_and_level_are_restored(tmp_path: Path) -> None:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    with diagnostics.logging_to(tmp_path / "reader.log", debug=True, console=io.StringIO()):
        assert len(root.handlers) == len(before) + 2
    assert root.handlers == before and root.level == level


def test_the_file_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diagnostics, "LOG_MAX_BYTES", 2_000)
    log_file = tmp_path / "reader.log"
    log = logging.getLogger("reader.test")
    with diagnostics.logging_to(log_file, console=io.StringIO()):
        for number in range(200):
            log.info("line %d %s", number, "x" * 50)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["reader.log", "reader.log.1", "reader.log.2", "reader.log.3"]
    assert all(path.stat().st_size <= 2_000 for path in tmp_path.iterdir())
    assert "line 199 " in log_file.read_text("utf-8")


def test_an_unwritable_log_folder_costs_the_file_not_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    console = io.StringIO()
    with diagnostics.logging_to(blocker / "reader.log", console=console):
        logging.getLogger("reader.test").warning("still shown")
    assert console.getvalue().startswith("reader: warning: no log file: ")
    assert console.getvalue().endswith("reader: warning: still shown\n")
