"""Fixtures shared by the test folders: the regeneration script and packages built with it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spec_files import SCRIPTS, spec_path


@pytest.fixture(scope="session")
def regenerate() -> ModuleType:
    """scripts/regenerate.py as a module."""
    sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module("regenerate")


@pytest.fixture(scope="session")
def build_package(regenerate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Build a package for an api-version into a fresh folder; returns the folder that holds azure_openai_rest."""

    def build(version: str, **options: Any) -> Path:
        workdir = tmp_path_factory.mktemp(f"gen-{version}")
        package = regenerate.build(spec_path(version).read_text(encoding="utf-8"), workdir, **options)
        return package.parent

    return build


@pytest.fixture(scope="session")
def package_2024_10_21(build_package: Callable[..., Path]) -> Path:
    """A package regenerated (unchanged script) for api-version 2024-10-21; the folder to put on PYTHONPATH."""
    return build_package("2024-10-21")


@pytest.fixture(scope="session")
def package_2025_03_01_preview(build_package: Callable[..., Path]) -> Path:
    """A package regenerated for the OpenAPI 3.1 preview 2025-03-01-preview (49 operations); the folder to put on
    PYTHONPATH."""
    return build_package("2025-03-01-preview")


@pytest.fixture(scope="session", params=["2024-10-21", "2025-03-01-preview"])
def regenerated_package(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """(api-version, folder on PYTHONPATH) of each newer api-version the wrapper must keep working on."""
    version: str = request.param
    return version, request.getfixturevalue("package_" + version.replace("-", "_"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that regenerates a package (through ``build_package``) is slow: the default run leaves it to CI."""
    for item in items:
        if "build_package" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
