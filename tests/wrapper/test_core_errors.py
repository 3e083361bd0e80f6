"""Typed errors: every status maps to its class with ids and body; non-JSON bodies never raise JSONDecodeError."""

from __future__ import annotations

import ast
import copy
import json
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncAzureOpenAI,
    AuthenticationError,
    AzureOpenAI,
    AzureOpenAIError,
    BadRequestError,
    ConfigurationError,
    ContentFilterError,
    DeploymentNotFoundError,
    IncompleteStreamError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
)
from azure_openai._errors import build_status_error, build_stream_error
from azure_openai._flow import Post

from .chat_loopback import LoopbackServer, sse, text_stream

pytestmark = pytest.mark.usefixtures("clean_env")

ENDPOINT = "https://res.openai.azure.com"

CONTENT_FILTER_400 = {
    "error": {
        "message": "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        "type": None,
        "param": "prompt",
        "code": "content_filter",
        "status": 400,
        "innererror": {
            "code": "ResponsibleAIPolicyViolation",
            "content_filter_result": {
                "hate": {"filtered": False, "severity": "safe"},
                "jailbreak": {"filtered": True, "detected": True},
                "self_harm": {"filtered": False, "severity": "safe"},
                "sexual": {"filtered": False, "severity": "safe"},
                "violence": {"filtered": True, "severity": "medium"},
            },
        },
    }
}

DEPLOYMENT_NOT_FOUND = {
    "error": {
        "code": "DeploymentNotFound",
        "message": "The API deployment for this resource does not exist. If you created the deployment within the "
        "last 5 minutes, please wait a moment and try again.",
    }
}


def client_answering(status: int, body: Any, headers: dict[str, str] | None = None) -> AzureOpenAI:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(body, (bytes, str)):
            return httpx.Response(status, content=body, headers={"content-type": "text/html", **(headers or {})})
        return httpx.Response(status, json=body, headers=headers)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="gpt-4o", http_client=http, max_retries=0)


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (400, {"error": {"code": "invalid_request", "message": "bad temperature"}}, BadRequestError),
        (400, CONTENT_FILTER_400, ContentFilterError),
        (
            401,
            {"error": {"code": "401", "message": "Access denied due to invalid subscription key."}},
            AuthenticationError,
        ),
        (403, {"error": {"code": "403", "message": "Forbidden"}}, PermissionDeniedError),
        (404, {"error": {"code": "404", "message": "Resource not found"}}, NotFoundError),
        (404, DEPLOYMENT_NOT_FOUND, DeploymentNotFoundError),
        (422, {"error": {"code": "unprocessable", "message": "nope"}}, APIStatusError),
        (429, {"error": {"code": "429", "message": "Rate limit is exceeded."}}, RateLimitError),
        (500, {"error": {"code": "server_error", "message": "oops"}}, InternalServerError),
        (503, {"error": {"code": "503", "message": "busy"}}, InternalServerError),
    ],
)
def test_status_maps_to_its_class(status: int, body: Any, cls: type[APIStatusError]) -> None:
    client = client_answering(status, body, {"apim-request-id": "apim-1"})
    with pytest.raises(cls) as info:
        client.chat("hi")
    error = info.value
    assert type(error) is cls
    assert isinstance(error, AzureOpenAIError)
    assert error.status_code == status
    assert error.body == body
    assert error.code == body["error"]["code"]
    assert error.error_message == body["error"]["message"]
    assert error.request_id == "apim-1"
    assert error.client_request_id is not None and len(error.client_request_id) == 36
    assert error.headers["apim-request-id"] == "apim-1"
    assert f"HTTP {status}" in str(error) and "apim-1" in str(error) and error.client_request_id in str(error)


