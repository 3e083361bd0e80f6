"""complete() and generate_image(): request bodies with only what was set, typed results over the raw JSON."""

from __future__ import annotations

import base64
import enum
import json
import typing
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AuthenticationError,
    AzureOpenAI,
    ConfigurationError,
    ContentFilterError,
    GeneratedImage,
    InternalServerError,
    InvalidArgumentError,
    ResponseValidationError,
    Usage,
)
from azure_openai._adapter import operation_module

ENDPOINT = "https://res.openai.azure.com"

# The spec's own example response (examples/completions.json, 2024-02-01), plus Azure's prompt filter results.
COMPLETION = {
    "id": "cmpl-7QmVI15qgYVllxK0FtxVGG6ywfzaq",
    "created": 1686617332,
    "model": "gpt-35-turbo-instruct",
    "prompt_filter_results": [
        {"prompt_index": 0, "content_filter_results": {"hate": {"filtered": False, "severity": "safe"}}}
    ],
    "choices": [
        {
            "text": "es\n\nWhat do you call a mango who's in charge?\n\nThe head mango.",
            "index": 0,
            "finish_reason": "stop",
            "logprobs": None,
            "content_filter_results": {"hate": {"filtered": False, "severity": "safe"}},
        },
        {"text": "second", "index": 1, "finish_reason": "length", "logprobs": None},
    ],
    "usage": {"completion_tokens": 20, "prompt_tokens": 6, "total_tokens": 26},
    "some_future_field": {"kept": True},
}

SAFE = {"filtered": False, "severity": "safe"}
# The spec's example image response (examples/image_generation.json, 2024-10-21).
IMAGES = {
    "created": 1698342300,
    "data": [
        {
            "revised_prompt": "A vivid, natural representation of Microsoft Clippy wearing a cowboy hat.",
            "prompt_filter_results": {
                "sexual": SAFE,
                "violence": SAFE,
                "hate": SAFE,
                "self_harm": SAFE,
                "profanity": {"detected": False, "filtered": False},
            },
            "url": "https://dalletipusw2.blob.core.windows.net/private/images/e5451cc6/generated_00.png?se=2023",
            "content_filter_results": {"sexual": SAFE, "violence": SAFE, "hate": SAFE, "self_harm": SAFE},
        }
    ],
}


class Service:
    """Records requests; answers with a fixed JSON body and status."""

    def __init__(self, body: Any, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.body, self.status, self.headers = body, status, headers or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body, headers=self.headers)

    @property
    def last_json(self) -> Any:
        return json.loads(self.requests[-1].content)


def client_for(service: Service) -> AzureOpenAI:
    http = httpx.Client(transport=httpx.MockTransport(service))
    return AzureOpenAI(endpoint=ENDPOINT, api_key="test-key", deployment="dep", http_client=http, max_retries=0)


def test_complete_sends_only_what_was_set_and_reads_the_example() -> None:
    service = Service(COMPLETION, headers={"apim-request-id": "req-9", "x-ratelimit-remaining-requests": "41"})
    result = client_for(service).complete("tell me a joke about mango", max_tokens=32, stop=["\n\n\n"])

    assert service.last_json == {"prompt": "tell me a joke about mango", "max_tokens": 32, "stop": ["\n\n\n"]}
    assert service.requests[-1].url.path == "/openai/deployments/dep/completions"
    assert result.text.endswith("The head mango.")
    assert result.texts == [COMPLETION["choices"][0]["text"], "second"]
    assert result.finish_reason == "stop"
    assert result.usage == Usage(prompt_tokens=6, completion_tokens=20, total_tokens=26)
    assert result.prompt_filter_results[0]["prompt_index"] == 0
    assert result.raw["some_future_field"] == {"kept": True}
    assert result.request_id == "req-9" and result.rate_limit.remaining_requests == 41
    assert result.id == "cmpl-7QmVI15qgYVllxK0FtxVGG6ywfzaq" and result.model == "gpt-35-turbo-instruct"
    parsed = result.parsed
    assert parsed.to_dict() == COMPLETION
    assert result.parsed is parsed  # built once


