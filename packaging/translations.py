"""Keep the window's translations in step with the code: update, compile, check, list gaps.

    python packaging/translations.py update    # lupdate the .ts files, then lrelease the .qm
    python packaging/translations.py check     # exit 1 on a stale .ts/.qm or a missing translation
    python packaging/translations.py todo      # the sources still waiting for a translation

``make translations`` runs ``update``; ``tests/ui/test_translations.py`` runs the check. The
``.ts`` files are written without source locations and with sorted messages, so editing code
never churns them and two branches that add strings merge cleanly. Translate in the ``.ts``
(a text editor or ``pyside6-linguist``), then ``make translations`` again to compile.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "reader" / "ui",)
"""Every module with window strings (the core has none: its labels are in render/labels.py)."""
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGS = {
    # English needs only the plural forms ("1 article", "2 articles"): the sources are English.
    "reader_en.ts": ("en", ["-pluralonly"]),
    "reader_it.ts": ("it", []),
}
LUPDATE_OPTIONS = ["-no-obsolete", "-locations", "none", "-sort-messages", "-silent"]


@dataclass(frozen=True)
class Gap:
    context: str
    source: str

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def tool(name: str) -> str:
    """``pyside6-lupdate``/``pyside6-lrelease`` beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials (make test does)")
    return found


def sources() -> list[Path]:
    return sorted(path for folder in SOURCE_DIRS for path in folder.rglob("*.py"))


def lupdate(ts_file: Path, language: str, extra: list[str]) -> None:
    command = [tool("lupdate"), *LUPDATE_OPTIONS, *extra, "-target-language", language]
    command += [str(path) for path in sources()]
    subprocess.run([*command, "-ts", str(ts_file)], check=True, cwd=ROOT)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    command = [tool("lrelease"), "-silent", "-nounfinished", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, check=True)


def gaps(ts_file: Path) -> list[Gap]:
    """Messages with no usable translation (unfinished, empty, or a plural form missing)."""
    missing = []
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                missing.append(Gap(name, source))
                continue
            forms = translation.findall("numerusform")
            texts = [form.text for form in forms] if forms else [translation.text]
            if not all(text and text.strip() for text in texts):
                missing.append(Gap(name, source))
    return missing


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for name, (language, extra) in CATALOGS.items():
        ts_file = TRANSLATIONS / name
        lupdate(ts_file, language, extra)
        lrelease(ts_file, ts_file.with_suffix(".qm"))
        for gap in gaps(ts_file):
            print(f"{name}: untranslated: {gap}")


def problems() -> list[str]:
    """Why the committed translations are not in step with the code (empty: they are)."""
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, (language, extra) in CATALOGS.items():
            committed = TRANSLATIONS / name
            if not committed.is_file():
                found.append(f"{committed} is missing: run `make translations`")
                continue
            fresh = Path(scratch) / name
            shutil.copyfile(committed, fresh)
            lupdate(fresh, language, extra)
            if fresh.read_bytes() != committed.read_bytes():
                found.append(
                    f"{name} is out of date with the code (strings added, changed or removed):"
                    " run `make translations`, translate, run it again"
                )
            found += [f"{name}: no translation for {gap}" for gap in gaps(fresh)]
            compiled = Path(scratch) / name.replace(".ts", ".qm")
            lrelease(committed, compiled)
            shipped = committed.with_suffix(".qm")
            if not shipped.is_file() or not filecmp.cmp(compiled, shipped, shallow=False):
                found.append(
                    f"{shipped.name} is stale (not built from {name}): run `make translations`"
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "check", "todo"])
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
        return 0
    if args.command == "todo":
        with tempfile.TemporaryDirectory() as scratch:
            for name, (language, extra) in CATALOGS.items():
                fresh = Path(scratch) / name
                if (TRANSLATIONS / name).is_file():
                    shutil.copyfile(TRANSLATIONS / name, fresh)
                lupdate(fresh, language, extra)
                for gap in gaps(fresh):
                    print(f"{name}\t{gap.context}\t{gap.source}")
        return 0
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
