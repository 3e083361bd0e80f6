"""Streamed answers follow Azure's chunk sequence."""

from __future__ import annotations

import json

import httpx

from .conftest import STREAM_OPTIONS_VERSION
from .sse import chunks, events

CHAT = "/deployments/gpt-35-turbo/chat/completions"


def stream(client: httpx.Client, url: str, body: dict[str, object], **params: str) -> httpx.Response:
    with client.stream("POST", url, json={**body, "stream": True}, params=params or None) as response:
        response.read()
    return response


def test_chat_stream_is_azures_chunk_sequence(client: httpx.Client) -> None:
    question = "Do other Azure AI services support this too?"
    response = stream(client, CHAT, {"messages": [{"role": "user", "content": question}]})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["x-emulator"] == "azure-openai-rest"
    data = events(response.text)
    assert data[-1] == "[DONE]"
    first, role, *content, finish = chunks(response.text)
    # 1. The prompt-filter chunk: blank id/model, no choices.
    assert (first["id"], first["model"], first["object"], first["created"], first["choices"]) == ("", "", "", 0, [])
    assert first["prompt_filter_results"][0]["content_filter_results"]["sexual"]["severity"] == "safe"
    # 2. The role chunk, then content deltas with per-choice filter results, then the finish chunk.
    assert role["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert role["id"].startswith("chatcmpl-") and role["object"] == "chat.completion.chunk"
    assert role["model"] == "gpt-35-turbo"
    assert content and all(c["choices"][0]["finish_reason"] is None for c in content)
    assert all(set(c["choices"][0]["content_filter_results"]) >= {"hate", "violence"} for c in content)
    text = "".join(c["choices"][0]["delta"]["content"] for c in content)
    assert text.startswith("[emulator]") and question in text
    assert finish["choices"][0]["finish_reason"] == "stop" and finish["choices"][0]["delta"] == {}
    assert {c["id"] for c in [role, *content, finish]} == {role["id"]}
    # The streamed text is the text a non-streamed call answers.
    plain = client.post(CHAT, json={"messages": [{"role": "user", "content": question}]}).json()
    assert plain["choices"][0]["message"]["content"] == text


def test_chat_stream_of_a_tool_call(client: httpx.Client) -> None:
    tool = {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object",
            "properties": {"q": {"type": "string"}}, "required": ["q"]}}}  # fmt: skip
    response = stream(client, CHAT, {"messages": [{"role": "user", "content": "find"}], "tools": [tool]})
    _, first, *rest = chunks(response.text)
    [call] = first["choices"][0]["delta"]["tool_calls"]
    assert call["function"] == {"name": "lookup", "arguments": ""} and call["id"].startswith("call_")
    arguments = "".join(c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"] for c in rest[:-1])
    assert json.loads(arguments) == {"q": "emulated"}
    assert rest[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_stream_options_include_usage_adds_a_usage_chunk(client: httpx.Client) -> None:
    body = {"messages": [{"role": "user", "content": "hi"}], "stream_options": {"include_usage": True}}
    last = chunks(stream(client, CHAT, body, **{"api-version": STREAM_OPTIONS_VERSION}).text)[-1]
    assert last["choices"] == [] and last["usage"]["total_tokens"] > 0


def test_completions_stream(client: httpx.Client) -> None:
    response = stream(client, "/deployments/gpt-35-turbo/completions", {"prompt": "hello", "max_tokens": 40})
    first, *pieces, finish = chunks(response.text)
    assert first["choices"] == [] and first["prompt_filter_results"][0]["prompt_index"] == 0
    assert "".join(p["choices"][0]["text"] for p in pieces).strip().startswith("[emulator]")
    assert finish["choices"][0]["finish_reason"] == "stop"
    assert events(response.text)[-1] == "[DONE]"


def test_keep_alive_connection_serves_several_streams(client: httpx.Client) -> None:
    for _ in range(3):
        assert events(stream(client, CHAT, {"messages": [{"role": "user", "content": "x"}]}).text)[-1] == "[DONE]"


def test_stream_with_two_choices_keeps_each_choice_whole(client: httpx.Client) -> None:
    all_chunks = chunks(stream(client, CHAT, {"messages": [{"role": "user", "content": "two"}], "n": 2}).text)[1:]
    for index in (0, 1):
        mine = [c["choices"][0] for c in all_chunks if c["choices"][0]["index"] == index]
        assert mine[0]["delta"]["role"] == "assistant" and mine[-1]["finish_reason"] == "stop"
        assert "two" in "".join(choice["delta"].get("content") or "" for choice in mine)
