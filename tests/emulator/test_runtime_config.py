"""Issue 13 item 4: read and change quotas and latency while the emulator runs, from Python or over HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from azure_openai.testing import Emulator, Latency

from .conftest import API_VERSION

ADMIN = "/_emulator/config"


def chat(http: httpx.Client, emu: Emulator, deployment: str = "gpt-4o") -> httpx.Response:
    return http.post(
        f"{emu.endpoint}/openai/deployments/{deployment}/chat/completions",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
        json={"messages": [{"role": "user", "content": "hello"}]},
    )


def test_configure_throttles_a_running_emulator_mid_run(http: httpx.Client) -> None:
    with Emulator(deployments={"gpt-4o": "gpt-4o"}) as emu:
        assert [chat(http, emu).status_code for _ in range(3)] == [200, 200, 200]
        config = emu.configure(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 1000, "rpm": 2}})
        assert config["deployments"]["gpt-4o"] == {"model": "gpt-4o", "tpm": 1000, "rpm": 2}
        assert [chat(http, emu).status_code for _ in range(3)] == [200, 200, 429]
        emu.configure(deployments={"gpt-4o": "gpt-4o"})  # back to unlimited
        assert chat(http, emu).status_code == 200
        emu.configure(deployments={"extra": "gpt-4", "gpt-4o": None})
        assert emu.deployments == {"extra": "gpt-4"}
        assert chat(http, emu).json()["error"]["code"] == "DeploymentNotFound"


def test_configure_changes_latency_and_keeps_unnamed_fields() -> None:
    emu = Emulator(latency=Latency(first_token_ms=100))
    emu.configure(latency={"per_token_ms": 5})
    assert emu.latency == Latency(first_token_ms=100, per_token_ms=5)
    assert emu.config()["latency"] == {"first_token_ms": 100, "per_token_ms": 5, "embeddings_ms": 0.0, "spread": 0.0}


def test_a_bad_change_changes_nothing() -> None:
    from azure_openai import ConfigurationError

    emu = Emulator(deployments={"gpt-4o": "gpt-4o"})
    before = emu.config()
    with pytest.raises(ConfigurationError, match="unknown emulator setting"):
        emu.configure(latency={"per_token_ms": 5}, speed=3)
    with pytest.raises(ConfigurationError, match="tpm must be"):
        emu.configure(latency={"per_token_ms": 5}, deployments={"gpt-4o": {"tpm": -1}})
    assert emu.config() == before


def test_the_admin_endpoint_reads_and_patches_the_config(http: httpx.Client) -> None:
    with Emulator(deployments={"gpt-4o": "gpt-4-turbo"}) as emu:
        url, key = emu.endpoint + ADMIN, {"api-key": emu.api_key}
        shown = http.get(url, headers=key)
        assert shown.status_code == 200 and shown.json() == emu.config()
        patch: dict[str, Any] = {"deployments": {"gpt-4o": {"tpm": 1000, "rpm": 1}}, "latency": {"spread": 0.1}}
        changed = http.patch(url, headers=key, json=patch)
        assert changed.status_code == 200
        # A quota change that names no model keeps the deployment's model.
        assert changed.json()["deployments"]["gpt-4o"] == {"model": "gpt-4-turbo", "tpm": 1000, "rpm": 1}
        assert emu.latency.spread == 0.1
        assert [chat(http, emu).status_code for _ in range(2)] == [200, 429]
        assert emu.requests[-1].path.startswith("/openai/")  # admin calls are not service requests


def test_the_admin_endpoint_needs_the_key_and_refuses_bad_settings(http: httpx.Client) -> None:
    with Emulator() as emu:
        url = emu.endpoint + ADMIN
        assert http.get(url).status_code == 401
        assert http.patch(url, headers={"api-key": "wrong"}, json={}).status_code == 401
        bad = http.patch(url, headers={"api-key": emu.api_key}, json={"latency": {"first_token_ms": -5}})
        assert bad.status_code == 400
        assert bad.json()["error"] == {
            "code": "invalid_config",
            "message": "latency first_token_ms must be a number from 0 to 600000, got -5",
        }
        assert emu.api_key not in bad.text
        not_json = http.patch(url, headers={"api-key": emu.api_key}, content=b"[1]")
        assert not_json.status_code == 400
        assert http.patch(emu.endpoint + "/openai/other", headers={"api-key": emu.api_key}).status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (b'{"quota_window": Infinity}', "quota_window must be a number of seconds > 0 and <= 3600"),
        (b'{"quota_window": NaN}', "quota_window must be a number of seconds > 0 and <= 3600"),
        (b'{"quota_window": 3601}', "quota_window must be a number of seconds > 0 and <= 3600"),
        (b'{"latency": {"first_token_ms": 1e300}}', "latency first_token_ms must be a number from 0 to 600000"),
        (b'{"latency": {"per_token_ms": Infinity}}', "latency per_token_ms must be a number from 0 to 600000"),
        (b'{"latency": {"embeddings_ms": NaN}}', "latency embeddings_ms must be a number from 0 to 600000"),
        (b'{"latency": {"spread": 1e9}}', "latency spread must be a number from 0 to 10"),
    ],
)
def test_infinite_or_huge_windows_and_latencies_are_refused_and_requests_still_answer(
    http: httpx.Client, change: bytes, message: str
) -> None:
    """Accepted, each broke every later request (an OverflowError, a 500, or no answer at all)."""
    with Emulator(deployments={"gpt-4o": {"model": "gpt-4o", "tpm": 1000}}) as emu:
        refused = http.patch(
            f"{emu.endpoint}{ADMIN}",
            headers={"api-key": emu.api_key, "Content-Type": "application/json"},
            content=change,
        )
        assert refused.status_code == 400 and message in refused.json()["error"]["message"]
        assert chat(http, emu).status_code == 200
