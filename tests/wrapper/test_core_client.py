"""chat() and its result, client.rest and http_client= sharing the policy, the transport methods, User-Agent."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import azure_openai
import httpx
import pytest
from azure_openai import (
    DEFAULT_TIMEOUT,
    APITimeoutError,
    AsyncAzureOpenAI,
    AzureOpenAI,
    ChatResult,
    ClientClosedError,
    ConfigurationError,
    InternalServerError,
    RateLimit,
    ResponseValidationError,
    Usage,
)
from azure_openai._adapter import operation_module, response_model
from azure_openai._flow import Flow, Post
from azure_openai_rest.api.default import chat_completions_create
from spec_files import OPERATIONS

from .conftest import chat_request

pytestmark = pytest.mark.usefixtures("clean_env")

REPO = Path(__file__).resolve().parents[2]


def client_for(server: Any, **kwargs: Any) -> AzureOpenAI:
    options: dict[str, Any] = {"api_key": "k", "deployment": "dep", "retry_backoff": 0.001, **kwargs}
    return AzureOpenAI(endpoint=server.endpoint, **options)


def test_chat_result_views(server: Any, reply: Any, chat_body: Any) -> None:
    server.replies = [
        reply(
            body=chat_body("Hi there"),
            headers={
                "apim-request-id": "apim-42",
                "x-ratelimit-remaining-requests": "99",
                "x-ratelimit-remaining-tokens": "12345",
            },
        )
    ]
    result = client_for(server).chat("Hello", system="Be brief.", temperature=0.2, max_tokens=5)
    sent = server.seen[0].json()
    assert sent == {
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello"}],
        "temperature": 0.2,
        "max_tokens": 5,
    }
    assert result.text == "Hi there"
    assert result.finish_reason == "stop"
    assert result.usage == Usage(prompt_tokens=9, completion_tokens=3, total_tokens=12)
    assert result.request_id == "apim-42"
    assert result.client_request_id == server.seen[0].headers["x-ms-client-request-id"]
    assert result.rate_limit == RateLimit(remaining_requests=99, remaining_tokens=12345)
    assert result.response is not None and result.response.status_code == 200
    assert result.raw == chat_body("Hi there")
    assert repr(result) == "ChatResult(text='Hi there', finish_reason='stop')"


def test_content_filter_results_are_typed(server: Any) -> None:
    result = client_for(server).chat("Hello")
    cf = result.content_filter
    assert cf.prompt is not None and cf.completion is not None
    assert set(cf.prompt) == {"hate", "self_harm", "sexual", "violence", "jailbreak"}
    assert cf.prompt["jailbreak"].detected is False
    assert cf.completion["violence"].severity == "low"
    assert cf.completion.filtered == ()
    assert cf.filtered is False


def test_filtered_completion_is_reported(server: Any, reply: Any, chat_body: Any) -> None:
    body = chat_body("", finish_reason="content_filter")
    body["choices"][0]["content_filter_results"]["violence"] = {"filtered": True, "severity": "high"}
    server.replies = [reply(body=body)]
    result = client_for(server).chat("Hello")
    assert result.finish_reason == "content_filter"
    assert result.content_filter.filtered is True
    assert result.content_filter.completion is not None
    assert result.content_filter.completion.filtered == ("violence",)


def test_completion_and_message_are_generated_models_built_once_at_the_call(server: Any) -> None:
    result = client_for(server).chat("Hello")
    completion = result.completion
    assert isinstance(completion, response_model("chat_completions_create"))
    assert result.completion is completion and result.parsed is completion  # built once
    assert result.message.content == "Hello!"
    assert completion.to_dict()["choices"][0]["message"]["content"] == "Hello!"


def test_messages_may_be_dicts_or_typed_models(server: Any) -> None:
    typed = chat_request({"messages": [{"role": "user", "content": "typed"}]}).messages[0]
    history = [{"role": "system", "content": "sys"}, typed]
    result = client_for(server).chat(history)
    second = client_for(server).chat([*history, result.message, {"role": "user", "content": "again"}])
    assert second.text == "Hello!"
    assert server.seen[0].json()["messages"] == [
        {"role": "system", "content": "sys"},
        {"role": "user", "content": "typed"},
    ]
    assert server.seen[1].json()["messages"][2] == {"role": "assistant", "content": "Hello!"}


def test_result_equality_is_on_the_json() -> None:
    raw = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "x"}}]}
    assert ChatResult(raw) == ChatResult(json.loads(json.dumps(raw)), httpx.Response(200))
    assert ChatResult(raw) != ChatResult({"choices": []})
    empty = ChatResult({"choices": []})
    assert empty.text is None and empty.finish_reason is None and empty.usage is None
    assert empty.request_id is None and empty.rate_limit == RateLimit()
    assert ChatResult(raw, httpx.Response(200)).client_request_id is None


def test_chat_refuses_stream_and_duplicate_messages(server: Any) -> None:
    client = client_for(server)
    with pytest.raises(ConfigurationError, match="does not stream"):
        client.chat("hi", stream=True)
    with pytest.raises(ConfigurationError, match="first argument"):
        client.chat("hi", messages=[])
    assert server.seen == []


def test_typed_params_are_sent_as_json(server: Any) -> None:
    class Tool:
        def to_dict(self) -> dict[str, Any]:
            return {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}

    client_for(server).chat("hi", tools=[Tool()], user="u1")
    sent = server.seen[0].json()
    assert sent["tools"] == [Tool().to_dict()]
    assert sent["user"] == "u1"


def test_rest_client_gets_the_same_policy(server: Any, reply: Any) -> None:
    server.replies = [reply(503, "<html>busy</html>")]
    client = client_for(server, default_headers={"x-team": "blue"})
    body = chat_request({"messages": [{"role": "user", "content": "hi"}]})
    parsed = chat_completions_create.sync("dep", client=client.rest, body=body, api_version=client.api_version)
    assert parsed.choices[0].message.content == "Hello!"
    assert len(server.seen) == 2  # the 503 was retried by the shared transport
    for seen in server.seen:
        assert seen.path == f"/openai/deployments/dep/chat/completions?api-version={client.api_version}"
        assert seen.headers["api-key"] == "k"
        assert seen.headers["x-team"] == "blue"
        assert seen.headers["user-agent"].startswith(f"azure-openai-rest/{azure_openai.__version__}")
    assert server.seen[0].headers["x-ms-client-request-id"] == server.seen[1].headers["x-ms-client-request-id"]
    assert client.rest.get_httpx_client() is client.http_client


async def test_async_rest_client_gets_the_same_policy(server: Any, reply: Any) -> None:
    server.replies = [reply(429, {"error": {"code": "429", "message": "x"}}, {"retry-after-ms": "1"})]
    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=lambda: "tok", deployment="dep") as client:
        body = chat_request({"messages": [{"role": "user", "content": "hi"}]})
        parsed = await chat_completions_create.asyncio(
            "dep", client=client.rest, body=body, api_version=client.api_version
        )
    assert parsed.choices[0].message.content == "Hello!"
    assert [s.headers["authorization"] for s in server.seen] == ["Bearer tok", "Bearer tok"]


async def test_rest_used_as_the_generator_documents_it_leaves_the_client_working(server: Any) -> None:
    """``with client.rest`` neither opens nor closes the shared httpx client (it raised after a call, and closed
    the wrapper's client at its end); ``with_*`` would change that client under the wrapper: refused, typed."""
    client = client_for(server)
    body = chat_request({"messages": [{"role": "user", "content": "hi"}]})
    assert client.chat("hi").text == "Hello!"
    for _ in range(2):
        with client.rest as rest:
            assert chat_completions_create.sync("d", client=rest, body=body, api_version=client.api_version)
    assert client.chat("hi").text == "Hello!" and not client.http_client.is_closed
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as aclient:
        async with aclient.rest as arest:
            assert await chat_completions_create.asyncio("d", client=arest, body=body, api_version=client.api_version)
        assert (await aclient.chat("hi")).text == "Hello!"
    assert len(server.seen) == 6
    headers, timeout = dict(client.http_client.headers), client.http_client.timeout
    for method, argument in [("timeout", httpx.Timeout(None)), ("headers", {"api-key": "x"}), ("cookies", {"a": "b"})]:
        with pytest.raises(ConfigurationError, match=r"with_timeout\(\) would change it .* pass default_headers="):
            getattr(client.rest, f"with_{method}")(argument)
    assert (dict(client.http_client.headers), client.http_client.timeout) == (headers, timeout)


def test_caller_http_client_keeps_its_settings_and_gets_the_policy(server: Any, reply: Any) -> None:
    hooks: list[str] = []
    http = httpx.Client(
        timeout=httpx.Timeout(33.0, connect=3.0),
        event_hooks={"request": [lambda request: hooks.append(str(request.url))]},
    )
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="dep", http_client=http, retry_backoff=0)
    assert client.http_client.timeout == httpx.Timeout(33.0, connect=3.0)  # the caller's bounded timeout is kept
    server.replies = [reply(502, "bad gateway")]
    assert client.chat("hi").text == "Hello!"
    # Sent through the caller's client, whose hooks see every request sent: the attempt refused and the retry.
    assert len(server.seen) == 2 and len(hooks) == 2
    client.close()
    assert not http.is_closed  # the caller owns it


