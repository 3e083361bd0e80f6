"""Typed message builders: the exact wire JSON, clear errors, and what the service receives."""

from __future__ import annotations

import base64
import copy
from types import MappingProxyType
from typing import Any

import pytest
from azure_openai import (
    AzureOpenAI,
    ConfigurationError,
    InvalidArgumentError,
    assistant_message,
    function_message,
    image_part,
    system_message,
    text_part,
    tool_call,
    tool_message,
    user_message,
)
from azure_openai._chat.messages import to_wire_messages

from .chat_loopback import LoopbackServer


def completion(text: str) -> dict[str, object]:
    return {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
    }


def test_every_role_builds_the_wire_json() -> None:
    assert system_message("Be brief") == {"role": "system", "content": "Be brief"}
    assert user_message("hi") == {"role": "user", "content": "hi"}
    assert user_message("hi", name="ann") == {"role": "user", "content": "hi", "name": "ann"}
    call = tool_call("call_1", "weather", {"city": "Zürich"})
    function = {"name": "weather", "arguments": '{"city": "Zürich"}'}
    assert call == {"id": "call_1", "type": "function", "function": function}
    assert tool_call("c", "f", '{"a": 1}')["function"]["arguments"] == '{"a": 1}'
    assert assistant_message("ok") == {"role": "assistant", "content": "ok"}
    assert assistant_message(tool_calls=[call]) == {"role": "assistant", "content": None, "tool_calls": [call]}
    assert tool_message("call_1", {"temp": 21}) == {"role": "tool", "tool_call_id": "call_1", "content": '{"temp": 21}'}
    assert tool_message("call_1", "sunny")["content"] == "sunny"
    assert function_message("f", [1, 2]) == {"role": "function", "name": "f", "content": "[1, 2]"}


def test_assistant_message_takes_the_generated_tool_calls_of_a_result() -> None:
    # docs/chat.md: generated models are accepted everywhere, so result.tool_calls go straight back.
    from azure_openai_rest.models import (
        ChatCompletionMessageToolCall,
        ChatCompletionMessageToolCallFunction,
        ToolCallType,
    )

    function = ChatCompletionMessageToolCallFunction(name="f", arguments="{}")
    model = ChatCompletionMessageToolCall(id="c1", type_=ToolCallType.FUNCTION, function=function)
    message = assistant_message(tool_calls=[model])
    assert message["tool_calls"] == [tool_call("c1", "f", "{}")]
    with pytest.raises(TypeError, match="tool call 0 is a tuple"):
        assistant_message(tool_calls=[("c1", "f", "{}")])  # type: ignore[list-item]


