"""Each send of a request leaves an ``Attempt`` record on it, the one account of retries that telemetry, routing
and error reports read."""

from __future__ import annotations

import httpx
import pytest
from azure_openai import AzureOpenAI
from azure_openai._transport.retry import ATTEMPTS, Attempt, RetryPolicy, RetryTransport

pytestmark = pytest.mark.usefixtures("clean_env")


def _sequence(*outcomes: int | Exception) -> httpx.MockTransport:
    pending = list(outcomes)

    def handler(request: httpx.Request) -> httpx.Response:
        outcome = pending.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return httpx.Response(outcome, headers={"retry-after-ms": "5"}, json={"ok": outcome})

    return httpx.MockTransport(handler)


def test_each_send_is_recorded_with_status_error_and_the_wait_after_it() -> None:
    transport = RetryTransport(
        _sequence(httpx.ConnectError("refused"), 429, 200), RetryPolicy(max_retries=3, initial_backoff=0.001)
    )
    with httpx.Client(transport=transport) as http:
        response = http.get("https://res.example.com/x")
    attempts: list[Attempt] = response.request.extensions[ATTEMPTS]
    assert [(a.host, a.status, a.error) for a in attempts] == [
        ("res.example.com", None, "ConnectError"),
        ("res.example.com", 429, None),
        ("res.example.com", 200, None),
    ]
    assert attempts[0].wait is not None and attempts[1].wait == pytest.approx(0.005)
    assert attempts[2].wait is None
    assert all(a.start_ns <= a.end_ns for a in attempts)
    assert attempts[0].end_ns <= attempts[1].start_ns <= attempts[2].start_ns
    assert all(a.backend is None for a in attempts)


def test_the_failed_last_attempt_is_recorded_too() -> None:
    transport = RetryTransport(_sequence(500, 503), RetryPolicy(max_retries=1, initial_backoff=0.001))
    with httpx.Client(transport=transport) as http:
        response = http.get("https://res.example.com/x")
    assert [a.status for a in response.request.extensions[ATTEMPTS]] == [500, 503]


def test_a_wrapper_call_records_one_attempt_per_send() -> None:
    client = AzureOpenAI(endpoint="https://res.example.com", api_key="k", deployment="d", retry_backoff=0.001)
    client.http_client.policy_transports[0].inner = _sequence(503, 200)  # type: ignore[attr-defined]
    response = client.http_client.post("openai/deployments/d/embeddings?api-version=2024-02-01", json={})
    assert [a.status for a in response.request.extensions[ATTEMPTS]] == [503, 200]
