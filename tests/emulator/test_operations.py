"""Every operation through raw httpx: the service's shapes (checked against the spec's response schemas)."""

from __future__ import annotations

import base64
import json
import struct
from typing import Any

import httpx
import pytest
from azure_openai.testing import Emulator
from azure_openai.testing._validation import RequestValidator

from .conftest import API_VERSION

CHAT = "/deployments/gpt-35-turbo/chat/completions"
SEED_QUESTION = "Do other Azure AI services support this too?"


def conforms(operation: str, body: Any) -> None:
    assert RequestValidator.shared().response_errors(operation, body) == []


def test_chat_answer_has_the_service_shape_and_says_it_is_emulated(client: httpx.Client) -> None:
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": SEED_QUESTION},
    ]
    response = client.post(CHAT, json={"messages": messages})
    assert response.status_code == 200
    body = response.json()
    conforms("chat/completions", body)
    assert body["id"].startswith("chatcmpl-") and len(body["id"]) == len("chatcmpl-") + 29
    assert body["object"] == "chat.completion"
    assert body["model"] == "gpt-35-turbo"
    assert isinstance(body["created"], int) and body["system_fingerprint"]
    assert body["prompt_filter_results"][0]["prompt_index"] == 0
    assert body["prompt_filter_results"][0]["content_filter_results"]["hate"] == {"filtered": False, "severity": "safe"}
    [choice] = body["choices"]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["content"].startswith("[emulator]")
    assert SEED_QUESTION in choice["message"]["content"]
    assert set(choice["content_filter_results"]) == {"hate", "self_harm", "sexual", "violence"}
    usage = body["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_headers_mark_the_answer_and_carry_request_ids_and_rate_limits(client: httpx.Client) -> None:
    first = client.post(CHAT, json={"messages": [{"role": "user", "content": "hi"}]})
    second = client.post(CHAT, json={"messages": [{"role": "user", "content": "hi"}]})
    assert first.headers["x-emulator"] == "azure-openai-rest"
    assert first.headers["apim-request-id"] and first.headers["x-request-id"]
    assert first.headers["apim-request-id"] != second.headers["apim-request-id"]
    assert (
        int(second.headers["x-ratelimit-remaining-requests"])
        == int(first.headers["x-ratelimit-remaining-requests"]) - 1
    )
    spent = first.json()["usage"]["total_tokens"]
    assert (
        int(second.headers["x-ratelimit-remaining-tokens"])
        == int(first.headers["x-ratelimit-remaining-tokens"]) - spent
    )


def test_same_request_same_body_different_request_different_id(client: httpx.Client) -> None:
    one = client.post(CHAT, json={"messages": [{"role": "user", "content": "a"}]}).json()
    again = client.post(CHAT, json={"messages": [{"role": "user", "content": "a"}]}).json()
    other = client.post(CHAT, json={"messages": [{"role": "user", "content": "b"}]}).json()
    assert one == again
    assert one["id"] != other["id"]


def test_n_choices_and_max_tokens_truncation(client: httpx.Client) -> None:
    body = client.post(CHAT, json={"messages": [{"role": "user", "content": "hello"}], "n": 2, "max_tokens": 3}).json()
    assert [c["index"] for c in body["choices"]] == [0, 1]
    assert all(c["finish_reason"] == "length" for c in body["choices"])
    assert body["choices"][0]["message"]["content"] == "[emulator]"  # 3 tokens: "[", "emulator", "]"
    assert body["usage"]["completion_tokens"] == 2 * 3  # truncation and usage count the same unit


def test_scripted_replies_by_text_and_by_function(http: httpx.Client) -> None:
    def reply(messages: Any) -> str | None:
        return f"counted: {len(messages)}" if messages[-1]["content"] == "count" else None

    for replies, prompt, expected in [({"ping": "pong"}, "ping", "pong"), (reply, "count", "counted: 1")]:
        with Emulator(replies=replies) as emu:
            response = http.post(
                f"{emu.endpoint}/openai{CHAT}",
                params={"api-version": "2024-02-01"},
                headers={"api-key": emu.api_key},
                json={"messages": [{"role": "user", "content": prompt}]},
            )
            assert response.json()["choices"][0]["message"]["content"] == expected


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer", "minimum": 1},
                "verbose": {"type": "boolean"},
            },
            "required": ["city", "unit", "days"],
        },
    },
}