def test_complete_reads_prompt_annotations_of_older_api_versions() -> None:
    body = {k: v for k, v in COMPLETION.items() if k != "prompt_filter_results"}
    body["prompt_annotations"] = COMPLETION["prompt_filter_results"]
    result = client_for(Service(body)).complete("a")
    assert result.prompt_filter_results == COMPLETION["prompt_filter_results"]


def test_complete_accepts_a_list_of_prompts_and_refuses_stream() -> None:
    service = Service(COMPLETION)
    client_for(service).complete(["a", "b"], deployment="other", n=2)
    assert service.last_json == {"prompt": ["a", "b"], "n": 2}
    assert service.requests[-1].url.path == "/openai/deployments/other/completions"
    with pytest.raises(ConfigurationError, match="does not stream"):
        client_for(service).complete("a", stream=True)
    with pytest.raises(InvalidArgumentError, match="prompt str or a list of str"):
        client_for(service).complete(42)  # type: ignore[arg-type]


def test_complete_with_no_choices_gives_empty_text() -> None:
    result = client_for(Service({"id": "x", "choices": []})).complete("a")
    assert result.text == "" and result.finish_reason is None and result.usage is None


def test_complete_choices_in_any_order_read_in_index_order() -> None:
    body = {"choices": [{"index": 1, "text": "second", "finish_reason": "length"}, {"index": 0, "text": "first"}]}
    result = client_for(Service(body)).complete("a", n=2)
    assert result.text == "first" and result.texts == ["first", "second"]
    assert result.finish_reason is None  # the first choice's, not the first listed
    assert result.raw == body  # what the service sent is kept as sent


def test_complete_errors_are_the_clients_typed_errors() -> None:
    with pytest.raises(AuthenticationError) as info:
        client_for(Service({"error": {"code": "401", "message": "Access denied"}}, status=401)).complete("a")
    assert "test-key" not in str(info.value)
    with pytest.raises(InternalServerError):
        client_for(Service({"error": {"code": "InternalServerError", "message": "boom"}}, status=500)).complete("a")


def test_generate_image_reads_the_spec_example() -> None:
    service = Service(IMAGES, headers={"apim-request-id": "img-1"})
    result = client_for(service).generate_image("Clippy in a cowboy hat", size="1024x1024", quality="hd")

    assert service.last_json == {"prompt": "Clippy in a cowboy hat", "size": "1024x1024", "quality": "hd"}
    assert service.requests[-1].url.path == "/openai/deployments/dep/images/generations"
    (image,) = result.images
    assert result.url == image.url and image.url.startswith("https://dalletipusw2")
    assert image.revised_prompt.startswith("A vivid")
    assert image.content_filter_results["hate"] == SAFE
    assert image.prompt_filter_results["profanity"] == {"detected": False, "filtered": False}
    assert result.created == 1698342300 and result.request_id == "img-1"
    assert result.parsed.to_dict() == IMAGES
    with pytest.raises(ConfigurationError, match="response_format='b64_json'"):
        image.content()
    broken = GeneratedImage({"b64_json": "not base64!!"})
    with pytest.raises(ResponseValidationError, match="images: the service's response has b64_json that is not base"):
        broken.content()  # binascii.Error, outside the tree, before


def test_generate_image_b64_and_enum_arguments() -> None:
    from enum import Enum

    class Size(str, Enum):
        SQUARE = "1024x1024"

    png = b"\x89PNG\r\n\x1a\nfake"
    service = Service({"created": 1, "data": [{"b64_json": base64.b64encode(png).decode()}, {"error": {"code": "x"}}]})
    result = client_for(service).generate_image("a cat", response_format="b64_json", size=Size.SQUARE, n=2)
    assert service.last_json == {"prompt": "a cat", "response_format": "b64_json", "size": "1024x1024", "n": 2}
    assert result.images[0].content() == png and result.url is None
    assert result.images[1].error == {"code": "x"}  # a failed image is reported, not dropped
    assert repr(result.images[0]).startswith("GeneratedImage(b64_json=<")
    assert result.images[0] == GeneratedImage(result.raw["data"][0]) and result.images[0] != result.images[1]


