"""Retries on real loopback HTTP: which failures, how long (server hints, capped), one client request id."""

from __future__ import annotations

import email.utils
import json
import threading
import time
import uuid
from typing import Any

import httpx
import pytest
from azure_openai import (
    APIConnectionError,
    APITimeoutError,
    AsyncAzureOpenAI,
    AzureOpenAI,
    BadRequestError,
    InternalServerError,
    RateLimitError,
    RetryPolicy,
)
from azure_openai._errors import server_wait
from azure_openai._transport.retry import RetryTransport

pytestmark = pytest.mark.usefixtures("clean_env")

FAST = {"retry_backoff": 0.001}


def sync_client(server: Any, **kwargs: Any) -> AzureOpenAI:
    options: dict[str, Any] = {"api_key": "k", "deployment": "dep", **FAST, **kwargs}
    return AzureOpenAI(endpoint=server.endpoint, **options)


def async_client(server: Any, **kwargs: Any) -> AsyncAzureOpenAI:
    options: dict[str, Any] = {"api_key": "k", "deployment": "dep", **FAST, **kwargs}
    return AsyncAzureOpenAI(endpoint=server.endpoint, **options)


# --- how long the service asks us to wait -------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"x-ratelimit-reset-requests": "2", "x-ratelimit-remaining-requests": "0"}, 2.0),
        ({"x-ratelimit-reset-tokens": "1m30s", "x-ratelimit-remaining-tokens": "0"}, 90.0),
        ({"x-ratelimit-reset-tokens": "20ms"}, 0.02),
        (
            {
                "x-ratelimit-reset-requests": "40",
                "x-ratelimit-remaining-requests": "12",
                "x-ratelimit-reset-tokens": "6",
                "x-ratelimit-remaining-tokens": "0",
            },
            6.0,
        ),
        ({"x-ratelimit-reset-requests": "4", "x-ratelimit-reset-tokens": "6"}, 6.0),
        ({}, None),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "Fri, 31 Dec 99999 23:59:59 GMT"}, None),  # OverflowError from the date parser
        # A proxy's non-finite hint is no hint (it would set a backend aside for good), a huge one waits a day.
        ({"retry-after-ms": "inf"}, None),
        ({"retry-after-ms": "nan", "retry-after": "2"}, 2.0),
        ({"retry-after": "inf"}, None),
        ({"retry-after": "-inf"}, None),
        ({"retry-after-ms": "1e302"}, 86_400.0),
        ({"retry-after": "99999999h"}, 86_400.0),
        ({"retry-after": "Fri, 31 Dec 9999 23:59:59 GMT"}, 86_400.0),
    ],
)
def test_server_wait(headers: dict[str, str], expected: float | None) -> None:
    assert server_wait(httpx.Headers(headers)) == expected


def test_server_wait_reads_an_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    wait = server_wait(httpx.Headers({"retry-after": when}))
    assert wait is not None and 25 <= wait <= 31
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    assert server_wait(httpx.Headers({"retry-after": past})) == 0.0


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(initial_backoff=1.0, max_backoff=4.0)
    for attempt, base in [(0, 1.0), (1, 2.0), (2, 4.0), (5, 4.0)]:
        waits = {policy.backoff(attempt) for _ in range(20)}
        assert all(0.75 * base <= w <= base for w in waits)
        assert len(waits) > 1  # jittered


# --- which failures are retried, on a real server ------------------------------------------------------


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_with_one_client_request_id(server: Any, reply: Any, status: int) -> None:
    server.replies = [reply(status, {"error": {"code": str(status), "message": "x"}}, {"retry-after-ms": "1"})]
    client = sync_client(server)
    result = client.chat("hi")
    assert result.text == "Hello!"
    assert len(server.seen) == 2
    ids = {seen.headers["x-ms-client-request-id"] for seen in server.seen}
    assert len(ids) == 1
    assert result.client_request_id in ids
    assert uuid.UUID(ids.pop()).version == 4


def test_each_call_gets_its_own_client_request_id(server: Any) -> None:
    client = sync_client(server)
    client.chat("a")
    client.chat("b")
    assert server.seen[0].headers["x-ms-client-request-id"] != server.seen[1].headers["x-ms-client-request-id"]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(server: Any, reply: Any, status: int) -> None:
    server.replies = [reply(status, {"error": {"code": "x", "message": "no"}})]
    with pytest.raises(Exception) as info:
        sync_client(server).chat("hi")
    assert info.value.status_code == status  # type: ignore[attr-defined]
    assert len(server.seen) == 1


def test_retries_give_up_after_max_retries(server: Any, reply: Any) -> None:
    server.replies = [reply(503, {"error": {"code": "503", "message": f"busy {i}"}}) for i in range(5)]
    with pytest.raises(InternalServerError, match="busy 2"):
        sync_client(server, max_retries=2).chat("hi")
    assert len(server.seen) == 3


