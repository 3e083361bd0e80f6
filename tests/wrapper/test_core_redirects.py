"""The credential never leaves the endpoint's origin, even through a caller's client that follows redirects.

Two loopback servers on different ports: the endpoint answers with a redirect, the other records what it got.
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from azure_openai import APIConnectionError, APIStatusError, AsyncAzureOpenAI, AzureOpenAI
from azure_openai._flow import Post
from azure_openai_rest.api.default import chat_completions_create

from .conftest import chat_json, chat_request

pytestmark = pytest.mark.usefixtures("clean_env")

KEY = "the-endpoint-key"


class Recorder:
    """A loopback server that records each request's headers and answers ``status`` (+ ``location``) or a chat."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.status = 200
        self.location = ""
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                recorder.seen.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
                if recorder.status != 200:
                    self.send_response(recorder.status)
                    self.send_header("location", recorder.location)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                data = json.dumps(chat_json("from the other server")).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True).start()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def endpoint() -> Iterator[Recorder]:
    with Recorder() as recorder:
        yield recorder


@pytest.fixture
def other() -> Iterator[Recorder]:
    with Recorder() as recorder:
        yield recorder


def credential_headers(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k in ("api-key", "authorization")}


@pytest.mark.parametrize("status", [302, 307, 308])
def test_a_redirect_to_another_port_does_not_carry_the_key(endpoint: Recorder, other: Recorder, status: int) -> None:
    endpoint.status, endpoint.location = status, f"http://127.0.0.1:{other.port}/elsewhere"
    with httpx.Client(follow_redirects=True) as http:
        client = AzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", http_client=http
        )
        assert client.chat("hi").text == "from the other server"
    assert endpoint.seen[0][2]["api-key"] == KEY
    assert [credential_headers(h) for _, _, h in other.seen] == [{}]


def test_a_redirect_to_another_origin_carries_only_the_headers_the_logs_show(
    endpoint: Recorder, other: Recorder
) -> None:
    # An APIM subscription key in default_headers (the usual way behind API Management) followed the redirect.
    endpoint.status, endpoint.location = 307, f"http://127.0.0.1:{other.port}/elsewhere"
    with httpx.Client(follow_redirects=True, headers={"x-caller-secret": "c"}) as http:
        client = AzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}",
            api_key=KEY,
            deployment="d",
            default_headers={"Ocp-Apim-Subscription-Key": "APIM-SECRET"},
            http_client=http,
        )
        assert client.chat("hi").text == "from the other server"
    assert endpoint.seen[0][2]["ocp-apim-subscription-key"] == "APIM-SECRET"
    assert endpoint.seen[0][2]["x-caller-secret"] == "c"
    sent = other.seen[0][2]
    assert not {"ocp-apim-subscription-key", "x-caller-secret", "api-key"} & set(sent)
    assert sent["content-type"] == "application/json" and "x-ms-client-request-id" in sent


def test_a_redirect_to_another_host_name_does_not_carry_the_key(endpoint: Recorder) -> None:
    # "localhost" is the same server under another host name: another origin all the same.
    endpoint.status, endpoint.location = 307, f"http://localhost:{endpoint.port}/elsewhere"
    with httpx.Client(follow_redirects=True, max_redirects=1) as http:
        client = AzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", http_client=http
        )
        with pytest.raises(
            APIConnectionError, match=r"too many redirects \(more than 1\), the last one to http://localhost"
        ):
            client.chat("hi")
    assert [credential_headers(h) for _, _, h in endpoint.seen] == [{"api-key": KEY}, {}]


def test_a_redirect_to_another_scheme_does_not_carry_the_key() -> None:
    sent: list[tuple[str, str | None]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append((request.url.scheme, request.headers.get("api-key")))
        if request.url.scheme == "https":
            return httpx.Response(307, headers={"location": "http://r.openai.azure.com/openai/x"})
        return httpx.Response(200, json=chat_json())

    with httpx.Client(transport=httpx.MockTransport(answer), follow_redirects=True) as http:
        client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key=KEY, deployment="d", http_client=http)
        client.chat("hi")
    assert sent == [("https", KEY), ("http", None)]


def test_a_redirect_within_the_endpoint_keeps_the_credential(endpoint: Recorder) -> None:
    tokens = iter(["t1", "t2"])
    endpoint.status, endpoint.location = 307, f"http://127.0.0.1:{endpoint.port}/moved"
    with httpx.Client(follow_redirects=True, max_redirects=1) as http:
        client = AzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}",
            token_provider=lambda: next(tokens),
            deployment="d",
            http_client=http,
        )
        with pytest.raises(APIConnectionError, match="too many redirects"):
            client.chat("hi")
    assert [h["authorization"] for _, _, h in endpoint.seen] == ["Bearer t1", "Bearer t2"]


async def test_async_redirect_to_another_port_does_not_carry_the_key(endpoint: Recorder, other: Recorder) -> None:
    endpoint.status, endpoint.location = 307, f"http://127.0.0.1:{other.port}/elsewhere"
    async with httpx.AsyncClient(follow_redirects=True) as http:
        client = AsyncAzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", http_client=http
        )
        assert (await client.chat("hi")).text == "from the other server"
    assert endpoint.seen[0][2]["api-key"] == KEY
    assert [credential_headers(h) for _, _, h in other.seen] == [{}]


