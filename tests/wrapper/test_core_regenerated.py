"""The wrapper survives regeneration for other api-versions (issue 3 item 9, issue 11).

The low level is regenerated for 2024-10-21 (which renames the chat message schemas) and for 2025-03-01-preview
(OpenAPI 3.1, 49 operations) into scratch directories, each put first on PYTHONPATH; the wrapper (from this repo)
then runs its tests against it in a subprocess, chats and streams against the emulator, and passes the newer
request parameters through.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from spec_files import OPERATIONS, REPO

WRAPPER_TESTS = sorted(
    str(path) for path in Path(__file__).parent.glob("test_*.py") if path.name != Path(__file__).name
)

CHECK = (
    f"OPERATIONS = {OPERATIONS!r}\n"
    + """
import sys
import azure_openai_rest
from azure_openai import AzureOpenAI
from azure_openai._adapter import chat_chunk_model, response_model
assert azure_openai_rest.__file__.startswith(sys.argv[1]), azure_openai_rest.__file__
client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")
for operation in OPERATIONS:
    response_model(operation)
print(client.api_version, chat_chunk_model().__name__)
"""
)

EMULATED = """
import sys
import azure_openai_rest
from azure_openai import AzureOpenAI
from azure_openai.testing import Emulator
assert azure_openai_rest.__file__.startswith(sys.argv[1]), azure_openai_rest.__file__
with Emulator() as emu:
    client = AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo")
    assert "Hello" in client.chat("Hello").text
    with client.chat_stream("Hello") as stream:
        streamed = "".join(event.text for event in stream)
    assert "Hello" in streamed, streamed
    assert [r.query["api-version"] for r in emu.requests] == [azure_openai_rest.API_VERSION] * 2, emu.requests
print("ok")
"""


def _env(package_parent: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_parent), os.environ.get("PYTHONPATH", "")])}
    for name in ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "OPENAI_API_VERSION"):
        env.pop(name, None)
    return env


def _run(code: str, package_parent: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, str(package_parent)],
        capture_output=True,
        text=True,
        env=_env(package_parent),
        cwd=package_parent,
    )


@pytest.mark.slow
def test_wrapper_works_against_a_regenerated_client(regenerated_package: tuple[str, Path]) -> None:
    version, package_parent = regenerated_package
    check = _run(CHECK, package_parent)
    assert check.returncode == 0, check.stderr
    assert check.stdout.split()[0] == version  # the default api-version follows the generated package

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *WRAPPER_TESTS],
        capture_output=True,
        text=True,
        env=_env(package_parent),
        cwd=REPO,
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]


@pytest.mark.slow
def test_wrapper_chats_and_streams_against_the_emulator_on_a_regenerated_client(
    regenerated_package: tuple[str, Path],
) -> None:
    _, package_parent = regenerated_package
    emulated = _run(EMULATED, package_parent)
    assert emulated.returncode == 0 and emulated.stdout.strip() == "ok", emulated.stdout + emulated.stderr


NEWER_PARAMETERS = """
import sys
import azure_openai_rest
from azure_openai import AzureOpenAI
from azure_openai.testing import Emulator
from azure_openai_rest.models import CreateChatCompletionRequest, ResponseFormatJsonSchema
assert azure_openai_rest.__file__.startswith(sys.argv[1]), azure_openai_rest.__file__
assert any(f.name == "max_completion_tokens" for f in CreateChatCompletionRequest.__attrs_attrs__)
wire = {"type": "json_schema", "json_schema": {"name": "answer", "strict": True, "schema": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
response_format = ResponseFormatJsonSchema.from_dict(wire)
with Emulator() as emu:
    client = AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo")
    client.chat("Where?", max_completion_tokens=50, response_format=response_format)
    sent = emu.requests[-1].json
assert sent["max_completion_tokens"] == 50, sent
assert sent["response_format"] == wire, sent["response_format"]
print("ok")
"""


@pytest.mark.slow
def test_newer_request_parameters_pass_through_chat_typed(package_2025_03_01_preview: Path) -> None:
    # max_completion_tokens and structured outputs (response_format json_schema) exist only in newer specs.
    passed = _run(NEWER_PARAMETERS, package_2025_03_01_preview)
    assert passed.returncode == 0 and passed.stdout.strip() == "ok", passed.stdout + passed.stderr