def test_generate_image_content_filter_is_typed() -> None:
    body = {
        "error": {
            "code": "contentFilter",
            "message": "Your task failed as a result of our safety system.",
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_results": {"violence": {"filtered": True, "severity": "high"}},
            },
        }
    }
    with pytest.raises(ContentFilterError) as info:
        client_for(Service(body, status=400)).generate_image("something violent")
    assert "violence" in info.value.filtered


def test_generate_image_needs_a_prompt() -> None:
    with pytest.raises(ConfigurationError, match="non-empty prompt"):
        client_for(Service(IMAGES)).generate_image("")


def test_a_list_body_is_a_typed_error() -> None:
    with pytest.raises(ResponseValidationError, match="not a JSON object"):
        client_for(Service([1, 2])).complete("a")


async def test_async_complete_and_generate_image() -> None:
    completions, images = Service(COMPLETION), Service(IMAGES)

    def route(request: httpx.Request) -> httpx.Response:
        return (images if request.url.path.endswith("/images/generations") else completions)(request)

    http = httpx.AsyncClient(transport=httpx.MockTransport(route))
    async with AsyncAzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="dep", http_client=http) as client:
        completion = await client.complete("joke", temperature=0.5)
        image = await client.generate_image("cat", style="natural")
    assert completions.last_json == {"prompt": "joke", "temperature": 0.5}
    assert images.last_json == {"prompt": "cat", "style": "natural"}
    assert completion.text.endswith("mango.") and image.url == IMAGES["data"][0]["url"]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.complete("a", prompt="b"), "prompt"),
        (lambda c: c.generate_image("a", prompt="b"), "prompt"),
        (lambda c: c.embed(["a"], input=["b"]), "input"),
        (lambda c: c.embed(["a"], input_=["b"]), "input_"),
        (lambda c: c.transcribe(b"RIFF", file=b"ID3"), "file"),
        (lambda c: c.translate(b"RIFF", file=b"ID3"), "file"),
    ],
)
def test_the_first_argument_given_again_as_a_keyword_is_refused(call: Any, field: str) -> None:
    service = Service(COMPLETION)
    with pytest.raises(ConfigurationError, match=rf"twice \(first argument and {field}=\); give it once"):
        call(client_for(service))
    assert service.requests == []  # before: the keyword silently replaced the argument


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.complete(max_tokens=5), "prompt"),
        (lambda c: c.generate_image(prompt=None), "prompt"),
        (lambda c: c.transcribe(language="en"), "file"),
        (lambda c: c.translate(), "file"),
    ],
)
def test_a_missing_first_argument_is_a_configuration_error(call: Any, field: str) -> None:
    service = Service(COMPLETION)
    with pytest.raises(ConfigurationError, match=f"needs the {field}: pass it as its first argument or as {field}="):
        call(client_for(service))  # before: a TypeError naming the private SyncOperations
    assert service.requests == []


def _accepted_class(operation: str, keyword: str, is_wanted: Callable[[type[Any]], bool]) -> Any:
    """The generated class a keyword accepts, found through the operation's RequestParams (names vary by version)."""
    hints = typing.get_type_hints(operation_module(operation).RequestParams)
    return next(t for t in typing.get_args(hints[keyword]) if isinstance(t, type) and is_wanted(t))


def test_generated_models_enums_and_tuples_in_keywords_are_sent_as_json() -> None:
    bias_model = _accepted_class("completions_create", "logit_bias", lambda t: hasattr(t, "from_dict"))
    image_quality = _accepted_class("image_generations_create", "quality", lambda t: issubclass(t, enum.Enum))

    service = Service(COMPLETION)
    bias = bias_model.from_dict({"50256": -100})
    client_for(service).complete("a", logit_bias=bias, stop=("\n", "."))  # the typed keywords accept a model
    assert service.last_json == {"prompt": "a", "logit_bias": {"50256": -100}, "stop": ["\n", "."]}
    images = Service(IMAGES)
    client_for(images).generate_image("cat", quality=image_quality("hd"))
    assert images.last_json == {"prompt": "cat", "quality": "hd"}