def test_a_streamed_call_redirected_elsewhere_does_not_carry_the_key(endpoint: Recorder, other: Recorder) -> None:
    endpoint.status, endpoint.location = 307, f"http://127.0.0.1:{other.port}/elsewhere"
    with httpx.Client(follow_redirects=True) as http:
        client = AzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", http_client=http
        )
        with client._stream(Post("chat/completions", {"messages": [], "stream": True})) as response:
            response.read()
    assert [credential_headers(h) for _, _, h in other.seen] == [{}]


@pytest.mark.parametrize("sync", [True, False], ids=["sync", "async"])
async def test_rest_functions_redirected_elsewhere_do_not_carry_the_key(
    endpoint: Recorder, other: Recorder, sync: bool
) -> None:
    endpoint.status, endpoint.location = 307, f"http://127.0.0.1:{other.port}/elsewhere"
    body = chat_request({"messages": [{"role": "user", "content": "hi"}]})
    url = f"http://127.0.0.1:{endpoint.port}"
    if sync:
        with httpx.Client(follow_redirects=True) as http:
            client = AzureOpenAI(endpoint=url, api_key=KEY, http_client=http)
            chat_completions_create.sync("d", client=client.rest, body=body, api_version=client.api_version)
    else:
        async with httpx.AsyncClient(follow_redirects=True) as ahttp:
            aclient = AsyncAzureOpenAI(endpoint=url, api_key=KEY, http_client=ahttp)
            await chat_completions_create.asyncio("d", client=aclient.rest, body=body, api_version=aclient.api_version)
    assert endpoint.seen[0][2]["api-key"] == KEY
    assert [credential_headers(h) for _, _, h in other.seen] == [{}]


def test_our_log_lines_leave_a_redirects_query_out_but_show_the_api_version(
    endpoint: Recorder, other: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    # Error messages left a Location's query (a SAS token) out, but our request, response and retry lines had it.
    endpoint.status, endpoint.location = 307, f"http://127.0.0.1:{other.port}/blob/x?sv=1&sig=SAS0SECRET"
    other.status = 503
    caplog.set_level(logging.DEBUG, logger="azure_openai")
    with httpx.Client(follow_redirects=True) as http:
        client = AzureOpenAI(
            endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", http_client=http, retry_backoff=0
        )
        with pytest.raises(APIStatusError, match="HTTP 503"):
            client.chat("hi")
    ours = [record.getMessage() for record in caplog.records if record.name == "azure_openai"]
    assert sum("/blob/x (query left out) after HTTP 503" in line for line in ours) == 2  # the retries
    assert not [line for line in ours if "SAS0SECRET" in line]
    assert f"/chat/completions?api-version={client.api_version} attempt=1" in ours[0]


def test_our_own_client_names_the_redirect_and_where_it_points(endpoint: Recorder) -> None:
    endpoint.status, endpoint.location = 307, "https://elsewhere.example/openai/x"
    client = AzureOpenAI(endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", max_retries=0)
    with pytest.raises(APIStatusError, match=r"HTTP 307 redirect to https://elsewhere\.example/openai/x") as info:
        client.chat("hi")
    assert "not followed" in str(info.value)
    assert len(endpoint.seen) == 1


def test_our_own_client_leaves_the_query_and_user_info_of_the_location_out(endpoint: Recorder) -> None:
    # A SAS token or a password in the Location must not end up in the error text (and the CLI's error line).
    endpoint.status, endpoint.location = 302, "https://user:pw0rd@elsewhere.example/blob?sv=1&sig=SAS0SECRET#frag"
    client = AzureOpenAI(endpoint=f"http://127.0.0.1:{endpoint.port}", api_key=KEY, deployment="d", max_retries=0)
    with pytest.raises(
        APIStatusError, match=r"HTTP 302 redirect to https://elsewhere\.example/blob \(query left out\)"
    ) as info:
        client.chat("hi")
    assert "SAS0SECRET" not in str(info.value) and "pw0rd" not in str(info.value) and "frag" not in str(info.value)


def redirect_loop(request: httpx.Request) -> httpx.Response:
    return httpx.Response(307, headers={"location": "https://r.openai.azure.com/openai/loop?sig=SAS0SECRET"})


def test_too_many_redirects_from_a_caller_client_is_typed_and_names_the_last_location() -> None:
    # httpx.TooManyRedirects used to escape untyped from a follow_redirects=True client.
    with httpx.Client(transport=httpx.MockTransport(redirect_loop), follow_redirects=True, max_redirects=3) as http:
        client = AzureOpenAI(
            endpoint="https://r.openai.azure.com", api_key=KEY, deployment="d", http_client=http, max_retries=0
        )
        with pytest.raises(
            APIConnectionError,
            match=r"more than 3\), the last one to https://r\.openai\.azure\.com/openai/loop \(query left out\)",
        ) as info:
            client.chat("hi")
        with pytest.raises(APIConnectionError, match="too many redirects"):
            client.http_client.get("x")  # client.rest and raw calls through our client too
    assert "SAS0SECRET" not in "".join(traceback.format_exception(info.value))


async def test_too_many_redirects_from_an_async_caller_client_is_typed() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        return redirect_loop(request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer), follow_redirects=True) as http:
        client = AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key=KEY, deployment="d", http_client=http)
        with pytest.raises(APIConnectionError, match=r"too many redirects \(more than 20\)"):
            await client.chat("hi")