@pytest.mark.parametrize("timeout", [None, httpx.Timeout(5.0, read=None)], ids=["none", "no-read-limit"])
def test_caller_http_client_without_a_bound_gets_the_default(timeout: httpx.Timeout | None) -> None:
    http = httpx.Client(timeout=timeout)
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=http)
    assert client.http_client.timeout == DEFAULT_TIMEOUT  # never wait forever
    assert http.timeout == httpx.Timeout(timeout)  # the caller's client is not changed


@pytest.mark.parametrize("settings", [{}, {"timeout": 5.0}], ids=["httpx-default", "explicit-5"])
def test_a_caller_http_client_at_httpx_default_timeout_gets_ours(settings: dict[str, Any]) -> None:
    # As the official SDK: httpx cannot tell its default from a chosen 5 s, and the default is the common case
    # (a client built for its limits= or verify=); kept, it made completions time out and be retried (billed).
    http = httpx.Client(**settings)
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=http)
    assert client.http_client.timeout == DEFAULT_TIMEOUT
    assert http.timeout == httpx.Timeout(5.0)  # the caller's client is not changed
    async_client = AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=httpx.AsyncClient())
    assert async_client.http_client.timeout == DEFAULT_TIMEOUT


def test_the_requests_of_a_default_caller_client_wait_600_seconds(server: Any) -> None:
    sent: list[dict[str, float]] = []
    http = httpx.Client(event_hooks={"request": [lambda request: sent.append(request.extensions["timeout"])]})
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http)
    assert client.chat("hi").text == "Hello!"
    assert sent == [DEFAULT_TIMEOUT.as_dict()] and sent[0]["read"] == 600.0


