"""The tool loop goes through routing like any other call: each round's request moves on from a throttled backend."""

from __future__ import annotations

import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI, Backend
from azure_openai.testing import Emulator

pytestmark = pytest.mark.usefixtures("clean_env")

CALLS: list[str] = []


def get_weather(city: str) -> str:
    """The weather in a city."""
    CALLS.append(city)
    return f"sunny in {city}"


async def aget_weather(city: str) -> str:
    """The weather in a city (async)."""
    return get_weather(city)


def _backends(busy: Emulator, free: Emulator) -> list[Backend]:
    return [
        Backend(busy.endpoint, "gpt-4", api_key=busy.api_key),
        Backend(free.endpoint, "gpt-4", api_key=free.api_key, priority=1),
    ]


def _check(busy: Emulator, free: Emulator, text: str | None, rounds: int) -> None:
    assert rounds == 2 and text is not None and "sunny" in text
    assert [r.status for r in busy.requests] == [429]  # set aside for 30 s: every later round went to the other
    assert [r.status for r in free.requests] == [200, 200]
    assert any(m.get("role") == "tool" for m in free.requests[1].json["messages"])  # the tool result went along


def test_a_tool_loop_moves_on_from_a_throttled_backend() -> None:
    CALLS.clear()
    with Emulator() as busy, Emulator() as free:
        busy.fail_next(1, 429, retry_after_ms=30_000)
        backends = _backends(busy, free)
        with AzureOpenAI(backends=backends, max_retries=0) as client:
            run = client.run_tools("Weather in Oslo?", tools=[get_weather])
        assert run.result.backend is backends[1] and len(CALLS) == 1  # the tool ran once
        _check(busy, free, run.text, run.rounds)


async def test_an_async_tool_loop_moves_on_from_a_throttled_backend() -> None:
    CALLS.clear()
    with Emulator() as busy, Emulator() as free:
        busy.fail_next(1, 429, retry_after_ms=30_000)
        async with AsyncAzureOpenAI(backends=_backends(busy, free), max_retries=0) as client:
            run = await client.run_tools("Weather in Oslo?", tools=[aget_weather])
        assert len(CALLS) == 1
        _check(busy, free, run.text, run.rounds)
