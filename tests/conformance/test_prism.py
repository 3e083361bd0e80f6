"""Our requests judged by Prism against the published spec: the generated client, then the wrapper.

Every request body below goes through the generated operation (``Model.from_dict`` -> ``sync_detailed``), then
through the wrapper (``azure_openai.AzureOpenAI``) and ``client.rest``; each test checks that the client sent
exactly that JSON, that Prism found nothing wrong with the request (credentials included), and that Prism's
answer (its static example, or data generated from the schema with ``Prefer: dynamic=true``) parses back into
the operation's model and serialises to the very JSON received.
"""

from __future__ import annotations

import io
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from types import ModuleType
from typing import Any

import azure_openai
import azure_openai_rest
import httpx
import pytest
from azure_openai_rest.api.default import (
    chat_completions_create,
    completions_create,
    embeddings_create,
    image_generations_create,
    transcriptions_create,
    translations_create,
)
from azure_openai_rest.types import File

pytestmark = pytest.mark.slow  # starts Prism (Node.js) and sends every operation through it

API_VERSION = "2024-02-01"

# Violations Prism reports about *its own answers*, because the published 2024-02-01 spec contradicts itself.
# They say nothing about our client; any other response violation fails the tests.
KNOWN_SPEC_RESPONSE_VIOLATIONS: dict[str, set[tuple[str, str]]] = {
    # usage.*_tokens are `type: number, format: int32`; Prism's generator makes non-integral numbers for them.
    "completions_create": {
        ("usage.completion_tokens", "format"),
        ("usage.prompt_tokens", "format"),
        ("usage.total_tokens", "format"),
    },
    # generateImagesResponse.created is `type: integer` with `example: "1676540381"` (a string); static answers
    # use the example.
    "image_generations_create": {("created", "type")},
    # The 200 JSON schema is `oneOf: [audioResponse, audioVerboseResponse]` and the second extends the first, so
    # every JSON body matches both and can never match "exactly one".
    "transcriptions_create": {("", "oneOf")},
    "translations_create": {("", "oneOf")},
}

SEARCH = {
    "type": "azure_search",
    "parameters": {
        "endpoint": "https://search.example.net",
        "index_name": "products",
        "authentication": {"type": "api_key", "key": "search-key"},
        "top_n_documents": 5,
        "in_scope": True,
        "strictness": 3,
        "role_information": "You answer about products.",
        "query_type": "simple",
    },
}
SEARCH_VECTOR = {
    "type": "azure_search",
    "parameters": {
        "endpoint": "https://search.example.net",
        "index_name": "products",
        "authentication": {
            "type": "user_assigned_managed_identity",
            "managed_identity_resource_id": "/subscriptions/0/resourceGroups/g/providers/x/identities/id",
        },
        "query_type": "vector_semantic_hybrid",
        "semantic_configuration": "default",
        "filter": "category eq 'a'",
        "fields_mapping": {
            "content_fields": ["content"],
            "vector_fields": ["contentVector"],
            "title_field": "title",
            "url_field": "url",
            "filepath_field": "path",
            "content_fields_separator": "\n",
        },
        "embedding_dependency": {"type": "deployment_name", "deployment_name": "ada"},
    },
}
SEARCH_MANAGED_IDENTITY = {
    "type": "azure_search",
    "parameters": {
        "endpoint": "https://search.example.net",
        "index_name": "products",
        "authentication": {"type": "system_assigned_managed_identity"},
        "embedding_dependency": {
            "type": "endpoint",
            "endpoint": "https://aoai.example.net/openai/deployments/ada/embeddings",
            "authentication": {"type": "api_key", "key": "embedding-key"},
        },
        "query_type": "vector",
    },
}
COSMOS = {
    "type": "azure_cosmos_db",
    "parameters": {
        "authentication": {"type": "connection_string", "connection_string": "mongodb+srv://u:p@cluster/"},
        "database_name": "db",
        "container_name": "items",
        "index_name": "vector-index",
        "embedding_dependency": {"type": "deployment_name", "deployment_name": "ada"},
        "fields_mapping": {"content_fields": ["text"], "vector_fields": ["embedding"]},
    },
}
WEATHER_PARAMETERS = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
    "required": ["city"],
}
TOOL_CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'}}

