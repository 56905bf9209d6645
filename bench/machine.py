"""The machine a benchmark ran on, for docs/performance.md."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path


def describe_machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        if match:
            cpu = match.group(1).strip()
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s*(\d+) kB", meminfo.read_text())
        if match:
            memory = f", {int(match.group(1)) / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def update_section(document: Path, heading: str, body: str) -> None:
    """Replace (or append) the ``## heading`` section of a Markdown file, keeping the rest.

    ``READER_BENCH_DOC`` sends the section to another file: ``make bench`` runs the small
    sizes only, and must not replace the 100k rows and their analysis in the real doc.
    """
    override = os.environ.get("READER_BENCH_DOC")
    if override:
        document = Path(override)
    text = document.read_text("utf-8") if document.exists() else "# Performance\n"
    marker = f"## {heading}\n"
    section = f"{marker}\n{body.strip()}\n\n"
    if marker in text:
        start = text.index(marker)
        following = text.find("\n## ", start + len(marker))
        end = len(text) if following < 0 else following + 1
        text = text[:start] + section + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    document.write_text(text.rstrip("\n") + "\n", "utf-8")
