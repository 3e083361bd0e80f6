"""The chat methods of the clients: each runs a flow of ``flows``/``tools`` through the client's ``_run``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import ConfigurationError
from .._flow import AsyncClient, Flow, SyncClient
from .flows import JSONReplyError, chat_flow, chat_request, json_flow
from .messages import Messages

# Streams, conversations, tools and On Your Data are imported when first used: `import azure_openai` stays fast.
if TYPE_CHECKING:
    from typing_extensions import Required, Unpack

    from .._results.chat import ChatResult
    from .conversation import AsyncConversation, Conversation, ConversationParams
    from .flows import ChatParams, StreamParams
    from .on_your_data import OnYourDataResult
    from .streaming import AsyncChatStream, ChatStream
    from .tools import ToolRun, ToolsParams

    class DataParams(ChatParams, total=False):
        """``chat_with_data``'s keywords: ``data_sources`` is required."""

        data_sources: Required[Sequence[Mapping[str, object]]]  # type: ignore[misc]  # required here, not in chat()


__all__ = ["AsyncChatHelpers", "JSONReplyError", "SyncChatHelpers"]


def _data_flow(messages_or_text: Messages, params: Mapping[str, Any]) -> Flow[OnYourDataResult]:
    """On Your Data: a chat grounded in ``data_sources``; the result reads citations and intent."""
    from .on_your_data import OnYourDataResult

    if not params.get("data_sources"):
        raise ConfigurationError("chat_with_data needs data_sources=[azure_search(...)] (or cosmos_db(...))")
    return OnYourDataResult.of((yield from chat_flow(messages_or_text, params)))


class SyncChatHelpers(SyncClient):
    """Chat methods of the synchronous client."""

    def chat(self, messages_or_text: Messages, **params: Unpack[ChatParams]) -> ChatResult:
        """One chat completion: a string (one user message) or messages (dicts or typed models), plus params."""
        return self._run(chat_flow(messages_or_text, params))

    def chat_stream(self, messages_or_text: Messages, **params: Unpack[StreamParams]) -> ChatStream:
        """Stream a chat completion: iterate the events (``.text``), then ``final()``; use ``with`` to close early."""
        from .streaming import ChatStream

        return ChatStream(self, chat_request(messages_or_text, params, stream=True))

    def chat_json(self, messages_or_text: Messages, **params: Unpack[ChatParams]) -> Any:
        """JSON mode: the reply parsed as JSON (``JSONReplyError`` quoting the text when it is not)."""
        return self._run(json_flow(messages_or_text, params))

    def chat_with_data(self, messages_or_text: Messages, **params: Unpack[DataParams]) -> OnYourDataResult:
        """On Your Data: chat grounded in ``data_sources`` (``azure_search(...)``, ``cosmos_db(...)``)."""
        return self._run(_data_flow(messages_or_text, params))

    def conversation(self, **params: Unpack[ConversationParams]) -> Conversation:
        """A ``Conversation`` on this client (``system=``, ``messages=``, ``max_history_tokens=``, chat parameters)."""
        from .conversation import Conversation

        return Conversation(self, **params)

    def run_tools(self, messages_or_text: Messages, **params: Unpack[ToolsParams]) -> ToolRun:
        """The tool-call loop: chat, run the called functions, send the results back, until the model answers."""
        from .tools import tools_flow

        return self._run(tools_flow(messages_or_text, params, awaits=False))


class AsyncChatHelpers(AsyncClient):
    """Chat methods of the asynchronous client."""

    async def chat(self, messages_or_text: Messages, **params: Unpack[ChatParams]) -> ChatResult:
        """One chat completion: a string (one user message) or messages (dicts or typed models), plus params."""
        return await self._run(chat_flow(messages_or_text, params))

    def chat_stream(self, messages_or_text: Messages, **params: Unpack[StreamParams]) -> AsyncChatStream:
        """Stream a chat completion: ``async with``/``async for`` the events, then ``await final()``."""
        from .streaming import AsyncChatStream

        return AsyncChatStream(self, chat_request(messages_or_text, params, stream=True))

    async def chat_json(self, messages_or_text: Messages, **params: Unpack[ChatParams]) -> Any:
        """JSON mode: the reply parsed as JSON (``JSONReplyError`` quoting the text when it is not)."""
        return await self._run(json_flow(messages_or_text, params))

    async def chat_with_data(self, messages_or_text: Messages, **params: Unpack[DataParams]) -> OnYourDataResult:
        """On Your Data: chat grounded in ``data_sources`` (``azure_search(...)``, ``cosmos_db(...)``)."""
        return await self._run(_data_flow(messages_or_text, params))

    def conversation(self, **params: Unpack[ConversationParams]) -> AsyncConversation:
        """An ``AsyncConversation`` on this client (``system=``, ``messages=``, ``max_history_tokens=``, parameters)."""
        from .conversation import AsyncConversation

        return AsyncConversation(self, **params)

    async def run_tools(self, messages_or_text: Messages, **params: Unpack[ToolsParams]) -> ToolRun:
        """The tool-call loop; the calls of one round run concurrently (async functions awaited, sync ones called)."""
        from .tools import tools_flow

        return await self._run(tools_flow(messages_or_text, params, awaits=True))
