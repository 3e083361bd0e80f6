"""Issue 13 item 1: per-deployment quotas counted like the service's, on a clock the test moves by hand."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from azure_openai.testing import Emulator

from .conftest import API_VERSION


class Clock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def chat(http: httpx.Client, emu: Emulator, deployment: str = "gpt-4o", **extra: Any) -> httpx.Response:
    return http.post(
        f"{emu.endpoint}/openai/deployments/{deployment}/chat/completions",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
        json={"messages": [{"role": "user", "content": "hello"}], **extra},
    )


def test_rpm_defaults_to_six_per_thousand_tpm_and_unlimited_forms_still_work() -> None:
    emu = Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 30000}, "old": "gpt-4"})
    assert emu.config()["deployments"] == {
        "gpt-4o": {"model": "gpt-4o", "tpm": 30000, "rpm": 180},
        "old": {"model": "gpt-4", "tpm": None, "rpm": None},
    }
    assert Emulator(deployments=["a", "b"]).deployments == {"a": "a", "b": "b"}


def test_tokens_are_counted_as_prompt_plus_max_tokens_and_headers_show_what_is_left(http: httpx.Client) -> None:
    clock = Clock()
    with Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 10}}, clock=clock) as emu:
        first = chat(http, emu, max_tokens=100)
        assert first.status_code == 200
        prompt_tokens = first.json()["usage"]["prompt_tokens"]
        assert first.headers["x-ratelimit-remaining-requests"] == "9"
        assert first.headers["x-ratelimit-remaining-tokens"] == str(1000 - prompt_tokens - 100)
        # Without max_tokens the count is the prompt plus the answer's own length.
        second = chat(http, emu)
        usage = second.json()["usage"]
        assert second.headers["x-ratelimit-remaining-requests"] == "8"
        expected = 1000 - prompt_tokens - 100 - usage["total_tokens"]
        assert second.headers["x-ratelimit-remaining-tokens"] == str(expected)
        # An error before admission spends nothing but still reports what is left.
        bad = chat(http, emu, temperature=9)
        assert bad.status_code == 400 and bad.headers["x-ratelimit-remaining-requests"] == "8"


def test_past_the_request_limit_a_429_in_the_service_shape_until_the_window_slides(http: httpx.Client) -> None:
    clock = Clock()
    with Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 100000, "rpm": 3}}, clock=clock) as emu:
        for _ in range(3):
            assert chat(http, emu).status_code == 200
            clock.now += 10  # requests at t=0, 10, 20
        refused = chat(http, emu)  # t=30: the oldest leaves the 60 s window at t=60, 30 s from now
        assert refused.status_code == 429
        assert refused.headers["retry-after-ms"] == "30000" and refused.headers["Retry-After"] == "30"
        assert refused.headers["x-ratelimit-remaining-requests"] == "0"
        error = refused.json()["error"]
        assert error["code"] == "429" and "exceeded call rate limit" in error["message"]
        assert "Please retry after 30 seconds" in error["message"]
        assert emu.requests[-1].status == 429
        clock.now += 29.9
        assert chat(http, emu).status_code == 429
        clock.now += 0.1
        admitted = chat(http, emu)
        assert admitted.status_code == 200 and admitted.headers["x-ratelimit-remaining-requests"] == "0"


def test_past_the_token_limit_the_wait_is_until_enough_tokens_leave(http: httpx.Client) -> None:
    clock = Clock()
    with Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 100}}, clock=clock) as emu:
        assert chat(http, emu, max_tokens=400).status_code == 200  # t=0: ~410 tokens
        clock.now += 5
        assert chat(http, emu, max_tokens=400).status_code == 200  # t=5: ~820 in the window
        clock.now += 5
        refused = chat(http, emu, max_tokens=400)  # t=10: would be ~1230; the first leaves at t=60
        assert refused.status_code == 429
        assert refused.headers["retry-after-ms"] == "50000"
        assert "exceeded token rate limit" in refused.json()["error"]["message"]
        # A smaller request that fits is admitted meanwhile: the limit is on tokens, not on time.
        assert chat(http, emu, max_tokens=50).status_code == 200


def test_each_deployment_has_its_own_quota_and_unlimited_ones_only_report(http: httpx.Client) -> None:
    clock = Clock()
    deployments = {"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 1}, "free": "gpt-4o"}
    with Emulator(deployments=deployments, clock=clock, requests_per_minute=50) as emu:
        assert chat(http, emu).status_code == 200
        assert chat(http, emu).status_code == 429
        for left in range(49, 44, -1):
            response = chat(http, emu, "free")
            assert response.status_code == 200
            assert response.headers["x-ratelimit-remaining-requests"] == str(left)


def test_the_client_retries_a_quota_429_and_succeeds_after_the_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wrapper honours retry-after-ms: the second call is refused, waits what it was told, then gets through.

    The emulator's clock moves only when the client's retry sleeps, so a slow machine cannot change the outcome.
    """
    import time
    import types

    from azure_openai import AzureOpenAI
    from azure_openai._transport import retry as retry_module

    clock = Clock()
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    real = {name: getattr(time, name) for name in dir(time) if not name.startswith("_")}
    monkeypatch.setattr(retry_module, "time", types.SimpleNamespace(**{**real, "sleep": sleep}))  # only sleep is fake
    deployments = {"gpt-4o": {"model": "gpt-4o", "tpm": 60000, "rpm": 60}}  # 1 request per 1 s window
    with Emulator(deployments=deployments, quota_window=1.0, clock=clock) as emu:
        client = AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4o")
        with client:
            assert client.chat("one").text.startswith("[emulator]")
            assert client.chat("two").text.startswith("[emulator]")
        statuses = [record.status for record in emu.requests]
    assert statuses == [200, 429, 200]
    assert slept == [1.0]  # retry-after-ms said the 1 s window must slide first