def test_tool_loop_calls_the_tool_then_answers_with_its_result(client: httpx.Client) -> None:
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Weather in Paris?"}]
    body = client.post(CHAT, json={"messages": messages, "tools": [WEATHER_TOOL]}).json()
    conforms("chat/completions", body)
    [choice] = body["choices"]
    assert choice["finish_reason"] == "tool_calls"
    [call] = choice["message"]["tool_calls"]
    assert call["id"].startswith("call_") and call["type"] == "function"
    assert call["function"]["name"] == "get_weather"
    assert json.loads(call["function"]["arguments"]) == {"city": "emulated", "unit": "celsius", "days": 1}
    messages += [
        choice["message"],
        {"role": "tool", "tool_call_id": call["id"], "content": "18 degrees and sunny"},
    ]
    final = client.post(CHAT, json={"messages": messages, "tools": [WEATHER_TOOL]}).json()
    assert final["choices"][0]["finish_reason"] == "stop"
    assert "18 degrees and sunny" in final["choices"][0]["message"]["content"]


def test_tool_choice_none_answers_text_and_named_choice_picks_that_tool(client: httpx.Client) -> None:
    other = {"type": "function", "function": {"name": "other", "parameters": {"type": "object", "properties": {}}}}
    messages = [{"role": "user", "content": "hi"}]
    plain = client.post(CHAT, json={"messages": messages, "tools": [WEATHER_TOOL], "tool_choice": "none"}).json()
    assert plain["choices"][0]["message"]["content"].startswith("[emulator]")
    named = {"type": "function", "function": {"name": "other"}}
    chosen = client.post(CHAT, json={"messages": messages, "tools": [WEATHER_TOOL, other], "tool_choice": named})
    assert chosen.json()["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "other"


def test_completions(client: httpx.Client) -> None:
    response = client.post("/deployments/gpt-35-turbo/completions", json={"prompt": ["one", "two"], "max_tokens": 50})
    body = response.json()
    conforms("completions", body)
    assert body["id"].startswith("cmpl-") and body["object"] == "text_completion"
    assert [c["index"] for c in body["choices"]] == [0, 1]
    assert all("[emulator]" in c["text"] and c["finish_reason"] == "stop" for c in body["choices"])
    assert [r["prompt_index"] for r in body["prompt_filter_results"]] == [0, 1]


def test_embeddings_are_deterministic_unit_vectors_in_index_order(client: httpx.Client) -> None:
    url = "/deployments/text-embedding-ada-002/embeddings"
    body = client.post(url, json={"input": ["alpha", "beta", "alpha"]}).json()
    conforms("embeddings", body)
    assert body["object"] == "list" and body["model"] == "text-embedding-ada-002"
    assert [item["index"] for item in body["data"]] == [0, 1, 2]
    vectors = [item["embedding"] for item in body["data"]]
    assert all(len(v) == 1536 for v in vectors)
    assert vectors[0] == vectors[2] != vectors[1]
    assert abs(sum(x * x for x in vectors[0]) - 1) < 1e-4
    assert body["usage"]["prompt_tokens"] == body["usage"]["total_tokens"] == 3
    single = client.post(url, json={"input": "alpha"}).json()
    assert single["data"][0]["embedding"] == vectors[0]


def test_embeddings_dimensions_and_base64(http: httpx.Client) -> None:
    with Emulator(deployments=["text-embedding-3-small"]) as emu:
        url = f"{emu.endpoint}/openai/deployments/text-embedding-3-small/embeddings"
        ask = {"params": {"api-version": API_VERSION}, "headers": {"api-key": emu.api_key}}
        floats = http.post(url, json={"input": "x", "dimensions": 8}, **ask).json()["data"][0]["embedding"]
        encoded = http.post(url, json={"input": "x", "dimensions": 8, "encoding_format": "base64"}, **ask).json()
    decoded = struct.unpack("<8f", base64.b64decode(encoded["data"][0]["embedding"]))
    assert floats == pytest.approx(list(decoded), abs=1e-6)


@pytest.mark.parametrize(
    ("model", "dimensions", "message"),
    [
        ("text-embedding-ada-002", 8, "This model does not support specifying dimensions."),
        ("text-embedding-3-small", 1537, "1537 is greater than the maximum of 1536 - 'dimensions'"),
        ("text-embedding-3-large", 3073, "3073 is greater than the maximum of 3072 - 'dimensions'"),
        ("my-embedder", 1_000_000, "1000000 is greater than the maximum of 3072 - 'dimensions'"),
    ],
)
def test_embeddings_dimensions_beyond_the_models_size_get_the_services_400(
    http: httpx.Client, model: str, dimensions: int, message: str
) -> None:
    """Unbounded, dimensions=1e6 built a 12 MB answer in seconds; the service refuses past the model's size."""
    with Emulator(deployments={"e": model}) as emu:
        response = http.post(
            f"{emu.endpoint}/openai/deployments/e/embeddings",
            params={"api-version": API_VERSION},
            headers={"api-key": emu.api_key},
            json={"input": "x", "dimensions": dimensions},
        )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": None,
        "message": message,
        "param": "dimensions",
        "type": "invalid_request_error",
    }