def test_x_request_id_is_used_when_apim_request_id_is_absent() -> None:
    client = client_answering(400, {"error": {"code": "x", "message": "y"}}, {"x-request-id": "xr-7"})
    with pytest.raises(BadRequestError) as info:
        client.chat("hi")
    assert info.value.request_id == "xr-7"


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_html_page_gives_the_class_with_status_and_body_start(status: int) -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" + (
        "x" * 1000
    )
    client = client_answering(status, html)
    with pytest.raises(InternalServerError) as info:
        client.chat("hi")
    error = info.value
    assert not isinstance(error, json.JSONDecodeError)
    assert error.status_code == status
    assert error.body == html
    assert error.code is None
    assert f"HTTP {status}" in str(error)
    assert "<title>502 Bad Gateway</title>" in str(error)
    assert len(str(error)) < 600  # the start of the body, not all of it


def test_empty_body_is_named() -> None:
    client = client_answering(401, b"")
    with pytest.raises(AuthenticationError, match="empty body") as info:
        client.chat("hi")
    assert info.value.body == ""
    assert "check the api key (argument api_key=)" in str(info.value)  # where this client's key came from


def test_gateway_style_json_without_error_object() -> None:
    body = {"statusCode": 401, "message": "Access denied due to missing subscription key."}
    client = client_answering(401, body)
    with pytest.raises(AuthenticationError, match="missing subscription key"):
        client.chat("hi")


def test_content_filter_error_says_what_was_filtered() -> None:
    client = client_answering(400, CONTENT_FILTER_400)
    with pytest.raises(ContentFilterError) as info:
        client.chat("something bad")
    error = info.value
    assert isinstance(error, BadRequestError)
    assert error.prompt is not None
    assert error.prompt.filtered == ("jailbreak", "violence")
    assert error.prompt["violence"].severity == "medium"
    assert error.prompt["jailbreak"].detected is True
    assert error.completion is None
    assert error.filtered == {"jailbreak": None, "violence": "medium"}
    assert "filtered: prompt jailbreak (detected), prompt violence (medium)" in str(error)
    # The error keeps the verdicts as the service sent them; the typed views above are made from them.
    assert error.content_filter_results == {
        "prompt": CONTENT_FILTER_400["error"]["innererror"]["content_filter_result"]
    }


def test_a_content_filter_error_names_the_blocklist_that_blocked_it() -> None:
    """Blocklist hits come as a list; the error reads them as every result does, so it names them too."""
    body = copy.deepcopy(CONTENT_FILTER_400)
    verdicts = body["error"]["innererror"]["content_filter_result"]
    verdicts.update(jailbreak={"filtered": False, "detected": False}, violence={"filtered": False, "severity": "safe"})
    verdicts["custom_blocklists"] = [{"filtered": True, "id": "team-list"}]
    with pytest.raises(ContentFilterError) as info:
        client_answering(400, body).chat("something on the list")
    assert info.value.filtered == {"custom_blocklists": None}
    assert "filtered: prompt custom_blocklists (filtered)" in str(info.value)
    assert info.value.prompt is not None and info.value.prompt.filtered == ("custom_blocklists",)


def test_the_errors_module_is_a_leaf_of_the_import_graph() -> None:
    """Every module raises these errors, so they may import none of them (a cycle otherwise, issue 10)."""
    import azure_openai._errors as errors

    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module or "." if isinstance(node, ast.ImportFrom) else node.names[0].name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and (getattr(node, "level", 0) > 0 or "azure_openai" in (getattr(node, "module", None) or node.names[0].name))
    ]
    assert imported == []


def test_deployment_not_found_explains_deployment_versus_model() -> None:
    client = client_answering(404, DEPLOYMENT_NOT_FOUND)
    with pytest.raises(DeploymentNotFoundError) as info:
        client.chat("hi", deployment="gpt-4o-mini")
    message = str(info.value)
    assert "'gpt-4o-mini'" in message
    assert ENDPOINT in message
    assert "not the model name" in message
    assert isinstance(info.value, NotFoundError)


def test_rate_limit_error_carries_retry_after() -> None:
    client = client_answering(429, {"error": {"code": "429", "message": "slow"}}, {"retry-after": "7"})
    with pytest.raises(RateLimitError) as info:
        client.chat("hi")
    assert info.value.retry_after == 7.0
    assert "retry after 7 s" in str(info.value)