def test_max_retries_zero_disables_retries(server: Any, reply: Any) -> None:
    server.replies = [reply(429, {"error": {"code": "429", "message": "x"}}, {"retry-after-ms": "1"})]
    with pytest.raises(RateLimitError):
        sync_client(server, max_retries=0).chat("hi")
    assert len(server.seen) == 1


def test_x_should_retry_false_is_obeyed(server: Any, reply: Any) -> None:
    server.replies = [reply(503, {"error": {"code": "503", "message": "x"}}, {"x-should-retry": "false"})]
    with pytest.raises(InternalServerError):
        sync_client(server).chat("hi")
    assert len(server.seen) == 1


def test_x_should_retry_true_is_obeyed(server: Any, reply: Any) -> None:
    server.replies = [reply(400, {"error": {"code": "transient", "message": "x"}}, {"x-should-retry": "true"})]
    assert sync_client(server).chat("hi").text == "Hello!"
    assert len(server.seen) == 2


def test_a_wait_above_the_cap_raises_at_once_with_retry_after(server: Any, reply: Any) -> None:
    server.replies = [reply(429, {"error": {"code": "429", "message": "wait"}}, {"retry-after": "120"})]
    with pytest.raises(RateLimitError) as info:
        sync_client(server, max_retry_wait=60).chat("hi")
    assert info.value.retry_after == 120.0
    assert len(server.seen) == 1


def test_the_server_hint_is_used_as_the_wait(server: Any, reply: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr("azure_openai._transport.retry.time.sleep", waits.append)
    server.replies = [
        reply(429, {"error": {"code": "429", "message": "x"}}, {"retry-after-ms": "1234"}),
        reply(429, {"error": {"code": "429", "message": "x"}}, {"x-ratelimit-reset-tokens": "2s"}),
    ]
    sync_client(server).chat("hi")
    assert waits == [1.234, 2.0]


def test_a_zero_hint_backs_off_instead_of_retrying_at_once(
    server: Any, reply: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr("azure_openai._transport.retry.time.sleep", waits.append)
    past = "Mon, 01 Jan 2001 00:00:00 GMT"
    server.replies = [reply(429, "x", {"retry-after": "0"}), reply(503, "x", {"retry-after": past})]
    sync_client(server, retry_backoff=0.5).chat("hi")
    assert 0.375 <= waits[0] <= 0.5 and 0.75 <= waits[1] <= 1.0


def test_without_hints_the_wait_is_exponential_backoff(
    server: Any, reply: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr("azure_openai._transport.retry.time.sleep", waits.append)
    server.replies = [reply(502, "<html>bad gateway</html>"), reply(502, "<html>bad gateway</html>")]
    sync_client(server, retry_backoff=0.5).chat("hi")
    assert 0.375 <= waits[0] <= 0.5 and 0.75 <= waits[1] <= 1.0


def test_dropped_connections_are_retried(server: Any, reply: Any) -> None:
    server.replies = [reply(drop=True)]
    assert sync_client(server).chat("hi").text == "Hello!"
    assert len(server.seen) == 2
    assert server.seen[0].headers["x-ms-client-request-id"] == server.seen[1].headers["x-ms-client-request-id"]


def test_dropped_connections_give_a_connection_error_after_retries(server: Any, reply: Any) -> None:
    server.replies = [reply(drop=True) for _ in range(3)]
    with pytest.raises(APIConnectionError, match="after 2 retries"):
        sync_client(server, max_retries=2).chat("hi")
    assert len(server.seen) == 3


def test_refused_connection_is_a_connection_error() -> None:
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = AzureOpenAI(endpoint=f"http://127.0.0.1:{port}", api_key="k", deployment="d", max_retries=1, **FAST)
    with pytest.raises(APIConnectionError, match="could not reach"):
        client.chat("hi")


def test_read_timeout_is_retried_then_typed(server: Any, reply: Any) -> None:
    server.replies = [reply(delay=5.0), reply(delay=5.0)]
    client = sync_client(server, max_retries=1, timeout=0.2)
    with pytest.raises(APITimeoutError, match="ReadTimeout"):
        client.chat("hi")
    assert len(server.seen) == 2


def test_per_call_timeout_overrides_the_client(server: Any, reply: Any) -> None:
    server.replies = [reply(delay=5.0)]
    client = sync_client(server, max_retries=0)  # default timeout would wait the whole 5 s
    with pytest.raises(APITimeoutError):
        client.chat("hi", timeout=0.2)


def test_retry_policy_is_a_transport_on_the_httpx_client(server: Any) -> None:
    client = sync_client(server, max_retries=5)
    transport = client.http_client._transport
    assert isinstance(transport, RetryTransport)
    assert transport.policy.max_retries == 5


async def test_async_retries_with_one_client_request_id(server: Any, reply: Any) -> None:
    server.replies = [
        reply(429, {"error": {"code": "429", "message": "x"}}, {"retry-after-ms": "1"}),
        reply(drop=True),
    ]
    async with async_client(server) as client:
        result = await client.chat("hi")
    assert result.text == "Hello!"
    assert len(server.seen) == 3
    assert len({seen.headers["x-ms-client-request-id"] for seen in server.seen}) == 1


async def test_async_cap_and_no_retry_for_client_errors(server: Any, reply: Any) -> None:
    server.replies = [reply(429, {"error": {"code": "429", "message": "x"}}, {"retry-after-ms": "90000"})]
    async with async_client(server) as client:
        with pytest.raises(RateLimitError) as info:
            await client.chat("hi")
        assert info.value.retry_after == 90.0
        server.replies = [reply(400, {"error": {"code": "bad", "message": "x"}})]
        with pytest.raises(BadRequestError):
            await client.chat("hi")
    assert len(server.seen) == 2


async def test_async_timeout_is_typed(server: Any, reply: Any) -> None:
    server.replies = [reply(delay=5.0)]
    async with async_client(server, max_retries=0, timeout=0.2) as client:
        with pytest.raises(APITimeoutError):
            await client.chat("hi")


# -- failures in the middle of the body ------------------------------------------------------------------------


class RawServer:
    """A raw-socket loopback server: each connection gets the next scripted answer (bytes, then close or stall)."""

    def __init__(self, answers: list[tuple[bytes, float]]) -> None:
        import socket

        self.answers = answers
        self.requests = 0
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.endpoint = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: Any) -> None:
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                data += connection.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            while len(body) < length:
                body += connection.recv(65536)
            answer, stall = self.answers[min(self.requests, len(self.answers) - 1)]
            self.requests += 1
            connection.sendall(answer)
            time.sleep(stall)

    def close(self) -> None:
        self._socket.close()


COMPLETE = json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}}]}).encode()
HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(COMPLETE)
CUT = (HEAD + COMPLETE[:10], 0.0)  # the connection drops mid-body
STALLED = (HEAD + COMPLETE[:10], 1.0)  # the body stops arriving for longer than the read timeout
WHOLE = (HEAD + COMPLETE, 0.0)


