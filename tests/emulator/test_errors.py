"""Auth, routing, api-version and validation failures answer like the service."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from azure_openai.testing import Emulator

from .conftest import API_VERSION

CHAT = "/deployments/gpt-35-turbo/chat/completions"
HELLO = {"messages": [{"role": "user", "content": "hello"}]}


_HTTP: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _shared_client(http: httpx.Client) -> None:
    _HTTP[:] = [http]


def post(emu: Emulator, path: str, *, headers: dict[str, str] | None = None, **kwargs: object) -> httpx.Response:
    kwargs.setdefault("params", {"api-version": API_VERSION})
    return _HTTP[0].post(f"{emu.endpoint}{path}", headers=headers or {"api-key": emu.api_key}, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "param", "code"),
    [
        ({}, "messages", "missing_required_parameter"),
        ({"messages": []}, "messages", "invalid_value"),
        ({"messages": [{"role": "user"}]}, "messages[0].content", "missing_required_parameter"),
        ({"messages": [{"role": "robot", "content": "x"}]}, "messages[0].role", "invalid_value"),
        ({**HELLO, "temperature": "hot"}, "temperature", "invalid_type"),
        ({**HELLO, "temperature": 3}, "temperature", "invalid_value"),
        ({**HELLO, "n": 0}, "n", "invalid_value"),
        ({"messages": [{"role": "tool", "content": "42"}]}, "messages[0].tool_call_id", "missing_required_parameter"),
    ],
)
def test_validation_400_names_the_field(emu: Emulator, body: dict[str, object], param: str, code: str) -> None:
    response = post(emu, f"/openai{CHAT}", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == param and error["code"] == code and error["type"] == "invalid_request_error"
    assert f"'{param}'" in error["message"]


def test_validation_of_other_operations(emu: Emulator) -> None:
    bad_size = post(emu, "/openai/deployments/dall-e-3/images/generations", json={"prompt": "x", "size": "5x5"})
    assert bad_size.status_code == 400 and bad_size.json()["error"]["param"] == "size"
    no_input = post(emu, "/openai/deployments/text-embedding-ada-002/embeddings", json={})
    assert no_input.json()["error"]["param"] == "input"
    no_file = post(emu, "/openai/deployments/whisper/audio/transcriptions", files={"prompt": (None, "hi")})
    assert no_file.status_code == 400 and no_file.json()["error"]["param"] == "file"
    bad_format = post(
        emu,
        "/openai/deployments/whisper/audio/translations",
        files={"file": ("a.wav", b"RIFF", "audio/wav")},
        data={"response_format": "mp3"},
    )
    assert bad_format.json()["error"]["param"] == "response_format"


def test_requests_the_service_accepts_but_the_spec_words_differently_are_accepted(emu: Emulator) -> None:
    image_part = {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}}
    body = {"messages": [{"role": "user", "content": [{"type": "text", "text": "what is this?"}, image_part]}]}
    assert post(emu, f"/openai{CHAT}", json=body).status_code == 200


def test_invalid_json_is_a_400(emu: Emulator) -> None:
    response = post(emu, f"/openai{CHAT}", content=b"{not json", headers={"api-key": emu.api_key})
    assert response.status_code == 400 and "JSON" in response.json()["error"]["message"]


def test_wrong_or_missing_key_is_401(emu: Emulator) -> None:
    for headers in ({"api-key": "wrong"}, {}):
        response = post(emu, f"/openai{CHAT}", json=HELLO, headers=headers or {"x-other": "1"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "401"
        assert "Access denied" in response.json()["error"]["message"]


def test_bearer_tokens_configured_are_accepted_others_are_401(emu: Emulator) -> None:
    good = post(emu, f"/openai{CHAT}", json=HELLO, headers={"Authorization": "Bearer token-for-tests"})
    assert good.status_code == 200
    bad = post(emu, f"/openai{CHAT}", json=HELLO, headers={"Authorization": "Bearer stolen"})
    assert bad.status_code == 401 and "Access token" in bad.json()["error"]["message"]
    assert "stolen" not in bad.text


def test_unknown_deployment_is_404_deployment_not_found(emu: Emulator) -> None:
    response = post(emu, "/openai/deployments/gpt-5/chat/completions", json=HELLO)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "DeploymentNotFound"
    assert error["message"].startswith("The API deployment for this resource does not exist.")


def test_deployments_are_configurable() -> None:
    with Emulator(deployments={"my-chat": "gpt-4o"}) as emu:
        assert emu.deployments == {"my-chat": "gpt-4o"}
        assert post(emu, "/openai/deployments/my-chat/chat/completions", json=HELLO).json()["model"] == "gpt-4o"
        assert post(emu, f"/openai{CHAT}", json=HELLO).status_code == 404


@pytest.mark.parametrize("params", [{}, {"api-version": "2031-01-01"}, {"api-version": ""}])
def test_missing_or_unknown_api_version_is_404_resource_not_found(emu: Emulator, params: dict[str, str]) -> None:
    response = post(emu, f"/openai{CHAT}", json=HELLO, params=params)
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "404", "message": "Resource not found"}}


def test_other_known_api_versions_work(emu: Emulator) -> None:
    assert post(emu, f"/openai{CHAT}", json=HELLO, params={"api-version": "2024-10-21"}).status_code == 200


def test_unknown_path_is_404(emu: Emulator) -> None:
    assert post(emu, "/openai/deployments/gpt-4/fine_tunes", json={}).status_code == 404
    assert post(emu, "/v1/chat/completions", json=HELLO).status_code == 404


def test_an_operation_the_model_does_not_serve_is_400_operation_not_supported(emu: Emulator) -> None:
    response = post(emu, "/openai/deployments/gpt-4/embeddings", json={"input": "x"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "OperationNotSupported" and "gpt-4" in error["message"]


@pytest.mark.parametrize(
    "body",
    [
        {**HELLO, "temperature": None, "stop": None, "n": None},  # OpenAPI 3.0 `nullable` fields take null
        {"messages": [{"role": "system", "content": None}, {"role": "user", "content": "x"}]},
        {"messages": [{"role": "function", "name": "lookup", "content": "42"}]},  # the service wants `name`
        {**HELLO, "tool_choice": {"type": "function", "function": {"name": "f"}}},
    ],
)
def test_valid_requests_are_accepted(emu: Emulator, body: dict[str, object]) -> None:
    response = post(emu, f"/openai{CHAT}", json=body)
    assert response.status_code == 200, response.text


def test_concurrent_requests_are_served(emu: Emulator, client: httpx.Client) -> None:
    def ask(number: int) -> int:
        return client.post(CHAT, json={"messages": [{"role": "user", "content": str(number)}]}).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(ask, range(16))) == [200] * 16
    assert sorted(int(r.json["messages"][0]["content"]) for r in emu.requests) == list(range(16))
