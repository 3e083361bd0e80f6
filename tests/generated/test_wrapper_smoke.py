"""scripts/regenerate.py refuses a build this repository's wrapper cannot use (older api-versions: 2023-05-15).

The spec is a faithful trim of the published 2023-05-15 (fixtures/README.md): its chat models lack the fields
later versions added, which the wrapper's results read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spec_files import TRIM_2023_05_15

CHAT = "/deployments/{deployment-id}/chat/completions"


def _trim() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(TRIM_2023_05_15.read_text(encoding="utf-8"))
    return spec


def _regenerate(regenerate: ModuleType, spec: dict[str, Any], tmp_path: Path) -> tuple[int, Path]:
    source = tmp_path / "inference.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    target = tmp_path / "out" / "azure_openai_rest"
    return regenerate.main(["--spec", str(source), "--output", str(target)]), target


def test_the_chat_stream_is_declared_on_an_inline_chat_request(regenerate: ModuleType) -> None:
    # 2023-05-15 declares the chat request inline: found by its path, the chat operation still gets its chunk
    # model (without it the wrapper's chat_stream().final() raised AdapterError on such a build).
    import spec_fixups

    spec = _trim()
    spec_fixups.add_stream_chunk_schema(spec)
    streamed = spec["paths"][CHAT]["post"]["responses"]["200"]["content"].get(spec_fixups.EVENT_STREAM_CONTENT)
    assert streamed == {"schema": {"$ref": "#/components/schemas/createChatCompletionStreamResponse"}}


@pytest.mark.slow
def test_a_build_the_wrapper_cannot_use_is_refused_naming_each_call(
    regenerate: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _trim()
    spec["paths"][CHAT]["post"]["responses"]["200"]["content"]["application/json"]["schema"] = {"type": "string"}
    status, target = _regenerate(regenerate, spec, tmp_path)
    err = capsys.readouterr().err
    assert status == 1 and not target.exists()
    assert err.startswith("regenerate: the wrapper (wrapper/azure_openai) cannot use this build; nothing was written")
    for call in ("chat()", "chat_stream() final()"):
        assert f"chat_completions_create: {call} raised AdapterError: " in err
    assert "RESPONSE_MODELS has no model for a 2xx answer" in err
    assert "completions_create: complete()" not in err and "embed()" not in err  # those work on this build


@pytest.mark.slow
def test_a_build_without_chat_passes_with_the_operations_it_has(
    regenerate: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As 2022-12-01: completions and embeddings only. The wrapper's calls of those work; chat is not tried.
    spec = _trim()
    del spec["paths"][CHAT]
    status, target = _regenerate(regenerate, spec, tmp_path)
    assert status == 0, capsys.readouterr().err
    assert not (target / "api" / "default" / "chat_completions_create.py").exists()
    assert (target / "api" / "default" / "embeddings_create.py").is_file()


@pytest.mark.slow
def test_2023_05_15_regenerates_into_a_build_the_wrapper_uses(
    regenerate: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, target = _regenerate(regenerate, _trim(), tmp_path)
    assert status == 0, capsys.readouterr().err
    assert 'API_VERSION = "2023-05-15"' in (target / "__init__.py").read_text()


SMOKE = Path(__file__).resolve().parents[2] / "scripts" / "wrapper_smoke.py"
BUILD = Path(__file__).resolve().parents[2] / "generated"


def test_the_smoke_check_uses_the_builds_api_version_not_the_environments(tmp_path: Path) -> None:
    # A malformed OPENAI_API_VERSION in the caller's shell failed the check, blaming the build.
    env = {**os.environ, "OPENAI_API_VERSION": "2024-10"}
    wrapper = str(BUILD.parent / "wrapper")
    smoke = subprocess.run(
        [sys.executable, str(SMOKE), str(BUILD), wrapper], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr


def test_check_wrapper_runs_the_smoke_check_without_the_wrapper_settings_of_the_caller(
    regenerate: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_VERSION", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "https_proxy"):
        monkeypatch.setenv(name, "2024-10" if name == "OPENAI_API_VERSION" else "socks9://x")
    monkeypatch.setenv("SMOKE_KEEPS_THIS", "1")
    real_run, envs = regenerate.subprocess.run, []

    def run(*args: Any, **kwargs: Any) -> Any:
        envs.append(kwargs.get("env"))
        return real_run(*args, **kwargs)

    monkeypatch.setattr(regenerate.subprocess, "run", run)
    regenerate.check_wrapper(BUILD / "azure_openai_rest")  # raises RegenerationError if the smoke failed
    (env,) = envs
    assert env is not None and env["SMOKE_KEEPS_THIS"] == "1"
    assert not [name for name in env if name.startswith(("OPENAI_", "AZURE_OPENAI_")) or name.endswith("_proxy")]
