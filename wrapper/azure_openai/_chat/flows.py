"""Chat operations written once, as ``_flow`` flows: the client's ``_run`` performs them blocking or awaited."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._errors import AzureOpenAIError, ConfigurationError, read_json_object
from .._flow import Flow, Post, TimeoutArg, wire_value
from .._results.chat import ChatResult
from .messages import Messages, to_wire_messages

if TYPE_CHECKING:
    from azure_openai_rest import api  # operations by id, not by tag package: typed in any layout

    class ChatParams(api.chat_completions_create.RequestParams, total=False):
        """``chat()``'s keywords: the generated request's parameters, ``system`` and the per-call settings."""

        system: str | None
        deployment: str | None
        api_version: str | None
        timeout: TimeoutArg

    class StreamParams(ChatParams, total=False):
        """``chat_stream()``'s keywords: ``chat()``'s and ``stream_options`` (``{"include_usage": True}``), which
        streams take on later api-versions (2025-03-01-preview's spec lists it; 2024-02-01's does not)."""

        # A spec that lists it types it as its model: this narrower field then needs the ignore, others do not.
        stream_options: Mapping[str, bool]  # type: ignore[misc, unused-ignore]


#: The per-call settings of a request (the rest of the keywords go into its body).
_SETTINGS = ("deployment", "api_version", "timeout")
#: How much of a reply that is not JSON goes into the error message.
_JSON_PREVIEW = 200


class JSONReplyError(AzureOpenAIError, ValueError):
    """``chat_json``: the reply was not a JSON value; ``.text`` is the reply, ``.result`` the whole result."""

    def __init__(self, message: str, *, text: str | None, result: ChatResult) -> None:
        super().__init__(message)
        self.text = text
        self.result = result


def chat_request(messages_or_text: Messages, params: Mapping[str, Any], *, stream: bool) -> Post:
    """The chat completions request: the body from the messages and parameters, the settings beside it."""
    method = "chat_stream()" if stream else "chat()"
    if "messages" in params:
        raise ConfigurationError(f"pass the messages as the first argument of {method}, not as messages=")
    if stream and params.get("stream") is False:
        raise ConfigurationError("chat_stream() always streams; use chat() for a whole result")
    if not stream and params.get("stream"):
        raise ConfigurationError("chat() returns a whole result and does not stream; use client.chat_stream(...)")
    body: dict[str, Any] = {"messages": to_wire_messages(messages_or_text, system=params.get("system"))}
    settings: dict[str, Any] = {}
    for name, value in params.items():
        if name in _SETTINGS:
            settings[name] = value
        elif name != "system":
            body[name] = wire_value(value)
    if stream:
        body["stream"] = True
    return Post("chat_completions_create", body, **settings)


def chat_flow(messages_or_text: Messages, params: Mapping[str, Any]) -> Flow[ChatResult]:
    """One chat completion."""
    response = yield chat_request(messages_or_text, params, stream=False)
    return ChatResult(read_json_object("chat/completions", response), response)


def json_flow(messages_or_text: Messages, params: Mapping[str, Any]) -> Flow[Any]:
    """JSON mode: the messages checked for what the service requires, then the reply parsed as JSON."""
    if wire_value(params.get("response_format")) not in (None, {"type": "json_object"}):  # a model of it too
        raise ConfigurationError("chat_json() sets response_format={'type': 'json_object'}; do not pass another")
    messages = to_wire_messages(messages_or_text, system=params.get("system"))
    if "json" not in json.dumps([m.get("content") for m in messages]).lower():
        raise ConfigurationError(
            "JSON mode needs the word 'JSON' in the messages (the service refuses the request otherwise); "
            "say what to return, e.g. system='Reply with a JSON object with the keys ...'"
        )
    params = {**params, "system": None, "response_format": {"type": "json_object"}}
    result = yield from chat_flow(messages, params)
    text, reason = result.text, result.finish_reason
    if text is None:
        filtered = "; the content filter stopped it" if reason == "content_filter" else ""
        raise JSONReplyError(
            f"the reply has no text to parse as JSON (finish_reason {reason!r}{filtered})", text=None, result=result
        )
    try:
        return json.loads(text)
    except ValueError as exc:
        preview = text if len(text) <= _JSON_PREVIEW else text[:_JSON_PREVIEW] + "..."
        cut = "; the reply was cut at max_tokens: raise max_tokens" if reason == "length" else ""
        raise JSONReplyError(
            f"the reply is not valid JSON ({exc}){cut}; it starts: {preview!r}", text=text, result=result
        ) from exc