def test_user_message_with_text_and_image_parts() -> None:
    png = b"\x89PNG\r\n\x1a\n"
    message = user_message("What is this?", image_part("https://example.com/a.png", detail="low"), image_part(png))
    assert message["content"] == [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64," + base64.b64encode(png).decode()}},
    ]
    assert user_message(text_part("only part"))["content"] == [{"type": "text", "text": "only part"}]
    jpeg = image_part(b"\xff\xd8", media_type="image/jpeg")
    assert jpeg["image_url"]["url"].startswith("data:image/jpeg;base64,")


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: user_message(), ConfigurationError, "needs some content"),
        (lambda: image_part("/tmp/cat.png"), ConfigurationError, "read_bytes"),
        (lambda: image_part("https://x/a.png", detail="ultra"), ConfigurationError, "auto, low, high, got 'ultra'"),
        (lambda: assistant_message(), ConfigurationError, "content, tool_calls, or both"),
        (lambda: system_message(None), InvalidArgumentError, "system_message content must be a str, got NoneType"),
        (lambda: user_message(5), InvalidArgumentError, "user_message parts must be strings.*got 5"),
        (lambda: tool_call("c", "f", 5), InvalidArgumentError, r"tool_call arguments .* must be a str, got int"),
        (lambda: tool_call("c", 5, "{}"), InvalidArgumentError, "tool_call name must be a str, got int"),
        (lambda: tool_message(5, "x"), InvalidArgumentError, "tool_call_id must be a str, got int"),
        (lambda: image_part(5), InvalidArgumentError, "URL .str. or image bytes, got int"),
        (lambda: text_part(5), InvalidArgumentError, "text_part text must be a str, got int"),
        (
            lambda: to_wire_messages([user_message("a"), {"content": "b"}]),
            ConfigurationError,
            "message 1 has no 'role'",
        ),
        (lambda: to_wire_messages([3]), InvalidArgumentError, "message 0 is a int; pass a dict"),
    ],
)
def test_bad_builder_input_gets_clear_errors(call: Any, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        call()


def test_to_wire_messages_accepts_builders_dicts_and_models_and_rejects_the_rest() -> None:
    class Model:
        def to_dict(self) -> dict[str, object]:
            return {"role": "assistant", "content": "from a model"}

    wire = to_wire_messages([user_message("a"), {"role": "assistant", "content": "b"}, Model()], system="s")
    assert [m["content"] for m in wire] == ["s", "a", "b", "from a model"]
    for not_messages in ({"role": "user", "content": "x"}, None, 123, b"hi"):
        with pytest.raises(ConfigurationError, match=r"messages must be a str .* or a list of messages"):
            to_wire_messages(not_messages)  # type: ignore[arg-type]


def test_dicts_are_sent_as_given_and_only_other_messages_become_new_dicts() -> None:
    class Model:
        def to_dict(self) -> dict[str, object]:
            return {"role": "assistant", "content": "from a model"}

    plain, frozen = {"role": "user", "content": "a"}, MappingProxyType({"role": "user", "content": "b"})
    wire = to_wire_messages([plain, frozen, Model()], system="s")
    assert wire[1] is plain  # not copied: copying each message cost ~7% of a 200-message chat()
    assert type(wire[2]) is dict and wire[2] == frozen and wire[3] == Model().to_dict()
    assert plain == {"role": "user", "content": "a"}


def test_chat_and_a_tool_loop_leave_the_callers_messages_unchanged(loop: LoopbackServer) -> None:
    def weather(city: str) -> str:
        """The weather."""
        return "sunny"

    call = {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city": "Oslo"}'}}
    asks = {**completion(""), "choices": [{"index": 0, "message": {"role": "assistant", "tool_calls": [call]}}]}
    for reply in (completion("Hi."), asks, completion("Sunny.")):
        loop.reply(reply)
    messages = [system_message("Be brief."), {"role": "user", "content": "Weather in Oslo?"}]
    before = copy.deepcopy(messages)
    with AzureOpenAI(endpoint=loop.endpoint, api_key="k", deployment="gpt", max_retries=0) as client:
        client.chat(messages, system="Override.")
        run = client.run_tools(messages, tools=[weather])
    assert messages == before and len(messages) == 2
    assert run.text == "Sunny." and [m["role"] for m in run.messages] == [
        "system",
        "user",
        "assistant",
        "tool",
        "assistant",
    ]
    assert loop.requests[0].json()["messages"] == [{"role": "system", "content": "Override."}, *before]


def test_every_chat_call_rejects_what_is_not_messages_before_sending(loop: LoopbackServer) -> None:
    with AzureOpenAI(endpoint=loop.endpoint, api_key="k", deployment="gpt", max_retries=0) as client:
        for call in (client.chat, client.chat_stream, client.chat_json):
            with pytest.raises(ConfigurationError, match="got int"):
                call(5)  # type: ignore[arg-type]
    assert loop.requests == []


def test_the_service_receives_the_built_messages(loop: LoopbackServer) -> None:
    loop.reply(completion("It is sunny."))
    call = tool_call("call_1", "weather", {"city": "Oslo"})
    messages = [
        system_message("You report weather."),
        user_message("Weather in Oslo?", image_part("https://example.com/oslo.jpg")),
        assistant_message(tool_calls=[call]),
        tool_message("call_1", {"sky": "clear"}),
    ]
    with AzureOpenAI(endpoint=loop.endpoint, api_key="k", deployment="gpt", max_retries=0) as client:
        assert client.chat(messages).text == "It is sunny."
    assert loop.requests[0].json()["messages"] == messages
