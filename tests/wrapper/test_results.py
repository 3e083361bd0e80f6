"""Results are the generated models, read once at the call, with the conveniences read off them (issue 10)."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai import (
    AudioResult,
    ChatResult,
    CompletionResult,
    ContentFilterError,
    ContentFilterResults,
    EmbeddingsResponse,
    EmbeddingsResult,
    EmbeddingsUsage,
    FilterCategory,
    ImagesResult,
    OnYourDataResult,
    ResponseValidationError,
    Usage,
)
from azure_openai._adapter import chat_chunk_model
from azure_openai._results.chat import ChatStreamEvent

from .conftest import chat_json

REPO = Path(__file__).resolve().parents[2]
OK = httpx.Response(200, headers={"apim-request-id": "req-1"})
TOOL_CALL = {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city": "Oslo"}'}}


def test_chat_conveniences_are_read_from_the_generated_model() -> None:
    body = chat_json(None, finish_reason="tool_calls")
    body["choices"][0]["message"]["tool_calls"] = [TOOL_CALL]
    result = ChatResult(body, OK)
    assert result.text is None and result.finish_reason == "tool_calls"
    (call,) = result.tool_calls
    assert call.function.name == "weather" and call.to_dict() == TOOL_CALL  # the generated model, not a dict
    assert result.message is result.completion.choices[0].message  # type: ignore[index]
    assert ChatResult(chat_json("hi")).tool_calls == []


def test_the_first_choice_is_the_one_with_index_0_wherever_it_is_listed() -> None:
    body = chat_json("first")
    second = copy.deepcopy(body["choices"][0])
    second.update(index=1, finish_reason="length")
    second["message"]["content"] = "second"
    body["choices"].insert(0, second)
    result = ChatResult(body)
    assert (result.text, result.finish_reason) == ("first", "stop")


def test_content_filter_keeps_categories_the_spec_does_not_list() -> None:
    body = chat_json()
    hits = [{"filtered": True, "id": "my-list"}]  # a list, as blocklist hits were sent before specs named them
    body["choices"][0]["content_filter_results"]["team_blocklist"] = hits
    completion = ChatResult(body).content_filter.completion
    assert completion is not None and completion.filtered == ("team_blocklist",)
    assert completion["team_blocklist"].raw == hits and completion.raw["team_blocklist"] == hits


def test_prompt_annotations_of_2023_previews_are_the_prompt_filter() -> None:
    body = chat_json()
    body["prompt_annotations"] = body.pop("prompt_filter_results")
    prompt = ChatResult(body).content_filter.prompt
    assert prompt is not None and prompt["jailbreak"].detected is False


def test_one_usage_type_for_chat_completions_and_embeddings() -> None:
    assert issubclass(EmbeddingsUsage, Usage)
    chat = ChatResult(chat_json(usage={"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12, "x": 1}))
    assert chat.usage == Usage(9, 3, 12) and chat.usage is not None and chat.usage.raw["x"] == 1
    completion = CompletionResult({"usage": {"prompt_tokens": 6.0, "completion_tokens": 20, "total_tokens": 26}}, OK)
    assert completion.usage == Usage(prompt_tokens=6, completion_tokens=20, total_tokens=26)
    embeddings = EmbeddingsResponse({"data": [], "usage": {"prompt_tokens": 4, "total_tokens": 4}}, OK)
    assert Usage.of(embeddings.parsed.usage) == Usage(prompt_tokens=4, total_tokens=4)


def test_the_constructors_of_earlier_versions_keep_their_meaning() -> None:
    # Users' test doubles build these: EmbeddingsUsage(3, 5) was prompt 3, total 5 (not completion 5).
    assert (EmbeddingsUsage(3, 5).prompt_tokens, EmbeddingsUsage(3, 5).total_tokens) == (3, 5)
    assert EmbeddingsUsage(3, 5).completion_tokens is None
    response = EmbeddingsResponse({"data": [], "usage": {"prompt_tokens": 4, "total_tokens": 4}}, OK)
    assert EmbeddingsResult([], [response, response]).usage == EmbeddingsUsage(8, 8)
    usage = Usage.from_json({"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3, "x": 1})
    assert usage == Usage(1, 2, 3) and usage.raw["x"] == 1
    hate = FilterCategory("hate", filtered=True, severity="high")
    response = httpx.Response(400, request=httpx.Request("POST", "https://x/openai/deployments/d/chat/completions"))
    error = ContentFilterError(
        "filtered", prompt=ContentFilterResults({"hate": hate}), response=response, body={}, code="content_filter"
    )
    assert error.prompt == ContentFilterResults({"hate": hate}) and error.completion is None
    assert error.filtered == {"hate": "high"}
    sent = ContentFilterResults.from_json({"violence": {"filtered": True, "severity": "medium", "x": 1}})
    error = ContentFilterError("filtered", completion=sent, response=response, body={}, code="content_filter")
    assert error.content_filter_results == {"completion": sent.raw} and error.completion == sent


def _off_spec_bodies() -> list[tuple[Any, dict[str, Any]]]:
    return [
        (ChatResult, {"choices": ["not an object"]}),
        (CompletionResult, {"choices": [{"logprobs": "not an object"}]}),
        (EmbeddingsResponse, {"data": "not a list"}),
        (ImagesResult, {"data": [1, 2]}),
    ]


@pytest.mark.parametrize(("cls", "body"), _off_spec_bodies())
def test_a_body_off_the_spec_raises_response_validation_error_at_construction(cls: Any, body: dict[str, Any]) -> None:
    with pytest.raises(ResponseValidationError, match="documented shape") as raised:
        cls(body, OK)
    assert raised.value.body == body


def _wrong_typed_bodies() -> list[tuple[Any, dict[str, Any], str]]:
    calls = chat_json(None, finish_reason="tool_calls")
    calls["choices"][0]["message"]["tool_calls"] = [{"id": "1", "type": "function", "function": {"arguments": 5}}]
    return [
        (ChatResult, chat_json(5), "message.content of type int, not str"),  # was .text == 5 and repr raised
        # was None; later api-versions make it an enum, which their generated model checks itself
        (ChatResult, chat_json(finish_reason=5), "finish_reason of type int|documented shape"),
        (ChatResult, chat_json(None, usage={"prompt_tokens": "a"}), "usage.prompt_tokens of type str"),  # was None
        (ChatResult, calls, "function.arguments of type int"),  # the tool loop read it as a str
        (CompletionResult, {"choices": [{"index": 0, "text": 5}]}, "choices[].text of type int"),
        (CompletionResult, {"usage": {"total_tokens": "2"}}, "usage.total_tokens of type str, not int"),
        (EmbeddingsResponse, {"data": [], "model": 5}, "model of type int"),
        (ImagesResult, {"created": "now", "data": []}, "created of type str"),
        (ImagesResult, {"data": [{"url": 5}]}, "url of type int"),  # was None
        (AudioResult, {"text": "hi", "duration": "long"}, "duration of type str, not float"),
    ]


@pytest.mark.parametrize(("cls", "body", "problem"), _wrong_typed_bodies())
def test_a_wrong_type_inside_a_body_raises_at_the_call_not_in_a_convenience(cls: Any, body: Any, problem: str) -> None:
    with pytest.raises(ResponseValidationError, match=problem.replace("[]", r"\[\]")) as raised:
        cls(body, OK, "json") if cls is AudioResult else cls(body, OK)
    assert raised.value.body == body or raised.value.body in body.get("data", [])


def test_the_conveniences_read_whole_numbers_and_keep_their_types() -> None:
    completion = CompletionResult({"usage": {"prompt_tokens": 6.0, "total_tokens": 6.5}}, OK)  # spec: number
    assert completion.usage is not None and type(completion.usage.prompt_tokens) is int
    assert completion.usage.total_tokens == 6 and completion.usage.raw["total_tokens"] == 6.5
    assert ImagesResult({"created": "1676540381", "data": []}, OK).created == 1676540381  # the spec's example
    audio = AudioResult({"text": "hi", "duration": 3}, OK, "json")
    assert audio.duration == 3.0 and type(audio.duration) is float
    result = ChatResult(chat_json("x" * 100))
    assert repr(result).startswith("ChatResult(text='xxx") and type(result.text) is str


def test_audio_json_is_parsed_and_text_formats_stay_text() -> None:
    verbose = AudioResult({"text": "hi", "task": "transcribe", "segments": [{"id": 0, "text": "hi"}]}, OK, "json")
    assert verbose.parsed is not None and not isinstance(verbose.parsed, str)
    assert (verbose.text, verbose.task, verbose.segments[0].text) == ("hi", "transcribe", "hi")
    with pytest.raises(ResponseValidationError):
        AudioResult({"segments": "not a list"}, OK, "verbose_json")
    srt = AudioResult("1\n00:00 --> 00:01\nhi\n", OK, "srt")
    assert srt.parsed == srt.text == srt.raw and srt.language is None and srt.segments == []


def test_results_keep_raw_and_response_and_compare_on_the_json() -> None:
    body = chat_json(some_future_field={"kept": True})
    result = ChatResult(body, OK)
    assert result.raw is body and result.response is OK and result.request_id == "req-1"
    assert result.completion.additional_properties["some_future_field"] == {"kept": True}
    assert result == ChatResult(copy.deepcopy(body)) and result != ChatResult(chat_json("other"))
    assert OnYourDataResult.of(result) == result and OnYourDataResult.of(result).response is OK


CHUNK = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}


def test_stream_event_reads_its_json_and_builds_the_typed_chunk_once() -> None:
    event = ChatStreamEvent({**CHUNK, "choices": [{"index": 0, "delta": {"content": "He"}, "finish_reason": "stop"}]})
    assert (event.text, event.finish_reason) == ("He", "stop")
    chunk = event.chunk
    assert isinstance(chunk, chat_chunk_model()) and event.chunk is chunk
    assert repr(event) == "ChatStreamEvent(text='He', finish_reason='stop')"
    other_first = ChatStreamEvent({**CHUNK, "choices": [{"index": 1, "delta": {"content": "x"}}, {"index": 0}]})
    assert (other_first.text, other_first.finish_reason) == ("", None)
    assert ChatStreamEvent({**CHUNK, "choices": []}).text == ""


def test_a_stream_chunk_off_the_spec_raises_response_validation_error() -> None:
    event = ChatStreamEvent({**CHUNK, "choices": [{"index": 0, "delta": "not an object"}]})
    assert event.text == ""
    with pytest.raises(ResponseValidationError, match="stream") as raised:
        _ = event.chunk
    assert raised.value.body == event.raw


USER_PATHS = """
from azure_openai import AzureOpenAI
from azure_openai._results.chat import ChatStreamEvent as Event

