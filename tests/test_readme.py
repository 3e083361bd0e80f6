"""The README's examples run as written (against the emulator, with the environment a user would set)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from spec_files import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def python_block_after(heading: str) -> str:
    """The first ```python block after a README heading."""
    start = README.index(heading)
    match = re.search(r"```python\n(.*?)```", README[start:], re.S)
    assert match, f"no python example after {heading!r}"
    return match.group(1)


@pytest.fixture
def emulator_env() -> Iterator[dict[str, str]]:
    from azure_openai.testing import Emulator

    with Emulator() as emu:
        yield {
            **os.environ,
            "AZURE_OPENAI_ENDPOINT": emu.endpoint,
            "AZURE_OPENAI_API_KEY": emu.api_key,
            "AZURE_OPENAI_DEPLOYMENT": "gpt-35-turbo",
        }


def test_the_quickstart_runs(emulator_env: dict[str, str]) -> None:
    code = python_block_after("## Quickstart")
    result = subprocess.run([sys.executable, "-c", code], env=emulator_env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert 'You said: "Does Azure OpenAI support customer managed keys?"' in lines[0] and "stop" in lines[0]
    assert 'You said: "Write a haiku about rain."' in result.stdout and lines[-1] == "stop"


def test_the_generated_client_example_runs(emulator_env: dict[str, str]) -> None:
    code = python_block_after("## The generated client: `azure_openai_rest`")
    result = subprocess.run([sys.executable, "-c", code], env=emulator_env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Do other Azure AI services support this too?" in result.stdout  # the emulator echoes the last turn


@pytest.mark.slow
def test_the_generated_client_example_runs_on_a_regenerated_client(
    emulator_env: dict[str, str], regenerated_package: tuple[str, Path]
) -> None:
    # It names no model class: those change between api-versions (2024-10-21 renames the message classes).
    version, package_parent = regenerated_package
    code = python_block_after("## The generated client: `azure_openai_rest`")
    code = f"import azure_openai_rest\nassert azure_openai_rest.API_VERSION == {version!r}\n" + code
    env = {**emulator_env, "PYTHONPATH": str(package_parent)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Do other Azure AI services support this too?" in result.stdout


@pytest.mark.parametrize("name", ["main-job", "tests"])
def test_ci_runs_the_readme_commands(name: str) -> None:
    written = README.split(f"<!-- ci:{name} -->\n```sh\n", 1)[1].split("\n", 1)[0]
    assert written.startswith("./scripts/bootstrap.sh && ")
    extract = f'source <(sed -n "/^readme_command()/,/^}}/p" .ci/run) && readme_command {name}'
    found = subprocess.run(["bash", "-c", extract], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert found.stdout.strip() == written
