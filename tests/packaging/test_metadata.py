"""pyproject.toml describes what is really there: every package, every resource, the license."""

from __future__ import annotations

import fnmatch
import re
import tomllib

from tests.packaging.installed import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_in_the_source_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "reader").rglob("__init__.py")
    }
    assert set(SETUPTOOLS["packages"]) == found | {"reader.resources"}
    assert SETUPTOOLS["package-dir"] == {"reader.resources": "resources"}


def test_every_resource_file_matches_a_package_data_pattern() -> None:
    patterns = SETUPTOOLS["package-data"]["reader.resources"]
    resources = REPO / "resources"
    files = [
        path.relative_to(resources).as_posix()
        for path in resources.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"}
    ]
    assert files
    unshipped = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert not unshipped, f"add patterns to package-data for {unshipped}"


def test_the_build_backend_understands_the_license_expression() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    (setuptools,) = PYPROJECT["build-system"]["requires"]
    minimum = re.fullmatch(r"setuptools>=(\d+)", setuptools)
    assert minimum and int(minimum.group(1)) >= 77  # SPDX `license` strings need 77+
    license_text = (REPO / "LICENSE").read_text("utf-8")
    assert license_text.startswith("MIT License")
    assert "Copyright (c) 2026 Reader developers" in license_text


def test_html_cleaning_is_a_declared_dependency() -> None:
    """trafilatura imports lxml.html.clean, a separate project since lxml 5.2."""
    declared = " ".join(PYPROJECT["project"]["dependencies"])
    assert "lxml_html_clean" in declared
    from lxml.html.clean import Cleaner

    assert Cleaner


def test_console_and_gui_scripts_start_the_same_main() -> None:
    assert PYPROJECT["project"]["scripts"]["reader"] == "reader.__main__:main"
    assert PYPROJECT["project"]["gui-scripts"]["reader-gui"] == "reader.__main__:main"
    assert "pyinstaller" not in " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
