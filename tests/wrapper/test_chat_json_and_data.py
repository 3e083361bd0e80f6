"""JSON mode (chat_json) and On Your Data (data sources, citations, intent) against a loopback server."""

from __future__ import annotations

from typing import Any

import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AzureOpenAI,
    Citation,
    ConfigurationError,
    DataSource,
    JSONReplyError,
    OnYourDataResult,
    azure_search,
    cosmos_db,
)

from .chat_loopback import LoopbackServer, chunk, json_mode_model, sse


def completion(content: str | None, finish_reason: str = "stop", **message: Any) -> dict[str, Any]:
    choice = {
        "index": 0,
        "finish_reason": finish_reason,
        "message": {"role": "assistant", "content": content, **message},
    }
    return {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": [choice]}


def test_chat_json_returns_the_parsed_object(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion('{"city": "Oslo", "temps": [3, 5]}'))
    assert client.chat_json("Weather as JSON: city and temps", temperature=0) == {"city": "Oslo", "temps": [3, 5]}
    body = loop.requests[0].json()
    assert body["response_format"] == {"type": "json_object"} and body["temperature"] == 0


def test_chat_json_takes_the_generated_model_of_json_mode(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion("[1]"))
    assert client.chat_json("JSON please", response_format=json_mode_model()) == [1]
    assert loop.requests[0].json()["response_format"] == {"type": "json_object"}


def test_chat_json_errors_quote_the_reply(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(completion("Sure! Here is the JSON you asked for: {"))
    with pytest.raises(JSONReplyError, match="it starts: 'Sure! Here is the JSON") as caught:
        client.chat_json("give json")
    assert caught.value.text is not None and caught.value.result.finish_reason == "stop"
    loop.reply(completion('{"items": [1, 2, ', finish_reason="length"))
    with pytest.raises(JSONReplyError, match="raise max_tokens"):
        client.chat_json("give json", max_tokens=5)
    loop.reply(completion(None, finish_reason="content_filter"))
    with pytest.raises(JSONReplyError, match="content filter"):
        client.chat_json("give json")


def test_chat_json_checks_the_request_before_sending(loop: LoopbackServer, client: AzureOpenAI) -> None:
    with pytest.raises(ConfigurationError, match="word 'JSON'"):
        client.chat_json("List three colours")
    with pytest.raises(ConfigurationError, match="response_format"):
        client.chat_json("json please", response_format={"type": "text"})
    assert loop.requests == []


async def test_async_chat_json(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.reply(completion("[1, 2]"))
    assert await aclient.chat_json("numbers", system="Reply in JSON") == [1, 2]


def test_azure_search_data_source_shape_and_redacted_repr() -> None:
    source = azure_search(
        endpoint="https://docs.search.windows.net",
        index_name="manuals",
        api_key="search-secret",
        query_type="vector_semantic_hybrid",
        semantic_configuration="default",
        embedding_deployment="ada",
        content_fields=["body"],
        title_field="title",
        top_n_documents=3,
        in_scope=True,
        strictness=3,
        filter="lang eq 'en'",
    )
    assert source == {
        "type": "azure_search",
        "parameters": {
            "endpoint": "https://docs.search.windows.net",
            "index_name": "manuals",
            "authentication": {"type": "api_key", "key": "search-secret"},
            "top_n_documents": 3,
            "in_scope": True,
            "strictness": 3,
            "fields_mapping": {"title_field": "title", "content_fields": ["body"]},
            "query_type": "vector_semantic_hybrid",
            "semantic_configuration": "default",
            "filter": "lang eq 'en'",
            "embedding_dependency": {"type": "deployment_name", "deployment_name": "ada"},
        },
    }
    assert "search-secret" not in repr(source) and "search-secret" not in str(source) and "***" in repr(source)
    # 2025-03-01-preview's authentications: every credential hidden, key_id and username kept
    credentials = {"encoded_api_key": "s-1", "access_token": "s-2", "password": "s-3", "key": "s-4", "key_id": "id"}
    shown = repr(DataSource(type="elasticsearch", parameters={"authentication": {**credentials, "username": "u"}}))
    assert "s-" not in shown and "'key_id': 'id'" in shown and "'username': 'u'" in shown
    identity = azure_search(endpoint="https://s.search.windows.net", index_name="i", system_assigned_identity=True)
    assert identity["parameters"]["authentication"] == {"type": "system_assigned_managed_identity"}


def test_data_source_input_errors_are_clear() -> None:
    with pytest.raises(ConfigurationError, match="exactly one way to authenticate"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i")
    with pytest.raises(ValueError, match="semantic_configuration"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k", query_type="semantic")
    with pytest.raises(ValueError, match="embedding_deployment"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k", query_type="vector")
    with pytest.raises(ValueError, match="https URL"):
        azure_search(endpoint="s.search.windows.net", index_name="i", api_key="k")
    with pytest.raises(ValueError, match="strictness"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k", strictness=9)
    with pytest.raises(ConfigurationError, match=r"https URL of the search service.*got 5"):
        azure_search(endpoint=5, index_name="i", api_key="k")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="top_n_documents must be an int of at least 1, got '5'"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k", top_n_documents="5")  # type: ignore[typeddict-item]
    with pytest.raises(ValueError, match="embedding model"):
        cosmos_db(
            connection_string="c", database_name="d", container_name="c", index_name="i",
            content_fields=["t"], vector_fields=["v"],
        )  # fmt: skip
    with pytest.raises(TypeError, match="unexpected keyword argument 'top_n'"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k", top_n=3)  # type: ignore[call-arg]
    with pytest.raises(ConfigurationError, match="list of field names"):
        azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k", content_fields="body")


def test_cosmos_db_data_source_shape() -> None:
    source = cosmos_db(
        connection_string="mongodb+srv://user:pw@host",
        database_name="db",
        container_name="docs",
        index_name="vec",
        content_fields=["text"],
        vector_fields=["embedding"],
        embedding_endpoint="https://aoai.openai.azure.com/openai/deployments/ada/embeddings",
        embedding_api_key="emb-secret",
    )
    parameters = source["parameters"]
    assert source["type"] == "azure_cosmos_db"
    assert parameters["authentication"] == {
        "type": "connection_string",
        "connection_string": "mongodb+srv://user:pw@host",
    }
    assert parameters["fields_mapping"] == {"content_fields": ["text"], "vector_fields": ["embedding"]}
    assert parameters["embedding_dependency"]["authentication"] == {"type": "api_key", "key": "emb-secret"}
    assert "pw@host" not in repr(source) and "emb-secret" not in repr(source)


CONTEXT = {
    "citations": [
        {
            "content": "Reset by holding the button.",
            "title": "Manual",
            "url": None,
            "filepath": "m.pdf",
            "chunk_id": "2",
        }
    ],
    "intent": '["How to reset the device?"]',
}


def test_chat_with_data_sends_sources_and_exposes_citations_and_intent(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    loop.reply(completion("Hold the button [doc1].", context=CONTEXT))
    source = azure_search(endpoint="https://s.search.windows.net", index_name="manuals", api_key="search-secret")
    result = client.chat_with_data("How do I reset it?", data_sources=[source])
    assert loop.requests[0].json()["data_sources"] == [source]
    assert isinstance(result, OnYourDataResult) and result.text == "Hold the button [doc1]."
    assert result.citations == [Citation.from_dict(CONTEXT["citations"][0])]  # the generated model
    assert result.citations[0].title == "Manual" and result.citations[0].to_dict()["url"] is None
    assert result.intent == '["How to reset the device?"]'
    loop.reply(completion("no data"))
    plain = OnYourDataResult.of(client.chat("x"))
    assert plain.citations == [] and plain.intent is None


def test_a_streamed_on_your_data_answer_keeps_the_context(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.stream([
        sse(chunk({"role": "assistant", "context": CONTEXT})),
        sse(chunk({"content": "Hold the button."})),
        sse(chunk({}, finish_reason="stop")),
        sse("[DONE]"),
    ])  # fmt: skip
    source = azure_search(endpoint="https://s.search.windows.net", index_name="manuals", api_key="k")
    result = OnYourDataResult.of(client.chat_stream("How do I reset it?", data_sources=[source]).final())
    assert result.text == "Hold the button." and result.intent == CONTEXT["intent"]
    assert [c.title for c in result.citations] == ["Manual"]
    assert loop.requests[0].json()["data_sources"][0]["type"] == "azure_search"


async def test_async_chat_with_data(loop: LoopbackServer, aclient: AsyncAzureOpenAI) -> None:
    loop.reply(completion("ok", context=CONTEXT))
    source = azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k")
    result = await aclient.chat_with_data("q", data_sources=[source])
    assert result.citations[0].chunk_id == "2"
