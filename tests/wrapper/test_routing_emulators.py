"""Issue 14 section 1 on local emulators with quotas: streams and embeddings routed, and a few hundred requests
in flight over quota-limited backends, none lost or duplicated, spread as the quotas allow (counts, not times)."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI, Backend
from azure_openai.testing import Emulator

pytestmark = pytest.mark.usefixtures("clean_env")


def backend_of(emu: Emulator, deployment: str, priority: int = 0) -> Backend:
    return Backend(emu.endpoint, deployment, api_key=emu.api_key, priority=priority)


def test_a_stream_and_an_embeddings_batch_move_on_from_a_throttled_backend() -> None:
    with Emulator() as busy, Emulator() as free:
        busy.fail_next(2, 429, retry_after_ms=30_000)
        first, second = backend_of(busy, "gpt-4"), backend_of(free, "gpt-35-turbo", priority=1)
        with AzureOpenAI(backends=[first, second]) as client:
            with client.chat_stream("hi") as stream:
                text = "".join(event.text or "" for event in stream)
                assert stream.backend is second
            assert text and stream.final().backend is second
        embedder = [backend_of(busy, "text-embedding-ada-002"), backend_of(free, "text-embedding-ada-002", 1)]
        with AzureOpenAI(backends=embedder) as client:
            vectors = client.embed(["one", "two", "three"], batch_size=2)
        assert {r.backend for r in vectors.responses} == {embedder[1]}
    # Each client asked the busy one once: set aside for 30 s after its 429, the second batch went elsewhere at once.
    assert [r.status for r in busy.requests] == [429, 429]
    assert [r.status for r in free.requests] == [200, 200, 200]


@pytest.mark.slow
async def test_hundreds_in_flight_over_quota_limited_emulators_none_lost_or_duplicated() -> None:
    rpm = {"small": 40, "medium": 100, "large": 160}  # frozen clocks: each serves exactly its quota
    emulators = {
        name: Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 10**7, "rpm": n}}, clock=lambda: 1000.0)
        for name, n in rpm.items()
    }
    for emu in emulators.values():
        emu.start()
    try:
        backends = {name: backend_of(emu, "gpt-4o") for name, emu in emulators.items()}
        total = sum(rpm.values())
        async with AsyncAzureOpenAI(backends=list(backends.values()), max_retries=0) as client:
            results = await asyncio.gather(*(client.chat(f"request {i}") for i in range(total)))
    finally:
        for emu in emulators.values():
            await asyncio.to_thread(emu.stop)
    served = {name: [r for r in emu.requests if r.status == 200] for name, emu in emulators.items()}
    assert {name: len(ok) for name, ok in served.items()} == rpm  # the load follows the quotas
    asked = Counter(r.json["messages"][-1]["content"] for ok in served.values() for r in ok)
    assert asked == Counter(f"request {i}" for i in range(total))  # each served once: none lost, none twice
    by_backend = Counter(result.backend for result in results)
    assert {name: by_backend[b] for name, b in backends.items()} == rpm


def test_the_docs_local_example_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "routing.md").read_text(encoding="utf-8")
    section = docs.split("## Try it locally\n", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    exec(compile(code.group(1), "docs/routing.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["paygo paygo", "1 2"]
