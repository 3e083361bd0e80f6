"""The SSE decoder against the standard's rules, and the accumulator against the non-streamed shape."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from azure_openai._chat.accumulate import ChatAccumulator
from azure_openai._chat.streaming import partial_result
from azure_openai._transport.sse import SSEDecoder
from hypothesis import given, settings
from hypothesis import strategies as st

from .chat_loopback import FILTERS, PROMPT_FILTER_CHUNK, chunk


def decode(*reads: bytes) -> tuple[list[tuple[str, bytes]], bytes]:
    decoder = SSEDecoder()
    events = [event for read in reads for event in decoder.feed(read)]
    while True:
        last, leftover = decoder.close()
        if not last:
            return events, leftover
        events += last


def test_line_ends_lf_cr_crlf_and_mixed() -> None:
    for newline in (b"\n", b"\r", b"\r\n"):
        body = b"data: a" + newline + newline + b"data: b" + newline + newline
        assert decode(body)[0] == [("", b"a"), ("", b"b")], newline
    assert decode(b"data: a\r\n\ndata: b\n\r\n")[0] == [("", b"a"), ("", b"b")]


def test_a_crlf_split_between_reads_is_one_line_end() -> None:
    events, _ = decode(b"data: a\r", b"\n\r", b"\ndata: b\r\n\r\n")
    assert events == [("", b"a"), ("", b"b")]


def test_multi_line_data_comments_fields_and_bom() -> None:
    body = b"\xef\xbb\xbf: comment\n\nevent: update\nid: 7\ndata: line 1\ndata:line 2\nretry: 100\nfoo: bar\n\n"
    decoder = SSEDecoder()
    assert decoder.feed(body[:2]) == []  # half a BOM: wait for the rest
    assert decoder.feed(body[2:]) == [("update", b"line 1\nline 2")]
    assert decoder.last_event_id == "7"


def test_events_without_data_are_not_dispatched_and_the_event_type_resets() -> None:
    events, _ = decode(b"event: ping\n\nid: 3\n\ndata: x\n\n")
    assert events == [("", b"x")]


def test_an_event_with_empty_data_is_not_dispatched() -> None:
    # "data:" alone, a keep-alive some proxies send, ended the chat stream with "event 2 is not JSON".
    events, _ = decode(b"data: x\n\ndata:\n\ndata: \n\nevent: e\ndata:\ndata:\n\ndata: y\n\n")
    assert events == [("", b"x"), ("e", b"\n"), ("", b"y")]


def test_a_cr_at_the_very_end_is_a_line_end() -> None:
    assert decode(b"data: [DONE]\r\r") == ([("", b"[DONE]")], b"")


def test_an_unterminated_last_event_is_reported_at_close() -> None:
    events, leftover = decode(b'data: {"a": 1}\n\ndata: {"b"')
    assert events == [("", b'{"a": 1}')] and leftover == b'{"b"'
    assert decode(b"data: x\n\n")[1] == b""


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_split_into_reads_gives_the_same_events(data: st.DataObject) -> None:
    body = (
        "\ufeffdata: caf\u00e9 \U0001f389\r\n\r\n: c\rdata: a\rdata: b\r\rdata: \u2603\n\nevent: e\r\ndata: z\r\n\r\n"
    ).encode()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(body)), max_size=12)))
    reads = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    assert decode(*reads) == decode(body)
    assert decode(body)[0] == [("", "café 🎉".encode()), ("", b"a\nb"), ("", "☃".encode()), ("e", b"z")]


def accumulate(*chunks: dict[str, Any]) -> dict[str, Any]:
    acc = ChatAccumulator()
    for one in chunks:
        acc.add(one)
    return acc.to_json()


def with_logprobs(body: dict[str, Any], logprobs: dict[str, Any]) -> dict[str, Any]:
    body["choices"][0]["logprobs"] = logprobs
    return body


def test_on_your_data_context_usage_logprobs_and_unknown_keys_are_kept() -> None:
    context = {"citations": [{"content": "doc", "title": "T", "url": None, "filepath": "a.md", "chunk_id": "0"}]}
    lp1 = {"content": [{"token": "A", "logprob": -0.1}]}
    lp2 = {"content": [{"token": "B", "logprob": -0.2}]}
    result = accumulate(
        PROMPT_FILTER_CHUNK,
        chunk({"role": "assistant", "context": {**context, "intent": '["q"]'}}),
        with_logprobs(chunk({"content": "A"}), lp1),
        with_logprobs(chunk({"content": "B", "refusal_part": "x"}), lp2),
        chunk({}, finish_reason="stop", service_tier="default"),
        {"id": "chatcmpl-9", "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}},
    )
    choice = result["choices"][0]
    assert choice["message"]["context"] == {**context, "intent": '["q"]'}
    assert choice["message"]["content"] == "AB" and choice["message"]["refusal_part"] == "x"
    assert choice["logprobs"] == {"content": lp1["content"] + lp2["content"]}
    assert result["usage"]["total_tokens"] == 7 and result["service_tier"] == "default"
    assert result["object"] == "chat.completion" and result["id"] == "chatcmpl-9" and result["created"] == 1700000000
    assert choice["content_filter_results"] == FILTERS


def test_nothing_but_the_prompt_filter_chunk_is_an_empty_unfinished_result() -> None:
    acc = ChatAccumulator()
    acc.add(PROMPT_FILTER_CHUNK)
    assert not acc.finished
    result = acc.to_json()
    assert result["choices"] == [] and result["prompt_filter_results"] == PROMPT_FILTER_CHUNK["prompt_filter_results"]


def test_a_field_every_chunk_repeats_keeps_its_value_and_only_deltas_join() -> None:
    # OpenAI-compatible streams repeat service_tier (and per-chunk obfuscation padding) in every chunk: joined,
    # final() said "defaultdefault..." where chat() says "default".
    repeated = {"service_tier": "default", "obfuscation": "pad"}
    last = chunk({}, finish_reason="stop", **repeated)
    last["choices"][0]["matched_stop"] = "END"  # a choice-level field the spec does not list
    result = accumulate(
        chunk({"role": "assistant", "content": "A", "refusal": "no"}, **repeated),
        chunk({"content": "B", "refusal": "pe"}, **repeated),
        last,
        last,
    )
    choice = result["choices"][0]
    assert result["service_tier"] == "default" and result["obfuscation"] == "pad"
    assert choice["matched_stop"] == "END"
    assert choice["message"]["content"] == "AB" and choice["message"]["refusal"] == "nope"


def test_asynchronous_filter_verdicts_keep_the_worst_per_category_and_every_segments_offsets() -> None:
    def verdicts(violence: dict[str, Any], start: int, end: int) -> dict[str, Any]:
        results = {**FILTERS, "violence": violence, "jailbreak": {"filtered": False, "detected": start == 0}}
        annotation = chunk(None, content_filter_results=results)
        annotation["choices"][0]["content_filter_offsets"] = {"start_offset": start, "end_offset": end}
        return annotation

    result = accumulate(
        chunk({"role": "assistant", "content": "He struck him. Then tea."}, content_filter_results={}),
        chunk({}, finish_reason="stop", content_filter_results={}),
        verdicts({"filtered": True, "severity": "medium"}, 0, 15),
        verdicts({"filtered": False, "severity": "safe"}, 15, 24),
        verdicts({"filtered": False, "severity": "extreme"}, 24, 24),  # unknown to us: kept, not ranked away
        verdicts({"filtered": False, "severity": "high"}, 24, 24),
    )
    choice = result["choices"][0]
    filters = choice["content_filter_results"]
    assert filters["violence"] == {"filtered": True, "severity": "extreme"}
    assert filters["jailbreak"] == {"filtered": False, "detected": True} and filters["hate"] == FILTERS["hate"]
    assert [o["start_offset"] for o in choice["content_filter_offsets"]] == [0, 15, 24, 24]
    two = accumulate(verdicts({"filtered": False, "severity": "low"}, 0, 1), verdicts({"severity": "medium"}, 1, 2))
    assert two["choices"][0]["content_filter_results"]["violence"] == {"filtered": False, "severity": "medium"}


def test_deprecated_function_call_deltas_join() -> None:
    result = accumulate(
        chunk({"role": "assistant", "function_call": {"name": "f", "arguments": ""}}),
        chunk({"function_call": {"arguments": '{"x":'}}),
        chunk({"function_call": {"arguments": " 1}"}}),
        chunk({}, finish_reason="function_call"),
    )
    assert result["choices"][0]["message"]["function_call"] == {"name": "f", "arguments": '{"x": 1}'}
    assert result["choices"][0]["message"]["content"] is None


_ANY = st.recursive(
    st.none() | st.booleans() | st.integers(-1, 2) | st.text(max_size=2),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner, max_size=2),
    max_leaves=6,
)


def _some(*required: str, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A dict of ``fields`` (those not ``required`` may be left out), each of its own shape or any JSON value."""
    values = {key: value | _ANY for key, value in fields.items()}
    return st.fixed_dictionaries(
        {k: v for k, v in values.items() if k in required},
        optional={k: v for k, v in values.items() if k not in required},
    )