CHAT_CASES: dict[str, dict[str, Any]] = {
    "plain": {"messages": [{"role": "user", "content": "Hello"}]},
    "parameters": {
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Hello"},
            {"role": "assistant", "content": "Hi."},
            {"role": "user", "content": "Answer in JSON."},
        ],
        "temperature": 0.5,
        "top_p": 0.9,
        "max_tokens": 50,
        "n": 1,
        "stop": ["\n\n"],
        "presence_penalty": 0.1,
        "frequency_penalty": -0.2,
        "logit_bias": {"50256": -100},
        "user": "user-1",
        "seed": 42,
        "response_format": {"type": "json_object"},
    },
    "stop_string": {"messages": [{"role": "user", "content": "Count"}], "stop": "5", "max_tokens": 10},
    "stream_flag": {"messages": [{"role": "user", "content": "Hello"}], "stream": True},
    "tools": {
        "messages": [
            {"role": "user", "content": "Weather in Oslo?"},
            {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
            {"role": "tool", "tool_call_id": "call_1", "content": '{"temperature": 3}'},
        ],
        "tools": [
            {
                "type": "function",
                "function": {"name": "get_weather", "description": "Weather now", "parameters": WEATHER_PARAMETERS},
            }
        ],
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    },
    "tool_choice_auto": {
        "messages": [{"role": "user", "content": "Weather in Oslo?"}],
        "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_PARAMETERS}}],
        "tool_choice": "auto",
    },
    "functions": {
        "messages": [
            {"role": "user", "content": "Weather in Oslo?"},
            {
                "role": "assistant",
                "content": None,
                "function_call": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
            },
            {"role": "function", "name": "get_weather", "content": '{"temperature": 3}'},
        ],
        "functions": [{"name": "get_weather", "description": "Weather now", "parameters": WEATHER_PARAMETERS}],
        "function_call": {"name": "get_weather"},
    },
    "function_call_none": {
        "messages": [{"role": "user", "content": "Hi"}],
        "functions": [{"name": "get_weather", "parameters": WEATHER_PARAMETERS}],
        "function_call": "none",
    },
    # Image parts in the service's shape, {"type": "image_url", "image_url": {"url", "detail"}} (what the official
    # SDK sends); the 2024-02-01 spec writes url/detail at the part's top level, and Prism does not check content
    # part subtypes (it ignores discriminator mappings), so only the part's "type" is judged here.
    "image_parts": {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in these images?"},
                    {"type": "image_url", "image_url": {"url": "https://example.net/cat.png", "detail": "high"}},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}},
                ],
            }
        ],
        "max_tokens": 100,
    },
    "data_sources_search": {"messages": [{"role": "user", "content": "Which product?"}], "data_sources": [SEARCH]},
    "data_sources_search_vector": {
        "messages": [
            {"role": "user", "content": "Which product?"},
            {"role": "assistant", "content": "The blue one.", "context": {"intent": '["blue product"]'}},
            {"role": "user", "content": "Why?"},
        ],
        "data_sources": [SEARCH_VECTOR],
    },
    "data_sources_search_managed_identity": {
        "messages": [{"role": "user", "content": "Which product?"}],
        "data_sources": [SEARCH_MANAGED_IDENTITY],
    },
    "data_sources_cosmos_db": {"messages": [{"role": "user", "content": "Which item?"}], "data_sources": [COSMOS]},
}
COMPLETIONS_CASES: dict[str, dict[str, Any]] = {
    "plain": {"prompt": "Once upon a time"},
    "parameters": {
        "prompt": ["Once upon a time", "In a galaxy"],
        "max_tokens": 20,
        "temperature": 0.7,
        "top_p": 0.9,
        "logit_bias": {"50256": -100},
        "user": "user-1",
        "n": 2,
        "logprobs": 2,
        "suffix": "The end.",
        "echo": False,
        "stop": ["\n"],
        "presence_penalty": 0.5,
        "frequency_penalty": 0.5,
        "best_of": 2,
    },
}
EMBEDDINGS_CASES: dict[str, dict[str, Any]] = {
    "plain": {"input": "The food was delicious."},
    "batch": {"input": ["first", "second"], "user": "user-1", "input_type": "query"},
}
IMAGES_CASES: dict[str, dict[str, Any]] = {
    "plain": {"prompt": "A lighthouse at dawn"},
    "parameters": {
        "prompt": "A lighthouse at dawn",
        "n": 1,
        "size": "1792x1024",
        "quality": "hd",
        "style": "natural",
        "response_format": "b64_json",
        "user": "user-1",
    },
}
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00"
AUDIO_CASES: dict[str, dict[str, Any]] = {
    "plain": {},
    # language is a transcription field only; translations always answer in English.
    "json": {"prompt": "A talk about owls.", "response_format": "json", "temperature": 0.2, "language": "en"},
    "verbose_json": {"response_format": "verbose_json"},
    "text": {"response_format": "text"},
}