@pytest.mark.parametrize(
    ("deployments", "message"),
    [
        ({"x": {"model": "gpt-4o", "tpm": 0}}, "tpm must be a whole number >= 1"),
        ({"x": {"model": "gpt-4o", "rpm": 5}}, "rpm needs a tpm too"),
        ({"x": {"model": "gpt-4o", "tpn": 5}}, "unknown setting(s) ['tpn']"),
        ({"x": 5}, "expected a model name"),
    ],
)
def test_a_bad_quota_is_a_configuration_error(deployments: dict[str, Any], message: str) -> None:
    from azure_openai import ConfigurationError

    with pytest.raises(ConfigurationError) as caught:
        Emulator(deployments=deployments)
    assert message in str(caught.value)


def test_max_completion_tokens_counts_like_max_tokens(http: httpx.Client) -> None:
    """Newer api-versions name the limit max_completion_tokens; the service counts it the same way."""
    from spec_files import spec_path

    clock = Clock()
    deployments = {"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 10}}
    with Emulator(deployments=deployments, clock=clock, spec=spec_path("2024-10-21")) as emu:
        response = http.post(
            f"{emu.endpoint}/openai/deployments/gpt-4o/chat/completions",
            params={"api-version": "2024-10-21"},
            headers={"api-key": emu.api_key},
            json={"messages": [{"role": "user", "content": "hello there"}], "max_completion_tokens": 3},
        )
    body = response.json()
    assert body["choices"][0]["finish_reason"] == "length"  # the answer was cut at the limit too
    expected = 1000 - body["usage"]["prompt_tokens"] - 3
    assert response.headers["x-ratelimit-remaining-tokens"] == str(expected)


@pytest.mark.parametrize(("tpm", "rpm", "admitted"), [(1000, None, 6), (600_000, 100, 100)])
def test_a_shortened_window_keeps_the_configured_rates(
    http: httpx.Client, tpm: int, rpm: int | None, admitted: int
) -> None:
    """One request every 0.2 s for an emulated minute, over a 1 s window: exactly ``rpm`` get through.

    6 RPM is a tenth of a request per 1 s window, 100 RPM is 1.67: each admitted request stays counted for
    the share of the window that keeps the rate (10 s, 0.6 s), instead of a rounded budget per window.
    """
    clock = Clock()
    deployment = {"model": "gpt-4o", "tpm": tpm, **({"rpm": rpm} if rpm else {})}
    with Emulator(deployments={"gpt-4o": deployment}, quota_window=1.0, clock=clock) as emu:
        statuses = []
        for step in range(300):
            clock.now = 1000.0 + step / 5
            statuses.append(chat(http, emu, max_tokens=1).status_code)
    assert statuses.count(200) == admitted and set(statuses) == {200, 429}


def test_headers_report_per_minute_and_a_large_request_holds_the_window_longer(http: httpx.Client) -> None:
    """tpm 1000 over a 1 s window is 16.7 tokens a window: a ~110-token request is admitted into the empty
    window, counted whole (not clamped to 16) and keeps the window for the 6.6 s that 110 tokens take at
    1000 a minute; the headers speak in the per-minute units the limits are set in."""
    clock = Clock()
    with Emulator(
        deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 600}}, quota_window=1.0, clock=clock
    ) as emu:
        first = chat(http, emu, max_tokens=100)
        cost = first.json()["usage"]["prompt_tokens"] + 100
        assert first.status_code == 200
        assert first.headers["x-ratelimit-remaining-requests"] == "540"  # 600 a minute, one of 10 per window used
        assert first.headers["x-ratelimit-remaining-tokens"] == "0"
        refused = chat(http, emu, max_tokens=100)
        assert refused.status_code == 429
        assert abs(int(refused.headers["retry-after-ms"]) - cost * 60) <= 1  # cost * 60 / 1000 s, in ms
        clock.now += cost * 60 / 1000
        admitted = chat(http, emu, max_tokens=1)
        assert admitted.status_code == 200
        assert admitted.headers["x-ratelimit-remaining-tokens"] == str(
            1000 - (admitted.json()["usage"]["prompt_tokens"] + 1) * 60  # counted: prompt plus max_tokens
        )