@pytest.mark.parametrize("failure", [CUT, STALLED], ids=["cut", "stalled"])
def test_a_body_failing_midway_is_retried_like_a_failure_before_the_headers(failure: tuple[bytes, float]) -> None:
    server = RawServer([failure, WHOLE])
    timeout = httpx.Timeout(0.3, connect=1.0)
    try:
        client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", timeout=timeout, retry_backoff=0)
        assert client.chat("hi").text == "Hi"
        assert server.requests == 2
    finally:
        server.close()


@pytest.mark.parametrize(("failure", "error"), [(CUT, APIConnectionError), (STALLED, APITimeoutError)])
async def test_a_body_failing_every_time_is_a_typed_error_async(
    failure: tuple[bytes, float], error: type[Exception]
) -> None:
    server = RawServer([failure])
    timeout = httpx.Timeout(0.3, connect=1.0)
    try:
        async with AsyncAzureOpenAI(
            endpoint=server.endpoint, api_key="k", deployment="d", timeout=timeout, max_retries=1, retry_backoff=0
        ) as client:
            with pytest.raises(error) as raised:
                await client.chat("hi")
        assert "after 1 retry" in str(raised.value) and server.requests == 2
    finally:
        server.close()


def test_the_policy_is_one_flow_both_transports_drive() -> None:
    """Retries, signing and scrubbing are written once, without I/O: a test drives the flow by hand (no sleep)."""
    from azure_openai._transport.auth import AzureAuth, Secret
    from azure_openai._transport.retry import SEND, TOKEN, policy_flow

    request = httpx.Request("POST", "https://r.openai.azure.com/openai/x")
    auth = AzureAuth(token_provider=lambda: "unused")
    auth.bind(httpx.URL("https://r.openai.azure.com/openai/"))
    flow = policy_flow(request, RetryPolicy(max_retries=1), auth)
    assert next(flow) == TOKEN
    assert flow.send("tok") == SEND
    assert request.headers["authorization"] == "Bearer tok"
    refused = httpx.Response(429, headers={"retry-after-ms": "250"})
    assert flow.send(refused) is refused  # to be closed by the driver
    assert request.headers["authorization"] == "REDACTED"  # scrubbed once sent
    assert next(flow) == 0.25  # the wait, performed by the driver
    assert next(flow) == TOKEN  # a token per attempt
    assert flow.send("tok2") == SEND
    with pytest.raises(APIConnectionError, match="after 1 retry"):
        flow.throw(httpx.ConnectError("refused"))
    key_flow = policy_flow(
        httpx.Request("GET", "https://elsewhere.example/"), RetryPolicy(), AzureAuth(api_key=Secret("k"))
    )
    assert next(key_flow) == SEND  # a fixed key needs no step (and this auth is bound to no origin)
    with pytest.raises(StopIteration) as done:
        key_flow.send(httpx.Response(200))
    assert done.value.value.status_code == 200
