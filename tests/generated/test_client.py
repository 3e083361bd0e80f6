"""The generated client as users call it: what it sends, what it reads, and what it refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai_rest import Client, ResponseParseError
from azure_openai_rest.api.default import (
    chat_completions_create,
    embeddings_create,
    image_generations_create,
    transcriptions_create,
    translations_create,
)
from azure_openai_rest.models import (
    AudioResponseFormat,
    AudioSegment,
    ChatCompletionMessageToolCall,
    ChatCompletionMessageToolCallFunction,
    ChatCompletionRequestMessageAssistant,
    ChatCompletionRequestMessageContentPartImage,
    ChatCompletionRequestMessageContentPartImageImageUrl,
    ChatCompletionRequestMessageContentPartText,
    ChatCompletionRequestMessageFunction,
    ChatCompletionRequestMessageOther,
    ChatCompletionRequestMessageSystem,
    ChatCompletionRequestMessageTool,
    ChatCompletionRequestMessageUser,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateTranscriptionRequest,
    CreateTranslationRequest,
    EmbeddingsCreateBody,
    ErrorResponse,
    ImageGenerationsRequest,
)
from azure_openai_rest.types import File
from example_check import check_examples
from spec_files import examples_dir, load_example

BASE_URL = "https://example.openai.azure.com/openai"

SEED = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Does Azure OpenAI support customer managed keys?"},
    {"role": "assistant", "content": "Yes, customer managed keys are supported by Azure OpenAI."},
    {"role": "user", "content": "Do other Azure AI services support this too?"},
]


def client_answering(
    answer: httpx.Response | Callable[[httpx.Request], httpx.Response], sent: list[httpx.Request] | None = None
) -> Client:
    """A generated Client whose transport records each request and gives the same answer."""

    def handler(request: httpx.Request) -> httpx.Response:
        if sent is not None:
            sent.append(request)
        return answer(request) if callable(answer) else answer

    client = Client(base_url=BASE_URL)
    client.set_httpx_client(httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(handler)))
    client.set_async_httpx_client(httpx.AsyncClient(base_url=BASE_URL, transport=httpx.MockTransport(handler)))
    return client


CHAT_ANSWER = load_example("2024-02-01", "chat_completions.json")["responses"]["200"]["body"]


# -- sending --------------------------------------------------------------------------------------------------


def test_a_request_sends_only_what_the_caller_set() -> None:
    sent: list[httpx.Request] = []
    client = client_answering(httpx.Response(200, json=CHAT_ANSWER), sent)
    body = CreateChatCompletionRequest(messages=[ChatCompletionRequestMessageUser(content="Hi")])
    chat_completions_create.sync(deployment_id="gpt-35-turbo", client=client, body=body, api_version="2024-02-01")
    assert json.loads(sent[0].content) == {"messages": [{"role": "user", "content": "Hi"}]}
    assert sent[0].url.path == "/openai/deployments/gpt-35-turbo/chat/completions"
    assert sent[0].url.params["api-version"] == "2024-02-01"


async def test_async_request_sends_only_what_the_caller_set() -> None:
    sent: list[httpx.Request] = []
    client = client_answering(httpx.Response(200, json=CHAT_ANSWER), sent)
    body = CreateChatCompletionRequest(messages=[ChatCompletionRequestMessageUser(content="Hi")], temperature=0.0)
    parsed = await chat_completions_create.asyncio(deployment_id="d", client=client, body=body, api_version="v")
    assert json.loads(sent[0].content) == {"messages": [{"role": "user", "content": "Hi"}], "temperature": 0.0}
    assert isinstance(parsed, CreateChatCompletionResponse)


def test_every_parameter_left_unset_is_absent_not_defaulted() -> None:
    body = CreateChatCompletionRequest(messages=[]).to_dict()
    assert body == {"messages": []}  # no seed: 0, max_tokens: 4096, temperature: 1, n: 1, stream: false ...
    image = ImageGenerationsRequest(prompt="a cat").to_dict()
    assert image == {"prompt": "a cat"}


def test_the_seed_conversation_as_typed_messages() -> None:
    messages = [
        ChatCompletionRequestMessageSystem(content=SEED[0]["content"]),
        ChatCompletionRequestMessageUser(content=SEED[1]["content"]),
        ChatCompletionRequestMessageAssistant(content=SEED[2]["content"]),
        ChatCompletionRequestMessageUser(content=SEED[3]["content"]),
    ]
    assert CreateChatCompletionRequest(messages=messages).to_dict() == {"messages": SEED}


def test_every_message_kind_builds_and_parses_back_to_its_class() -> None:
    messages = [
        ChatCompletionRequestMessageSystem(content="Be brief."),
        ChatCompletionRequestMessageUser(
            content=[
                ChatCompletionRequestMessageContentPartText(text="What is in this picture?"),
                ChatCompletionRequestMessageContentPartImage(
                    image_url=ChatCompletionRequestMessageContentPartImageImageUrl(url="https://example.com/a.png")
                ),
            ]
        ),
        ChatCompletionRequestMessageAssistant(
            content=None,
            tool_calls=[
                ChatCompletionMessageToolCall(
                    id="call_1",
                    type_="function",
                    function=ChatCompletionMessageToolCallFunction(name="weather", arguments='{"city": "Oslo"}'),
                )
            ],
        ),
        ChatCompletionRequestMessageTool(tool_call_id="call_1", content='{"temp": 3}'),
        ChatCompletionRequestMessageFunction(name="weather", content="3 degrees"),
    ]
    wire = CreateChatCompletionRequest(messages=messages).to_dict()["messages"]
    assert [m["role"] for m in wire] == ["system", "user", "assistant", "tool", "function"]
    assert wire[1]["content"][1] == {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    assert wire[2]["tool_calls"][0]["function"]["arguments"] == '{"city": "Oslo"}'
    parsed = CreateChatCompletionRequest.from_dict({"messages": wire})
    assert [type(m) for m in parsed.messages] == [type(m) for m in messages]
    user = parsed.messages[1]
    assert isinstance(user, ChatCompletionRequestMessageUser) and isinstance(user.content, list)
    assert isinstance(user.content[1], ChatCompletionRequestMessageContentPartImage)
    assert parsed.to_dict()["messages"] == wire


def test_a_role_this_version_does_not_know_is_kept_whole() -> None:
    message = {"role": "developer", "content": "Answer in French.", "priority": 1}
    parsed = CreateChatCompletionRequest.from_dict({"messages": [message]})
    assert isinstance(parsed.messages[0], ChatCompletionRequestMessageOther)
    assert parsed.to_dict() == {"messages": [message]}


# -- reading --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2024-02-01", "2024-10-21"])
def test_every_example_round_trips_through_this_package(version: str) -> None:
    # 2024-10-21's examples use fields and data source kinds 2024-02-01 does not declare: kept all the same.
    assert check_examples(examples_dir(version)) == []


def test_every_2024_10_21_example_round_trips_through_a_package_generated_for_it(package_2024_10_21: Path) -> None:
    checker = Path(__file__).parents[1] / "example_check.py"
    code = (
        f"import sys; sys.path[:0] = [{str(package_2024_10_21)!r}, {str(checker.parent)!r}]\n"
        "import azure_openai_rest, example_check, pathlib\n"
        "assert azure_openai_rest.API_VERSION == '2024-10-21'\n"
        f"found = example_check.check_examples(pathlib.Path({str(examples_dir('2024-10-21'))!r}))\n"
        "print(found); sys.exit(1 if found else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_fields_and_enum_values_are_kept() -> None:
    body = json.loads(json.dumps(CHAT_ANSWER))
    body["brand_new_field"] = {"nested": [1, 2]}
    body["choices"][0]["finish_reason"] = "a_new_reason"
    body["choices"][0]["content_filter_results"] = {"hate": {"filtered": False, "severity": "very_low"}}
    body["object"] = "chat.completion.v2"
    parsed = chat_completions_create.sync(
        deployment_id="d",
        client=client_answering(httpx.Response(200, json=body)),
        body=CreateChatCompletionRequest(messages=[]),
        api_version="v",
    )
    assert isinstance(parsed, CreateChatCompletionResponse)
    assert parsed.additional_properties["brand_new_field"] == {"nested": [1, 2]}
    assert parsed.object_ == "chat.completion.v2"
    choice = parsed.choices[0]  # type: ignore[index]
    assert choice.finish_reason == "a_new_reason"
    assert choice.content_filter_results.hate.severity == "very_low"
    assert parsed.to_dict() == body


def test_the_live_error_shape_is_typed() -> None:
    live = {
        "error": {
            "message": "The response was filtered due to the prompt triggering Azure OpenAI's content management "
            "policy.",
            "type": None,
            "param": "prompt",
            "code": "content_filter",
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {
                    "hate": {"filtered": True, "severity": "high"},
                    "jailbreak": {"filtered": False, "detected": False},
                    "self_harm": {"filtered": False, "severity": "safe"},
                    "sexual": {"filtered": False, "severity": "safe"},
                    "violence": {"filtered": False, "severity": "very_low"},
                },
            },
        }
    }
    parsed = chat_completions_create.sync_detailed(
        deployment_id="d",
        client=client_answering(httpx.Response(400, json=live)),
        body=CreateChatCompletionRequest(messages=[]),
        api_version="v",
    ).parsed
    assert isinstance(parsed, ErrorResponse)
    inner = parsed.error.innererror
    assert inner.code == "ResponsibleAIPolicyViolation"
    result = inner.content_filter_result
    assert result.hate.filtered is True and result.hate.severity == "high"
    assert result.jailbreak.detected is False
    assert result.violence.severity == "very_low"
    assert parsed.error.param == "prompt"
    assert parsed.to_dict() == live


def test_the_image_error_shape_is_typed() -> None:
    error = {
        "error": {
            "code": "contentFilter",
            "message": "Your task failed as a result of our safety system.",
            "inner_error": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_results": {
                    "sexual": {"filtered": True, "severity": "high"},
                    "violence": {"filtered": False, "severity": "safe"},
                },
                "revised_prompt": "A painting of a cat",
            },
        }
    }
    parsed = image_generations_create.sync_detailed(
        deployment_id="dall-e-3",
        client=client_answering(httpx.Response(400, json=error)),
        body=ImageGenerationsRequest(prompt="x"),
        api_version="v",
    ).parsed
    inner = parsed.error.inner_error  # type: ignore[union-attr]
    assert inner.revised_prompt == "A painting of a cat"
    assert inner.content_filter_results.sexual.filtered is True
    assert parsed.to_dict() == error  # type: ignore[union-attr]


VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 2.5,
    "text": "Hello there.",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 2.5,
            "text": "Hello there.",
            "tokens": [50364, 2425],
            "temperature": 0.0,
            "avg_logprob": -0.3,
            "compression_ratio": 0.9,
            "no_speech_prob": 0.01,
        }
    ],
}
TEXT_ANSWERS = {
    "text": "Hello there.\n",
    "srt": "1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n",
    "vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello there.\n\n",
}


@pytest.mark.parametrize("operation", [transcriptions_create, translations_create])
@pytest.mark.parametrize("response_format", ["json", "verbose_json", "text", "srt", "vtt"])
def test_audio_in_every_response_format(operation: Any, response_format: str) -> None:
    if response_format in TEXT_ANSWERS:
        answer = httpx.Response(
            200, text=TEXT_ANSWERS[response_format], headers={"content-type": "text/plain; charset=utf-8"}
        )
    else:
        answer = httpx.Response(200, json=VERBOSE if response_format == "verbose_json" else {"text": "Hello there."})
    sent: list[httpx.Request] = []
    request_type = CreateTranscriptionRequest if operation is transcriptions_create else CreateTranslationRequest
    body = request_type(
        file=File(payload=b"RIFF....WAVE", file_name="a.wav"), response_format=AudioResponseFormat(response_format)
    )
    parsed = operation.sync(deployment_id="whisper", client=client_answering(answer, sent), body=body, api_version="v")
    field = sent[0].content.split(b'name="response_format"', 1)[1]
    assert field.split(b"\r\n\r\n", 1)[1].startswith(response_format.encode() + b"\r\n--")
    assert b'filename="a.wav"' in sent[0].content
    if response_format in TEXT_ANSWERS:
        assert parsed == TEXT_ANSWERS[response_format]
    elif response_format == "verbose_json":
        assert isinstance(parsed.segments[0], AudioSegment)
        assert parsed.segments[0].end == 2.5
        assert parsed.to_dict() == VERBOSE
    else:
        assert parsed.text == "Hello there." and parsed.to_dict() == {"text": "Hello there."}


SERVICE_ERROR = {"error": {"code": "429", "message": "Requests have exceeded the call rate limit."}}


@pytest.mark.parametrize(
    ("operation", "body"),
    [
        (embeddings_create, EmbeddingsCreateBody(input_="hi")),
        (transcriptions_create, CreateTranscriptionRequest(file=File(payload=b"RIFF"))),
        (translations_create, CreateTranslationRequest(file=File(payload=b"RIFF"))),
    ],
    ids=["embeddings", "transcriptions", "translations"],
)
def test_operations_declaring_only_200_read_the_service_error(operation: Any, body: Any) -> None:
    # The spec declares only a 200 answer for these; the error body must not come back as parsed=None.
    answer = httpx.Response(429, json=SERVICE_ERROR)
    result = operation.sync_detailed(deployment_id="d", client=client_answering(answer, []), body=body, api_version="v")
    assert isinstance(result.parsed, ErrorResponse), result.parsed
    assert result.parsed.to_dict() == SERVICE_ERROR


# -- refusing -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(502, text="<html><h1>502 Bad Gateway</h1></html>", headers={"content-type": "text/html"}),
        httpx.Response(404),
        httpx.Response(405, text=""),
        httpx.Response(500, json=["not", "the", "error", "model"]),
        httpx.Response(503, json={"error": "overloaded"}),
    ],
    ids=["gateway-page", "empty-404", "empty-405", "json-list", "error-not-an-object"],
)
def test_an_error_answer_that_is_not_the_error_model_is_returned_unparsed(answer: httpx.Response) -> None:
    # *_detailed never raises on an error status: the caller gets the status and the body as sent.
    for operation, body in (
        (chat_completions_create, CreateChatCompletionRequest(messages=[])),
        (embeddings_create, EmbeddingsCreateBody(input_="x")),
    ):
        result = operation.sync_detailed(deployment_id="d", client=client_answering(answer), body=body, api_version="v")
        assert result.status_code == answer.status_code and result.parsed is None, result
        assert result.content == answer.content


def test_a_success_status_with_a_page_raises_the_parse_error_with_status_and_body() -> None:
    page = httpx.Response(200, text="<html><h1>Sign in</h1></html>", headers={"content-type": "text/html"})
    with pytest.raises(ResponseParseError) as raised:
        chat_completions_create.sync(
            deployment_id="d",
            client=client_answering(page),
            body=CreateChatCompletionRequest(messages=[]),
            api_version="v",
        )
    assert "HTTP 200" in str(raised.value) and "Sign in" in str(raised.value)


def test_the_parse_error_is_a_value_error_naming_the_model() -> None:
    with pytest.raises(ResponseParseError) as raised:
        CreateChatCompletionResponse.from_dict({"choices": [{"message": "not an object"}]})
    assert isinstance(raised.value, ValueError)
    assert "CreateChatCompletionResponse" in str(raised.value)
    assert raised.value.data == {"choices": [{"message": "not an object"}]}


def test_repr_hides_secrets_in_the_url_and_in_headers_given_as_pairs() -> None:
    secret = "sk-secret-0123456789"
    client = Client(
        base_url=f"https://user:{secret}@r.openai.azure.com/openai?sig={secret}&se=2030",
        headers=[("api-key", secret), ("User-Agent", "me/1")],  # a list of pairs, as httpx takes
        cookies=[("session", secret)],
    )
    shown = repr(client)
    assert secret not in shown and "user:" not in shown, shown
    assert "base_url='https://r.openai.azure.com/openai?sig=***&se=***'" in shown, shown
    assert "'api-key': '***'" in shown and "'User-Agent': 'me/1'" in shown and "'session': '***'" in shown


def test_repr_redacts_every_credential_by_allow_list() -> None:
    from azure_openai_rest import AuthenticatedClient

    secret = "sk-secret-0123456789"
    plain = Client(
        base_url="https://r.openai.azure.com/openai",
        headers={"api-key": secret, "X-Gateway-Key": secret, "User-Agent": "me/1"},
        cookies={"session": secret},
        httpx_args={"auth": ("user", secret)},
    )
    bearer = AuthenticatedClient(base_url="https://r.openai.azure.com/openai", token=secret)
    for client in (plain, bearer, plain.with_headers({"Authorization": f"Bearer {secret}"})):
        assert secret not in repr(client) and secret not in str(client), repr(client)
    # Only allow-listed header values are shown; the rest keep their name, so the repr still says what is set.
    assert "'User-Agent': 'me/1'" in repr(plain) and "'api-key': '***'" in repr(plain)
    assert "https://r.openai.azure.com/openai" in repr(bearer) and "token='***'" in repr(bearer)