def test_a_deployment_object_gets_the_default_rpm_and_is_enforced(http: httpx.Client) -> None:
    from azure_openai.testing import Deployment

    assert Deployment("gpt-4o", tpm=1000).rpm == 6
    clock = Clock()
    with Emulator(deployments={"gpt-4o": Deployment("gpt-4o", tpm=1000)}, clock=clock) as emu:
        assert emu.config()["deployments"]["gpt-4o"] == {"model": "gpt-4o", "tpm": 1000, "rpm": 6}
        statuses = [chat(http, emu, max_tokens=400).status_code for _ in range(3)]  # ~410 tokens each
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize(
    ("deployment", "message"),
    [
        ({"tpm": -5, "rpm": 0}, "deployment 'x': tpm must be a whole number >= 1, got -5"),
        ({"tpm": 1000, "rpm": 0}, "deployment 'x': rpm must be a whole number >= 1, got 0"),
        ({"rpm": 5}, "deployment 'x': rpm needs a tpm too"),
    ],
)
def test_a_bad_deployment_object_is_a_configuration_error(deployment: dict[str, int], message: str) -> None:
    from azure_openai import ConfigurationError
    from azure_openai.testing import Deployment

    with pytest.raises(ConfigurationError) as caught:
        Emulator(deployments={"x": Deployment("gpt-4o", **deployment)})
    assert message in str(caught.value)


def test_best_of_counts_every_candidate_the_service_generates(http: httpx.Client) -> None:
    deployments = {"instruct": {"model": "gpt-35-turbo-instruct", "tpm": 10000}}
    with Emulator(deployments=deployments) as emu:
        response = http.post(
            f"{emu.endpoint}/openai/deployments/instruct/completions",
            params={"api-version": API_VERSION},
            headers={"api-key": emu.api_key},
            json={"prompt": "hello", "max_tokens": 100, "best_of": 5},
        )
    assert response.status_code == 200 and len(response.json()["choices"]) == 1
    prompt = response.json()["usage"]["prompt_tokens"]
    assert response.headers["x-ratelimit-remaining-tokens"] == str(10000 - prompt - 100 * 5)


def test_tool_definitions_count_in_the_prompt(http: httpx.Client) -> None:
    tools = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "The weather in a city, today and for the next few days, in degrees Celsius.",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            },
        }
    ]
    with Emulator() as emu:
        plain = chat(http, emu, "gpt-4", tool_choice="none")
        offered = chat(http, emu, "gpt-4", tools=tools, tool_choice="none")
    assert offered.json()["usage"]["prompt_tokens"] > plain.json()["usage"]["prompt_tokens"] + 10


def test_unlimited_deployments_each_report_their_own_use_over_the_current_window(http: httpx.Client) -> None:
    clock = Clock()
    with Emulator(clock=clock, requests_per_minute=50) as emu:
        assert chat(http, emu, "gpt-4").headers["x-ratelimit-remaining-requests"] == "49"
        assert chat(http, emu, "gpt-35-turbo").headers["x-ratelimit-remaining-requests"] == "49"  # not 48
        emu.configure(quota_window=10)
        clock.now += 60  # both requests have left; what is counted next is counted over 10 s
        assert chat(http, emu, "gpt-4").headers["x-ratelimit-remaining-requests"] == "44"  # 50 - 1 x 60/10


def test_a_partial_quota_change_keeps_the_rest_of_the_deployment() -> None:
    with Emulator(deployments={"d": {"model": "gpt-4o", "tpm": 1000, "rpm": 10}}) as emu:
        emu.configure(deployments={"d": {"rpm": 5}})  # refused before: "rpm needs a tpm too"
        assert emu.config()["deployments"]["d"] == {"model": "gpt-4o", "tpm": 1000, "rpm": 5}
        emu.configure(deployments={"d": {"tpm": 2000}})  # a chosen rpm stays
        assert emu.config()["deployments"]["d"] == {"model": "gpt-4o", "tpm": 2000, "rpm": 5}
        emu.configure(deployments={"d": {"tpm": 1000, "rpm": 6}})
        emu.configure(deployments={"d": {"tpm": 3000}})  # the default rpm follows the tpm
        assert emu.config()["deployments"]["d"] == {"model": "gpt-4o", "tpm": 3000, "rpm": 18}
        emu.configure(deployments={"d": {"tpm": None}})  # and the quota can still be removed
        assert emu.config()["deployments"]["d"] == {"model": "gpt-4o", "tpm": None, "rpm": None}


def test_a_get_after_a_post_on_the_same_connection_does_not_report_the_posts_admission() -> None:
    with Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 10}}) as emu, httpx.Client() as one:
        assert chat(one, emu).headers["x-ratelimit-remaining-requests"] == "9"
        for method in ("GET", "PATCH"):
            other = one.request(method, f"{emu.endpoint}/openai/nothing-here", headers={"api-key": emu.api_key})
            assert other.status_code == 404 and other.headers["x-ratelimit-remaining-requests"] == "1000"
