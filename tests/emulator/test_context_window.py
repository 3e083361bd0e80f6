"""Review finding C3: a request past the model's context window gets the service's 400, not a 200 cut at
``length`` (the emulator counts a word or a punctuation mark as a token, a message as 4 more, a prompt 3)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from azure_openai import AzureOpenAI, BadRequestError, Conversation
from azure_openai.testing import Emulator
from azure_openai.testing._chat import prompt_tokens

from .conftest import API_VERSION, TLS


def post(
    emu: Emulator, deployment: str, operation: str, body: dict[str, Any], api_version: str = API_VERSION
) -> httpx.Response:
    return httpx.post(
        f"{emu.endpoint}/openai/deployments/{deployment}/{operation}",
        params={"api-version": api_version},
        headers={"api-key": emu.api_key},
        json=body,
        timeout=10,
        verify=TLS,
    )


def words(count: int) -> str:
    return "word " * count


def chat(
    emu: Emulator, text: str, deployment: str = "gpt-4", version: str = API_VERSION, **arguments: Any
) -> httpx.Response:
    body = {"messages": [{"role": "user", "content": text}], **arguments}
    return post(emu, deployment, "chat/completions", body, version)


def test_a_prompt_past_the_window_is_the_services_400(emu: Emulator) -> None:
    refused = chat(emu, words(8_186))  # 8,186 + 4 + 3 = 8,193 tokens: one past gpt-4's 8,192
    assert refused.status_code == 400
    assert refused.json() == {
        "error": {
            "message": "This model's maximum context length is 8192 tokens. However, your messages resulted in 8193 "
            "tokens. Please reduce the length of the messages.",
            "type": "invalid_request_error",
            "param": "messages",
            "code": "context_length_exceeded",
        }
    }
    assert chat(emu, words(8_185)).status_code == 200  # exactly the window
    assert chat(emu, words(8_186), deployment="gpt-35-turbo").status_code == 200  # 16,384 tokens


@pytest.mark.parametrize("name", ["max_tokens", "max_completion_tokens"])
def test_the_completion_asked_for_counts_too(emu: Emulator, name: str) -> None:
    version = API_VERSION if name == "max_tokens" else "2024-10-21"  # max_completion_tokens came later
    refused = chat(emu, words(93), version=version, **{name: 8_093}).json()["error"]  # 100 in the messages
    assert refused["code"] == "context_length_exceeded" and refused["param"] == "messages"
    assert refused["message"] == (
        "This model's maximum context length is 8192 tokens. However, you requested 8193 tokens (100 in the "
        "messages, 8093 in the completion). Please reduce the length of the messages or completion."
    )
    assert chat(emu, words(93), version=version, **{name: 8_092}).status_code == 200


def test_an_embedding_input_past_the_window_is_refused_in_the_services_words(emu: Emulator) -> None:
    refused = post(emu, "text-embedding-ada-002", "embeddings", {"input": ["short", words(8_193)]})
    assert refused.status_code == 400
    assert refused.json() == {
        "error": {
            "message": "This model's maximum context length is 8192 tokens, however you requested 8193 tokens (8193 "
            "in your prompt; 0 for the completion). Please reduce your prompt; or completion length.",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    }
    # The window holds per input: two inputs of 8,192 tokens each are fine.
    assert post(emu, "text-embedding-ada-002", "embeddings", {"input": [words(8_192)] * 2}).status_code == 200


def test_a_model_without_a_known_window_is_not_held_to_one() -> None:
    with Emulator(deployments={"mine": "my-finetune"}) as emu:
        assert chat(emu, words(50_000), deployment="mine").status_code == 200


def test_a_conversation_with_a_history_budget_stays_inside_the_window() -> None:
    turn = words(3_000)  # the emulator echoes it: each turn adds ~6,000 tokens of history
    with Emulator() as emu, AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        unbounded = Conversation(client)
        unbounded.ask(turn)
        with pytest.raises(BadRequestError) as raised:
            unbounded.ask(turn)
        assert raised.value.code == "context_length_exceeded"
        bounded = Conversation(client, max_history_tokens=8_000)
        for _ in range(3):
            assert bounded.ask(turn).finish_reason == "stop"


def test_tool_definitions_count_toward_the_window_as_their_json_length_over_4(emu: Emulator) -> None:
    """40 small tools are ~3,200 tokens as the service renders them; a word-and-punctuation count (~5,000) would
    refuse a gpt-4 request with max_tokens=4000 that the service takes. The quota and usage count stay as before."""
    tool = {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather in a given city",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "The city, e.g. Paris"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                },
                "required": ["city"],
            },
        },
    }
    tools = [{**tool, "function": {**tool["function"], "name": f"get_weather_{i}"}} for i in range(40)]
    taken = chat(emu, "hi", tools=tools, max_tokens=4000)
    assert taken.status_code == 200, taken.text
    body = {"messages": [{"role": "user", "content": "hi"}], "tools": tools}
    assert taken.json()["usage"]["prompt_tokens"] == prompt_tokens(body) > 4192
    refused = chat(emu, "hi", tools=tools, max_tokens=6000)  # the tools still count: "hi" alone would fit
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "context_length_exceeded"
