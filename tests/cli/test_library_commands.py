"""The CLI as a user runs it: import, list, show, version, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main

SEED_ID = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    return ["--base-dir", str(tmp_path / "base")]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"reader {__version__}"


def test_import_list_show(base: list[str], seed_path: Path, capsys) -> None:
    assert main([*base, "import", str(seed_path)]) == 0
    assert "1 imported, 0 skipped, 0 failed" in capsys.readouterr().out
    assert main([*base, "import", str(seed_path)]) == 0
    assert "skipped" in capsys.readouterr().out
    assert main([*base, "list"]) == 0
    table = capsys.readouterr().out
    assert SEED_ID in table and table.rstrip().endswith("1 article")
    assert main([*base, "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "id": SEED_ID,
            "title": "OpenAI tenta la conquista di Hollywood con Sora",
            "author": "",
            "published": "2024-03-25",
            "category": "IA",
            "tags": [],
            "lang": "it",
            "read": False,
            "starred": False,
        }
    ]
    assert main([*base, "list", "--category", "sport"]) == 0
    assert capsys.readouterr().out == "no article matches the filters\n"
    assert main([*base, "list", "--tag", "nosuch"]) == 0
    assert capsys.readouterr().out == "no article matches the filters\n"


def test_import_failure_exit_code(base: list[str], tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main([*base, "import", str(empty)]) == 1
    captured = capsys.readouterr()
    assert f"FAILED    {empty}: empty (no text)" in captured.err
    assert "0 imported, 0 skipped, 1 failed" in captured.out


def test_show_unknown_id(base: list[str], capsys) -> None:
    assert main([*base, "show", "nope"]) == 1
    assert capsys.readouterr().err.startswith("reader: error: no article with id 'nope' in ")


def test_library_option_and_env(tmp_path: Path, seed_path: Path, monkeypatch, capsys) -> None:
    library = tmp_path / "my-library"
    assert main(["--library", str(library), "import", str(seed_path)]) == 0
    assert (library / "articles" / f"{SEED_ID}.md").is_file()
    monkeypatch.setenv("READER_LIBRARY", str(library))
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == SEED_ID


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--base-dir", str(tmp_path), "list"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == "the library is empty"
