"""Issue 14 section 1: routing across several backends (priority, throttling, failover, credentials per backend),
on scripted loopback servers; waits are observed through a patched sleep and a clock the test moves."""

from __future__ import annotations

import logging
import pickle
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from azure_openai import (
    APIConnectionError,
    AsyncAzureOpenAI,
    AzureOpenAI,
    Backend,
    ConfigurationError,
    InvalidArgumentError,
    RateLimitError,
)
from azure_openai._transport.routing import Router

from .conftest import Reply, ScriptedServer

pytestmark = pytest.mark.usefixtures("clean_env")


class Clock:
    """The router's clock, moved only by the patched sleep."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def servers() -> Iterator[list[ScriptedServer]]:
    started = [ScriptedServer() for _ in range(3)]
    for s in started:
        s.start()
    yield started
    for s in started:
        s.stop()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every retry wait of the sync transport, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(time, "sleep", waited.append)
    return waited


@pytest.fixture
def moving(monkeypatch: pytest.MonkeyPatch) -> tuple[Clock, list[float]]:
    """A clock for the router that the patched sleep moves, and the waits slept."""
    clock, waited = Clock(), list[float]()

    def sleep(seconds: float) -> None:
        waited.append(seconds)
        clock.now += seconds

    monkeypatch.setattr(time, "sleep", sleep)
    return clock, waited


def throttled(ms: int) -> Reply:
    return Reply(429, {"error": {"code": "429", "message": "Rate limit is exceeded."}}, {"retry-after-ms": str(ms)})


def only_http_proxy(monkeypatch: pytest.MonkeyPatch, proxy: ScriptedServer) -> None:
    """``proxy`` as the environment's only proxy, for http URLs (NO_PROXY is the test's to set)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", proxy.endpoint)


def routed(*backends: Backend, clock: Clock | None = None, **settings: Any) -> AzureOpenAI:
    client = AzureOpenAI(backends=list(backends), **settings)
    if clock is not None:
        router(client).clock = clock
    return client


def router(client: AzureOpenAI) -> Router:
    found = client.http_client.policy_transports[0].router  # type: ignore[attr-defined]
    assert isinstance(found, Router)
    return found


def backend(server: ScriptedServer, deployment: str, key: str, priority: int = 0, **more: Any) -> Backend:
    return Backend(server.endpoint, deployment, api_key=key, priority=priority, **more)


def test_the_best_priority_answers_and_each_backend_gets_its_own_deployment_and_key(
    servers: list[ScriptedServer],
) -> None:
    overflow = backend(servers[0], "paygo", "key-a", priority=1)
    ptu = backend(servers[1], "ptu", "key-b", priority=0)
    with routed(overflow, ptu) as client:
        results = [client.chat("hi") for _ in range(3)]
    assert [r.backend for r in results] == [ptu, ptu, ptu]
    assert servers[0].seen == []
    assert [s.path.split("?")[0] for s in servers[1].seen] == ["/openai/deployments/ptu/chat/completions"] * 3
    assert {s.headers["api-key"] for s in servers[1].seen} == {"key-b"}
    assert {s.headers["host"] for s in servers[1].seen} == {servers[1].endpoint.split("//")[1]}


def test_equal_priorities_share_the_load_round_robin(servers: list[ScriptedServer]) -> None:
    a, b = backend(servers[0], "d", "ka"), backend(servers[1], "d", "kb")
    with routed(a, b) as client:
        answered = [client.chat("hi").backend for _ in range(6)]
    assert answered.count(a) == answered.count(b) == 3