def test_image_generation_url_serves_a_png_and_b64_json_is_a_png(client: httpx.Client, http: httpx.Client) -> None:
    url = "/deployments/dall-e-3/images/generations"
    body = client.post(url, json={"prompt": "a lighthouse", "size": "1024x1024"}).json()
    conforms("images/generations", body)
    [image] = body["data"]
    assert image["revised_prompt"].startswith("[emulator]") and "a lighthouse" in image["revised_prompt"]
    assert image["content_filter_results"]["violence"]["filtered"] is False
    assert image["prompt_filter_results"]["profanity"] == {"filtered": False, "detected": False}
    fetched = http.get(image["url"])
    assert fetched.status_code == 200 and fetched.headers["content-type"] == "image/png"
    assert fetched.content.startswith(b"\x89PNG\r\n\x1a\n")
    inline = client.post(url, json={"prompt": "a lighthouse", "response_format": "b64_json"}).json()
    assert base64.b64decode(inline["data"][0]["b64_json"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert "url" not in inline["data"][0]


def wav(seconds: float, rate: int = 8000) -> bytes:
    data = b"\x00\x00" * int(seconds * rate)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(data))
    return header + data


@pytest.mark.parametrize("operation", ["transcriptions", "translations"])
def test_audio_json_and_verbose_json(client: httpx.Client, operation: str) -> None:
    url = f"/deployments/whisper/audio/{operation}"
    files = {"file": ("speech.wav", wav(3.0), "audio/wav")}
    plain = client.post(url, files=files)
    assert plain.headers["content-type"] == "application/json"
    assert plain.json()["text"].startswith("[emulator]") and "speech.wav" in plain.json()["text"]
    language = {"language": "en"} if operation == "transcriptions" else {}  # translations take none: into English
    verbose = client.post(url, files=files, data={"response_format": "verbose_json", **language}).json()
    conforms(f"audio/{operation}", verbose)
    assert verbose["task"] == ("transcribe" if operation == "transcriptions" else "translate")
    assert verbose["duration"] == 3.0
    assert verbose["text"] == plain.json()["text"]
    assert [s["id"] for s in verbose["segments"]] == [0, 1]
    assert verbose["segments"][-1]["end"] == 3.0
    assert "".join(s["text"] for s in verbose["segments"]).strip() == verbose["text"]


def test_audio_text_srt_and_vtt_are_plain_text(client: httpx.Client) -> None:
    url = "/deployments/whisper/audio/transcriptions"
    files = {"file": ("speech.wav", wav(2.0), "audio/wav")}
    answers = {fmt: client.post(url, files=files, data={"response_format": fmt}) for fmt in ("text", "srt", "vtt")}
    for answer in answers.values():
        assert answer.headers["content-type"].startswith("text/plain")
    assert answers["text"].text.startswith("[emulator]")
    srt = answers["srt"].text
    assert srt.startswith("1\n00:00:00,000 --> 00:00:01,000\n[emulator]")
    assert "\n2\n00:00:01,000 --> 00:00:02,000\n" in srt
    vtt = answers["vtt"].text
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n[emulator]")


def test_legacy_functions_get_a_function_call(client: httpx.Client) -> None:
    function = {"name": "lookup", "parameters": {"type": "object", "properties": {"id": {"type": "integer"}}}}
    body = client.post(CHAT, json={"messages": [{"role": "user", "content": "x"}], "functions": [function]}).json()
    choice = body["choices"][0]
    assert choice["finish_reason"] == "function_call"
    assert choice["message"]["function_call"] == {"name": "lookup", "arguments": '{"id": 1}'}


def test_a_chunked_request_body_is_read(client: httpx.Client) -> None:
    parts = iter([b'{"messages": [{"role": "user", ', b'"content": "sent in chunks"}]}'])
    response = client.post(CHAT, content=parts, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert "sent in chunks" in response.json()["choices"][0]["message"]["content"]


def test_the_answer_shows_the_history_was_sent(client: httpx.Client) -> None:
    history = [
        {"role": "user", "content": "What is content filtering?"},
        {"role": "assistant", "content": "It screens prompts and answers."},
        {"role": "user", "content": SEED_QUESTION},
    ]
    content = client.post(CHAT, json={"messages": history}).json()["choices"][0]["message"]["content"]
    assert content.endswith(f'You said: "{SEED_QUESTION}" (turn 2 of this conversation)')


def test_a_failing_reply_function_is_a_500_and_a_log_record(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(messages: Any) -> str:
        raise RuntimeError("script bug")

    with Emulator(replies=broken) as emu:
        response = http.post(
            f"{emu.endpoint}/openai{CHAT}",
            params={"api-version": "2024-02-01"},
            headers={"api-key": emu.api_key},
            json={"messages": [{"role": "user", "content": "x"}]},
        )
    assert response.status_code == 500 and response.json()["error"]["code"] == "InternalServerError"
    assert any("script bug" in str(record.exc_info) for record in caplog.records if record.exc_info)
