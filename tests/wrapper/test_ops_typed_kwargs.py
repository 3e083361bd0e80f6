"""The operations' keyword arguments are typed from the generated request models: mypy catches the mistakes."""

from __future__ import annotations

import os
from pathlib import Path

import mypy.api
import pytest
from spec_files import REPO

# Calls from docs/operations.md and the tests, then mistakes mypy must report (`warn_unused_ignores` fails the run
# when an ignore is not needed, so each ignore asserts an error).
PROGRAM = """
from azure_openai import AsyncAzureOpenAI, AzureOpenAI
from azure_openai_rest.models import ImageSize

client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")
vectors: list[list[float]] = client.embed(["a", "b"], deployment="ada", batch_size=2, user="me").vectors
text: str = client.complete("tagline", deployment="instruct", max_tokens=30, stop=["\\\\n"], n=2).text
client.generate_image("a corgi", size=ImageSize.VALUE_1, quality="hd", response_format="b64_json", timeout=30.0)
client.transcribe(b"RIFF", deployment="whisper", response_format="verbose_json", language="en", filename="a.wav")
client.translate(open("a.mp3", "rb"), response_format="srt", temperature=0.2, api_version="2024-10-21")
client.embed(texts=["a"], deployment="ada")
client.complete(prompt=["a", "b"], max_tokens=3)
client.generate_image(prompt="a corgi", n=1)
client.transcribe(file="a.wav", language="en")
client.translate(file=open("a.mp3", "rb"))

client.complete("tagline", max_tokens="thirty")  # type: ignore[arg-type]
client.embed(["a"], batch_sise=2)  # type: ignore[call-arg]
client.embed(["a"], max_concurrency=2)  # type: ignore[call-arg]
client.translate(b"RIFF", language="en")  # type: ignore[call-arg]
client.generate_image("a corgi", n="2")  # type: ignore[arg-type]
client.complete(prompt=3)  # type: ignore[arg-type]
AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", max_retry=2)  # type: ignore[arg-type]
client.transcribe(file=3.5)  # type: ignore[arg-type]


async def main(aclient: AsyncAzureOpenAI) -> None:
    result = await aclient.embed(["a"], max_concurrency=4, on_progress=lambda done, total: None)
    vectors = result.vectors
    await aclient.complete("x", temperature="warm")  # type: ignore[arg-type]
    texts: list[str] = (await aclient.transcribe(file="a.wav")).text.split()
    await aclient.embed(texts=texts, max_concurrency=2)
    await aclient.generate_image(prompt=b"a corgi")  # type: ignore[arg-type]
"""


@pytest.mark.slow
def test_mypy_types_the_operations_keywords(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "operations.py"
    program.write_text(PROGRAM, encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", f"{REPO / 'generated'}{os.pathsep}{REPO / 'wrapper'}")
    options = [
        "--strict",
        "--warn-unused-ignores",
        "--python-version",
        "3.10",
        "--config-file",
        "",
        "--follow-imports",
        "silent",
    ]
    stdout, stderr, status = mypy.api.run([*options, "--cache-dir", str(tmp_path / "cache"), str(program)])
    assert status == 0, stdout + stderr