def test_connection_error_is_typed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="d", http_client=http, max_retries=0)
    with pytest.raises(APIConnectionError, match=r"could not reach https://res\.openai\.azure\.com") as info:
        client.chat("hi")
    assert not isinstance(info.value, APITimeoutError)
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_timeout_error_is_typed_and_a_connection_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="d", http_client=http, max_retries=0)
    with pytest.raises(APITimeoutError, match=r"ReadTimeout.*timeout="):
        client.chat("hi")


def test_the_tree() -> None:
    assert issubclass(ConfigurationError, AzureOpenAIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(ContentFilterError, BadRequestError)
    assert issubclass(DeploymentNotFoundError, NotFoundError)
    assert issubclass(IncompleteStreamError, AzureOpenAIError)
    for cls in (BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, RateLimitError):
        assert issubclass(cls, APIStatusError)
    assert issubclass(InternalServerError, APIStatusError)
    assert IncompleteStreamError("cut", partial="so far").partial == "so far"


def test_build_status_error_on_a_bare_response() -> None:
    error = build_status_error(httpx.Response(418, text="I'm a teapot"))
    assert type(error) is APIStatusError
    assert error.client_request_id is None
    assert "HTTP 418" in str(error) and "teapot" in str(error)


def test_stream_error_event_is_typed_with_the_partial_result() -> None:
    raw = {"error": {"code": "content_filter", "message": "filtered mid-stream", "innererror": {}}}
    error = build_stream_error(raw, response=None, partial="partial result")
    assert isinstance(error, ContentFilterError)
    assert error.partial == "partial result"
    assert "filtered mid-stream" in str(error)
    server = build_stream_error({"error": {"code": "server_error", "message": "x"}}, response=None)
    assert isinstance(server, InternalServerError)


async def test_async_errors_are_the_same_classes() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json=DEPLOYMENT_NOT_FOUND, headers={"apim-request-id": "a-1"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AsyncAzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="d", http_client=http, max_retries=0)
    with pytest.raises(DeploymentNotFoundError) as info:
        await client.chat("hi")
    assert info.value.request_id == "a-1"


def test_stream_raises_typed_errors_before_handing_over() -> None:
    client = client_answering(429, {"error": {"code": "429", "message": "later"}}, {"retry-after-ms": "1500"})
    with pytest.raises(RateLimitError) as info, client._stream(Post("chat/completions", {"messages": []})):
        pytest.fail("a 429 must not be handed over as a stream")
    assert info.value.retry_after == 1.5
    assert info.value.body["error"]["message"] == "later"


def test_a_2xx_html_page_is_a_typed_error_not_a_json_error() -> None:
    client = client_answering(200, "<html>captive portal</html>")
    with pytest.raises(ResponseValidationError, match=r"HTTP 200.*is not JSON: '<html>captive portal</html>'") as info:
        client.chat("hi")
    assert isinstance(info.value, AzureOpenAIError) and not isinstance(info.value, json.JSONDecodeError)
    assert info.value.body == "<html>captive portal</html>"


def _raise_rate_limit() -> None:
    client = client_answering(429, {"error": {"code": "429", "message": "slow"}}, {"retry-after": "7"})
    client.chat("hi")


def test_errors_cross_process_and_copy_with_what_the_service_sent(loop: LoopbackServer) -> None:
    """A pool worker's error reaches the parent (it broke the pool: keyword-only arguments); no secret travels."""
    with ProcessPoolExecutor(1) as pool, pytest.raises(RateLimitError, match="slow") as pooled:
        pool.submit(_raise_rate_limit).result(timeout=60)
    assert pooled.value.retry_after == 7.0 and pooled.value.body == {"error": {"code": "429", "message": "slow"}}

    secret = "sk-not-to-be-pickled"
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(400, json=CONTENT_FILTER_400)))
    client = AzureOpenAI(endpoint=ENDPOINT, api_key=secret, deployment="d", http_client=http, max_retries=0)
    with pytest.raises(ContentFilterError) as filtered:
        client.chat("hi")
    loop.stream([*text_stream("Hel", "lo", done=False)[:-1], sse({"error": {"code": "server_error", "message": "x"}})])
    streaming = AzureOpenAI(endpoint=loop.endpoint, api_key=secret, deployment="gpt", max_retries=0)
    with streaming, pytest.raises(InternalServerError) as mid_stream:
        streaming.chat_stream("x").final()
    validation = ResponseValidationError.of("chat", "is not JSON", "<html>")
    for error in (filtered.value, mid_stream.value, validation, IncompleteStreamError("cut", partial="so far")):
        data = pickle.dumps(error)
        assert secret.encode() not in data
        for again in (pickle.loads(data), copy.copy(error), copy.deepcopy(error)):
            assert (type(again), str(again), again.args) == (type(error), str(error), error.args)
            assert again.__dict__.keys() == error.__dict__.keys()
    again = pickle.loads(pickle.dumps(filtered.value))
    assert again.content_filter_results == filtered.value.content_filter_results and again.status_code == 400
    assert again.prompt is not None and again.prompt.filtered == ("jailbreak", "violence")
    assert (again.request_id, again.client_request_id) == (filtered.value.request_id, filtered.value.client_request_id)
    assert pickle.loads(pickle.dumps(mid_stream.value)).partial.text == "Hello"


