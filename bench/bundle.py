"""The PyInstaller bundle: its size, and how fast it starts next to the venv's ``reader``.

    make bundle && python bench/bundle.py [--runs 5] [--no-write]

"--version" is a whole process run to exit (the interpreter and Reader's CLI, no Qt).
"window" is launch to the main window mapped on a real X server (Xvfb, xcb platform, the
sample library), seen by polling ``xdotool search --onlyvisible``; the library and caches
exist already (one warm-up start), so it is the start a user sees every day. Needs Xvfb
and xdotool (Debian: xvfb, xdotool). Results go to docs/performance.md ("Bundle").
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BUNDLE = ROOT / "dist" / "reader" / "reader"
VENV_READER = Path(sys.executable).absolute().parent / "reader"


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def time_version(program: Path, runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([program, "--version"], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()
    return server, f":{display}"


def time_window(program: Path, runs: int, env: dict[str, str], base: Path) -> list[float]:
    """Launch to the window mapped; each run is a fresh process, killed once it is seen."""
    times = []
    for _ in range(runs + 1):  # the first start seeds the library and builds the index
        start = time.perf_counter()
        process = subprocess.Popen(
            [program, "--base-dir", str(base)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", "Reader"],
                    env=env,
                    capture_output=True,
                    check=False,
                )
                if found.returncode == 0 and found.stdout.strip():
                    times.append(time.perf_counter() - start)
                    break
                if process.poll() is not None:
                    raise RuntimeError(f"{program} exited with {process.returncode}")
                if time.perf_counter() - start > 60:
                    raise RuntimeError(f"{program}: no window after 60 s")
                time.sleep(0.01)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return times[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not BUNDLE.is_file():
        print("error: no bundle; run `make bundle` first", file=sys.stderr)
        return 1
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            print(f"error: {tool} is missing (Debian: apt-get install xvfb xdotool)")
            return 1
    size, count = tree_size(BUNDLE.parent)
    internal = BUNDLE.parent / "_internal"
    parts = {
        "PySide6 (Qt)": tree_size(internal / "PySide6")[0],
        "babel (locale data, via trafilatura's courlan)": tree_size(internal / "babel")[0],
        "libpython": (internal / "libpython3.11.so.1.0").stat().st_size,
    }
    server, display = start_xvfb()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="reader-bench-bundle-") as work:
            for label, program, path in (
                ("bundle (`dist/reader/reader`)", BUNDLE, "/usr/bin:/bin"),
                ("venv (`.venv/bin/reader`)", VENV_READER, f"{VENV_READER.parent}:/usr/bin:/bin"),
            ):
                home = Path(work) / program.parent.name
                home.mkdir()
                env = {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8"}
                version = time_version(program, args.runs, env)
                window_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
                window = time_window(program, args.runs, window_env, home / "base")
                rows.append((label, version, window))
                print(label, [f"{t:.2f}" for t in version], [f"{t:.2f}" for t in window])
    finally:
        server.terminate()
        server.wait(timeout=30)
    mib = 1024 * 1024
    load = os.getloadavg()[0]
    lines = [
        f"Machine: {describe_machine()}. Script: `bench/bundle.py` after `make bundle` "
        f"(PyInstaller one-folder, {args.runs} runs each; 2 cores shared with other jobs, "
        f"load average {load:.1f} at the end).",
        "",
        f"Size of `dist/reader`: {size / mib:.0f} MiB in {count:,} files; of which "
        + ", ".join(f"{name} {value / mib:.0f} MiB" for name, value in parts.items())
        + ".",
        "",
        "| program | `--version`, median (min) | launch to window mapped, median (min) |",
        "|---|---:|---:|",
    ]
    for label, version, window in rows:
        lines.append(
            f"| {label} | {statistics.median(version):.2f} s ({min(version):.2f}) "
            f"| {statistics.median(window):.2f} s ({min(window):.2f}) |"
        )
    lines += [
        "",
        "The window is timed on Xvfb with the xcb platform: launch until `xdotool` sees the "
        "main window mapped (sample library, caches warm).",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        update_section(DOC, "Bundle", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