def test_to_keep_a_5_second_timeout_pass_timeout_5() -> None:
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=httpx.Client(), timeout=5)
    assert client.http_client.timeout == httpx.Timeout(5.0)


def test_any_other_timeout_of_a_caller_http_client_is_kept() -> None:
    http = httpx.Client(timeout=httpx.Timeout(5.0, connect=3.0))  # not httpx's default: chosen
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=http)
    assert client.http_client.timeout == httpx.Timeout(5.0, connect=3.0)


def test_a_timeout_names_the_limit_that_was_hit(server: Any, reply: Any) -> None:
    server.replies = [reply(delay=0.3)]
    http = httpx.Client(timeout=httpx.Timeout(5.0, read=0.1))
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http, max_retries=0)
    with pytest.raises(APITimeoutError, match=r"ReadTimeout talking to .* \(read timeout 0\.1 s\); raise timeout="):
        client.chat("hi")


def test_explicit_timeout_is_applied_to_the_caller_client() -> None:
    http = httpx.Client(timeout=7.0)
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=http, timeout=42)
    assert client.http_client.timeout == httpx.Timeout(42.0, connect=10.0)


def test_the_caller_http_client_is_not_changed_and_never_carries_the_key(server: Any) -> None:
    seen: list[httpx.Request] = []
    elsewhere = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(200))
    http = httpx.Client(mounts={"https://partner.example": elsewhere})
    transport, mounts = http._transport, dict(http._mounts)
    first = AzureOpenAI(endpoint=server.endpoint, api_key="key-a", deployment="d", http_client=http)
    second = AzureOpenAI(endpoint=server.endpoint, api_key="key-b", deployment="d", http_client=http)
    assert (http.auth, str(http.base_url), http._transport, http._mounts) == (None, "", transport, mounts)
    first.chat("hi")
    second.chat("hi")
    assert [r.headers["api-key"] for r in server.seen] == ["key-a", "key-b"]  # each client its own key
    first.close()  # closes ours only: the app's client and the other client sharing it still send
    http.get("https://partner.example/status")  # the app's own request through its client
    second.http_client.get("https://partner.example/status")  # even through ours: not the endpoint's host
    assert [r.headers.get("api-key") for r in seen] == [None, None]


