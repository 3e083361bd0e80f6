"""Conversation: history sent on each ask, both sides recorded only on success, JSON round trip, trimming."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AsyncConversation,
    AzureOpenAI,
    BadRequestError,
    ConfigurationError,
    Conversation,
    IncompleteStreamError,
    InvalidArgumentError,
    tool_call,
)

from .chat_loopback import LoopbackServer, json_mode_model, text_stream


def completion(text: str) -> dict[str, Any]:
    message = {"role": "assistant", "content": text}
    return {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
    }


def sent(loop: LoopbackServer, i: int) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = loop.requests[i].json()["messages"]
    return messages


def test_ask_sends_the_history_and_records_both_sides(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion("Paris."))
    loop.reply(completion("About 2.1 million."))
    chat = client.conversation(system="Answer briefly.", temperature=0)
    assert chat.ask("Capital of France?").text == "Paris."
    assert chat.ask("Population?").text == "About 2.1 million."
    assert sent(loop, 1) == [
        {"role": "system", "content": "Answer briefly."},
        {"role": "user", "content": "Capital of France?"},
        {"role": "assistant", "content": "Paris."},
        {"role": "user", "content": "Population?"},
    ]
    assert loop.requests[1].json()["temperature"] == 0
    assert len(chat) == 4


def test_the_history_keeps_its_own_copies_of_the_callers_messages(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion("Hi."))
    loop.reply(completion("Hi again."))
    first, question = {"role": "user", "content": "Earlier"}, {"role": "user", "content": "Hello?"}
    chat = client.conversation(messages=[first, {"role": "assistant", "content": "Noted."}])
    chat.ask(question)
    first["content"] = question["content"] = "edited"  # the caller reuses its dicts
    chat.ask("And now?")
    assert [m["content"] for m in sent(loop, 1)] == ["Earlier", "Noted.", "Hello?", "Hi.", "And now?"]


def test_the_history_copies_content_parts_and_tool_calls_too(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion("Hi."))
    loop.reply(completion("Hi again."))
    parts = [{"type": "text", "text": "first question"}]
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    earlier = [
        {"role": "user", "content": parts},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": "x"},
    ]
    chat = client.conversation(messages=earlier)
    asked = [{"type": "text", "text": "second question"}]
    chat.ask({"role": "user", "content": asked})
    parts[0]["text"] = asked[0]["text"] = "EDITED"  # the caller reuses its parts and calls
    call["function"]["name"] = "g"
    chat.ask("And now?")
    history = sent(loop, 1)
    assert [history[0]["content"][0]["text"], history[3]["content"][0]["text"]] == ["first question", "second question"]
    assert history[1]["tool_calls"][0]["function"]["name"] == "f"


def test_a_conversation_without_a_client_is_refused_up_front() -> None:
    with pytest.raises(ConfigurationError, match=r"Conversation takes the client first: .*got int"):
        Conversation(5)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"AsyncConversation\(client, \.\.\.\), got str"):
        AsyncConversation("hello")  # type: ignore[arg-type]


def test_a_failed_ask_records_nothing_and_can_be_retried(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply({"error": {"code": "BadRequest", "message": "nope"}}, status=400)
    loop.reply(completion("ok"))
    chat = Conversation(client, system="s")
    with pytest.raises(BadRequestError):
        chat.ask("first try")
    assert chat.messages == []
    chat.ask("first try")
    assert sent(loop, 1) == [{"role": "system", "content": "s"}, {"role": "user", "content": "first try"}]


def test_streamed_asks_record_the_turn_when_the_stream_completes(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream(text_stream("Hel", "lo"))
    loop.stream(text_stream("cut off", done=False)[:3], cut=True)
    loop.reply(completion("again"))
    chat = client.conversation()
    with chat.ask_stream("hi") as stream:
        assert "".join(e.text for e in stream) == "Hello"
    assert chat.messages == [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello"}]
    with pytest.raises(IncompleteStreamError):
        chat.ask_stream("more").final()
    assert len(chat) == 2  # the cut turn is not recorded
    chat.ask("more")
    assert sent(loop, 2)[-1] == {"role": "user", "content": "more"} and len(sent(loop, 2)) == 3


def test_to_json_and_from_json_round_trip_without_the_credential(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion("Hi!"))
    chat = client.conversation(system="Be nice.", max_history_tokens=500, deployment="gpt", temperature=0.2)
    chat.ask("Hello")
    saved = chat.to_json()
    assert "secret-key-123" not in saved
    again = Conversation.from_json(saved, client)
    assert again.history() == chat.history() and again.max_history_tokens == 500
    assert again.params == {"temperature": 0.2} and again.deployment == "gpt"
    from_list = Conversation.from_json(
        json.dumps([{"role": "system", "content": "S"}, {"role": "user", "content": "u"}]), client
    )
    assert from_list.system == "S" and from_list.messages == [{"role": "user", "content": "u"}]
    source = {"type": "azure_search", "parameters": {"authentication": {"type": "api_key", "key": "search-key"}}}
    grounded = client.conversation(data_sources=[source])
    assert "search-key" not in grounded.to_json()
    assert Conversation.from_json(grounded.to_json(), client, data_sources=[source]).params == {
        "data_sources": [source]
    }


def test_to_json_saves_every_parameter_the_keywords_accept(loop: LoopbackServer, client: AzureOpenAI) -> None:
    chat = client.conversation(timeout=httpx.Timeout(30.0, connect=5.0), response_format=json_mode_model())
    again = Conversation.from_json(chat.to_json(), client)
    assert again.params == {"timeout": httpx.Timeout(30.0, connect=5.0), "response_format": {"type": "json_object"}}
    loop.reply(completion("{}"))
    again.ask("JSON please")
    assert loop.requests[0].json()["response_format"] == {"type": "json_object"}
    with pytest.raises(ConfigurationError, match=r"cannot save the parameter stop=.*pass it to ask"):
        client.conversation(stop={"END"}).to_json()  # type: ignore[arg-type]  # a set: JSON has none
    for text, fragment in [
        ('{"messages": [], "params": 5}', r"Conversation\.to_json"),
        ('{"params": {"timeout": {}}}', "timeout"),
    ]:
        with pytest.raises(ConfigurationError, match=fragment):
            Conversation.from_json(text, client)


def test_trimming_drops_whole_oldest_turns_and_keeps_the_system_prompt(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    def count(message: Any) -> int:
        return 10  # every message costs 10 "tokens"

    call = tool_call("c1", "f", {})
    chat = client.conversation(
        system="S",
        messages=[
            {"role": "user", "content": "turn 1"},
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "c1", "content": "r"},
            {"role": "assistant", "content": "answer 1"},
            {"role": "user", "content": "turn 2"},
            {"role": "assistant", "content": "answer 2"},
        ],
        max_history_tokens=45,
        count_tokens=count,
    )
    loop.reply(completion("answer 3"))
    chat.ask("turn 3")
    # budget 45 - system 10 - new question 10 leaves 25: turn 1 (40) goes whole, turn 2 (20) stays
    assert [m["content"] for m in sent(loop, 0)] == ["S", "turn 2", "answer 2", "turn 3"]
    assert len(chat) == 8  # what is sent is trimmed, what is stored is not
    assert chat.trim(45) == 4 and [m["content"] for m in chat.messages] == ["turn 2", "answer 2", "turn 3", "answer 3"]
    assert chat.trim(0) == 4 and chat.messages == []


@pytest.mark.parametrize(
    ("make", "error", "fragment"),
    [
        (
            lambda c, cls: cls.from_json("{oops", c),
            ConfigurationError,
            "not a saved conversation: the text is not JSON",
        ),
        (lambda c, cls: cls.from_json(5, c), ConfigurationError, "the text is not JSON"),
        (lambda c, cls: cls.from_json('{"messages": 5}', c), ConfigurationError, r"Conversation\.to_json"),
        (lambda c, cls: cls.from_json('{"format": "x", "messages": []}', c), ConfigurationError, "format"),
        (lambda c, cls: cls(c, max_history_tokens=0), ConfigurationError, "max_history_tokens .* got 0"),
        (lambda c, cls: cls(c, max_history_tokens="9"), ConfigurationError, "max_history_tokens .* got '9'"),
        (lambda c, cls: cls(c, max_history_tokens=True), ConfigurationError, "max_history_tokens .* got True"),
        (lambda c, cls: cls(c, system=5), InvalidArgumentError, "system must be a str, got int"),
    ],
)
def test_bad_conversation_input_is_a_configuration_error(
    client: AzureOpenAI, aclient: AsyncAzureOpenAI, make: Any, error: type[Exception], fragment: str
) -> None:
    for c, cls in ((client, Conversation), (aclient, AsyncConversation)):
        with pytest.raises(error, match=fragment):
            make(c, cls)


async def test_async_conversation_ask_and_stream(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.reply(completion("one"))
    loop.stream(text_stream("t", "wo"))
    chat = aclient.conversation(system="S")
    assert isinstance(chat, AsyncConversation)
    assert (await chat.ask("1")).text == "one"
    async with chat.ask_stream("2") as stream:
        assert "".join([e.text async for e in stream]) == "two"
    assert sent(loop, 1)[-2:] == [{"role": "assistant", "content": "one"}, {"role": "user", "content": "2"}]
    assert chat.messages[-1] == {"role": "assistant", "content": "two"}
    restored = AsyncConversation.from_json(chat.to_json(), aclient)
    assert restored.history() == chat.history()


def test_trimming_a_request_keeps_every_stored_turn(loop: LoopbackServer, client: AzureOpenAI) -> None:
    turns = [
        {"role": "user", "content": "old question " + "x" * 200},
        {"role": "assistant", "content": "old answer " + "y" * 200},
    ]
    chat = client.conversation(system="S", messages=turns, max_history_tokens=60)
    loop.reply({"error": {"code": "BadRequest", "message": "nope"}}, status=400)
    with pytest.raises(BadRequestError):
        chat.ask("new question")
    assert json.loads(chat.to_json())["messages"] == turns  # a failed ask keeps what was stored
    loop.stream(text_stream("cut off", done=False)[:3], cut=True)
    with pytest.raises(IncompleteStreamError):
        chat.ask_stream("new question").final()
    assert json.loads(chat.to_json())["messages"] == turns  # so does a cut stream
    loop.reply(completion("fine"))
    chat.ask("new question")
    assert [m["content"] for m in sent(loop, 2)] == ["S", "new question"]  # the old turn did not fit
    assert [m["content"] for m in json.loads(chat.to_json())["messages"]][2:] == ["new question", "fine"]
    assert chat.messages[:2] == turns  # ...but it is still stored, and saved


async def test_async_trimming_a_request_keeps_every_stored_turn(
    loop: LoopbackServer, aclient: AsyncAzureOpenAI
) -> None:
    turns = [{"role": "user", "content": "q" * 400}, {"role": "assistant", "content": "a" * 400}]
    chat = aclient.conversation(messages=turns, max_history_tokens=50)
    loop.reply({"error": {"code": "BadRequest", "message": "nope"}}, status=400)
    with pytest.raises(BadRequestError):
        await chat.ask("new")
    assert chat.messages == turns
    loop.reply(completion("ok"))
    await chat.ask("new")
    assert sent(loop, 1) == [{"role": "user", "content": "new"}]
    assert len(chat) == 4
