"""CLI conventions: escaped untrusted text, one error prefix, JSON shapes, logging, completion.

Everything runs through ``main()`` (or a real process where a terminal or a shell is
needed) and asserts the bytes a person or a script would get.
"""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.paths import CACHEDIR_TAG

ESC = "\x1b"
# A title that would retitle the terminal window and clear the screen if printed raw,
# with a newline that would start a fake line of output.
EVIL_MARKDOWN = (
    "---\n"
    'title: "Pwned \\e]0;pwned\\a title"\n'
    'author: "Mallory\\e[2J"\n'
    "tags: [evil]\n"
    "related:\n"
    '  - title: "Other\\e[31m"\n'
    '    teaser: "line one\\nFAILED    fake"\n'
    "---\n\n"
    "Body with \x1b[31mred\x1b[0m words about gardens.\n"
)
EVIL_TITLE = "Pwned \x1b]0;pwned\x07 title"
EVIL_ID = "pwned-0-pwned-title"


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    return ["--base-dir", str(tmp_path / "base")]


@pytest.fixture
def evil_library(base: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    source = tmp_path / "evil.md"
    source.write_text(EVIL_MARKDOWN, "utf-8")
    assert main([*base, "import", str(source)]) == 0
    capsys.readouterr()
    return base


def run_all(
    base: list[str], commands: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:
    outs, errs = [], []
    for command in commands:
        assert main([*base, *command]) == 0, command
        captured = capsys.readouterr()
        outs.append(captured.out)
        errs.append(captured.err)
    return "".join(outs), "".join(errs)


def test_hostile_title_never_reaches_the_terminal_raw(evil_library: list[str], capsys) -> None:
    out, err = run_all(
        evil_library,
        [["list"], ["list", "--tag", "evil"], ["show", EVIL_ID], ["search", "gardens"]],
        capsys,
    )
    assert ESC not in out and "\x07" not in out and ESC not in err
    assert "Pwned \\x1b]0;pwned\\x07 title" in out
    assert "Mallory\\x1b[2J" in out
    assert "Body with \\x1b[31mred\\x1b[0m words" in out
    assert "  line one\\nFAILED    fake" in out  # the teaser stays on its line
    assert not any(line.startswith("FAILED") for line in out.splitlines())


def test_json_escapes_what_json_dumps_leaves_raw() -> None:
    from reader.cli.output import to_json

    data = {"title": "csi \x9b2J bidi \u202e lone \udce9 esc \x1b accent è"}
    text = to_json(data)
    assert text.isprintable() or set(text) - set(text.strip()) <= {"\n", " "}
    for raw in ("\x9b", "\u202e", "\udce9", "\x1b"):
        assert raw not in text
    assert "accent è" in text  # readable UTF-8, not \u00e8
    assert json.loads(text) == data


def test_json_shapes(evil_library: list[str], capsys) -> None:
    assert main([*evil_library, "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["title"] == EVIL_TITLE and row["author"] == "Mallory\x1b[2J"

    assert main([*evil_library, "show", EVIL_ID, "--json"]) == 0
    raw = capsys.readouterr().out
    assert ESC not in raw
    article = json.loads(raw)
    assert set(article) == {
        "id", "title", "author", "published", "category", "tags", "lang", "site",
        "read", "starred", "imported", "source", "body", "related", "links", "linked_from",
    }  # fmt: skip
    assert article["id"] == EVIL_ID and article["title"] == EVIL_TITLE
    assert article["body"].startswith("Body with \x1b[31mred")
    assert article["tags"] == ["evil"] and article["published"] is None
    assert article["source"]["kind"] == "markdown"
    assert article["related"] == [
        {"title": "Other\x1b[31m", "teaser": "line one\nFAILED    fake", "url": "", "id": None}
    ]

    assert main([*evil_library, "index", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["added"] == 1 and stats["updated"] == 0 and stats["removed"] == 0
    assert stats["rebuilt"] is True and stats["merge"] is None
    assert isinstance(stats["seconds"], float)
    assert main([*evil_library, "index", "--merge", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["added"] == 0 and stats["merge"]["segments_before"] == 1


def test_import_json_and_exit_code(base: list[str], tmp_path: Path, seed_path: Path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main([*base, "import", "--json", str(seed_path), str(empty)]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    report = json.loads(captured.out)
    assert report == {
        "imported": 1,
        "skipped": 0,
        "failed": 1,
        "results": [
            {
                "path": str(seed_path),
                "entry": None,
                "status": "imported",
                "id": "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora",
                "message": "OpenAI tenta la conquista di Hollywood con Sora",
            },
            {
                "path": str(empty),
                "entry": None,
                "status": "failed",
                "id": None,
                "message": "empty (no text)",
            },
        ],
    }
    assert main([*base, "import", "--json", str(seed_path)]) == 0
    [result] = json.loads(capsys.readouterr().out)["results"]
    assert result["status"] == "skipped" and result["message"]


def test_hostile_file_names_cannot_fake_a_line(base: list[str], tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nFAILED    fake.txt: gotcha\x1b[2J.txt").write_bytes(b"")
    undecodable = os.fsdecode(b"caf\xe9\x1b]0;t\x07.txt")
    (folder / undecodable).write_bytes(b"")
    (folder / "ok\x1b[2J.md").write_text("# Caffè\n\nUn testo sul caffè e sul latte.\n", "utf-8")
    assert main([*base, "import", str(folder)]) == 1
    captured = capsys.readouterr()
    assert ESC not in captured.out + captured.err
    failed = captured.err.splitlines()
    assert sorted(failed) == [
        f"FAILED    {folder}/caf\\udce9\\x1b]0;t\\x07.txt: empty (no text)",
        f"FAILED    {folder}/x\\nFAILED    fake.txt: gotcha\\x1b[2J.txt: empty (no text)",
    ]
    assert f"imported  {folder}/ok\\x1b[2J.md -> " in captured.out
    assert captured.out.endswith("1 imported, 0 skipped, 2 failed\n")
    assert main([*base, "import", "--json", str(folder)]) == 1
    raw = capsys.readouterr().out
    assert ESC not in raw
    paths = {result["path"] for result in json.loads(raw)["results"]}
    assert str(folder / undecodable) in paths


def test_one_error_prefix(base: list[str], tmp_path: Path, capsys) -> None:
    assert main([*base, "show", "nope"]) == 1
    assert capsys.readouterr().err.startswith("reader: error: no article with id 'nope'")
    (tmp_path / "nothing").mkdir()
    assert main([*base, "import", str(tmp_path / "nothing")]) == 1
    assert capsys.readouterr().err.startswith("reader: error: no files to import (supported: ")
    with pytest.raises(SystemExit) as usage:
        main([*base, "list", "--bogus"])
    assert usage.value.code == 2
    assert capsys.readouterr().err.endswith("reader: error: unrecognized arguments: --bogus\n")


def test_unexpected_error_is_one_line_and_logged(
    base: list[str], tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.cli import list_cmd

    def broken(args: object) -> int:
        raise RuntimeError("boom \x1b[2J")

    monkeypatch.setattr(list_cmd, "run", broken)
    log_file = tmp_path / "base" / "logs" / "reader.log"
    assert main([*base, "list"]) == 1
    err = capsys.readouterr().err
    assert err == f"reader: error: boom \\x1b[2J (details in {log_file})\n"
    logged = log_file.read_text("utf-8")
    assert "unexpected error in 'reader list'" in logged
    assert "Traceback (most recent call last)" in logged and "RuntimeError: boom" in logged
    assert ESC not in logged

    assert main([*base, "--debug", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: debug: reader.cli: reader ")
    assert "reader: error: reader.cli: unexpected error in 'reader list'\nTraceback" in err
    assert err.endswith(f"reader: error: boom \\x1b[2J (details in {log_file})\n")


def test_list_warnings_use_the_prefix(base: list[str], seed_path: Path, capsys) -> None:
    assert main([*base, "import", str(seed_path)]) == 0
    articles = Path(base[1]) / "data" / "library" / "articles"
    (articles / "broken\x1b[2J.md").write_text("---\ntitle: [unclosed\n---\nx\n", "utf-8")
    capsys.readouterr()
    assert main([*base, "list"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("reader: warning: ") and "broken\\x1b[2J.md" in err
    assert ESC not in err


def test_cache_dir_is_tagged_for_backup_tools(base: list[str], capsys) -> None:
    assert main([*base, "list"]) == 0
    tag = Path(base[1]) / "cache" / "CACHEDIR.TAG"
    assert tag.read_text("ascii") == CACHEDIR_TAG
    assert tag.read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")


def test_bash_completion_completes_commands_options_and_files(tmp_path: Path, capsys) -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "reader.bash"
    script.write_text(capsys.readouterr().out, "utf-8")
    (tmp_path / "notes.md").write_text("x", "utf-8")

    def complete(*words: str) -> list[str]:
        program = (
            f"source {script}; COMP_WORDS=({' '.join(words)}); "
            f"COMP_CWORD={len(words) - 1}; _shtab_reader; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        )
        result = subprocess.run(
            ["bash", "-c", program], cwd=tmp_path, capture_output=True, text=True, check=True
        )
        return sorted(result.stdout.split())

    assert complete("reader", "i") == ["import", "index"]
    assert complete("reader", "list", "--st") == ["--starred"]
    assert complete("reader", "import", "no") == ["notes.md"]
    assert complete("reader", "export", "x", "--page-size", "") == ["A4", "Letter"]


def test_zsh_completion_script(capsys) -> None:
    assert main(["completion", "zsh"]) == 0
    script = capsys.readouterr().out
    assert script.startswith("#compdef reader")
    assert "(*):PATH:_files" in script  # import completes file names


def _run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run ``reader`` with stderr on a pseudo-terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(follower)
    terminal = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process is gone and the pty closed
            break
        if not chunk:
            break
        terminal += chunk
    out, _ = process.communicate(timeout=60)
    os.close(leader)
    return process.returncode, out.decode(), terminal.decode(errors="replace")


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(25):
        (folder / f"{number:02d}.md").write_text(
            f"# Article {number}\n\nText of article number {number} about gardens.\n", "utf-8"
        )
    base = ["--base-dir", str(tmp_path / "base")]
    code, out, terminal = _run_on_a_terminal([*base, "import", str(folder)], tmp_path)
    assert code == 0
    assert out.endswith("25 imported, 0 skipped, 0 failed\n")
    assert "\rimporting:" in terminal and "/25 [" in terminal
    assert terminal.endswith("\r")  # the bar is cleared: only the results stay
    code, out, terminal = _run_on_a_terminal([*base, "index"], tmp_path)
    assert code == 0 and out.startswith("index: 25 added")
    assert "\rindexing:" in terminal and "/25 [" in terminal
    piped = subprocess.run(
        [sys.executable, "-m", "reader", *base, "index", "--rebuild"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert piped.stderr == "" and piped.stdout.startswith("index: 0 added, 25 updated")