JSON_OPERATIONS: list[tuple[ModuleType, dict[str, dict[str, Any]]]] = [
    (chat_completions_create, CHAT_CASES),
    (completions_create, COMPLETIONS_CASES),
    (embeddings_create, EMBEDDINGS_CASES),
    (image_generations_create, IMAGES_CASES),
]
AUDIO_OPERATIONS = [transcriptions_create, translations_create]
MODES = {"static": {}, "dynamic": {"Prefer": "dynamic=true"}}


def op_name(operation: ModuleType) -> str:
    return operation.__name__.rsplit(".", 1)[-1]


def body_type(operation: ModuleType) -> Any:
    """The request model of an operation, read from its signature so that model renames do not matter."""
    return typing.get_type_hints(operation.sync_detailed)["body"]


def violations(response: httpx.Response | azure_openai_rest.types.Response[Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(response.headers.get("sl-violations", "[]"))
    return found


def rejection_locations(response: httpx.Response) -> list[list[str]]:
    """Where Prism found a request wrong: in ``sl-violations`` when the spec documents an error response, else in
    the ``validation`` list of its own problem document (locations there lack the leading "request")."""
    locations = [v["location"] for v in violations(response)]
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        locations += [["request", *v["location"]] for v in response.json().get("validation", [])]
    return locations


def assert_prism_accepts(operation: str, status: int, found: list[dict[str, Any]], body: bytes) -> None:
    """The request had no violation, and the response none but the spec's own known contradictions."""
    request_side = [v for v in found if v["location"][0] == "request"]
    assert request_side == [], f"Prism rejected the request ({status}): {request_side}"
    known = KNOWN_SPEC_RESPONSE_VIOLATIONS.get(operation, set())
    unexpected = [v for v in found if (".".join(map(str, v["location"][2:])), v["code"]) not in known]
    assert unexpected == [], f"Prism found the response invalid: {unexpected}"
    assert status == 200, body[:500]


def assert_round_trips(parsed: Any, content: bytes) -> None:
    """The parsed model holds everything received: serialising it gives back the JSON Prism sent."""
    assert parsed is not None, content[:500]
    received = json.loads(content)
    assert parsed.to_dict() == received
    assert type(parsed).from_dict(parsed.to_dict()).to_dict() == received


def audio_fields(case: str, *, translation: bool) -> dict[str, Any]:
    return {k: v for k, v in AUDIO_CASES[case].items() if not (translation and k == "language")}


def assert_audio_form(request: httpx.Request, fields: dict[str, Any]) -> None:
    """A multipart form holding exactly the file (name and bytes) and each field as text."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content
    )
    form = {
        part.get_param("name", header="content-disposition"): (part.get_filename(), part.get_payload(decode=True))
        for part in message.iter_parts()
    }
    assert form == {"file": ("hello.wav", WAV), **{name: (None, str(value).encode()) for name, value in fields.items()}}


def generated_client(prism: Any, headers: dict[str, str], sent: list[httpx.Request]) -> azure_openai_rest.Client:
    def keep(request: httpx.Request) -> None:
        request.read()
        sent.append(request)

    hooks: dict[str, list[Callable[[httpx.Request], None]]] = {"request": [keep]}
    return azure_openai_rest.Client(
        base_url=prism.base_url,
        headers={"api-key": prism.api_key, **headers},
        httpx_args={"event_hooks": hooks},
    )


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(
    ("operation", "case"),
    [
        pytest.param(operation, name, id=f"{op_name(operation)}-{name}")
        for operation, cases in JSON_OPERATIONS
        for name in cases
    ],
)
def test_json_operation_conforms(prism: Any, operation: ModuleType, case: str, mode: str) -> None:
    payload = dict(JSON_OPERATIONS)[operation][case]
    sent: list[httpx.Request] = []
    with generated_client(prism, MODES[mode], sent) as client:
        response = operation.sync_detailed(
            "my-deployment", client=client, body=body_type(operation).from_dict(payload), api_version=API_VERSION
        )

    (request,) = sent
    assert request.url.path.startswith("/openai/deployments/my-deployment/")
    assert request.url.params["api-version"] == API_VERSION
    assert json.loads(request.content) == payload, "the generated model changed the request body"
    assert_prism_accepts(op_name(operation), response.status_code, violations(response), response.content)
    assert_round_trips(response.parsed, response.content)


@pytest.mark.parametrize("operation", [op for op, _ in JSON_OPERATIONS], ids=op_name)
async def test_json_operation_conforms_async(prism: Any, operation: ModuleType) -> None:
    """The generated ``asyncio_detailed`` functions take their own code path (the async httpx client)."""
    payload = next(iter(dict(JSON_OPERATIONS)[operation].values()))
    sent: list[httpx.Request] = []

    async def keep(request: httpx.Request) -> None:
        await request.aread()
        sent.append(request)

    client = azure_openai_rest.Client(
        base_url=prism.base_url,
        headers={"api-key": prism.api_key, **MODES["dynamic"]},
        httpx_args={"event_hooks": {"request": [keep]}},
    )
    async with client:
        response = await operation.asyncio_detailed(
            "my-deployment", client=client, body=body_type(operation).from_dict(payload), api_version=API_VERSION
        )

    (request,) = sent
    assert json.loads(request.content) == payload
    assert_prism_accepts(op_name(operation), response.status_code, violations(response), response.content)
    assert_round_trips(response.parsed, response.content)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", list(AUDIO_CASES))
@pytest.mark.parametrize("operation", AUDIO_OPERATIONS, ids=op_name)
def test_audio_operation_conforms(prism: Any, operation: ModuleType, case: str, mode: str) -> None:
    fields = audio_fields(case, translation=operation is translations_create)
    body = body_type(operation).from_dict({**fields, "file": WAV})
    body.file = File(payload=io.BytesIO(WAV), file_name="hello.wav", mime_type="audio/wav")
    text_format = fields.get("response_format") == "text"
    # The service picks text/plain from response_format; Prism picks the media type from Accept.
    headers = {**MODES[mode], **({"Accept": "text/plain"} if text_format else {})}
    sent: list[httpx.Request] = []
    with generated_client(prism, headers, sent) as client:
        response = operation.sync_detailed("whisper", client=client, body=body, api_version=API_VERSION)

    (request,) = sent
    assert_audio_form(request, fields)
    assert_prism_accepts(op_name(operation), response.status_code, violations(response), response.content)
    if text_format:
        assert isinstance(response.parsed, str)
        assert response.parsed == response.content.decode()
    else:
        assert_round_trips(response.parsed, response.content)


USER = {"role": "user", "content": "hi"}
SEARCH_PARAMETERS = SEARCH["parameters"]
#: Requests that break the spec, by operation: (body, where Prism must find the fault, below request.body).
INVALID_BODIES: dict[str, tuple[str, dict[str, Any], list[str]]] = {
    "bad-role": ("chat/completions", {"messages": [{"role": "robot", "content": "hi"}]}, ["messages", "0"]),
    "no-messages": ("chat/completions", {"messages": []}, ["messages"]),
    "temperature-out-of-range": ("chat/completions", {"messages": [USER], "temperature": 3}, ["temperature"]),
    "bad-tool-choice": ("chat/completions", {"messages": [USER], "tool_choice": "always"}, ["tool_choice"]),
    "tool-without-function": ("chat/completions", {"messages": [USER], "tools": [{"type": "function"}]}, ["tools"]),
    # Field by field checks of the subtype a discriminator names (see enforce_discriminators in conftest.py):
    "system-message-without-content": ("chat/completions", {"messages": [{"role": "system"}]}, ["messages", "0"]),
    "tool-message-without-tool-call-id": (
        "chat/completions",
        {"messages": [USER, {"role": "tool", "content": "3"}]},
        ["messages", "1"],
    ),
    "function-message-without-name": (
        "chat/completions",
        {"messages": [USER, {"role": "function", "content": "3"}]},
        ["messages", "1"],
    ),
    "text-part-without-text": (
        "chat/completions",
        {"messages": [{"role": "user", "content": [{"type": "text"}]}]},
        ["messages", "0"],
    ),
    "image-part-url-not-nested": (
        "chat/completions",
        {"messages": [{"role": "user", "content": [{"type": "image_url", "url": "https://example.net/a.png"}]}]},
        ["messages", "0"],
    ),
    "search-without-index-name": (
        "chat/completions",
        {
            "messages": [USER],
            "data_sources": [
                {
                    "type": "azure_search",
                    "parameters": {k: v for k, v in SEARCH_PARAMETERS.items() if k != "index_name"},
                }
            ],
        },
        ["data_sources", "0"],
    ),
    "search-api-key-without-key": (
        "chat/completions",
        {
            "messages": [USER],
            "data_sources": [
                {"type": "azure_search", "parameters": {**SEARCH_PARAMETERS, "authentication": {"type": "api_key"}}}
            ],
        },
        ["data_sources", "0"],
    ),
    "unknown-data-source": (
        "chat/completions",
        {"messages": [USER], "data_sources": [{"type": "web"}]},
        ["data_sources"],
    ),
    "completion-max-tokens-not-integer": ("completions", {"prompt": "hi", "max_tokens": "many"}, ["max_tokens"]),
    "embeddings-without-input": ("embeddings", {"user": "u"}, []),
    "bad-image-size": ("images/generations", {"prompt": "x", "size": "3x3"}, ["size"]),
}


@pytest.mark.parametrize("case", list(INVALID_BODIES))
def test_prism_rejects_invalid_requests(prism: Any, case: str) -> None:
    """The judge judges: requests that break the spec are refused, so the passes above mean something.

    This also guards against a quiet failure of Prism: when its validator cannot compile an operation's schema it
    accepts every request of that operation."""
    operation, body, where = INVALID_BODIES[case]
    response = httpx.post(
        f"{prism.endpoint}/openai/deployments/d/{operation}",
        params={"api-version": API_VERSION},
        headers={"api-key": prism.api_key},
        json=body,
    )
    assert response.status_code == 422, response.text[:300]
    prefix = ["request", "body", *where]
    locations = rejection_locations(response)
    assert any(location[: len(prefix)] == prefix for location in locations), locations


def test_prism_requires_api_version_and_credentials(prism: Any) -> None:
    url = f"{prism.endpoint}/openai/deployments/d/embeddings"
    no_version = httpx.post(url, headers={"api-key": prism.api_key}, json={"input": "hi"})
    assert no_version.status_code == 422
    assert ["request", "query"] in rejection_locations(no_version)
    no_key = httpx.post(url, params={"api-version": API_VERSION}, json={"input": "hi"})
    assert no_key.status_code == 401


@pytest.mark.parametrize("operation", ["transcriptions", "translations"])
def test_prism_rejects_audio_without_file(prism: Any, operation: str) -> None:
    response = httpx.post(
        f"{prism.endpoint}/openai/deployments/whisper/audio/{operation}",
        params={"api-version": API_VERSION},
        headers={"api-key": prism.api_key},
        files={"response_format": (None, b"json")},
    )
    assert response.status_code == 422
    assert ["request", "body"] in rejection_locations(response)  # "must have required property 'file'"


# --------------------------------------------------------------------------------------------------------------
# The wrapper: azure_openai.AzureOpenAI / AsyncAzureOpenAI, and generated operations through client.rest
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Exchange:
    """The last request the wrapper sent and the response it got, seen from httpx's event hooks (the wrapper
    redacts the key on the request it hands back, and a refused answer hands back no response at all)."""

    request: httpx.Request | None = None
    response: httpx.Response | None = None
    api_key_sent: str | None = None  # read when sent: the wrapper redacts it on the request object afterwards

    def sending(self, request: httpx.Request) -> None:
        self.request = request

    def record_key(self, client: Any) -> None:
        """Read the key where the request leaves the wrapper's retry transport, which puts it on after httpx's
        event hooks ran (per attempt, only for the endpoint's origin)."""
        inner = client.http_client._transport.inner
        name = "handle_request" if isinstance(inner, httpx.BaseTransport) else "handle_async_request"
        send = getattr(inner, name)

        def recording(request: httpx.Request) -> Any:
            self.api_key_sent = request.headers.get("api-key")
            return send(request)

        setattr(inner, name, recording)

    def check(self, operation: str, prism: Any) -> None:
        assert self.request is not None and self.response is not None
        assert self.request.url.params["api-version"] == API_VERSION
        assert self.api_key_sent == prism.api_key
        response = self.response
        assert_prism_accepts(operation, response.status_code, violations(response), response.content)

    def sent_json(self) -> Any:
        assert self.request is not None
        return json.loads(self.request.content)


def wrapper_client(prism: Any, mode: str, exchange: Exchange, **headers: str) -> azure_openai.AzureOpenAI:
    client = azure_openai.AzureOpenAI(
        endpoint=prism.endpoint,
        api_key=prism.api_key,
        deployment="my-deployment",
        api_version=API_VERSION,
        max_retries=0,
        default_headers={**MODES[mode], **headers},
    )

    def on_request(request: httpx.Request) -> None:
        request.read()
        exchange.sending(request)

    def on_response(response: httpx.Response) -> None:
        response.read()
        exchange.response = response

    client.http_client.event_hooks = {"request": [on_request], "response": [on_response]}
    exchange.record_key(client)
    return client


# chat() sends a whole conversation and does not stream; stream=True is the streaming helper's business.
WRAPPER_CHAT_CASES = [name for name, payload in CHAT_CASES.items() if not payload.get("stream")]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", WRAPPER_CHAT_CASES)
def test_wrapper_chat_conforms(prism: Any, case: str, mode: str) -> None:
    payload = CHAT_CASES[case]
    params = {k: v for k, v in payload.items() if k != "messages"}
    exchange = Exchange()
    with wrapper_client(prism, mode, exchange) as client:
        result = client.chat(payload["messages"], **params)

    assert exchange.sent_json() == payload
    exchange.check("chat_completions_create", prism)
    assert result.raw == json.loads(exchange.response.content)  # type: ignore[union-attr]
    assert result.completion.to_dict() == result.raw
    choices = result.raw["choices"]
    assert result.text == (choices[0]["message"].get("content") if choices else None)
    assert (result.usage is None) == ("usage" not in result.raw)
    assert result.content_filter is not None


async def test_async_wrapper_chat_conforms(prism: Any) -> None:
    payload = CHAT_CASES["tools"]
    exchange = Exchange()

    async def on_request(request: httpx.Request) -> None:
        await request.aread()
        exchange.sending(request)

    async def on_response(response: httpx.Response) -> None:
        await response.aread()
        exchange.response = response

    async with azure_openai.AsyncAzureOpenAI(
        endpoint=prism.endpoint, api_key=prism.api_key, deployment="my-deployment", max_retries=0
    ) as client:
        client.http_client.event_hooks = {"request": [on_request], "response": [on_response]}
        exchange.record_key(client)
        result = await client.chat(payload["messages"], tools=payload["tools"], tool_choice=payload["tool_choice"])

    assert exchange.sent_json() == payload
    exchange.check("chat_completions_create", prism)
    assert result.completion.to_dict() == result.raw


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", list(COMPLETIONS_CASES))
def test_wrapper_complete_conforms(prism: Any, case: str, mode: str) -> None:
    payload = COMPLETIONS_CASES[case]
    params = {k: v for k, v in payload.items() if k != "prompt"}
    exchange = Exchange()
    with wrapper_client(prism, mode, exchange) as client:
        result = client.complete(payload["prompt"], **params)

    assert exchange.sent_json() == payload
    exchange.check("completions_create", prism)
    assert result.parsed.to_dict() == result.raw == json.loads(exchange.response.content)  # type: ignore[union-attr]
    by_index = sorted(result.raw.get("choices") or [], key=lambda choice: choice.get("index") or 0)
    assert result.texts == [choice.get("text") or "" for choice in by_index]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", list(EMBEDDINGS_CASES))
def test_wrapper_embed_conforms(prism: Any, case: str, mode: str) -> None:
    payload = EMBEDDINGS_CASES[case]
    params = {k: v for k, v in payload.items() if k != "input"}
    texts = [payload["input"]] if isinstance(payload["input"], str) else payload["input"]
    exchange = Exchange()
    with wrapper_client(prism, mode, exchange) as client:
        try:
            result = client.embed(payload["input"], **params)
        except azure_openai.AzureOpenAIError as exc:
            refused: Exception | None = exc
        else:
            refused = None

    # A single text goes out as a one-item list: one request shape for any number of texts; vectors are asked
    # for as base64 (the body allows additional properties; Prism answers floats, which embed() reads too).
    assert exchange.sent_json() == {**payload, "input": texts, "encoding_format": "base64"}
    exchange.check("embeddings_create", prism)
    raw = json.loads(exchange.response.content)  # type: ignore[union-attr]
    indexes = sorted(item.get("index") for item in raw["data"])
    if indexes != list(range(len(texts))):
        # Prism's examples and generated data carry as many vectors, with such indexes, as they happen to: embed()
        # must refuse an answer whose vectors do not match the inputs one to one rather than misorder them.
        assert refused is not None and "embeddings" in str(refused)
        return
    assert refused is None, refused
    (response,) = result.responses
    assert response.parsed.to_dict() == response.raw == raw
    by_index = {item["index"]: item["embedding"] for item in raw["data"]}
    assert list(result) == [by_index[i] for i in range(len(texts))]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", list(IMAGES_CASES))
def test_wrapper_generate_image_conforms(prism: Any, case: str, mode: str) -> None:
    payload = IMAGES_CASES[case]
    params = {k: v for k, v in payload.items() if k != "prompt"}
    exchange = Exchange()
    with wrapper_client(prism, mode, exchange) as client:
        result = client.generate_image(payload["prompt"], **params)

    assert exchange.sent_json() == payload
    exchange.check("image_generations_create", prism)
    assert result.parsed.to_dict() == result.raw == json.loads(exchange.response.content)  # type: ignore[union-attr]
    assert [image.url for image in result.images] == [item.get("url") for item in result.raw["data"]]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", list(AUDIO_CASES))
@pytest.mark.parametrize("method", ["transcribe", "translate"])
def test_wrapper_audio_conforms(prism: Any, method: str, case: str, mode: str) -> None:
    fields = audio_fields(case, translation=method == "translate")
    text_format = fields.get("response_format") == "text"
    # The service picks text/plain from response_format; Prism picks the media type from Accept.
    headers = {"Accept": "text/plain"} if text_format else {}
    exchange = Exchange()
    with wrapper_client(prism, mode, exchange, **headers) as client:
        result = getattr(client, method)(WAV, filename="hello.wav", **fields)

    assert exchange.request is not None
    assert_audio_form(exchange.request, fields)
    exchange.check("transcriptions_create" if method == "transcribe" else "translations_create", prism)
    body = exchange.response.content  # type: ignore[union-attr]
    if text_format:
        assert result.raw == result.text == body.decode()
    else:
        assert result.raw == json.loads(body)
        assert result.parsed.to_dict() == result.raw
        assert result.text == result.raw["text"]
        assert len(result.segments) == len(result.raw.get("segments", []))


@pytest.mark.parametrize("operation", [op for op, _ in JSON_OPERATIONS], ids=op_name)
def test_generated_operation_through_wrapper_rest(prism: Any, operation: ModuleType) -> None:
    """``client.rest`` is the generated client with the wrapper's base URL, auth and policy."""
    payload = next(iter(dict(JSON_OPERATIONS)[operation].values()))
    exchange = Exchange()
    with wrapper_client(prism, "dynamic", exchange) as client:
        response = operation.sync_detailed(
            "my-deployment", client=client.rest, body=body_type(operation).from_dict(payload), api_version=API_VERSION
        )
    assert exchange.sent_json() == payload
    exchange.check(op_name(operation), prism)
    assert_round_trips(response.parsed, response.content)
