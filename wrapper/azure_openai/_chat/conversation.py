"""``Conversation`` / ``AsyncConversation``: a system prompt and the turns of a chat, sent as history on each ask."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from .._errors import ConfigurationError, InvalidArgumentError
from .._flow import AsyncClient, Flow, Post, SyncClient, wire_value
from .._results.chat import ChatResult
from .flows import chat_flow, chat_request
from .messages import MessageLike, assistant_turn, to_wire_messages
from .streaming import AsyncChatStream, ChatStream, OnComplete

if TYPE_CHECKING:
    from typing_extensions import Self, Unpack

    from .flows import ChatParams, StreamParams

    class ConversationParams(ChatParams, total=False):
        """The keywords of ``client.conversation()``: the history, its budget, and chat parameters for every ask."""

        max_history_tokens: int | None
        count_tokens: Callable[[Mapping[str, object]], int]


__all__ = ["AsyncConversation", "Conversation", "approximate_tokens"]

_FORMAT = "azure_openai.conversation/1"
#: Parameters ``to_json`` leaves out: On Your Data sources carry search keys and connection strings.
_NOT_SAVED = frozenset(("data_sources",))


def approximate_tokens(message: Mapping[str, object]) -> int:
    """A rough token count of one message (about 4 characters a token, plus the per-message overhead)."""
    content = message.get("content")
    if isinstance(content, str):
        size = len(content)
    elif content is None:
        size = 0
    else:
        size = len(json.dumps(content, ensure_ascii=False))
    if message.get("tool_calls"):
        size += len(json.dumps(message["tool_calls"], ensure_ascii=False))
    return size // 4 + 4


def _saved(name: str, value: object) -> object:
    """A parameter as ``to_json`` saves it: as sent (a generated model as its JSON), an ``httpx.Timeout`` as its
    limits; ``ConfigurationError`` naming it when JSON cannot hold it."""
    value = wire_value(value)
    if isinstance(value, httpx.Timeout):
        return value.as_dict()
    try:
        json.dumps(value)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(
            f"to_json() cannot save the parameter {name}={value!r:.100} as JSON ({exc}); pass it to ask() "
            f"instead, or to from_json(..., {name}=...) when loading"
        ) from None
    return value


class _ConversationState:
    """The history, its serialisation and trimming: what the sync and async conversations share."""

    def __init__(
        self,
        client: SyncClient | AsyncClient,
        *,
        system: str | None = None,
        messages: Iterable[MessageLike] = (),
        max_history_tokens: int | None = None,
        count_tokens: Callable[[Mapping[str, object]], int] = approximate_tokens,
        deployment: str | None = None,
        **params: object,
    ) -> None:
        if not hasattr(client, "_run"):
            raise ConfigurationError(
                f"{type(self).__name__} takes the client first: client.conversation(...) or "
                f"{type(self).__name__}(client, ...), got {type(client).__name__}"
            )
        budget = max_history_tokens  # a bool is an int to Python, but True is no budget anyone meant
        if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int) or budget < 1):
            raise ConfigurationError(
                f"max_history_tokens must be a positive number of tokens or None, got {max_history_tokens!r}"
            )
        if system is not None and not isinstance(system, str):
            raise InvalidArgumentError(f"system must be a str, got {type(system).__name__}")
        wire = to_wire_messages(messages)
        if system is None and wire and wire[0].get("role") == "system":
            system = wire.pop(0).get("content")
        self.system = system
        # Deep copies: a caller's later edit, even of a content part or a tool call, must not move the history
        # (the messages are JSON-like, so this is cheap next to the request).
        self.messages: list[dict[str, Any]] = copy.deepcopy(wire)
        self.max_history_tokens = max_history_tokens
        self.count_tokens = count_tokens
        self.deployment = deployment
        self.params = params
        self.client = client

    def history(self) -> list[dict[str, Any]]:
        """What the next request sends: the system prompt (if any) and the turns."""
        return self._head() + self.messages

    def _head(self) -> list[dict[str, Any]]:
        return [{"role": "system", "content": self.system}] if self.system is not None else []

    def _prepare(
        self, text_or_message: str | MessageLike, params: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
        """An ask's new user message, its request's messages (oldest turns left out to fit), and its parameters."""
        new = to_wire_messages(text_or_message if isinstance(text_or_message, str) else [text_or_message])
        head, start = self._head(), 0
        if self.max_history_tokens is not None:
            start = self._first_kept(self.max_history_tokens - sum(self.count_tokens(m) for m in [*head, *new]))
        return new, head + self.messages[start:] + new, {"deployment": self.deployment, **self.params, **params}

    def _first_kept(self, budget: int) -> int:
        """Where the newest whole turns that fit ``budget`` tokens start (``len(messages)``: none fit)."""
        messages = self.messages
        size = sum(self.count_tokens(m) for m in messages)
        start = 0
        while start < len(messages) and size > budget:
            end = next((i for i in range(start + 1, len(messages)) if messages[i].get("role") == "user"), len(messages))
            size -= sum(self.count_tokens(m) for m in messages[start:end])
            start = end
        return start

    def trim(self, budget: int | None = None) -> int:
        """Delete the oldest stored turns until they fit ``budget`` (default ``max_history_tokens``); how many."""
        if budget is None:
            if self.max_history_tokens is None:
                return 0
            budget = self.max_history_tokens
        dropped = self._first_kept(budget)
        del self.messages[:dropped]
        return dropped

    def _record(self, new: list[dict[str, Any]], result: ChatResult) -> None:
        self.messages.extend(copy.deepcopy(new))  # as in __init__
        self.messages.append(assistant_turn(result))

    def _ask(self, text_or_message: str | MessageLike, params: Mapping[str, Any]) -> Flow[ChatResult]:
        """Send the history plus this user message; record both once the answer arrived."""
        new, messages, params = self._prepare(text_or_message, params)
        result = yield from chat_flow(messages, params)
        self._record(new, result)
        return result

    def _stream_request(self, text_or_message: str | MessageLike, params: Mapping[str, Any]) -> tuple[Post, OnComplete]:
        """The streamed request of an ask, and what records its turn when the stream completes."""
        new, messages, params = self._prepare(text_or_message, params)
        return chat_request(messages, params, stream=True), lambda result: self._record(new, result)

    def to_json(self) -> str:
        """The conversation as JSON: system prompt, turns, budget, parameters (not the client, not data_sources)."""
        data: dict[str, Any] = {"format": _FORMAT, "system": self.system, "messages": self.messages}
        if self.max_history_tokens is not None:
            data["max_history_tokens"] = self.max_history_tokens
        if self.deployment is not None:
            data["deployment"] = self.deployment
        saved = {k: _saved(k, v) for k, v in self.params.items() if k not in _NOT_SAVED}
        if saved:
            data["params"] = saved
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, client: SyncClient | AsyncClient, **params: object) -> Self:
        """A conversation saved by ``to_json()`` (or a JSON list of messages) on ``client``; ``params`` add to it."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError) as exc:  # TypeError: not a str at all
            raise ConfigurationError(f"not a saved conversation: the text is not JSON ({exc})") from exc
        if isinstance(data, list):  # a bare list of messages, as the CLI's --history takes
            data = {"messages": data}
        if (
            not isinstance(data, dict)
            or data.get("format", _FORMAT) != _FORMAT
            or not isinstance(data.get("messages", []), list)
            or not isinstance(data.get("params") or {}, dict)
        ):
            raise ConfigurationError(
                f"not a saved conversation: expected the JSON of Conversation.to_json() (format {_FORMAT!r}) "
                "or a list of messages"
            )
        saved = dict(data.get("params") or {})
        if isinstance(timeout := saved.get("timeout"), dict):  # an httpx.Timeout, saved as its four limits
            try:
                saved["timeout"] = httpx.Timeout(**timeout)
            except (TypeError, ValueError) as exc:
                raise ConfigurationError(
                    f"not a saved conversation: its timeout {timeout!r} is not the limits of an httpx.Timeout ({exc})"
                ) from None
        return cls(
            client,
            system=data.get("system"),
            messages=data.get("messages", []),
            max_history_tokens=data.get("max_history_tokens"),
            deployment=data.get("deployment"),
            **{**saved, **params},
        )

    def __len__(self) -> int:
        """The number of stored messages (the system prompt not counted)."""
        return len(self.messages)

    def __repr__(self) -> str:
        """The system prompt's start and the number of messages."""
        system = self.system if self.system is None or len(self.system) <= 40 else self.system[:40] + "..."
        return f"{type(self).__name__}(system={system!r}, messages={len(self.messages)})"


