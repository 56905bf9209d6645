"""Reader never touches the network: every socket use is caught by a Python audit hook.

The whole command-line flow (import, index, search, show, related resolution, PDF export)
runs in a child process whose audit hook records any socket creation, connection or name
lookup, and fails the run if there was one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SEED_ID = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"

GUARD = textwrap.dedent(
    """
    import sys

    attempts = []

    def no_network(event, args):
        if event.startswith(("socket.", "urllib.")) or event in ("http.client.connect",):
            attempts.append((event, repr(args)[:200]))
            raise RuntimeError(f"network access attempted: {event} {args!r:.200}")

    sys.addaudithook(no_network)
    from reader.__main__ import main

    code = main(sys.argv[1:])
    if attempts:
        print("NETWORK:", attempts, file=sys.stderr)
        sys.exit(99)
    sys.exit(code)
    """
)


def run_guarded(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GUARD, "--base-dir", str(base), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_guard_catches_a_connection_attempt(tmp_path: Path) -> None:
    """The hook itself works: a plain socket use is caught (so the test below can fail)."""
    probe = GUARD.replace(
        "from reader.__main__ import main",
        "import socket\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except Exception:\n    pass\n"
        "from reader.__main__ import main",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "--base-dir", str(tmp_path), "list"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 99
    assert "socket" in result.stderr


def test_command_line_flow_makes_no_connection(tmp_path: Path, seed_path: Path) -> None:
    base = tmp_path / "base"
    steps = [
        ("import", str(seed_path)),
        ("index",),
        ("search", "Hollywood"),
        ("search", "title:sora", "--json"),
        ("show", SEED_ID),
        ("list", "--json"),
        ("export", SEED_ID, "-o", str(tmp_path / "seed.pdf")),
    ]
    for step in steps:
        result = run_guarded(base, *step)
        assert result.returncode == 0, (step, result.stdout, result.stderr)
    assert (tmp_path / "seed.pdf").stat().st_size > 1000


@pytest.mark.parametrize("watch", ["audit-hook", "strace"])
def test_window_flow_makes_no_connection(tmp_path: Path, watch: str) -> None:
    """Start, import, search, open, related navigation, back, export — in the window.

    The audit hook sees Python's sockets; strace sees every connect() the process and its
    threads make, Qt's C++ included (local AF_UNIX sockets, e.g. to D-Bus, are allowed)."""
    if watch == "strace" and shutil.which("strace") is None:
        pytest.skip("strace is not installed")
    inbox_file = tmp_path / "nota.md"
    inbox_file.write_text("# Una nota sul cinema\n\nHollywood e il cinema italiano.\n", "utf-8")
    pdf = tmp_path / "guide.pdf"
    guard = GUARD.replace(
        "from reader.__main__ import main\n\ncode = main(sys.argv[1:])",
        "from tests.hardening.gui_flow import run_flow\nfrom pathlib import Path\n\n"
        "run_flow(*(Path(arg) for arg in sys.argv[1:]))\ncode = 0",
    )
    assert "run_flow" in guard
    trace = tmp_path / "connect.trace"
    prefix = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace)]
    result = subprocess.run(
        [
            *(prefix if watch == "strace" else []),
            sys.executable,
            "-c",
            guard,
            str(tmp_path / "base"),
            str(inbox_file),
            str(pdf),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "FLOW OK" in result.stdout
    assert pdf.stat().st_size > 1000
    if watch == "strace":
        calls = trace.read_text().splitlines()
        assert calls == [line for line in calls if "AF_INET" not in line], calls
