"""Chat helpers mixed into the clients: streaming, conversations, tools, JSON mode.

They use only the transport contract of ``_base`` (``_post_json``, ``_stream_json``) and the client's ``chat()``,
so every helper gets the client's URL, auth, retries, timeouts and typed errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._base import AsyncTransport, SyncTransport, TimeoutArg
from ._errors import ConfigurationError
from ._messages import MessageLike, to_wire_messages

if TYPE_CHECKING:
    from ._streaming import AsyncChatStream, ChatStream, OnComplete


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def stream_body(
    messages_or_text: str | Iterable[MessageLike], system: str | None, params: Mapping[str, Any]
) -> dict[str, Any]:
    """The JSON body of a streamed chat request (``stream: true`` plus the caller's parameters)."""
    if "messages" in params:
        raise ConfigurationError("pass the messages as the first argument of chat_stream(), not as messages=")
    if params.get("stream") is False:
        raise ConfigurationError("chat_stream() always streams; use chat() for a whole result")
    body: dict[str, Any] = {"messages": to_wire_messages(messages_or_text, system=system)}
    for name, value in params.items():
        body[name] = _jsonable(value)
    body["stream"] = True
    return body


def _default_deployment(client: object, deployment: str | None) -> str | None:
    return deployment if deployment is not None else getattr(client, "deployment", None)


class SyncChatHelpers(SyncTransport):
    """Chat helpers for the synchronous client."""

    def chat_stream(
        self,
        messages_or_text: str | Iterable[MessageLike],
        *,
        system: str | None = None,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        _on_complete: OnComplete | None = None,
        **params: Any,
    ) -> ChatStream:
        """Stream a chat completion: iterate the events (``.text``), then ``final()``; use ``with`` to close early."""
        from ._streaming import ChatStream

        body = stream_body(messages_or_text, system, params)
        opener = self._stream_json(
            "chat/completions", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return ChatStream(opener, on_complete=_on_complete, deployment=_default_deployment(self, deployment))


class AsyncChatHelpers(AsyncTransport):
    """Chat helpers for the asynchronous client."""

    def chat_stream(
        self,
        messages_or_text: str | Iterable[MessageLike],
        *,
        system: str | None = None,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        _on_complete: OnComplete | None = None,
        **params: Any,
    ) -> AsyncChatStream:
        """Stream a chat completion: ``async with``/``async for`` the events, then ``await final()``."""
        from ._streaming import AsyncChatStream

        body = stream_body(messages_or_text, system, params)
        opener = self._stream_json(
            "chat/completions", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return AsyncChatStream(opener, on_complete=_on_complete, deployment=_default_deployment(self, deployment))
