"""The shipped translations are in step with the code: a new window string without an
Italian translation, or a .qm not rebuilt from its .ts, fails the suite."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "packaging" / "translations.py"
TR_NAMES = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reader_translations_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tool() -> ModuleType:
    return load_tool()


def test_every_window_string_has_an_italian_translation_and_the_qm_is_fresh(tool) -> None:
    problems = tool.problems()
    assert problems == [], "\n".join(problems)


def test_a_new_untranslated_string_fails_the_check(tool, tmp_path: Path, monkeypatch) -> None:
    translations = tmp_path / "translations"
    shutil.copytree(tool.TRANSLATIONS, translations)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "panel.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class NewPanel(QWidget):\n"
        "    def label(self) -> str:\n"
        '        return self.tr("A brand new label")\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(tool, "TRANSLATIONS", translations)
    monkeypatch.setattr(tool, "SOURCE_DIRS", (*tool.SOURCE_DIRS, extra))
    problems = tool.problems()
    assert any("reader_it.ts is out of date" in problem for problem in problems), problems
    assert "reader_it.ts: no translation for NewPanel: 'A brand new label'" in problems
    # `update` adds it as unfinished and lists it; translations already made are kept.
    tool.update()
    gaps = [str(gap) for gap in tool.gaps(translations / "reader_it.ts")]
    assert gaps == ["NewPanel: 'A brand new label'"]


def test_a_stale_qm_fails_the_check(tool, tmp_path: Path, monkeypatch) -> None:
    translations = tmp_path / "translations"
    shutil.copytree(tool.TRANSLATIONS, translations)
    ts_file = translations / "reader_it.ts"
    text = ts_file.read_text(encoding="utf-8")
    ts_file.write_text(text.replace(">&amp;Indietro<", ">I&amp;ndietro<"), encoding="utf-8")
    monkeypatch.setattr(tool, "TRANSLATIONS", translations)
    assert tool.problems() == [
        "reader_it.qm is stale (not built from reader_it.ts): run `make translations`"
    ]


def tr_calls_with_computed_text(path: Path) -> list[str]:
    """tr()/translate() whose text is an f-string or built by an expression: lupdate would
    extract the template with its braces, or nothing, and the lookup would never match."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in TR_NAMES or not node.args:
            continue
        with_context = name in ("translate", "QT_TRANSLATE_NOOP")
        if with_context and (len(node.args) < 2 or not isinstance(node.args[0], ast.Constant)):
            continue  # painter.translate(x, y) and friends
        text = node.args[1] if with_context else node.args[0]
        if isinstance(text, ast.JoinedStr | ast.BinOp | ast.Call):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_window_string_is_formatted_before_it_is_translated() -> None:
    offenders = [
        hit
        for path in sorted((ROOT / "reader" / "ui").rglob("*.py"))
        for hit in tr_calls_with_computed_text(path)
    ]
    assert offenders == []


def test_the_formatting_check_would_catch_an_f_string(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('x = 1\nself.tr(f"{x} articles")\nQCoreApplication.translate("C", "a" + "b")\n')
    assert tr_calls_with_computed_text(bad) == ["bad.py:2", "bad.py:3"]