def one(post: Post) -> Flow[httpx.Response]:
    """The flow of one request: its outcome is the read 2xx response."""
    response: httpx.Response = yield post
    return response


def test_a_post_with_files_sends_a_form(server: Any) -> None:
    client = client_for(server)
    files = {"file": ("a.wav", b"RIFF0000", "audio/wav")}
    response = client._run(one(Post("audio/transcriptions", files=files, data={"response_format": "json"})))
    assert response.status_code == 200
    seen = server.seen[0]
    assert seen.path.startswith("/openai/deployments/dep/audio/transcriptions?api-version=")
    assert seen.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="response_format"' in seen.body and b"RIFF0000" in seen.body


def test_stream_hands_over_the_unread_response(server: Any, reply: Any) -> None:
    server.replies = [reply(body="data: {}\n\ndata: [DONE]\n\n", headers={"content-type": "text/event-stream"})]
    with client_for(server)._stream(Post("chat/completions", {"messages": [], "stream": True})) as response:
        assert not response.is_stream_consumed
        assert b"".join(response.iter_bytes()) == b"data: {}\n\ndata: [DONE]\n\n"


async def test_async_chat_and_transport_methods(server: Any, reply: Any, chat_body: Any) -> None:
    server.replies = [reply(500, {"error": {"code": "server_error", "message": "x"}}), reply(body=chat_body("async"))]
    async with AsyncAzureOpenAI(
        endpoint=server.endpoint, api_key="k", deployment="dep", retry_backoff=0.001, max_retries=0
    ) as client:
        with pytest.raises(InternalServerError):
            await client.chat("hi")
        result = await client.chat("hi", deployment="other")
        assert result.text == "async"
        assert server.seen[1].path.startswith("/openai/deployments/other/chat/completions")
        form = await client._run(one(Post("audio/translations", files={"file": ("a.mp3", b"ID3", "audio/mpeg")})))
        assert form.status_code == 200
        async with client._stream(Post("chat/completions", {"messages": []})) as streamed:
            assert json.loads(await streamed.aread())["object"] == "chat.completion"


def test_user_agent_and_version() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"$', pyproject, re.MULTILINE)
    assert version is not None and azure_openai.__version__ == version.group(1)
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")
    assert client.http_client.headers["user-agent"].startswith(f"azure-openai-rest/{azure_openai.__version__} ")


def test_context_manager_closes_an_owned_client() -> None:
    with AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k") as client:
        http = client.http_client
    assert http.is_closed


