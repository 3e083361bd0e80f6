"""What reading a response costs, counted in Python calls (deterministic, unlike a timing).

Every 2xx body is read eagerly with ``from_dict``, so its cost is part of every ``chat()``. The models read one
object with one ``from_dict`` call and attrs' ``__init__``, and an enum value with one dict lookup: no nested
function per field, no import statement per call, no ``Enum`` class call per value. The content-filter models
(ten severities per chat completion) made those the larger part of a chat call's CPU time.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import Enum
from types import FrameType
from typing import Any

import attrs
import pytest
from azure_openai_rest import ResponseParseError
from azure_openai_rest.models import ContentFilterSeverityResultSeverity, CreateChatCompletionResponse

_SAFE = {"filtered": False, "severity": "safe"}
_FILTERS = {"hate": _SAFE, "self_harm": _SAFE, "sexual": _SAFE, "violence": _SAFE}
# A chat completion as Azure sends it (scripts/bench.py's body): prompt and completion filter results, usage.
CHAT_BODY: dict[str, Any] = {
    "choices": [
        {
            "content_filter_results": _FILTERS,
            "finish_reason": "stop",
            "index": 0,
            "logprobs": None,
            "message": {"content": "Yes.", "role": "assistant"},
        }
    ],
    "created": 1700000000,
    "id": "chatcmpl-8bench",
    "model": "gpt-4o-2024-05-13",
    "object": "chat.completion",
    "prompt_filter_results": [
        {"prompt_index": 0, "content_filter_results": {**_FILTERS, "jailbreak": {"filtered": False, "detected": False}}}
    ],
    "system_fingerprint": "fp_bench",
    "usage": {"completion_tokens": 27, "prompt_tokens": 55, "total_tokens": 82},
}


def python_calls(body: dict[str, Any]) -> int:
    """How many Python functions run while ``CreateChatCompletionResponse.from_dict`` reads ``body``."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        CreateChatCompletionResponse.from_dict(body)
    finally:
        sys.setprofile(None)
    return calls


def parts(value: object) -> Iterator[object]:
    """Every model and enum value in what ``from_dict`` built."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]  # has() checked it is an attrs class
            yield from parts(getattr(value, field.name))
    elif isinstance(value, Enum):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from parts(item)


def test_a_chat_completion_is_read_with_two_calls_per_object_and_one_per_enum_value() -> None:
    built = list(parts(CreateChatCompletionResponse.from_dict(CHAT_BODY)))
    models = sum(1 for part in built if not isinstance(part, Enum))
    enums = len(built) - models
    assert (models, enums) == (16, 10)  # the body above, read to the last severity
    assert python_calls(CHAT_BODY) == 2 * models + enums


def test_the_fast_path_keeps_open_enums_and_the_one_error() -> None:
    body = {**CHAT_BODY, "choices": [{**CHAT_BODY["choices"][0], "content_filter_results": {"hate": {"severity": "x"}}}]}
    parsed = CreateChatCompletionResponse.from_dict(body)
    severity = parsed.choices[0].content_filter_results.hate.severity  # type: ignore[index, union-attr]
    assert isinstance(severity, ContentFilterSeverityResultSeverity) and severity == "x"
    assert parsed.to_dict() == body
    bad = {**CHAT_BODY, "prompt_filter_results": [{"content_filter_results": {"hate": {"severity": ["high"]}}}]}
    with pytest.raises(ResponseParseError) as raised:
        CreateChatCompletionResponse.from_dict(bad)
    assert raised.value.target == "CreateChatCompletionResponse" and raised.value.data == bad
