"""Chat helpers mixed into the clients: streaming, conversations, tools, JSON mode.

They use only the transport contract of ``_base`` (``_stream_json``) and the client's ``chat()``, so every helper
gets the client's URL, auth, retries, timeouts and typed errors. Sync and async differ only in the I/O calls.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._base import AsyncTransport, SyncTransport, TimeoutArg
from .._errors import AzureOpenAIError, ConfigurationError
from .messages import MessageLike, to_wire_messages

if TYPE_CHECKING:
    from .._results.chat import ChatResult
    from .conversation import AsyncConversation, Conversation
    from .on_your_data import OnYourDataResult
    from .streaming import AsyncChatStream, ChatStream, OnComplete
    from .tools import Tool, ToolRun

#: How much of a reply that is not JSON goes into the error message.
_JSON_PREVIEW = 200


class JSONReplyError(AzureOpenAIError, ValueError):
    """``chat_json``: the reply was not a JSON value; ``.text`` is the reply, ``.result`` the whole result."""

    def __init__(self, message: str, *, text: str | None, result: ChatResult) -> None:
        super().__init__(message)
        self.text = text
        self.result = result


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


def _json_mode_messages(
    messages_or_text: str | Iterable[MessageLike], system: str | None, params: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The messages of a JSON-mode request, checked for what the service requires before it is sent."""
    if params.get("response_format") not in (None, {"type": "json_object"}):
        raise ConfigurationError("chat_json() sets response_format={'type': 'json_object'}; do not pass another")
    messages = to_wire_messages(messages_or_text, system=system)
    if "json" not in json.dumps([m.get("content") for m in messages]).lower():
        raise ConfigurationError(
            "JSON mode needs the word 'JSON' in the messages (the service refuses the request otherwise); "
            "say what to return, e.g. system='Reply with a JSON object with the keys ...'"
        )
    return messages


def parse_json_reply(result: ChatResult) -> Any:
    """The JSON value of a JSON-mode reply, or ``JSONReplyError`` quoting the start of the text."""
    text = result.text
    if text is None:
        reason = result.finish_reason
        raise JSONReplyError(
            f"the reply has no text to parse as JSON (finish_reason {reason!r}"
            + ("; the content filter stopped it" if reason == "content_filter" else "")
            + ")",
            text=None,
            result=result,
        )
    try:
        return json.loads(text)
    except ValueError as exc:
        preview = text if len(text) <= _JSON_PREVIEW else text[:_JSON_PREVIEW] + "..."
        cut = "; the reply was cut at max_tokens: raise max_tokens" if result.finish_reason == "length" else ""
        raise JSONReplyError(
            f"the reply is not valid JSON ({exc}){cut}; it starts: {preview!r}", text=text, result=result
        ) from exc


def _check_rounds(max_rounds: int) -> None:
    if not isinstance(max_rounds, int) or max_rounds < 1:
        raise ValueError(f"max_rounds must be a positive int (the most chat calls of the run), got {max_rounds!r}")


def _after_first_round(params: dict[str, Any]) -> dict[str, Any]:
    """A forced ``tool_choice`` (a named tool, ``required``) applies to the first round only: else no answer comes."""
    choice = params.get("tool_choice")
    if choice is None or choice in ("auto", "none"):
        return params
    return {**params, "tool_choice": "auto"}


def _rounds_exceeded(max_rounds: int, messages: list[dict[str, Any]], result: ChatResult) -> Exception:
    from .tools import ToolLoopError

    return ToolLoopError(
        f"the model still asked for tools after {max_rounds} rounds; raise max_rounds, or pass tool_choice='none' "
        "to make it answer; the messages so far are in .messages",
        messages=messages,
        result=result,
    )