def test_mounted_transports_of_a_caller_client_get_the_retries(server: Any, reply: Any) -> None:
    """A proxy or per-host transport is a mount: requests go through it, each attempt, with the policy applied."""
    used: list[str] = []

    class Mounted(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            used.append(request.headers["api-key"])
            return super().handle_request(request)

    mounted = Mounted()
    http = httpx.Client(mounts={server.endpoint: mounted})
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http, retry_backoff=0)
    server.replies = [reply(504, "gateway timeout")]
    assert client.chat("hi").text == "Hello!"
    assert len(server.seen) == 2 and used == ["k", "k"]
    assert list(http._mounts.values()) == [mounted]  # the caller's mounts are not wrapped in place


def test_another_clients_http_client_is_shared_with_one_policy(server: Any, reply: Any) -> None:
    """Passing one AzureOpenAI's http_client to another: the second's key and retries, applied once."""
    first = AzureOpenAI(endpoint=server.endpoint, api_key="key-a", deployment="d", max_retries=0)
    second = AzureOpenAI(endpoint=server.endpoint, api_key="key-b", deployment="d", http_client=first.http_client)
    server.replies = [reply(503, "busy")]
    assert second.chat("hi").text == "Hello!"  # retried by the second's policy although the first has none
    assert [r.headers["api-key"] for r in server.seen] == ["key-b", "key-b"]
    assert first.chat("hi").text == "Hello!" and server.seen[-1].headers["api-key"] == "key-a"


def test_adapter_finds_models_through_the_operations() -> None:
    from azure_openai._adapter import chat_chunk_model

    for operation in OPERATIONS:
        assert hasattr(response_model(operation), "from_dict")
        assert hasattr(operation_module(operation).REQUEST_MODEL, "from_dict")
    chunk = chat_chunk_model().from_dict(
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            # The last chunk of a stream. (Chunks with "finish_reason": null cannot be read by the 2024-10-21
            # regeneration yet: a nullable enum in the generator's output, reported to the lead.)
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": "He"}, "finish_reason": "stop"}],
        }
    )
    assert chunk.choices[0].delta.content == "He"
    assert chat_chunk_model() is not response_model("chat_completions_create")


def test_a_body_off_the_spec_raises_one_typed_error_at_the_call(server: Any, reply: Any) -> None:
    odd = {"choices": ["unexpected"], "usage": "n/a"}
    server.replies = [reply(body=odd)]
    with pytest.raises(ResponseValidationError, match=r"chat/completions.*documented shape") as raised:
        client_for(server).chat("Hello")
    assert raised.value.body == odd
    with pytest.raises(ResponseValidationError):
        ChatResult({"choices": [{"message": "not an object"}]})


def test_result_views_read_odd_headers_and_missing_fields_leniently() -> None:
    headers = {"x-ratelimit-remaining-tokens": "inf", "x-ratelimit-remaining-requests": "12"}
    result = ChatResult({"choices": [{"index": 0}]}, httpx.Response(200, headers=headers))
    assert (result.text, result.finish_reason, result.usage, result.message) == (None, None, None, None)
    assert result.content_filter.prompt is None and result.content_filter.completion is None
    assert (result.rate_limit.remaining_tokens, result.rate_limit.remaining_requests) == (None, 12)


def test_the_docs_say_what_happens_to_a_caller_http_client_and_its_timeout() -> None:
    # Issue 9: the docs claimed the policy was "installed" on the caller's client (a sharing copy is made) and did
    # not say that httpx's default 5 s (which httpx cannot tell from a chosen 5 s) is replaced.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `http_client`"))
    docstring = AzureOpenAI.__doc__ or ""
    transport_doc = (REPO / "docs" / "transport.md").read_text(encoding="utf-8")
    for text in (row, docstring, transport_doc):
        assert "gets the policy installed" not in text and "installed on it in place" not in text
        assert "5 s" in text and "timeout=5" in text, text
    assert "shared, not changed" in row and "not changed" in docstring


