"""Issue 13 item 5: JSON mode answers a JSON object, so ``chat_json`` works against the emulator."""

from __future__ import annotations

import json
from typing import Any

import httpx
from azure_openai import AsyncAzureOpenAI, AzureOpenAI
from azure_openai.testing import Emulator
from spec_files import spec_path

from .conftest import API_VERSION
from .sse import chunks


def test_the_readme_chat_json_example_gets_a_json_object() -> None:
    with Emulator() as emu, AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        data = client.chat_json('List three primary colours as JSON: {"colours": [...]}', temperature=0)
    assert data["emulated"] is True and data["reply"].startswith("[emulator]")
    assert "List three primary colours" in data["reply"]


async def test_async_chat_json_too() -> None:
    async with (
        Emulator() as emu,
        AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client,
    ):
        data = await client.chat_json("Reply in JSON: hello")
    assert isinstance(data, dict) and data["emulated"] is True


def test_a_streamed_json_mode_answer_joins_into_the_same_object(http: httpx.Client) -> None:
    body = {
        "messages": [{"role": "user", "content": "json please"}],
        "response_format": {"type": "json_object"},
    }
    with Emulator() as emu:
        url = f"{emu.endpoint}/openai/deployments/gpt-4/chat/completions"
        params, headers = {"api-version": API_VERSION}, {"api-key": emu.api_key}
        whole = http.post(url, params=params, headers=headers, json=body).json()["choices"][0]["message"]["content"]
        streamed = http.post(url, params=params, headers=headers, json={**body, "stream": True}).text
    pieces = [c["choices"][0]["delta"].get("content") or "" for c in chunks(streamed) if c["choices"]]
    assert "".join(pieces) == whole and json.loads(whole)["emulated"] is True


def test_json_object_without_the_word_json_is_refused_like_the_service(http: httpx.Client) -> None:
    with Emulator() as emu:
        response = http.post(
            f"{emu.endpoint}/openai/deployments/gpt-4/chat/completions",
            params={"api-version": API_VERSION},
            headers={"api-key": emu.api_key},
            json={"messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_object"}},
        )
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "messages" and "'json'" in response.json()["error"]["message"]


def json_schema_answer(http: httpx.Client, name: str, schema: dict[str, Any]) -> Any:
    """The JSON a json_schema response format gets (an api-version that has it)."""
    with Emulator(spec=spec_path("2024-10-21")) as emu:
        response = http.post(
            f"{emu.endpoint}/openai/deployments/gpt-4/chat/completions",
            params={"api-version": "2024-10-21"},
            headers={"api-key": emu.api_key},
            json={
                "messages": [{"role": "user", "content": f"a {name}"}],
                "response_format": {"type": "json_schema", "json_schema": {"name": name, "schema": schema}},
            },
        )
    assert response.status_code == 200, response.text
    return json.loads(response.json()["choices"][0]["message"]["content"])


def test_json_schema_gets_an_object_of_that_shape(http: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {
            "colours": {"type": "array", "items": {"type": "string", "enum": ["red", "green", "blue"]}},
            "count": {"type": "integer"},
        },
        "required": ["colours", "count"],
        "additionalProperties": False,
    }
    assert json_schema_answer(http, "colours", schema) == {"colours": ["red"], "count": 1}


def test_a_scripted_reply_still_wins_in_json_mode() -> None:
    replies = {"Reply in JSON: hi": '{"scripted": 1}'}
    with (
        Emulator(replies=replies) as emu,
        AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client,
    ):
        assert client.chat_json("Reply in JSON: hi") == {"scripted": 1}


def test_json_schema_with_defs_gets_the_nested_objects(http: httpx.Client) -> None:
    """The schema pydantic writes for nested models (the SDK's beta.chat.completions.parse): $defs and $ref."""
    schema = {
        "$defs": {
            "Address": {
                "type": "object",
                "properties": {"city": {"type": "string"}, "zip": {"type": "integer"}},
                "required": ["city", "zip"],
            },
            "Node": {  # recursive: the depth guard ends it
                "type": "object",
                "properties": {"name": {"type": "string"}, "child": {"anyOf": [{"$ref": "#/$defs/Node"}]}},
                "required": ["name", "child"],
            },
        },
        "definitions": {"Flag": {"type": "boolean"}},
        "type": "object",
        "properties": {
            "home": {"$ref": "#/$defs/Address"},
            "offices": {"type": "array", "items": {"$ref": "#/$defs/Address"}},
            "active": {"$ref": "#/definitions/Flag"},
            "tree": {"$ref": "#/$defs/Node"},
        },
        "required": ["home", "offices", "active", "tree"],
    }
    answer = json_schema_answer(http, "person", schema)
    address = {"city": "emulated", "zip": 1}
    assert {key: answer[key] for key in ("home", "offices", "active")} == {
        "home": address,
        "offices": [address],
        "active": True,
    }
    depth, node = 0, answer["tree"]
    while isinstance(node, dict):
        assert node["name"] == "emulated"
        depth, node = depth + 1, node["child"]
    assert node is None and depth > 5