_CALL = _some("index", index=st.integers(0, 1), id=st.text(max_size=2), function=_some(name=_ANY, arguments=_ANY))
_DELTA = _some("content", content=st.text(max_size=2), role=_ANY, tool_calls=st.lists(_CALL, max_size=2), context=_ANY)
_CHOICE = _some(
    "index", "delta", index=st.integers(0, 1), delta=_DELTA, finish_reason=_ANY, content_filter_results=_ANY
)
_CHUNK = _some("choices", choices=st.lists(_CHOICE, max_size=2), id=_ANY, usage=_ANY, prompt_filter_results=_ANY)


@pytest.mark.slow  # 300 hypothesis examples: seconds
@settings(max_examples=300, deadline=None)
@given(st.lists(_CHUNK, max_size=4))
def test_a_chunk_of_any_shape_folds_or_raises_what_the_stream_types_and_the_partial_never_raises(
    chunks: list[dict[str, Any]],
) -> None:
    acc = ChatAccumulator()
    for one in chunks:
        with contextlib.suppress(AttributeError, TypeError, ValueError):  # the stream raises IncompleteStreamError
            acc.add(one)
        raw = acc.to_json()
        assert json.loads(json.dumps(raw))["object"] == "chat.completion"
        partial = partial_result(raw, None)  # what an error's .partial is: built from any of these, keeping all
        first = next((c for c in raw["choices"] if c["index"] == 0), raw["choices"][0] if raw["choices"] else None)
        assert partial.raw == raw and partial.text == (first["message"]["content"] if first else None)
