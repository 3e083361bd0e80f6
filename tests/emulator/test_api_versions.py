"""Review finding C2: a request is checked against its own api-version's spec, and an argument the api-version
does not have is refused with the service's 400 ("Unrecognized request argument supplied"), not answered 200."""

from __future__ import annotations

import copy
import json
from typing import Any

import azure_openai_rest
import httpx
import pytest
from azure_openai import AzureOpenAI, BadRequestError
from azure_openai.testing import Emulator
from azure_openai.testing._validation import RequestValidator
from spec_files import spec_path

from .conftest import TLS

HI = [{"role": "user", "content": "hi"}]
JSON_SCHEMA = {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}


def chat(emu: Emulator, api_version: str, **arguments: Any) -> httpx.Response:
    return httpx.post(
        f"{emu.endpoint}/openai/deployments/gpt-4/chat/completions",
        params={"api-version": api_version},
        headers={"api-key": emu.api_key},
        json={"messages": HI, **arguments},
        timeout=10,
        verify=TLS,
    )


def unrecognized(*names: str) -> dict[str, Any]:
    """The service's body, word for word (openai-python #1469; several names: quarkus-langchain4j #285)."""
    message = f"Unrecognized request argument{'s' if len(names) > 1 else ''} supplied: {', '.join(names)}"
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}}


def test_an_argument_no_api_version_has_is_refused_as_the_service_refuses_it(emu: Emulator) -> None:
    for version in ("2024-02-01", "2024-10-21", "2025-03-01-preview"):
        refused = chat(emu, version, foo=1)
        assert refused.status_code == 400 and refused.json() == unrecognized("foo")
    several = chat(emu, "2024-02-01", top_k=1, foo=1, temperature=1)
    assert several.status_code == 400 and several.json() == unrecognized("foo", "top_k")
    assert chat(emu, "2024-02-01", model="gpt-4").status_code == 200  # the openai SDK sends it; the service ignores it


@pytest.mark.parametrize(
    ("version", "refused", "accepted"),
    [
        ("2024-02-01", ["stream_options", "max_completion_tokens", "reasoning_effort"], []),
        # The spec's later revision (inference.yaml) has stream_options, and the service takes it (griptape #1640).
        ("2024-10-21", ["reasoning_effort"], ["stream_options", "max_completion_tokens"]),
        ("2025-03-01-preview", [], ["stream_options", "max_completion_tokens", "reasoning_effort"]),
        # No spec of their own: the oldest newer one held, else the newest, which errs toward accepting (the
        # service takes logprobs at 2024-06-01 and reasoning_effort at 2024-12-01-preview).
        ("2023-05-15", ["stream_options", "max_completion_tokens", "reasoning_effort"], []),
        ("2024-06-01", ["reasoning_effort"], ["stream_options", "max_completion_tokens", "logprobs"]),
        ("2024-12-01-preview", [], ["stream_options", "max_completion_tokens", "reasoning_effort"]),
        ("2025-04-01-preview", [], ["stream_options", "max_completion_tokens", "reasoning_effort"]),
    ],
)
def test_each_api_version_takes_the_arguments_of_its_spec(
    emu: Emulator, version: str, refused: list[str], accepted: list[str]
) -> None:
    values = {
        "stream_options": {"include_usage": True},
        "max_completion_tokens": 5,
        "reasoning_effort": "low",
        "logprobs": True,
    }
    for name in refused:
        answer = chat(emu, version, stream=True, **{name: values[name]})
        assert answer.status_code == 400 and answer.json() == unrecognized(name)
    for name in accepted:
        assert chat(emu, version, stream=True, **{name: values[name]}).status_code == 200, name


def test_json_schema_is_checked_against_the_api_version_asked_for(emu: Emulator) -> None:
    assert chat(emu, "2024-10-21", response_format=JSON_SCHEMA).status_code == 200
    refused = chat(emu, "2024-02-01", response_format=JSON_SCHEMA)
    assert refused.status_code == 400 and refused.json()["error"]["param"] == "response_format.type"


def test_the_given_spec_decides_at_its_own_api_version() -> None:
    """A 2023-05-15-like spec (no tools yet): tools are refused there, as the service refused them."""
    spec = copy.deepcopy(azure_openai_rest.load_spec())
    spec["info"]["version"] = "2023-05-15"
    for part in spec["components"]["schemas"]["createChatCompletionRequest"]["allOf"]:
        for name in ("tools", "tool_choice"):
            part.get("properties", {}).pop(name, None)
    tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
    with Emulator(spec=spec) as emu:
        assert chat(emu, "2023-05-15", tools=tools).json() == unrecognized("tools")
        assert chat(emu, "2024-02-01", tools=tools).status_code == 200  # the packaged spec's api-version


def test_the_client_sees_a_bad_request_error_for_stream_options_at_the_default_api_version() -> None:
    with Emulator() as emu, AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        with pytest.raises(BadRequestError, match="Unrecognized request argument supplied: stream_options"):
            client.chat_stream("hi", stream_options={"include_usage": True}).final()
        later = client.chat_stream("hi", stream_options={"include_usage": True}, api_version="2024-10-21")
        assert later.final().usage is not None


def test_an_operation_the_api_versions_spec_lacks_answers_404(monkeypatch: pytest.MonkeyPatch) -> None:
    """The held spec of the api-version asked for decides which operations exist there, never a 500."""
    served = copy.deepcopy(azure_openai_rest.load_spec())
    served["info"]["version"] = "2024-03-01-preview"
    without_chat = copy.deepcopy(served)
    del without_chat["paths"]["/deployments/{deployment-id}/chat/completions"]
    monkeypatch.setattr(azure_openai_rest, "load_spec", lambda: without_chat)  # the packaged 2024-02-01, as if
    monkeypatch.setattr(RequestValidator, "_shared", None)
    with Emulator(spec=served) as emu:
        assert chat(emu, "2024-03-01-preview").status_code == 200
        missing = chat(emu, "2024-02-01")
        assert missing.status_code == 404 and missing.json() == {
            "error": {"code": "404", "message": "Resource not found"}
        }
    monkeypatch.setattr(RequestValidator, "_shared", None)  # the next test builds the packaged spec's again


def test_a_package_regenerated_from_the_older_2024_10_21_json_still_takes_stream_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The held 2024-10-21 spec (the later revision, with stream_options) decides, not the packaged copy."""
    older = json.loads(spec_path("2024-10-21").read_text(encoding="utf-8"))
    monkeypatch.setattr(azure_openai_rest, "API_VERSION", "2024-10-21")
    monkeypatch.setattr(azure_openai_rest, "load_spec", lambda: older)
    monkeypatch.setattr(RequestValidator, "_shared", None)
    with Emulator() as emu:
        assert emu.api_version == "2024-10-21"
        assert chat(emu, "2024-10-21", stream=True, stream_options={"include_usage": True}).status_code == 200
    monkeypatch.setattr(RequestValidator, "_shared", None)  # the next test builds the packaged spec's again