class SyncChatHelpers(SyncTransport):
    """Chat helpers for the synchronous client."""

    if TYPE_CHECKING:

        def chat(self, messages_or_text: Any, **params: Any) -> ChatResult:
            """Provided by the client."""

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
        from .streaming import ChatStream

        body = stream_body(messages_or_text, system, params)
        opener = self._stream_json(
            "chat/completions", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return ChatStream(opener, on_complete=_on_complete, deployment=_default_deployment(self, deployment))

    def chat_json(
        self, messages_or_text: str | Iterable[MessageLike], *, system: str | None = None, **params: Any
    ) -> Any:
        """JSON mode: the reply parsed as JSON (``JSONReplyError`` quoting the text when it is not)."""
        messages = _json_mode_messages(messages_or_text, system, params)
        params["response_format"] = {"type": "json_object"}
        return parse_json_reply(self.chat(messages, **params))

    def chat_with_data(
        self, messages_or_text: str | Iterable[MessageLike], *, data_sources: Sequence[Mapping[str, Any]], **params: Any
    ) -> OnYourDataResult:
        """On Your Data: chat grounded in ``data_sources`` (``azure_search(...)``, ``cosmos_db(...)``)."""
        from .on_your_data import OnYourDataResult

        return OnYourDataResult.of(self.chat(messages_or_text, data_sources=list(data_sources), **params))

    def conversation(self, *, system: str | None = None, **kwargs: Any) -> Conversation:
        """A ``Conversation`` on this client (``messages=``, ``max_history_tokens=``, chat parameters)."""
        from .conversation import Conversation

        return Conversation(self, system=system, **kwargs)

    def run_tools(
        self,
        messages_or_text: str | Iterable[MessageLike],
        *,
        tools: Sequence[Tool | Callable[..., Any] | Mapping[str, Any]],
        system: str | None = None,
        max_rounds: int = 8,
        **params: Any,
    ) -> ToolRun:
        """The tool-call loop: chat, run the called functions, send the results back, until the model answers."""
        import inspect

        from .tools import Toolbox, ToolRun, assistant_turn, tool_calls_of

        _check_rounds(max_rounds)
        box = Toolbox(tools)
        for tool in box.tools.values():
            if tool.fn is not None and inspect.iscoroutinefunction(tool.fn):
                raise TypeError(f"tool {tool.name} is an async function; run it with AsyncAzureOpenAI.run_tools")
        messages = to_wire_messages(messages_or_text, system=system)
        for round_ in range(1, max_rounds + 1):
            result = self.chat(messages, tools=box.schemas, **params)
            params = _after_first_round(params)
            messages.append(assistant_turn(result))
            calls = tool_calls_of(result)
            if not calls or not box.runnable(calls):
                return ToolRun(result, messages, round_)
            if round_ == max_rounds:
                raise _rounds_exceeded(max_rounds, messages, result)
            for call in calls:
                fn, arguments, error = box.prepare(call)
                if fn is None:
                    messages.append(box.message(call, error))
                    continue
                try:
                    outcome = fn(**arguments)
                except Exception as exc:  # the model gets the error text and may correct itself
                    messages.append(box.message(call, None, exc))
                else:
                    messages.append(box.message(call, outcome))
        raise AssertionError("unreachable")  # pragma: no cover


class AsyncChatHelpers(AsyncTransport):
    """Chat helpers for the asynchronous client."""

    if TYPE_CHECKING:

        async def chat(self, messages_or_text: Any, **params: Any) -> ChatResult:
            """Provided by the client."""

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
        from .streaming import AsyncChatStream

        body = stream_body(messages_or_text, system, params)
        opener = self._stream_json(
            "chat/completions", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return AsyncChatStream(opener, on_complete=_on_complete, deployment=_default_deployment(self, deployment))

    async def chat_json(
        self, messages_or_text: str | Iterable[MessageLike], *, system: str | None = None, **params: Any
    ) -> Any:
        """JSON mode: the reply parsed as JSON (``JSONReplyError`` quoting the text when it is not)."""
        messages = _json_mode_messages(messages_or_text, system, params)
        params["response_format"] = {"type": "json_object"}
        return parse_json_reply(await self.chat(messages, **params))

    async def chat_with_data(
        self, messages_or_text: str | Iterable[MessageLike], *, data_sources: Sequence[Mapping[str, Any]], **params: Any
    ) -> OnYourDataResult:
        """On Your Data: chat grounded in ``data_sources`` (``azure_search(...)``, ``cosmos_db(...)``)."""
        from .on_your_data import OnYourDataResult

        return OnYourDataResult.of(await self.chat(messages_or_text, data_sources=list(data_sources), **params))

    def conversation(self, *, system: str | None = None, **kwargs: Any) -> AsyncConversation:
        """An ``AsyncConversation`` on this client (``messages=``, ``max_history_tokens=``, chat parameters)."""
        from .conversation import AsyncConversation

        return AsyncConversation(self, system=system, **kwargs)

    async def run_tools(
        self,
        messages_or_text: str | Iterable[MessageLike],
        *,
        tools: Sequence[Tool | Callable[..., Any] | Mapping[str, Any]],
        system: str | None = None,
        max_rounds: int = 8,
        **params: Any,
    ) -> ToolRun:
        """The tool-call loop; the calls of one round run concurrently (async functions awaited, sync ones called)."""
        import asyncio
        import inspect

        from .tools import Toolbox, ToolRun, assistant_turn, tool_calls_of

        _check_rounds(max_rounds)
        box = Toolbox(tools)
        messages = to_wire_messages(messages_or_text, system=system)

        async def run(call: dict[str, Any]) -> dict[str, Any]:
            fn, arguments, error = box.prepare(call)
            if fn is None:
                return box.message(call, error)
            try:
                outcome = fn(**arguments)
                if inspect.isawaitable(outcome):
                    outcome = await outcome
            except Exception as exc:  # the model gets the error text and may correct itself
                return box.message(call, None, exc)
            return box.message(call, outcome)

        for round_ in range(1, max_rounds + 1):
            result = await self.chat(messages, tools=box.schemas, **params)
            params = _after_first_round(params)
            messages.append(assistant_turn(result))
            calls = tool_calls_of(result)
            if not calls or not box.runnable(calls):
                return ToolRun(result, messages, round_)
            if round_ == max_rounds:
                raise _rounds_exceeded(max_rounds, messages, result)
            messages.extend(await asyncio.gather(*(run(call) for call in calls)))
        raise AssertionError("unreachable")  # pragma: no cover
