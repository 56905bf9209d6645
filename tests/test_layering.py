"""DESIGN.md's dependency rules, checked on the source: the core never imports Qt widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reader"
CORE = ("library", "importers", "search", "render")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


@pytest.mark.parametrize("path", [p for part in CORE for p in modules(part)], ids=str)
def test_core_imports_no_qt_widgets_and_no_ui(path: Path) -> None:
    imported = imports_of(path)
    is_pdf_module = path.parent.name == "render" and path.stem == "pdf"
    for name in imported:
        assert not name.startswith("reader.ui"), f"{path} imports {name}"
        assert "QtWidgets" not in name, f"{path} imports {name}"
        if not is_pdf_module:
            assert not name.startswith("PySide6"), f"{path} imports {name} (core must be Qt-free)"


def test_only_the_composition_root_imports_ui() -> None:
    offenders = [
        str(path)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.startswith("reader.ui") for name in imports_of(path))
    ]
    allowed = {str(PACKAGE / "app.py")}
    assert set(offenders) <= allowed


def test_layering_check_would_catch_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport reader.ui.main_window\n")
    assert {"PySide6.QtWidgets", "reader.ui.main_window"} <= imports_of(bad)


def test_ui_does_not_import_the_composition_root() -> None:
    """The window gets ``Services`` from ``reader.services``; ``reader.app`` builds and wires."""
    offenders = [
        str(path)
        for path in modules("ui")
        if any(name == "reader.app" or name.startswith("reader.app.") for name in imports_of(path))
    ]
    assert offenders == []


def test_plain_logic_lives_in_the_core_not_in_ui() -> None:
    """Filters, sorting, history and text matching are shared with the CLI from the core."""
    for moved in ("history.py", "text_match.py"):
        assert not (PACKAGE / "ui" / moved).exists()
    model_source = (PACKAGE / "ui" / "library_model.py").read_text("utf-8")
    assert "def sort_rows" not in model_source
    assert "class LibraryFilter" not in model_source