def test_a_caller_http_client_is_used_through_its_public_send(server: Any, reply: Any) -> None:
    """Ours never reaches into the caller's private transport: a subclass's send() sees every request sent."""
    sent: list[str] = []

    class Recording(httpx.Client):
        def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
            sent.append(request.method)
            return super().send(request, **kwargs)

    client = AzureOpenAI(
        endpoint=server.endpoint, api_key="k", deployment="d", http_client=Recording(), retry_backoff=0
    )
    server.replies = [reply(500, "oops")]
    assert client.chat("hi").text == "Hello!"
    assert sent == ["POST", "POST"]


@pytest.mark.parametrize("no_proxy", ["", "localhost,.internal.example,10.1.2.3,::1", "*"])
def test_our_client_mounts_the_environments_proxies_as_httpx_would(
    monkeypatch: pytest.MonkeyPatch, no_proxy: str
) -> None:
    """Built with transport= (the retries), ours reads the proxy variables itself: the same mounts as httpx's."""
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "127.0.0.1:8")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    ours = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k").http_client
    theirs = httpx.Client()
    assert {p.pattern: t is None for p, t in ours._mounts.items()} == {
        p.pattern: t is None for p, t in theirs._mounts.items()
    }


@pytest.mark.parametrize(
    ("proxy", "problem"),
    [
        ("socks5://user:s3cret@127.0.0.1:1080", r"socks5://\.\.\., ImportError\): pip install 'httpx\[socks\]'"),
        ("ftp://user:s3cret@proxy.example:21", r"ftp://\.\.\., ValueError\): use an http\(s\):// or socks5:// URL"),
    ],
)
def test_a_proxy_variable_httpx_cannot_use_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, proxy: str, problem: str
) -> None:
    # httpx's bare ImportError/ValueError escaped the constructor (a traceback in the CLI).
    monkeypatch.setitem(sys.modules, "socksio", None)  # as without httpx[socks]
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    for client_class in (AzureOpenAI, AsyncAzureOpenAI):
        with pytest.raises(
            ConfigurationError,
            match=r"^the HTTPS_PROXY environment variable names a proxy httpx cannot use \(" + problem,
        ) as info:
            client_class(endpoint="https://r.openai.azure.com", api_key="k")
        assert info.value.__suppress_context__ and info.value.__cause__ is None  # httpx's text quotes the URL


async def test_a_closed_caller_http_client_is_a_typed_error() -> None:
    http = httpx.Client()
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment="d", http_client=http)
    http.close()  # its owner closed it too early
    with pytest.raises(ClientClosedError, match="http_client= this client was given is closed"):
        client.chat("hi")
    ahttp = httpx.AsyncClient()
    aclient = AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment="d", http_client=ahttp)
    await ahttp.aclose()
    with pytest.raises(ClientClosedError):
        await aclient.chat("hi")


async def test_closing_a_client_given_http_client_closes_ours_and_leaves_the_callers_open(server: Any) -> None:
    """close() and the end of ``with`` stop the client (calls were still sent); the caller's client still works."""
    http = httpx.Client()
    with AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http) as client:
        assert client.chat("hi").text == "Hello!"
    with pytest.raises(ClientClosedError, match="AzureOpenAI client is closed"):
        client.chat("hi")
    assert len(server.seen) == 1 and not http.is_closed
    assert http.post(f"{server.endpoint}/openai/deployments/d/chat/completions", json={}).status_code == 200
    ahttp = httpx.AsyncClient()
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=ahttp) as aclient:
        assert (await aclient.chat("hi")).text == "Hello!"
    with pytest.raises(ClientClosedError, match="AsyncAzureOpenAI client is closed"):
        await aclient.chat("hi")
    assert len(server.seen) == 3 and not ahttp.is_closed
    assert (await ahttp.post(f"{server.endpoint}/openai/deployments/d/chat/completions", json={})).status_code == 200
    http.close()
    await ahttp.aclose()
