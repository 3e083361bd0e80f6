"""Properties: any request the spec allows gets a 200 that conforms to the spec's response schema, the same
answer every time; any one field pushed out of its range gets a 400 naming that field."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from azure_openai.testing import Emulator
from azure_openai.testing._validation import RequestValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import API_VERSION

CHAT = "/deployments/gpt-35-turbo/chat/completions"
EMBEDDINGS = "/deployments/text-embedding-ada-002/embeddings"

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
content_parts = st.lists(st.builds(lambda t: {"type": "text", "text": t}, text), min_size=1, max_size=3)
messages = st.lists(
    st.one_of(
        st.builds(lambda c: {"role": "system", "content": c}, text),
        st.builds(lambda c: {"role": "user", "content": c}, st.one_of(text, content_parts)),
        st.builds(lambda c: {"role": "assistant", "content": c}, text),
    ),
    min_size=1,
    max_size=4,
)
chat_params = st.fixed_dictionaries(
    {},
    optional={
        "temperature": st.floats(0, 2),
        "top_p": st.floats(0, 1),
        "n": st.integers(1, 3),
        "max_tokens": st.integers(1, 60),
        "presence_penalty": st.floats(-2, 2),
        "frequency_penalty": st.floats(-2, 2),
        "stop": st.one_of(text, st.lists(text, min_size=1, max_size=4)),
        "seed": st.integers(-(2**31), 2**31),
        "user": text,
    },
)
#: Fields with a numeric range, and a value outside it.
OUT_OF_RANGE = st.sampled_from(
    [("temperature", 2.5), ("top_p", -0.1), ("n", 0), ("presence_penalty", 3), ("frequency_penalty", -2.5)]
)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with (
        Emulator() as emu,
        httpx.Client(
            base_url=f"{emu.endpoint}/openai",
            headers={"api-key": emu.api_key},
            params={"api-version": API_VERSION},
            verify=ssl.create_default_context(),
        ) as http,
    ):
        yield http


def conforms(operation: str, body: Any) -> None:
    assert RequestValidator.shared().response_errors(operation, body) == []


@settings(max_examples=25, deadline=None)
@given(messages=messages, params=chat_params)
def test_any_valid_chat_request_gets_a_conforming_deterministic_answer(
    client: httpx.Client, messages: list[dict[str, Any]], params: dict[str, Any]
) -> None:
    body = {"messages": messages, **params}
    response = client.post(CHAT, json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    conforms("chat/completions", answer)
    assert len(answer["choices"]) == params.get("n", 1)
    assert all(c["message"]["content"] for c in answer["choices"])
    assert client.post(CHAT, json=body).json() == answer


@settings(max_examples=25, deadline=None)
@given(messages=messages, params=chat_params, bad=OUT_OF_RANGE)
def test_a_field_out_of_range_is_a_400_naming_it(
    client: httpx.Client, messages: list[dict[str, Any]], params: dict[str, Any], bad: tuple[str, float]
) -> None:
    field, value = bad
    response = client.post(CHAT, json={"messages": messages, **params, field: value})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == field


@settings(max_examples=12, deadline=None)
@given(inputs=st.one_of(text, st.lists(text.filter(bool), min_size=1, max_size=5)))
def test_any_valid_embeddings_request_gets_one_vector_per_input(client: httpx.Client, inputs: str | list[str]) -> None:
    response = client.post(EMBEDDINGS, json={"input": inputs})
    assert response.status_code == 200, response.text
    answer = response.json()
    conforms("embeddings", answer)
    expected = len(inputs) if isinstance(inputs, list) else 1
    assert [item["index"] for item in answer["data"]] == list(range(expected))