client = AzureOpenAI()
chat = client.chat("hi")
completion = client.complete("x")
images = client.generate_image("x")
audio = client.transcribe(b"x")
embeddings = client.embed(["x"])
reveal_type(chat.completion)
reveal_type(chat.parsed)
reveal_type(chat.message)
reveal_type(chat.message.content if chat.message else None)
reveal_type(chat.text)
reveal_type(chat.finish_reason)
reveal_type(chat.tool_calls)
reveal_type(chat.usage)
reveal_type(chat.citations)
reveal_type(chat.intent)
reveal_type(chat.content_filter.prompt)
reveal_type(Event({}).chunk)
reveal_type(completion.parsed)
reveal_type(completion.choices)
reveal_type((completion.text, completion.finish_reason, completion.id, completion.model, completion.usage))
reveal_type((images.parsed, images.images, images.url, images.created))
reveal_type((audio.parsed, audio.text, audio.language, audio.duration, audio.task, audio.segments))
reveal_type((embeddings[0], embeddings.responses[0].parsed, embeddings.usage, embeddings.model))
reveal_type((chat.backend, completion.backend, images.backend, audio.backend))
"""


@pytest.mark.slow
def test_mypy_sees_no_any_on_a_users_path_through_the_results(tmp_path: Path) -> None:
    program = tmp_path / "user.py"
    program.write_text(USER_PATHS, encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(program)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    revealed = [line for line in checked.stdout.splitlines() if "Revealed type" in line]
    assert len(revealed) == USER_PATHS.count("reveal_type("), checked.stdout + checked.stderr
    assert not [line for line in revealed if "Any" in line], "\n".join(revealed)


def test_string_fields_that_later_api_versions_make_enums_read_as_str() -> None:
    from enum import Enum

    from azure_openai._results.info import read

    class FinishReason(str, Enum):  # as 2024-10-21's generated choices type finish_reason
        STOP = "stop"

    stop = read("chat", {}, "finish_reason", FinishReason.STOP, str)
    assert stop == "stop" and type(stop) is str
    assert (read("chat", {}, "f", "length", str), read("chat", {}, "f", None, str)) == ("length", None)
    with pytest.raises(ResponseValidationError, match="chat: the service's response has f of type int, not str"):
        read("chat", {}, "f", 3, str)
