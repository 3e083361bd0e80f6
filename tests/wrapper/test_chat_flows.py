"""The chat operations are flows written once: driven here by a fake ``post``, blocking and awaited alike."""

from __future__ import annotations

import ast
import asyncio
import json
import tracemalloc
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai import AzureOpenAI, JSONReplyError, ToolLoopError
from azure_openai._chat.flows import chat_flow, json_flow
from azure_openai._chat.tools import tools_flow
from azure_openai._flow import Post, run_async, run_sync

from .chat_loopback import chunk, sse

CHAT = Path(__file__).resolve().parents[2] / "wrapper" / "azure_openai" / "_chat"


def answer(content: str | None, *calls: tuple[str, str, str]) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = [
            {"id": i, "type": "function", "function": {"name": n, "arguments": a}} for i, n, a in calls
        ]
    return {"id": "c", "object": "chat.completion", "choices": [{"index": 0, "message": message}]}


class FakeService:
    """A ``post`` for the flow drivers: records each ``Post`` and answers the scripted bodies in turn."""

    def __init__(self, *bodies: dict[str, Any]) -> None:
        self.bodies = list(bodies)
        self.posts: list[Post] = []

    def post(self, post: Post) -> httpx.Response:
        self.posts.append(post)
        return httpx.Response(200, json=self.bodies.pop(0), request=httpx.Request("POST", "https://x"))

    async def apost(self, post: Post) -> httpx.Response:
        return self.post(post)


def test_chat_is_one_post_of_the_request_and_its_settings() -> None:
    service = FakeService(answer("hi"))
    params = {"system": "S", "temperature": 0, "deployment": "d", "timeout": 5}
    result = run_sync(chat_flow("hello", params), service.post)
    (post,) = service.posts
    assert result.text == "hi" and post.operation == "chat_completions_create"
    assert post.deployment == "d" and post.timeout == 5 and post.api_version is None
    assert post.body == {
        "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "hello"}],
        "temperature": 0,
    }


def test_json_mode_is_checked_before_any_post_and_parsed_after() -> None:
    service = FakeService(answer('{"a": 1}'), answer("not json"))
    assert run_sync(json_flow("Reply in JSON", {}), service.post) == {"a": 1}
    assert service.posts[0].body is not None and service.posts[0].body["response_format"] == {"type": "json_object"}
    with pytest.raises(JSONReplyError, match="not valid JSON"):
        run_sync(json_flow("Reply in JSON", {}), service.post)
    with pytest.raises(Exception, match="the word 'JSON'"):
        run_sync(json_flow("hello", {}), service.post)
    assert len(service.posts) == 2


def test_the_tool_loop_is_the_same_flow_for_both_drivers() -> None:
    async def shout(text: str) -> str:
        """Shout."""
        await asyncio.sleep(0)
        return text.upper()

    def bodies() -> list[dict[str, Any]]:
        return [answer(None, ("c1", "shout", '{"text": "a"}'), ("c2", "shout", "{bad")), answer("done")]

    service = FakeService(*bodies())
    run = asyncio.run(run_async(tools_flow("go", {"tools": [shout]}, awaits=True), service.apost))
    assert run.text == "done" and run.rounds == 2
    sent = service.posts[1].body
    assert sent is not None
    tool_results = [m["content"] for m in sent["messages"] if m["role"] == "tool"]
    assert tool_results[0] == "A" and tool_results[1].startswith("error: the arguments are not valid JSON")
    with pytest.raises(TypeError, match="async function"):
        run_sync(tools_flow("go", {"tools": [shout]}, awaits=False), FakeService(*bodies()).post)

    def echo(text: str) -> str:
        """Echo."""
        return text

    with pytest.raises(ToolLoopError, match="after 1 rounds"):
        run_sync(tools_flow("go", {"tools": [echo], "max_rounds": 1}, awaits=False), FakeService(*bodies()).post)


def test_the_chat_modules_import_one_another_without_a_cycle() -> None:
    """Every ``from .x import`` (in functions and under TYPE_CHECKING too) counts: the graph is acyclic."""
    graph: dict[str, set[str]] = {}
    for path in CHAT.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is not None
        }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module in done or module not in graph:
            return
        for imported in graph[module]:
            visit(imported, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


@pytest.mark.slow  # 20,000 events under tracemalloc: seconds
def test_a_stream_holds_little_per_event_after_iterating(clean_env: pytest.MonkeyPatch) -> None:
    """Chunks are folded as they arrive, not kept: issue 12's bound of 200 bytes held per event."""
    events = 20_000
    pieces = [sse(chunk({"content": f"w{i % 10} "})) for i in range(events)]  # one read each, as a network sends
    pieces.append(sse(chunk({}, finish_reason="stop"), "[DONE]"))
    headers = {"content-type": "text/event-stream"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers=headers, content=iter(pieces)))
    client = AzureOpenAI(
        endpoint="https://r.openai.azure.com",
        api_key="k",
        deployment="d",
        http_client=httpx.Client(transport=transport),
    )
    stream = client.chat_stream("x")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in stream:
            pass
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held / events <= 200, f"{held / events:.0f} bytes held per event"
    assert json.loads(json.dumps(stream.final().text))[:6] == "w0 w1 "