def test_a_429_sets_the_backend_aside_and_moves_on_at_once(
    servers: list[ScriptedServer], sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    servers[0].replies = [throttled(20_000)]
    first, second = backend(servers[0], "d1", "ka"), backend(servers[1], "d2", "kb", priority=1)
    with routed(first, second, clock=clock) as client, caplog.at_level(logging.INFO, "azure_openai"):
        result = client.chat("hi")
        assert result.backend is second and sleeps == []
        attempts = result.response.request.extensions["azure_openai.attempts"]  # type: ignore[union-attr]
        assert [(a.backend, a.status, a.wait) for a in attempts] == [(first, 429, 0.0), (second, 200, None)]
        # Set aside for the 20 s it was asked to wait: the next calls skip it, without a request...
        assert client.chat("again").backend is second and len(servers[0].seen) == 1
        clock.now += 20.0  # ...until its time is up: the best priority is back
        assert client.chat("later").backend is first and len(servers[0].seen) == 2
    assert sleeps == []
    moved = [r.getMessage() for r in caplog.records if "at once" in r.getMessage()]
    assert len(moved) == 1 and "127.0.0.1 (d1) HTTP 429: set aside for 20s" in moved[0] and "(d2)" in moved[0]
    assert "ka" not in caplog.text and "kb" not in caplog.text


async def test_the_async_client_moves_on_without_sleeping_too(
    servers: list[ScriptedServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    from azure_openai._transport import retry

    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(retry, "_async_sleep", sleep)
    servers[0].replies = [throttled(20_000)]
    a = Backend(servers[0].endpoint, "d", token_provider=lambda: "token-a")
    b = Backend(servers[1].endpoint, "d", api_key="key-b", priority=1)
    async with AsyncAzureOpenAI(backends=[a, b]) as client:
        results = [await client.chat("hi") for _ in range(2)]
    assert [r.backend for r in results] == [b, b] and waited == []
    assert servers[0].seen[0].headers["authorization"] == "Bearer token-a"
    assert [s.headers["api-key"] for s in servers[1].seen] == ["key-b", "key-b"]
    assert all("authorization" not in s.headers for s in servers[1].seen)


def test_when_every_backend_is_throttled_the_shortest_wait_is_waited_once(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    servers[0].replies = [throttled(3000)]
    servers[1].replies = [throttled(1000)]
    a, b = backend(servers[0], "d", "ka"), backend(servers[1], "d", "kb", priority=1)
    with routed(a, b, clock=clock) as client:
        result = client.chat("hi")
    assert waited == [pytest.approx(1.0)]  # b's wait, not a's 3 s
    assert result.backend is b
    attempts = result.response.request.extensions["azure_openai.attempts"]  # type: ignore[union-attr]
    assert [(x.backend, x.status) for x in attempts] == [(a, 429), (b, 429), (b, 200)]


def test_when_every_wait_is_too_long_the_rate_limit_error_carries_every_attempt(
    servers: list[ScriptedServer], sleeps: list[float]
) -> None:
    servers[0].replies = [throttled(90_000)]
    servers[1].replies = [throttled(120_000)]
    a, b = backend(servers[0], "west", "ka"), backend(servers[1], "east", "kb")
    with routed(a, b, clock=Clock(), max_retry_wait=60) as client, pytest.raises(RateLimitError) as raised:
        client.chat("hi")
    assert sleeps == []
    error = raised.value
    assert sorted((x.backend.deployment, x.status) for x in error.attempts) == [("east", 429), ("west", 429)]
    assert "attempts: 127.0.0.1 (" in str(error) and "(west) HTTP 429" in str(error) and "(east) HTTP 429" in str(error)
    assert "ka" not in str(error) and "kb" not in str(error)


@pytest.mark.parametrize("hint", ["inf", "1e302"])
def test_a_huge_or_infinite_hint_sets_a_backend_aside_no_longer_than_max_retry_wait_and_a_cool_down(
    servers: list[ScriptedServer], sleeps: list[float], hint: str
) -> None:
    # An ``inf`` hint set both aside forever and the next request raised a raw OverflowError.
    reply = Reply(429, {"error": {"code": "429", "message": "busy"}}, {"retry-after-ms": hint})
    servers[0].default = servers[1].default = reply
    clock = Clock()
    a, b = backend(servers[0], "west", "ka"), backend(servers[1], "east", "kb")
    with routed(a, b, clock=clock, max_retry_wait=60, max_retries=0) as client:
        for _ in range(2):
            with pytest.raises(RateLimitError):
                client.chat("hi")
        holds = [r.until - clock.now for r in router(client).routes]  # inf: no hint, so a backoff
    assert all(0 < hold <= 65.0 for hold in holds) and (hint == "inf" or holds == [65.0, 65.0])
    assert hint == "inf" or sleeps == []  # inf: the next request waits out the backoff


def test_sends_are_bounded_by_max_retries_plus_one_per_backend(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    for server in servers:
        server.default = throttled(5)
    backends = [backend(s, "d", f"k{i}") for i, s in enumerate(servers)]
    with routed(*backends, clock=clock, max_retries=1) as client, pytest.raises(RateLimitError) as raised:
        client.chat("hi")
    sent = sum(len(s.seen) for s in servers)
    assert sent == len(raised.value.attempts) and sent <= (1 + 1) * 3
    assert len(waited) == 1  # every backend throttled: waited once (max_retries=1), moved on otherwise
    assert {a.backend for a in raised.value.attempts} == set(backends)


def test_a_500_follows_the_retry_policy_without_setting_the_backend_aside(
    servers: list[ScriptedServer], sleeps: list[float]
) -> None:
    servers[0].replies = [Reply(500, {"error": {"code": "InternalServerError", "message": "x"}})]
    a, b = backend(servers[0], "d", "ka"), backend(servers[1], "d", "kb", priority=1)
    with routed(a, b, clock=Clock(), retry_backoff=0.25) as client:
        result = client.chat("hi")
    assert result.backend is a and len(sleeps) == 1 and 0.18 <= sleeps[0] <= 0.25  # the backoff, with jitter
    assert servers[1].seen == []


def test_threads_share_one_router_and_every_call_is_answered_once(servers: list[ScriptedServer]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    a, b = backend(servers[0], "d", "ka"), backend(servers[1], "d", "kb")
    with routed(a, b) as client, ThreadPoolExecutor(8) as pool:
        answered = list(pool.map(lambda i: client.chat(f"call {i}").backend, range(80)))
    assert len(servers[0].seen) + len(servers[1].seen) == 80
    assert answered.count(a) == len(servers[0].seen) and answered.count(b) == len(servers[1].seen)
    assert answered.count(a) == answered.count(b) == 40  # one turn counter for all threads: strict alternation
    sent = sorted(s.json()["messages"][-1]["content"] for server in servers[:2] for s in server.seen)
    assert sent == sorted(f"call {i}" for i in range(80))


def test_a_refused_connection_moves_on_and_cools_the_backend_down(
    servers: list[ScriptedServer], sleeps: list[float]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    clock = Clock()
    down = Backend(closed, "d", api_key="k0")
    up = backend(servers[0], "d", "k1", priority=1)
    with routed(down, up, clock=clock) as client:
        result = client.chat("hi")
        attempts = result.response.request.extensions["azure_openai.attempts"]  # type: ignore[union-attr]
        assert [(x.backend, x.error or x.status) for x in attempts] == [(down, "ConnectError"), (up, 200)]
        assert client.chat("again").backend is up  # cooling down: not tried
        assert router(client).routes[0].until == pytest.approx(clock.now + 5.0)
    assert sleeps == []


def test_when_no_backend_can_be_reached_the_error_names_each_attempt(sleeps: list[float]) -> None:
    closed = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed.append(f"http://127.0.0.1:{probe.getsockname()[1]}")
    a, b = Backend(closed[0], "a", api_key="key-a"), Backend(closed[1], "b", api_key="key-b")
    with routed(a, b, clock=Clock(), max_retries=0) as client, pytest.raises(APIConnectionError) as raised:
        client.chat("hi")
    assert [(x.backend, x.error) for x in raised.value.attempts] == [(a, "ConnectError"), (b, "ConnectError")]
    assert "attempts: 127.0.0.1 (a) ConnectError, 127.0.0.1 (b) ConnectError" in str(raised.value)
    assert "key-" not in str(raised.value) and sleeps == []


def test_each_backend_sees_only_its_own_credential_also_across_a_redirect(servers: list[ScriptedServer]) -> None:
    key_side, token_side, elsewhere = servers
    key_side.replies = [throttled(10_000), Reply(307, "", {"location": f"{elsewhere.endpoint}/moved"})]
    a = Backend(key_side.endpoint, "d", api_key="key-a")
    b = Backend(token_side.endpoint, "d", azure_ad_token="token-b", priority=1)
    with routed(a, b, clock=Clock()) as client:
        assert client.chat("hi").backend is b
    assert key_side.seen[0].headers["api-key"] == "key-a" and "authorization" not in key_side.seen[0].headers
    assert token_side.seen[0].headers["authorization"] == "Bearer token-b"
    assert "api-key" not in token_side.seen[0].headers  # a's header (REDACTED after the send) was taken off
    # A redirect to another host (here a follow_redirects client) carries no credential at all.
    follow = httpx.Client(follow_redirects=True)
    with AzureOpenAI(backends=[a, b], http_client=follow) as client:
        router(client).routes[0].until = 0.0
        client.chat("hi")
    follow.close()
    assert elsewhere.seen[0].path == "/moved"
    assert "api-key" not in elsewhere.seen[0].headers and "authorization" not in elsewhere.seen[0].headers


def test_a_deployment_named_per_call_goes_only_to_the_backends_that_have_it(servers: list[ScriptedServer]) -> None:
    a, b = backend(servers[0], "gpt-4o", "ka"), backend(servers[1], "gpt-4o-mini", "kb")
    with routed(a, b) as client:
        assert client.chat("hi", deployment="gpt-4o-mini").backend is b
        with pytest.raises(ConfigurationError, match=r"no backend has the deployment 'other'.*gpt-4o, gpt-4o-mini"):
            client.chat("hi", deployment="other")
    assert [s.path.split("?")[0] for s in servers[1].seen] == ["/openai/deployments/gpt-4o-mini/chat/completions"]


def test_requests_to_another_origin_are_neither_routed_nor_signed(servers: list[ScriptedServer]) -> None:
    a, b = backend(servers[0], "d", "ka"), backend(servers[1], "d", "kb")
    with routed(a, b) as client:
        client.http_client.post(f"{servers[2].endpoint}/openai/deployments/d/chat/completions", json={})
    assert servers[0].seen == servers[1].seen == []
    assert "api-key" not in servers[2].seen[0].headers


def test_the_rest_client_is_routed(servers: list[ScriptedServer]) -> None:
    from azure_openai._adapter import operation_module
    from azure_openai_rest.api.default import chat_completions_create

    servers[0].replies = [throttled(10_000)]
    with routed(backend(servers[0], "a", "ka"), backend(servers[1], "b", "kb"), clock=Clock()) as client:
        model = operation_module("chat_completions_create").REQUEST_MODEL
        body = model.from_dict({"messages": [{"role": "user", "content": "hi"}]})
        parsed = chat_completions_create.sync("a", client=client.rest, body=body, api_version=client.api_version)
    assert parsed is not None
    assert servers[1].seen[0].path.startswith("/openai/deployments/b/chat/completions?api-version=")


def test_backend_settings_are_checked_and_never_show_the_credential() -> None:
    with pytest.raises(ConfigurationError, match=r"Backend 'west': the endpoint 'west\.example\.com'.*no scheme"):
        Backend("west.example.com", "d", api_key="k", name="west")
    with pytest.raises(ConfigurationError, match="Backend: no credential"):
        Backend("https://w.example.com", "d")
    with pytest.raises(ConfigurationError, match="pass only one way"):
        Backend("https://w.example.com", "d", api_key="k", azure_ad_token="t")
    with pytest.raises(InvalidArgumentError, match="priority must be an int"):
        Backend("https://w.example.com", "d", api_key="k", priority="1")  # type: ignore[arg-type]
    good = Backend("https://w.example.com/", "gpt", api_key="secret-key", priority=2, name="w")
    assert repr(good) == (
        "Backend(name='w', endpoint='https://w.example.com', deployment='gpt', priority=2, auth=api_key)"
    )
    with pytest.raises(TypeError):
        pickle.dumps(good)
    with pytest.raises(
        ConfigurationError, match=r"backends must be a non-empty list of Backend\(...\), got an empty list"
    ):
        AzureOpenAI(backends=[])
    with pytest.raises(InvalidArgumentError, match=r"backends\[1\] is a dict, not a Backend"):
        AzureOpenAI(backends=[good, {"endpoint": "https://x"}])  # type: ignore[list-item]
    with pytest.raises(ConfigurationError, match="either backends= or endpoint=, api_key=, not both"):
        AzureOpenAI(backends=[good], endpoint="https://x.example.com", api_key="k")
    other = Backend("https://e.example.com", "gpt", token_provider=lambda: "t")
    client = AzureOpenAI(backends=[good, other])
    assert client.endpoint == "https://w.example.com" and client.deployment == "gpt"
    assert client.backends == (good, other)
    assert "secret-key" not in repr(client) and "auth=token_provider" in repr(client)


def test_a_client_with_an_endpoint_is_the_one_backend_case(server: ScriptedServer) -> None:
    with AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        result = client.chat("hi", deployment="per-call")
    (only,) = client.backends
    assert result.backend is only and only.endpoint == server.endpoint
    assert only.deployment is None  # calls name theirs (here "per-call"), or take the client's default
    assert server.seen[0].path.startswith("/openai/deployments/per-call/")


def test_when_every_backend_is_throttled_the_wait_is_the_shortest_of_all_including_the_last_one(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    servers[0].replies = [throttled(30_000)]
    servers[1].replies = [Reply(503, {"error": {"code": "503", "message": "busy"}})]  # no hint: the backoff
    a, b = backend(servers[0], "d", "ka"), backend(servers[1], "d", "kb", priority=1)
    with routed(a, b, clock=clock, retry_backoff=0.5) as client:
        result = client.chat("hi")
    assert len(waited) == 1 and 0.37 <= waited[0] <= 0.5  # b's own backoff, not a's 30 s
    assert result.backend is b
    assert router(client).routes[0].until == pytest.approx(1030.0)


def test_the_last_allowed_send_still_sets_its_backend_aside(servers: list[ScriptedServer], sleeps: list[float]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    servers[0].default = servers[1].default = throttled(90_000)
    clock = Clock()
    a, b = backend(servers[0], "a", "ka"), backend(servers[1], "b", "kb", priority=1)
    with routed(a, b, clock=clock, max_retries=0) as client, pytest.raises(RateLimitError):
        client.chat("hi")
    # b's 429 was the last send; the 90 s hint is held max_retry_wait (60) + the 5 s cool-down
    assert [r.until for r in router(client).routes] == [pytest.approx(1065.0)] * 2
    down = Backend(closed, "d", api_key="k0")
    with routed(down, down, clock=clock, max_retries=0) as client, pytest.raises(APIConnectionError):
        client.chat("hi")
    assert [r.until for r in router(client).routes] == [pytest.approx(1005.0)] * 2  # cooling down, both
    assert sleeps == []


def test_a_cookie_of_the_first_backend_goes_to_no_other_origin(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, _ = moving
    home = Backend(servers[0].endpoint.replace("127.0.0.1", "localhost"), "a", api_key="ka")
    other = backend(servers[1], "b", "kb", priority=1)
    servers[0].replies = [Reply(headers={"set-cookie": "session=A-SECRET; Path=/"}), throttled(1000)]
    servers[1].replies = [throttled(2000)]
    with routed(home, other, clock=clock) as client:
        client.chat("first")  # the first backend sets its cookie
        assert client.chat("second").backend is home  # a 429, b 429, back to a after its 1 s
    assert [s.headers.get("cookie") for s in servers[0].seen] == [None, "session=A-SECRET", "session=A-SECRET"]
    assert [s.headers.get("cookie") for s in servers[1].seen] == [None]


def test_a_redirect_is_followed_where_it_points_and_signed_by_the_backend_whose_origin_it_is(
    servers: list[ScriptedServer],
) -> None:
    a_side, b_side, _ = servers
    path = "/openai/deployments/{}/chat/completions?api-version=2024-10-21"
    a = Backend(a_side.endpoint, "da", api_key="key-a")
    b = Backend(b_side.endpoint, "db", token_provider=lambda: "token-b", priority=1)
    follow = httpx.Client(follow_redirects=True)
    # a 429 -> b, whose relative redirect stays at b's origin: b's credential, not none.
    a_side.replies = [throttled(10_000)]
    b_side.replies = [Reply(307, "", {"location": path.format("db")})]
    with AzureOpenAI(backends=[a, b], http_client=follow, max_retries=0) as client:
        assert client.chat("hi").backend is b
    assert [s.headers.get("authorization") for s in b_side.seen] == ["Bearer token-b"] * 2
    assert all("api-key" not in s.headers for s in b_side.seen)
    # b redirects to a's origin: followed there with a's key (not routed back to b, a being set aside).
    a_side.replies = [throttled(10_000)]
    b_side.replies = [Reply(307, "", {"location": a_side.endpoint + path.format("da")})]
    with AzureOpenAI(backends=[a, b], http_client=follow, max_retries=0) as client:
        assert client.chat("hi").backend is a
    assert [s.headers.get("api-key") for s in a_side.seen[1:]] == ["key-a", "key-a"]
    assert "authorization" not in a_side.seen[-1].headers and len(b_side.seen) == 3
    follow.close()


@pytest.mark.parametrize("home_host", ["127.0.0.1", "localhost"])
def test_each_backend_goes_through_the_proxy_the_environment_names_for_its_own_host(
    servers: list[ScriptedServer], monkeypatch: pytest.MonkeyPatch, home_host: str
) -> None:
    first, second, proxy = servers
    only_http_proxy(monkeypatch, proxy)
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # localhost goes through the proxy, 127.0.0.1 directly
    other_host = "localhost" if home_host == "127.0.0.1" else "127.0.0.1"
    home = Backend(first.endpoint.replace("127.0.0.1", home_host), "a", api_key="ka")
    other = Backend(second.endpoint.replace("127.0.0.1", other_host), "b", api_key="kb", priority=1)
    first.replies = proxy.replies = [throttled(10_000)]  # the proxy answers for the first backend when it fronts it
    with routed(home, other, clock=Clock()) as client:
        assert client.chat("hi").backend is other
    through = [s.path.split("?")[0] for s in proxy.seen]
    if home_host == "127.0.0.1":  # the first backend directly, the second through the proxy
        assert (len(first.seen), len(second.seen)) == (1, 0)
        assert through == [f"{other.endpoint}/openai/deployments/b/chat/completions"]
    else:  # the first backend through the proxy, the second directly
        assert (len(first.seen), len(second.seen)) == (0, 1)
        assert through == [f"{home.endpoint}/openai/deployments/a/chat/completions"]


def test_the_proxy_of_a_backend_is_matched_as_httpx_matches_its_mounts() -> None:
    from azure_openai._transport.http import _by_priority, _mounted

    mounts = _by_priority(
        {"all://": "proxy", "https://": "tls-proxy", "all://*corp.example": None, "all://*.sub.example": None}
        | {"http://h.example:8080": "port-proxy", "all://[::1]": None, "all://localhost": None}
    )

    def pick(url: str) -> str:
        return _mounted("direct", mounts, httpx.URL(url))

    assert [pick(u) for u in ("http://a.example", "https://a.example", "https://corp.example")] == [
        "proxy",
        "tls-proxy",
        "direct",
    ]
    assert [pick(u) for u in ("https://x.corp.example", "https://sub.example", "https://a.sub.example")] == [
        "direct",
        "tls-proxy",
        "direct",
    ]
    assert [pick(u) for u in ("http://h.example:8080", "http://h.example", "http://[::1]:1", "http://localhost")] == [
        "port-proxy",
        "proxy",
        "direct",
        "direct",
    ]


def test_a_new_request_waits_when_every_backend_is_set_aside_or_is_refused_at_once_past_max_retry_wait(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    servers[0].replies, servers[1].replies = [throttled(5000)], [throttled(3000), throttled(3000)]
    a, b = backend(servers[0], "a", "ka"), backend(servers[1], "b", "kb", priority=1)
    with routed(a, b, clock=clock, max_retries=1, max_retry_wait=10) as client:
        with pytest.raises(RateLimitError):
            client.chat("hi")  # a, b, 3 s, b again: the service's 429s, a free in 2 s and b in 3 s
        assert waited == [pytest.approx(3.0)]
        assert client.chat("again").backend is a  # waits a's 2 s instead of costing one more 429
        assert waited[1:] == [pytest.approx(2.0)] and (len(servers[0].seen), len(servers[1].seen)) == (2, 2)
        servers[0].replies, servers[1].replies = [throttled(60_000)], [throttled(30_000)]
        clock.now += 10.0  # both free again
        with pytest.raises(RateLimitError):
            client.chat("hi")  # b's 30 s is above max_retry_wait: raised at once
        # 30 s, held max_retry_wait + 5 s = 15 s > max_retry_wait: refused, not sent
        with pytest.raises(RateLimitError) as raised:
            client.chat("again")
    assert (len(servers[0].seen), len(servers[1].seen)) == (3, 3) and len(waited) == 2
    error = raised.value
    assert error.code == "AllBackendsThrottled" and error.retry_after == pytest.approx(15.0)
    assert "not sent: every backend is set aside (throttled) for 15 s more, above max_retry_wait=10" in str(error)
    assert error.attempts == []


def test_with_max_retries_0_a_new_request_finding_every_backend_throttled_is_refused_without_waiting(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    servers[0].replies, servers[1].replies = [throttled(5000)], [throttled(3000)]
    a, b = backend(servers[0], "a", "ka"), backend(servers[1], "b", "kb", priority=1)
    with routed(a, b, clock=clock, max_retries=0, max_retry_wait=10) as client:
        with pytest.raises(RateLimitError):
            client.chat("hi")  # both throttled: the service's 429s
        with pytest.raises(RateLimitError) as raised:  # b's 3 s is within max_retry_wait, but no wait is wanted
            client.chat("again")
        clock.now += 3.0
        assert client.chat("later").backend is b
    assert waited == [] and (len(servers[0].seen), len(servers[1].seen)) == (1, 2)
    error = raised.value
    assert error.code == "AllBackendsThrottled" and error.retry_after == pytest.approx(3.0)
    assert "for 3 s more, and max_retries=0 waits for none" in str(error) and error.attempts == []


def test_a_single_endpoint_still_sends_a_new_request_at_once(
    server: ScriptedServer, moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    server.replies = [throttled(3000), throttled(3000)]
    with AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", max_retries=0) as client:
        router(client).clock = clock
        for _ in range(2):
            with pytest.raises(RateLimitError):
                client.chat("hi")
    assert len(server.seen) == 2 and waited == []


def test_an_absolute_url_at_another_backends_origin_carries_that_backends_credential(
    servers: list[ScriptedServer],
) -> None:
    a, b = backend(servers[0], "a", "ka"), backend(servers[1], "b", "kb")
    with routed(a, b) as client:
        response = client.http_client.post(f"{servers[1].endpoint}/openai/deployments/x/chat/completions", json={})
    assert servers[0].seen == [] and servers[1].seen[0].path == "/openai/deployments/x/chat/completions"
    assert servers[1].seen[0].headers["api-key"] == "kb"  # not re-aimed (its own path), signed by b
    assert [x.backend for x in response.request.extensions["azure_openai.attempts"]] == [b]


async def test_the_async_client_sends_each_backend_through_its_own_proxy_too(
    servers: list[ScriptedServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, proxy = servers
    only_http_proxy(monkeypatch, proxy)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    home = backend(first, "a", "ka")
    other = Backend(second.endpoint.replace("127.0.0.1", "localhost"), "b", api_key="kb", priority=1)
    first.replies = [throttled(10_000)]
    async with AsyncAzureOpenAI(backends=[home, other]) as client:
        assert (await client.chat("hi")).backend is other
    assert (len(first.seen), len(second.seen)) == (1, 0)
    assert [s.path.split("?")[0] for s in proxy.seen] == [f"{other.endpoint}/openai/deployments/b/chat/completions"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_a_no_proxy_entry_with_a_port_sends_only_that_port_directly(
    servers: list[ScriptedServer], monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    first, second, proxy = servers
    only_http_proxy(monkeypatch, proxy)
    home = Backend(first.endpoint.replace("127.0.0.1", host), "a", api_key="ka")
    other = Backend(second.endpoint.replace("127.0.0.1", host), "b", api_key="kb", priority=1)
    monkeypatch.setenv("no_proxy", f"example.com:8443,{host}:{httpx.URL(home.endpoint).port}")
    through = f"{other.endpoint}/openai/deployments/b/chat/completions"
    first.replies = [throttled(10_000)]
    with routed(home, other) as client:  # the first backend directly, the second (another port) through the proxy
        assert client.chat("hi").backend is other
    first.replies = [throttled(10_000)]
    async with AsyncAzureOpenAI(backends=[home, other]) as aclient:
        assert (await aclient.chat("hi")).backend is other
    assert (len(first.seen), len(second.seen)) == (2, 0)
    assert [s.path.split("?")[0] for s in proxy.seen] == [through, through]


@pytest.mark.parametrize("no_proxy", ["example.com:8443", "192.168.1.1:8080", "localhost:8080", "10.0.0.0/8,::1"])
def test_no_proxy_entries_are_mounted_as_httpx_mounts_them(monkeypatch: pytest.MonkeyPatch, no_proxy: str) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    theirs = {p.pattern: t is None for p, t in httpx.Client()._mounts.items()}
    for ours in (
        AzureOpenAI(endpoint="https://r.example", api_key="k"),
        AsyncAzureOpenAI(endpoint="https://r.example", api_key="k"),
    ):
        assert {p.pattern: t is None for p, t in ours.http_client._mounts.items()} == theirs


@pytest.mark.parametrize("cls", [AzureOpenAI, AsyncAzureOpenAI])
def test_an_unreadable_no_proxy_entry_is_a_configuration_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, cls: type[AzureOpenAI] | type[AsyncAzureOpenAI]
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "example.com,[::1]:8080")
    with pytest.raises(
        ConfigurationError, match=r"NO_PROXY entry '\[::1\]:8080' cannot be read .*::1 without brackets"
    ):
        cls(endpoint="https://r.example", api_key="k")


def test_a_request_not_sent_because_every_backend_is_throttled_is_logged_once_without_secrets(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]], caplog: pytest.LogCaptureFixture
) -> None:
    clock, waited = moving
    servers[0].replies, servers[1].replies = [throttled(100_000)], [throttled(100_000)]
    a, b = backend(servers[0], "a", "key-a-secret"), backend(servers[1], "b", "key-b-secret", priority=1)
    with routed(a, b, clock=clock, max_retry_wait=5) as client:
        with pytest.raises(RateLimitError):
            client.chat("hi")  # both throttled: 100 s asked, held max_retry_wait + 5 s = 10 s
        caplog.clear()
        with caplog.at_level(logging.INFO, "azure_openai"), pytest.raises(RateLimitError):
            client.chat("again")  # refused here, not sent
    assert waited == [] and len(servers[0].seen) + len(servers[1].seen) == 2
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            logging.INFO,
            f"POST {a.endpoint}/openai/deployments/a/chat/completions?api-version={client.api_version} not sent: "
            "every backend is set aside (throttled) for 10 s more, above max_retry_wait=5; try again later, raise "
            "max_retry_wait, or add a backend",
        )
    ]
    assert "secret" not in caplog.text


def test_a_backend_set_aside_twice_keeps_the_reason_of_the_hold_that_ends_later(
    servers: list[ScriptedServer], moving: tuple[Clock, list[float]]
) -> None:
    clock, waited = moving
    a, b = backend(servers[0], "a", "ka"), backend(servers[1], "b", "kb", priority=1)
    with routed(a, b, clock=clock, max_retry_wait=5) as client:
        routes, url = router(client).routes, httpx.URL(f"{a.endpoint}/openai/deployments/a/chat/completions")
        first, second = router(client).trip(url), router(client).trip(url)
        assert first is not None and second is not None and first.route is second.route is routes[0]
        first.set_aside(100, True)  # two requests in flight to a: one answered 429 for 100 s,
        second.set_aside(5, False)  # then the other's connection failed (5 s)
        assert (routes[0].until, routes[0].throttled) == (clock.now + 100, True)
        routes[1].until, routes[1].throttled = clock.now + 100, True
        with pytest.raises(RateLimitError) as raised:  # throttled past max_retry_wait: not sent
            client.chat("hi")
        assert raised.value.code == "AllBackendsThrottled"
        third = router(client).trip(url)
        assert third is not None and third.route is routes[0]
        third.set_aside(200, False)  # a later, longer hold as unreachable: its reason now
        assert (routes[0].until, routes[0].throttled) == (clock.now + 200, False)
    assert servers[0].seen == servers[1].seen == [] and waited == []
