"""Issue 13 item 2: time to first token, a per-token pace, per-request embeddings latency; seeded draws repeat."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from azure_openai.testing import Emulator, Latency
from azure_openai.testing._exchange import Exchange

from .conftest import API_VERSION
from .sse import chunks


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait the emulator asks for, in order, instead of waiting."""
    asked: list[float] = []

    def record(self: Any, seconds: float) -> None:
        if seconds > 0:
            asked.append(round(seconds, 6))

    monkeypatch.setattr(Exchange, "pause", record)
    return asked


def post(http: httpx.Client, emu: Emulator, deployment: str, operation: str, body: dict[str, Any]) -> httpx.Response:
    return http.post(
        f"{emu.endpoint}/openai/deployments/{deployment}/{operation}",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
        json=body,
    )


HELLO = {"messages": [{"role": "user", "content": "hello"}]}


def test_latency_is_off_by_default(http: httpx.Client, pauses: list[float]) -> None:
    with Emulator() as emu:
        assert Emulator().latency.off
        post(http, emu, "gpt-4", "chat/completions", {**HELLO, "stream": True})
        post(http, emu, "text-embedding-ada-002", "embeddings", {"input": "x"})
    assert pauses == []


def test_a_whole_answer_comes_after_first_token_plus_a_token_time_per_token(
    http: httpx.Client, pauses: list[float]
) -> None:
    with Emulator(latency=Latency(first_token_ms=200, per_token_ms=10, embeddings_ms=50)) as emu:
        answer = post(http, emu, "gpt-4", "chat/completions", HELLO).json()
        post(http, emu, "text-embedding-ada-002", "embeddings", {"input": "x"})
    completion_tokens = answer["usage"]["completion_tokens"]
    assert pauses == [round(0.2 + 0.01 * completion_tokens, 6), 0.05]


def test_a_stream_waits_for_the_first_token_then_paces_each_content_event(
    http: httpx.Client, pauses: list[float]
) -> None:
    from azure_openai.testing._shapes import tokens

    with Emulator(latency={"first_token_ms": 300, "per_token_ms": 20}) as emu:
        text = post(http, emu, "gpt-4", "chat/completions", {**HELLO, "stream": True}).text
    contents = [c["choices"][0]["delta"].get("content") for c in chunks(text) if c["choices"]]
    spoken = [tokens(content) for content in contents if content]  # the finish chunk and [DONE] take no time
    assert pauses[0] == 0.3 and pauses[1:] == [round(0.02 * count, 6) for count in spoken]


@pytest.mark.parametrize(
    ("operation", "deployment", "body"),
    [
        ("chat/completions", "gpt-4", {**HELLO, "n": 2}),
        ("chat/completions", "gpt-4", {**HELLO, "max_tokens": 5}),
        ("completions", "gpt-35-turbo", {"prompt": "hello there", "max_tokens": 30}),
    ],
)
def test_a_streamed_answer_takes_as_long_as_the_whole_one(
    http: httpx.Client, pauses: list[float], operation: str, deployment: str, body: dict[str, Any]
) -> None:
    """One unit for both: the whole answer waits first + per_token x its tokens, the stream the same in parts."""
    with Emulator(latency={"first_token_ms": 300, "per_token_ms": 20}) as emu:
        whole = post(http, emu, deployment, operation, body).json()
        whole_pauses = list(pauses)
        pauses.clear()
        post(http, emu, deployment, operation, {**body, "stream": True})
    assert len(whole_pauses) == 1 and whole_pauses[0] == round(0.3 + 0.02 * whole["usage"]["completion_tokens"], 6)
    assert round(sum(pauses), 6) == whole_pauses[0]


def test_the_spread_draws_repeat_with_a_seed(http: httpx.Client, pauses: list[float]) -> None:
    def run(seed: int) -> list[float]:
        pauses.clear()
        with Emulator(latency=Latency(embeddings_ms=100, spread=0.5), seed=seed) as emu:
            for _ in range(5):
                post(http, emu, "text-embedding-ada-002", "embeddings", {"input": "x"})
        return list(pauses)

    first, again, other = run(7), run(7), run(8)
    assert first == again and first != other
    assert len(set(first)) == 5 and all(value >= 0 for value in first)


def test_seeded_draws_do_not_depend_on_the_order_requests_arrive_in(http: httpx.Client, pauses: list[float]) -> None:
    """Concurrent requests arrive in any order: each request's waits come from its own seeded draws."""

    def run(order: list[str]) -> dict[str, float]:
        pauses.clear()
        waits: dict[str, float] = {}
        with Emulator(latency=Latency(embeddings_ms=100, spread=0.5), seed=7) as emu:
            for text in order:
                post(http, emu, "text-embedding-ada-002", "embeddings", {"input": text})
                waits[text] = pauses[-1]
        return waits

    forward, backward = run(["a", "b", "c"]), run(["c", "b", "a"])
    assert forward == backward and len(set(forward.values())) == 3


def test_a_paced_stream_really_waits_for_its_time(http: httpx.Client) -> None:
    """The real pause (not the recording one above) waits on the stop event for the time asked: no timing."""
    import threading

    waits: list[float] = []

    class Stopping(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            waits.append(round(timeout or 0.0, 6))
            return False

    with Emulator(latency=Latency(first_token_ms=300)) as emu:
        assert emu._server is not None
        emu._server.stopping = Stopping()
        with http.stream(
            "POST",
            f"{emu.endpoint}/openai/deployments/gpt-4/chat/completions",
            params={"api-version": API_VERSION},
            headers={"api-key": emu.api_key},
            json={**HELLO, "stream": True},
        ) as response:
            response.read()
        assert response.status_code == 200
    assert waits[0] == 0.3


@pytest.mark.parametrize("bad", [{"first_token_ms": -1}, {"spread": "wide"}, {"ttft": 5}])
def test_a_bad_latency_is_a_configuration_error(bad: dict[str, Any]) -> None:
    from azure_openai import ConfigurationError

    with pytest.raises(ConfigurationError):
        Emulator(latency=bad)
