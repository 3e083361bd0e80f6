"""Issue 11 item 6: the emulator serves the operations of the spec it is given, and 404s the others like the service."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import azure_openai_rest
import httpx
import pytest
from azure_openai.testing import Emulator
from azure_openai.testing._validation import RequestValidator

OLD_VERSION = "2022-12-01"
CHAT_PATH = "/deployments/{deployment-id}/chat/completions"


PACKAGED = azure_openai_rest.load_spec()


def spec_without_chat() -> dict[str, Any]:
    """The packaged spec as a 2022 api-version had it: completions and embeddings, no chat."""
    spec = copy.deepcopy(PACKAGED)
    spec["info"]["version"] = OLD_VERSION
    del spec["paths"][CHAT_PATH]
    return spec


def call(emu: Emulator, operation: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{emu.endpoint}/openai/deployments/gpt-35-turbo/{operation}",
        params={"api-version": OLD_VERSION},
        headers={"api-key": emu.api_key},
        json=body,
    )


def test_an_operation_the_spec_lacks_answers_the_service_404(tmp_path: Path) -> None:
    path = tmp_path / "inference.json"
    path.write_text(json.dumps(spec_without_chat()), encoding="utf-8")
    with Emulator(spec=path) as emu:
        assert "chat/completions" not in emu.operations and "completions" in emu.operations
        chat = call(emu, "chat/completions", {"messages": [{"role": "user", "content": "hi"}]})
        assert chat.status_code == 404
        assert chat.json() == {"error": {"code": "404", "message": "Resource not found"}}
        completion = call(emu, "completions", {"prompt": "hi"})
        assert completion.status_code == 200 and completion.json()["object"] == "text_completion"


def test_the_packaged_spec_of_a_regenerated_package_decides_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a package regenerated for 2022-12-01 gives: ``load_spec()`` has no chat; never a 500."""
    monkeypatch.setattr(azure_openai_rest, "load_spec", spec_without_chat)
    monkeypatch.setattr(RequestValidator, "_shared", None)
    with Emulator() as emu:
        chat = call(emu, "chat/completions", {"messages": [{"role": "user", "content": "hi"}]})
        assert chat.status_code == 404
        assert call(emu, "embeddings", {"input": "hi"}).status_code == 400  # gpt-35-turbo does not embed
    monkeypatch.setattr(RequestValidator, "_shared", None)  # the next test builds the packaged spec's again


def test_an_unreadable_spec_is_a_configuration_error(tmp_path: Path) -> None:
    from azure_openai import ConfigurationError

    with pytest.raises(ConfigurationError, match="cannot read an OpenAPI JSON document"):
        Emulator(spec=tmp_path / "missing.json")
