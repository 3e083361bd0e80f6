"""chat_stream on a loopback server sending Azure's real chunk shapes, sync and async."""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest
from azure_openai import (
    APIStatusError,
    APITimeoutError,
    AsyncAzureOpenAI,
    AzureOpenAI,
    ChatResult,
    ContentFilterError,
    IncompleteStreamError,
    InternalServerError,
    RateLimitError,
    ResponseValidationError,
)

from .chat_loopback import FILTERS, PROMPT_FILTER_CHUNK, LoopbackServer, Pause, Script, chunk, sse, text_stream


def non_streamed(text: str | None, **message: Any) -> dict[str, Any]:
    """The non-streamed completion Azure sends for the same answer as ``text_stream``."""
    return {
        "id": "chatcmpl-9",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-4o-2024-05-13",
        "system_fingerprint": "fp_1",
        "prompt_filter_results": PROMPT_FILTER_CHUNK["prompt_filter_results"],
        "choices": [
            {
                "index": 0,
                "finish_reason": message.pop("finish_reason", "stop"),
                "logprobs": None,
                "message": {"role": "assistant", "content": text, **message},
                "content_filter_results": FILTERS,
            }
        ],
    }


def test_stream_events_and_final_equal_the_non_streamed_result(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream(text_stream("Hel", "lo", " world"))
    loop.reply(non_streamed("Hello world"))
    with client.chat_stream("Say hello", system="Be brief", temperature=0) as stream:
        texts = [event.text for event in stream]
        final = stream.final()
    assert texts == ["", "", "Hel", "lo", " world", ""]  # prompt-filter chunk, role chunk, ..., finish chunk
    assert final == client.chat("Say hello")
    assert final.text == "Hello world" and final.finish_reason == "stop"
    assert final.content_filter.prompt is not None and not final.content_filter.filtered
    body = loop.requests[0].json()
    assert body["stream"] is True and body["temperature"] == 0
    assert body["messages"] == [{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Say hello"}]
    assert loop.requests[0].path.startswith("/openai/deployments/gpt/chat/completions?api-version=")


def test_events_keep_the_raw_chunk_and_build_the_typed_chunk(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream(text_stream("Hi"))
    events = list(client.chat_stream("x"))
    assert events[0].raw == PROMPT_FILTER_CHUNK
    assert events[0].chunk.choices == [] and events[0].chunk.prompt_filter_results[0].prompt_index == 0
    assert events[2].chunk.choices[0].delta.content == "Hi"
    assert events[-1].finish_reason == "stop" and events[-1].chunk.choices[0].finish_reason == "stop"


def test_null_deltas_and_filter_only_chunks_of_asynchronous_filtering(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    flagged = {**FILTERS, "violence": {"filtered": False, "severity": "low"}}
    loop.stream(
        [
            sse(PROMPT_FILTER_CHUNK),
            sse(chunk({"role": "assistant", "content": "A"}, content_filter_results={})),
            sse(chunk({"content": "B"}, content_filter_results={})),
            sse(
                chunk(None, content_filter_results=flagged, content_filter_offsets={"start_offset": 0, "end_offset": 2})
            ),
            sse(chunk({}, finish_reason="stop", content_filter_results={})),
            sse(chunk(None, content_filter_results=flagged)),
            sse("[DONE]"),
        ]
    )
    with client.chat_stream("x") as stream:
        assert [e.text for e in stream] == ["", "A", "B", "", "", ""]
        final = stream.final()
    choice = final.raw["choices"][0]
    assert final.text == "AB" and final.finish_reason == "stop"
    assert choice["content_filter_results"]["violence"] == {"filtered": False, "severity": "low"}
    assert final.content_filter.completion is not None


def test_line_ends_comments_fields_and_multi_line_data(loop: LoopbackServer, client: AzureOpenAI) -> None:
    first = json.dumps(chunk({"role": "assistant", "content": "one "}))
    split_json = json.dumps(chunk({"content": "two "}), indent=1)  # spans several data: lines
    loop.stream(
        [
            b": keep-alive comment\r\n\r\n",
            b"event: message\r\nid: 1\r\ndata: " + first.encode() + b"\r\n\r\n",
            b"".join(b"data: " + line.encode() + b"\r" for line in split_json.splitlines()) + b"\r",
            b"data: " + json.dumps(chunk({"content": "three"})).encode() + b"\r",
            b"\n\r\n",  # the CRLF after "three" is cut between two reads
            b"data: " + json.dumps(chunk({}, finish_reason="stop")).encode() + b"\n\ndata: [DONE]\n\n",
        ]
    )
    assert client.chat_stream("x").final().text == "one two three"


def test_cr_only_line_ends_up_to_the_last_event(loop: LoopbackServer, client: AzureOpenAI) -> None:
    # no [DONE]: the finish chunk is last, and its blank line (a lone CR) is only known to end a line at EOF
    loop.stream([piece.replace(b"\n", b"\r") for piece in text_stream("C", "R", done=False)])
    with client.chat_stream("x") as stream:
        assert [e.text for e in stream] == ["", "", "C", "R", ""]
        assert stream.final().finish_reason == "stop"


def test_utf8_character_split_across_writes(loop: LoopbackServer, client: AzureOpenAI) -> None:
    data = sse(chunk({"content": "café ☕ 🎉"}))
    cut1, cut2 = data.index("é".encode()) + 1, data.index("🎉".encode()) + 2
    loop.stream([*text_stream(done=False)[:2], data[:cut1], data[cut1:cut2], data[cut2:], *text_stream()[-2:]])
    with client.chat_stream("x") as stream:
        assert [e.text for e in stream if e.text] == ["café ☕ 🎉"]
        assert stream.final().text == "café ☕ 🎉"


def test_an_error_event_raises_the_typed_error_with_the_partial_text(loop: LoopbackServer, client: AzureOpenAI) -> None:
    error = {"error": {"code": "server_error", "message": "The server had an error while processing your request."}}
    loop.stream([*text_stream("Hello ", done=False)[:3], sse(error)])
    received = []
    with pytest.raises(InternalServerError) as caught:
        for event in client.chat_stream("x"):
            received.append(event.text)
    assert received == ["", "", "Hello "]
    assert "server had an error" in str(caught.value)
    assert caught.value.partial.text == "Hello "  # type: ignore[attr-defined]


def test_a_content_filter_error_event_is_a_content_filter_error(loop: LoopbackServer, client: AzureOpenAI) -> None:
    error = {"error": {"code": "content_filter", "message": "The response was filtered", "status": 400}}
    loop.stream([sse(PROMPT_FILTER_CHUNK), sse(error)])
    with pytest.raises(ContentFilterError):
        client.chat_stream("x").final()


def test_a_stream_ending_without_done_or_finish_reason_is_incomplete(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream(text_stream("The answer is", " 4", done=False)[:-1])  # no finish chunk, no [DONE], clean end
    stream = client.chat_stream("x")
    received = []
    with pytest.raises(IncompleteStreamError) as caught:
        for event in stream:
            received.append(event.text)
    assert "".join(received) == "The answer is 4"
    partial = caught.value.partial
    assert isinstance(partial, ChatResult) and partial.text == "The answer is 4" and partial.finish_reason is None
    assert partial.raw["prompt_filter_results"] == PROMPT_FILTER_CHUNK["prompt_filter_results"]
    assert stream.response is not None and stream.response.is_closed


def test_a_connection_cut_mid_body_is_incomplete_and_keeps_the_text(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream([*text_stream("Part", "ial", done=False)[:4], b'data: {"choices":[{"delta":{"content":"lo'], cut=True)
    with pytest.raises(IncompleteStreamError) as caught:
        client.chat_stream("x").final()
    assert caught.value.partial.text == "Partial"


def test_an_off_spec_field_keeps_the_error_and_the_text_received(loop: LoopbackServer, client: AzureOpenAI) -> None:
    received = [PROMPT_FILTER_CHUNK, chunk({"role": "assistant", "content": ""})]
    received += [chunk({"content": "Hel"}, usage="weird"), chunk({"content": "lo"})]  # usage: an object in the spec
    loop.stream([sse(event) for event in received], cut=True)
    with pytest.raises(IncompleteStreamError) as cut:
        client.chat_stream("x").final()
    assert cut.value.partial.text == "Hello" and cut.value.partial.raw["usage"] == "weird"
    error = {"error": {"code": "content_filter", "message": "The response was filtered", "status": 400}}
    loop.stream([sse(event) for event in received] + [sse(error)])
    with pytest.raises(ContentFilterError) as filtered:
        client.chat_stream("x").final()
    assert filtered.value.partial.text == "Hello"  # type: ignore[attr-defined]
    loop.stream([sse(event) for event in [*received, chunk({}, finish_reason="stop"), "[DONE]"]])
    with pytest.raises(ResponseValidationError) as complete:  # as chat() with this body: the whole JSON in .body
        client.chat_stream("x").final()
    assert complete.value.body["choices"][0]["message"]["content"] == "Hello"  # type: ignore[index]


@pytest.mark.parametrize(
    "bad",
    [
        {**chunk(None), "choices": ["x"]},
        chunk({"content": 5}),
        chunk({"content": "!"}, prompt_filter_results=5),
        chunk({"content": "!"}, index="1"),  # a second choice whose index cannot sort with 0
        chunk({"tool_calls": [{"index": "0", "function": {"name": "f"}}]}),
    ],
)
def test_a_chunk_of_the_wrong_shape_is_incomplete_with_the_text_and_its_bytes(
    loop: LoopbackServer, client: AzureOpenAI, bad: dict[str, Any]
) -> None:
    loop.stream([*text_stream("Hel", "lo", done=False)[:4], sse(bad), *text_stream("never", done=False)[3:]])
    with pytest.raises(IncompleteStreamError, match="event 5 does not have the documented shape") as caught:
        client.chat_stream("x").final()
    assert caught.value.partial.text.startswith("Hello") and json.loads(caught.value.leftover) == bad


def test_a_stream_with_a_finish_reason_but_no_done_completes(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream(text_stream("ok", done=False))
    assert client.chat_stream("x").final().text == "ok"


def test_a_stall_longer_than_the_read_timeout_raises_api_timeout(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream([*text_stream("slow", done=False)[:3], Pause(30), *text_stream()[-2:]])
    received = []
    with pytest.raises(APITimeoutError) as caught:
        for event in client.chat_stream("x", timeout=0.3):
            received.append(event.text)
    assert received == ["", "", "slow"]
    assert "read timeout" in str(caught.value)
    assert caught.value.partial.text == "slow"  # type: ignore[attr-defined]


def test_tool_call_deltas_join_by_index(loop: LoopbackServer, client: AzureOpenAI) -> None:
    def call(index: int, **fields: Any) -> dict[str, Any]:
        return chunk({"tool_calls": [{"index": index, **fields}]}, content_filter_results={})

    loop.stream(
        [
            sse(PROMPT_FILTER_CHUNK),
            sse(chunk({"role": "assistant", "content": None}, content_filter_results={})),
            sse(call(0, id="call_a", type="function", function={"name": "weather", "arguments": ""})),
            sse(call(0, function={"arguments": '{"city": '})),
            sse(call(1, id="call_b", type="function", function={"name": "time", "arguments": '{"tz"'})),
            sse(call(0, function={"arguments": '"Oslo"}'})),
            sse(call(1, function={"arguments": ': "CET"}'})),
            sse(chunk({}, finish_reason="tool_calls", content_filter_results={})),
            sse("[DONE]"),
        ]
    )
    final = client.chat_stream("x").final()
    message = final.raw["choices"][0]["message"]
    assert message["content"] is None and final.finish_reason == "tool_calls"
    assert message["tool_calls"] == [
        {"id": "call_a", "type": "function", "function": {"name": "weather", "arguments": '{"city": "Oslo"}'}},
        {"id": "call_b", "type": "function", "function": {"name": "time", "arguments": '{"tz": "CET"}'}},
    ]


def test_several_choices_text_is_the_first_and_final_has_all(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream(
        [
            sse(chunk({"content": "B"}, index=1)),
            sse(chunk({"content": "A"}, index=0)),
            sse(chunk({}, finish_reason="stop", index=1)),
            sse(chunk({}, finish_reason="stop", index=0)),
            sse("[DONE]"),
        ]
    )
    with client.chat_stream("x", n=2) as stream:
        assert [e.text for e in stream] == ["", "A", "", ""]
        final = stream.final()
    assert [c["message"]["content"] for c in final.raw["choices"]] == ["A", "B"]


def test_leaving_early_closes_the_response(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream([*text_stream("a", "b", done=False)[:3], Pause(30), *text_stream()[-2:]])
    with client.chat_stream("x") as stream:
        for event in stream:
            if event.text:
                break
    assert stream.response is not None and stream.response.is_closed
    with pytest.raises(IncompleteStreamError, match="closed"):
        stream.final()


def test_a_bare_for_loop_left_early_closes_the_response_when_the_stream_is_dropped(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    loop.stream([*text_stream("a", done=False)[:3], Pause(30)])
    stream = client.chat_stream("x")
    for event in stream:
        if event.text:
            break
    response = stream.response
    assert response is not None and not response.is_closed
    del stream, event
    gc.collect()
    assert response.is_closed


def test_an_http_error_raises_before_any_event(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply({"error": {"code": "429", "message": "Rate limit"}}, status=429, headers={"retry-after": "1"})
    with pytest.raises(RateLimitError):
        client.chat_stream("x")


def test_a_whole_completion_answering_a_stream_request_is_a_stream_of_one_chunk(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    # A gateway that drops stream=true sends the whole completion: it was paid for, so it is the answer.
    loop.reply(non_streamed("whole"))
    with client.chat_stream("x") as stream:
        assert [event.text for event in stream] == ["whole"]
        final = stream.final()
    assert final.text == "whole" and final.finish_reason == "stop" and final.raw["id"] == "chatcmpl-9"
    assert final.content_filter.prompt is not None and final.content_filter.completion is not None


def test_a_response_that_is_not_an_event_stream_is_a_clear_error(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.add(Script(stream=[b"<html>gateway</html>"], content_type="text/html"))
    with pytest.raises(IncompleteStreamError, match=r"text/event-stream.*text/html") as caught:
        client.chat_stream("x")
    assert caught.value.partial.text is None and caught.value.partial.raw["choices"] == []  # docs' handler works
    assert caught.value.leftover == b"<html>gateway</html>"


def test_an_event_that_is_not_json_is_incomplete_with_the_text_so_far(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    loop.stream([*text_stream("fine", done=False)[:3], b"data: {not json\n\n"])
    with pytest.raises(IncompleteStreamError, match="not JSON") as caught:
        client.chat_stream("x").final()
    assert caught.value.partial.text == "fine"


def test_stream_parameters_are_checked(client: AzureOpenAI) -> None:
    with pytest.raises(ValueError, match="always streams"):
        client.chat_stream("x", stream=False)
    with pytest.raises(ValueError, match="first argument"):
        client.chat_stream("x", messages=[])


async def test_async_stream_events_and_final(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.stream(text_stream("Hel", "lo"))
    loop.reply(non_streamed("Hello"))
    async with aclient.chat_stream("hi") as stream:
        texts = [event.text async for event in stream]
        final = await stream.final()
    assert texts == ["", "", "Hel", "lo", ""]
    assert final == await aclient.chat("hi")


async def test_async_stream_iterates_without_a_block_and_can_be_awaited(
    loop: LoopbackServer, aclient: AsyncAzureOpenAI
) -> None:
    loop.stream(text_stream("a"))
    loop.stream(text_stream("b"))
    assert "".join([e.text async for e in aclient.chat_stream("x")]) == "a"
    stream = await aclient.chat_stream("x")
    assert stream.response is not None and stream.response.status_code == 200
    assert (await stream.final()).text == "b"


async def test_async_errors_cut_streams_and_early_exit(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.stream([*text_stream("Hi", done=False)[:3], sse({"error": {"code": "server_error", "message": "boom"}})])
    with pytest.raises(InternalServerError, match="boom"):
        await aclient.chat_stream("x").final()
    loop.stream(text_stream("cut", done=False)[:3], cut=True)
    with pytest.raises(IncompleteStreamError) as caught:
        await aclient.chat_stream("x").final()
    assert caught.value.partial.text == "cut"
    loop.stream([*text_stream("a", done=False)[:3], Pause(30)])
    async with aclient.chat_stream("x") as stream:
        async for event in stream:
            if event.text:
                break
    assert stream.response is not None and stream.response.is_closed


async def test_async_http_errors_and_wrong_content_type(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.reply({"error": {"code": "429", "message": "Rate limit"}}, status=429, headers={"retry-after": "1"})
    with pytest.raises(RateLimitError):
        async with aclient.chat_stream("x"):
            pass
    loop.add(Script(stream=[b"<html>gateway</html>"], content_type="text/html"))
    with pytest.raises(IncompleteStreamError, match=r"text/event-stream.*text/html.*gateway") as caught:
        await aclient.chat_stream("x")
    assert caught.value.partial.text is None and caught.value.leftover == b"<html>gateway</html>"
    loop.reply(non_streamed("whole"))
    stream = await aclient.chat_stream("x")
    assert [event.text async for event in stream] == ["whole"] and (await stream.final()).text == "whole"


async def test_async_stall_raises_api_timeout(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.stream([*text_stream("slow", done=False)[:3], Pause(30)])
    with pytest.raises(APITimeoutError):
        await aclient.chat_stream("x", timeout=0.3).final()


# -- found in review: what arrived whole is kept, null errors are no errors, connections are reused ------------


def test_a_whole_last_event_without_its_blank_line_is_kept(loop: LoopbackServer, client: AzureOpenAI) -> None:
    pieces = text_stream("Hello", " world", done=False)
    pieces[-1] = pieces[-1].rstrip(b"\n") + b"\n"  # the finish chunk ends with one LF: no blank line, then EOF
    loop.stream(pieces)
    with client.chat_stream("x") as stream:
        assert [e.text for e in stream][-2:] == [" world", ""]
        assert stream.final().finish_reason == "stop"


def test_a_cut_last_event_keeps_its_bytes_on_the_error(loop: LoopbackServer, client: AzureOpenAI) -> None:
    last = json.dumps(chunk({"content": " world"})).encode()
    loop.stream([*text_stream("Hello", done=False)[:3], b"data: " + last[:20]])
    with pytest.raises(IncompleteStreamError) as caught:
        client.chat_stream("x").final()
    assert caught.value.leftover == last[:20]
    assert caught.value.partial.text == "Hello"


def test_an_empty_keep_alive_event_mid_stream_is_skipped(loop: LoopbackServer, client: AzureOpenAI) -> None:
    events = text_stream("Hi", " there")
    loop.stream([*events[:3], b"data: \n\n", *events[3:]])
    assert client.chat_stream("x").final().text == "Hi there"


def test_a_chunk_with_a_null_error_is_an_ordinary_chunk(loop: LoopbackServer, client: AzureOpenAI) -> None:
    pieces = text_stream(done=False)[:2]
    loop.stream([*pieces, sse({**chunk({"content": "Hi"}, finish_reason="stop"), "error": None}), b"data: [DONE]\n\n"])
    result = client.chat_stream("x").final()
    assert result.text == "Hi" and result.finish_reason == "stop"


def test_an_error_event_with_plain_text_data_is_the_typed_error(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream([*text_stream("Hel", done=False)[:3], b"event: error\ndata: Internal server error\n\n"])
    with pytest.raises(APIStatusError) as caught:
        client.chat_stream("x").final()
    assert "Internal server error" in str(caught.value)
    assert caught.value.partial.text == "Hel"  # type: ignore[attr-defined]


def test_streams_give_their_connection_back_to_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from azure_openai.testing import Emulator

    opened: list[object] = []
    create = socket.create_connection
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: opened.append(a) or create(*a, **k))
    with Emulator() as emu, AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo") as c:
        for _ in range(3):
            assert c.chat_stream("hello").final().finish_reason == "stop"
        assert c.chat("and a plain call").text
    assert len(opened) == 1  # read to the end of the chunked body after [DONE], so the connection is reused
