"""The wrapper survives regeneration for another api-version (issue 3 item 9).

The low level is regenerated for 2024-10-21 (which renames the chat message schemas) into a scratch directory
put first on PYTHONPATH; the wrapper (from this repo) then runs its tests against it in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from spec_files import REPO

WRAPPER_TESTS = sorted(
    str(path) for path in Path(__file__).parent.glob("test_*.py") if path.name != Path(__file__).name
)

CHECK = """
import sys
import azure_openai_rest
from azure_openai import AzureOpenAI
from azure_openai._adapter import OPERATIONS, chat_chunk_model, request_model, response_model
assert azure_openai_rest.__file__.startswith(sys.argv[1]), azure_openai_rest.__file__
client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")
for operation in OPERATIONS:
    response_model(operation), request_model(operation)
print(client.api_version, chat_chunk_model().__name__)
"""


@pytest.mark.slow
def test_wrapper_works_against_a_client_regenerated_for_2024_10_21(package_2024_10_21: Path) -> None:
    tmp_path = package_2024_10_21
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    for name in ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "OPENAI_API_VERSION"):
        env.pop(name, None)
    check = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.split()[0] == "2024-10-21"  # the default api-version follows the generated package

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *WRAPPER_TESTS],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
