"""The clients perform flows: Post (JSON or multipart, through the client's policy), Call and Gather, both clients."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI, DeploymentNotFoundError
from azure_openai._flow import Call, Flow, Gather, Post

pytestmark = pytest.mark.usefixtures("clean_env")


def options(server: Any) -> dict[str, Any]:
    return {"endpoint": server.endpoint, "api_key": "k", "deployment": "dep", "max_retries": 0}


def posts() -> Flow[tuple[Any, str, str]]:
    """A JSON post, a multipart post, then a post whose typed error the flow catches at its yield."""
    chat = yield Post("chat_completions_create", {"messages": []}, api_version="2024-10-21")
    form = yield Post("audio/transcriptions", files={"file": ("a.wav", b"RIFF0000", "audio/wav")}, data={"n": "1"})
    try:
        yield Post("embeddings", {"input": ["x"]}, deployment="gone")
    except DeploymentNotFoundError as exc:
        return chat.json()["object"], form.request.headers["content-type"], str(exc.status_code)
    raise AssertionError("the failed post was not thrown into the flow")


def check_posts(outcome: tuple[Any, str, str], server: Any) -> None:
    assert outcome[0] == "chat.completion"
    assert outcome[1].startswith("multipart/form-data; boundary=") and outcome[2] == "404"
    chat, form, gone = server.seen
    assert chat.path == "/openai/deployments/dep/chat/completions?api-version=2024-10-21"
    assert chat.json() == {"messages": []} and chat.headers["api-key"] == "k"
    assert form.path.startswith("/openai/deployments/dep/audio/transcriptions?api-version=")
    assert b'name="n"' in form.body and b"RIFF0000" in form.body
    assert gone.path.startswith("/openai/deployments/gone/embeddings?")


def test_the_sync_client_performs_posts(server: Any, reply: Any) -> None:
    server.replies = [reply(), reply(body={"text": "hi"}), reply(404, {"error": {"code": "DeploymentNotFound"}})]
    with AzureOpenAI(**options(server)) as client:
        check_posts(client._run(posts()), server)


async def test_the_async_client_performs_posts(server: Any, reply: Any) -> None:
    server.replies = [reply(), reply(body={"text": "hi"}), reply(404, {"error": {"code": "DeploymentNotFound"}})]
    async with AsyncAzureOpenAI(**options(server)) as client:
        check_posts(await client._run(posts()), server)


def fail(message: str) -> None:
    raise ValueError(message)


def calls_and_gathers(seen: list[str]) -> Flow[list[Any]]:
    """A Call, then a Gather of a Call, a failing Call and a sub-flow: outcomes in order, errors as values."""

    def sub() -> Flow[str]:
        seen.append("sub")
        length = yield Call(len, ("four",))
        return f"sub {length}"

    first = yield Call(seen.append, ("first",))
    outcomes: list[Any] = yield Gather([Call(str.upper, ("a",)), Call(fail, ("no",)), sub()])
    return [first, *outcomes]


def check_calls(outcome: list[Any], seen: list[str]) -> None:
    assert outcome[:2] == [None, "A"] and outcome[3] == "sub 4" and seen == ["first", "sub"]
    assert isinstance(outcome[2], ValueError) and str(outcome[2]) == "no"


def test_the_sync_client_performs_calls_and_gathers_in_order(server: Any) -> None:
    seen: list[str] = []
    check_calls(AzureOpenAI(**options(server))._run(calls_and_gathers(seen)), seen)


async def test_the_async_client_performs_calls_and_gathers(server: Any) -> None:
    seen: list[str] = []
    check_calls(await AsyncAzureOpenAI(**options(server))._run(calls_and_gathers(seen)), seen)


async def test_async_call_awaits_an_awaitable_result(server: Any) -> None:
    async def double(value: int) -> int:
        await asyncio.sleep(0)
        return value * 2

    def flow() -> Flow[int]:
        doubled: int = yield Call(double, (21,))
        return doubled

    assert await AsyncAzureOpenAI(**options(server))._run(flow()) == 42


class InFlight:
    """Async steps that count how many run at once; ``wait`` ones never finish unless cancelled."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self.started = asyncio.Event()
        self.cancelled = 0

    async def step(self, value: int, wait: bool = False) -> int:
        self.now += 1
        self.most = max(self.most, self.now)
        self.started.set()
        try:
            for _ in range(3):
                await asyncio.sleep(0)
            if wait:
                await asyncio.Event().wait()
            if value < 0:
                raise ValueError(value)
            return value
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.now -= 1


async def test_async_gather_runs_at_most_limit_at_once_and_keeps_order(server: Any) -> None:
    counter = InFlight()

    def flow() -> Flow[list[Any]]:
        outcomes: list[Any] = yield Gather([Call(counter.step, (n,)) for n in range(10)], limit=3)
        return outcomes

    assert await AsyncAzureOpenAI(**options(server))._run(flow()) == list(range(10))
    assert counter.most == 3


async def test_async_gather_stop_on_error_cancels_the_rest(server: Any) -> None:
    counter = InFlight()
    steps = [Call(counter.step, (-1,)), *(Call(counter.step, (n, True)) for n in range(3))]

    def flow() -> Flow[str]:
        try:
            yield Gather(steps, stop_on_error=True)
        except ValueError as exc:
            return f"stopped by {exc}"
        return "not stopped"

    assert await AsyncAzureOpenAI(**options(server))._run(flow()) == "stopped by -1"
    assert counter.cancelled == 3 and counter.now == 0


def test_sync_gather_stop_on_error_performs_nothing_after_the_error(server: Any) -> None:
    seen: list[str] = []

    def flow() -> Flow[Any]:
        return (
            yield Gather([Call(seen.append, ("a",)), Call(fail, ("x",)), Call(seen.append, ("b",))], stop_on_error=True)
        )

    with pytest.raises(ValueError, match="x"):
        AzureOpenAI(**options(server))._run(flow())
    assert seen == ["a"]


async def test_cancelling_a_running_flow_cancels_its_gather_and_is_not_swallowed(server: Any) -> None:
    counter = InFlight()
    after: list[str] = []

    def flow() -> Flow[None]:
        try:
            yield Gather([Call(counter.step, (n, True)) for n in range(2)])
        finally:
            after.append("flow closed")
        after.append("flow went on")

    task = asyncio.ensure_future(AsyncAzureOpenAI(**options(server))._run(flow()))
    await counter.started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert counter.cancelled == 2 and counter.now == 0 and after == ["flow closed"]


def test_a_gather_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="limit must be a positive int"):
        Gather([], limit=0)