@pytest.mark.parametrize(
    ("error", "filtered"),
    [
        ({"code": "contentFilter", "message": "Your task failed as a result of our safety system."}, {}),  # Learn
        (  # the spec's dalleErrorResponse; the emulator sends it too
            {
                "code": "content_policy_violation",
                "message": "Your request was rejected as a result of our safety system.",
                "inner_error": {
                    "code": "ResponsibleAIPolicyViolation",
                    "revised_prompt": "A quiet harbour at dawn",
                    "content_filter_results": {"violence": {"filtered": True, "severity": "high"}},
                },
            },
            {"violence": "high"},
        ),
    ],
)
def test_an_image_refused_by_the_content_filter_is_a_content_filter_error(
    error: dict[str, Any], filtered: dict[str, str]
) -> None:
    """DALL-E's refusals (other codes, ``inner_error``, its verdicts on the prompt) were plain BadRequestErrors."""
    with pytest.raises(ContentFilterError) as info:
        client_answering(400, {"created": 1698435368, "error": error}).generate_image("a harbour")
    assert info.value.filtered == filtered and info.value.completion is None
    assert info.value.prompt is not None if filtered else info.value.prompt is None
    revised = error.get("inner_error", {}).get("revised_prompt")
    assert info.value.revised_prompt == revised and info.value.code == error["code"]
    assert str(info.value).startswith(f"HTTP 400 {error['code']}: {error['message']}")
    assert ("filtered: prompt violence (high)" in str(info.value)) is bool(filtered)


def test_an_argument_the_api_version_does_not_take_is_named_with_the_fix() -> None:
    """The service's 400 has no code, only a message: the error names the request's api-version and the fix."""
    unrecognized = {"message": "", "type": "invalid_request_error", "param": None, "code": None}
    client = client_answering(400, {"error": {**unrecognized, "message": "Unrecognized request argument supplied: x"}})
    with pytest.raises(BadRequestError) as info:
        client.chat("hi", api_version="2023-05-15")
    assert type(info.value) is BadRequestError and info.value.code is None
    assert str(info.value).startswith(
        "HTTP 400: Unrecognized request argument supplied: x; api-version 2023-05-15 does not take 'x': use a newer "
        "api_version= (or leave the argument out) (client request id"
    )
    several = {"error": {**unrecognized, "message": "Unrecognized request arguments supplied: a, b."}}
    assert "; this api-version does not take 'a', 'b': use a newer" in str(
        build_status_error(httpx.Response(400, json=several))
    )