class Conversation(_ConversationState):
    """A chat held with a sync client: ``ask(text)`` sends the history and records the question and the answer."""

    client: SyncClient

    def ask(self, text_or_message: str | MessageLike, **params: Unpack[ChatParams]) -> ChatResult:
        """Send the history plus this user message; record both once the answer arrived; the result."""
        return self.client._run(self._ask(text_or_message, params))

    def ask_stream(self, text_or_message: str | MessageLike, **params: Unpack[StreamParams]) -> ChatStream:
        """Like ``ask`` but streamed: the turn is recorded when the stream completes (not when it is cut)."""
        request, record = self._stream_request(text_or_message, params)
        return ChatStream(self.client, request, on_complete=record)


class AsyncConversation(_ConversationState):
    """A chat held with an async client: ``await ask(text)``; ``ask_stream`` gives an ``AsyncChatStream``."""

    client: AsyncClient

    async def ask(self, text_or_message: str | MessageLike, **params: Unpack[ChatParams]) -> ChatResult:
        """Send the history plus this user message; record both once the answer arrived; the result."""
        return await self.client._run(self._ask(text_or_message, params))

    def ask_stream(self, text_or_message: str | MessageLike, **params: Unpack[StreamParams]) -> AsyncChatStream:
        """Like ``ask`` but streamed: the turn is recorded when the stream completes (not when it is cut)."""
        request, record = self._stream_request(text_or_message, params)
        return AsyncChatStream(self.client, request, on_complete=record)
