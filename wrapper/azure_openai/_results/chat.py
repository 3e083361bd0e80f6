"""Chat results: the generated chat completion model, parsed at the call, with the conveniences read off it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .._adapter import chat_chunk_model, response_model
from .._errors import ContentFilterResults
from .info import ResponseInfo, Usage, first_choice, given, parse, read

if TYPE_CHECKING:
    from azure_openai_rest import api  # operations by id, not by tag package: typed in any layout
    from azure_openai_rest.models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from azure_openai_rest.models.citation import Citation

__all__ = ["ChatResult", "ChatStreamEvent", "ContentFilter", "prompt_filters"]

_CHAT = "chat/completions"


@dataclass(frozen=True)
class ContentFilter:
    """Content-filter results of a call: for the prompt and for the (first) completion."""

    prompt: ContentFilterResults | None
    completion: ContentFilterResults | None

    @property
    def filtered(self) -> bool:
        """Whether anything, prompt or completion, was filtered."""
        return any(r is not None and bool(r.filtered) for r in (self.prompt, self.completion))


def _later(model: object, name: str) -> Any:
    """A field later api-versions added: ``None`` when not sent, or when the build's model lacks it (2023-05-15)."""
    return given(getattr(model, name, None))


def prompt_filters(raw: Mapping[str, Any]) -> list[Any]:
    """The prompts' filter results as sent (2023 previews, which the spec no longer lists: ``prompt_annotations``)."""
    results = raw.get("prompt_filter_results") or raw.get("prompt_annotations")
    return results if isinstance(results, list) else []


class ChatResult(ResponseInfo):
    """A chat call's generated ``completion`` with its first choice's ``message``, ``text`` and ``finish_reason``,
    and its ``usage`` (token counts, ``None`` when the service sent none)."""

    __slots__ = ("completion", "finish_reason", "message", "parsed", "text", "usage")

    def __init__(self, raw: dict[str, Any], response: httpx.Response | None = None) -> None:
        super().__init__(raw, response)
        completion: api.chat_completions_create.ResponseModel = parse(
            response_model("chat_completions_create"), _CHAT, raw
        )
        self.completion = completion
        self.parsed = completion  # the name every single-response result has
        choice = first_choice(completion.choices)  # locals, not self.*: mypy infers the attributes from them
        self.message = given(choice.message) if choice is not None else None
        # What the conveniences hand out is type-checked here, at the call: a body off the spec raises.
        self.finish_reason = (
            read(_CHAT, raw, "finish_reason", choice.finish_reason, str) if choice is not None else None
        )
        self.text = read(_CHAT, raw, "message.content", self.message.content, str) if self.message is not None else None
        self.usage = Usage.of(completion.usage, _CHAT, raw)
        for function in (given(call.function) for call in self.tool_calls):
            for name in ("name", "arguments") if function is not None else ():
                read(_CHAT, raw, f"a tool call's function.{name}", getattr(function, name), str)

    @property
    def tool_calls(self) -> list[ChatCompletionMessageToolCall]:
        """The tool calls the first choice asks for (``[]`` when none)."""
        calls: list[ChatCompletionMessageToolCall] | None = _later(self.message, "tool_calls")
        return calls or []

    @property
    def content_filter(self) -> ContentFilter:
        """Content-filter results for the prompt and the first completion (each ``None`` when not sent)."""
        prompt = None
        for entry in prompt_filters(self.raw):  # the JSON: the model lacks 2023's prompt_annotations
            results = entry.get("content_filter_results") if isinstance(entry, dict) else None
            if isinstance(results, dict) and entry.get("prompt_index", 0) == 0:
                prompt = ContentFilterResults.from_json(results)
                break
        choice = first_choice(self.completion.choices)
        # The choice's JSON, not the model's fields: it keeps the categories the spec does not list (custom
        # blocklists), and the results a build's model lacks (2023-05-15) are among its additional properties.
        results = choice.to_dict().get("content_filter_results") if choice is not None else None
        return ContentFilter(prompt, ContentFilterResults.from_json(results) if isinstance(results, dict) else None)

    @property
    def citations(self) -> list[Citation]:
        """On Your Data: the retrieved documents the answer drew on (``message.context``; ``[]`` without)."""
        citations: list[Citation] | None = _later(_later(self.message, "context"), "citations")
        return citations or []

    @property
    def intent(self) -> str | None:
        """On Your Data: the intent detected in the question, to carry into the next turn."""
        intent: str | None = _later(_later(self.message, "context"), "intent")
        return intent

    def __repr__(self) -> str:
        """Short summary: the start of the text and the finish reason."""
        text = self.text if self.text is None or len(self.text) <= 60 else self.text[:60] + "..."
        return f"ChatResult(text={text!r}, finish_reason={self.finish_reason!r})"


class ChatStreamEvent:
    """One streamed chunk: ``.text`` (the first choice's content delta), ``.raw`` (the dict), ``.chunk`` (typed)."""

    __slots__ = ("_chunk", "raw")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        # Parsed on first access: thousands of events, most unread.
        self._chunk: api.chat_completions_create.StreamChunkModel | None = None

    def _first_choice(self) -> dict[str, Any] | None:
        # The JSON, not the model: this runs per event, and most events carry a few characters of text.
        choices = self.raw.get("choices")
        if not isinstance(choices, list) or not choices:
            return None
        first = choices[0]
        if isinstance(first, dict) and first.get("index", 0) == 0:
            return first
        return next((c for c in choices if isinstance(c, dict) and c.get("index") == 0), None)  # n > 1

    @property
    def text(self) -> str:
        """The content delta of the first choice, ``""`` when this chunk has none (filter results, tool calls)."""
        try:  # most chunks: the first choice is index 0 with a text delta (read per event: the short way first)
            choice = self.raw["choices"][0]
            content = choice["delta"]["content"]
            if type(content) is str and choice["index"] == 0:
                return content
        except (LookupError, TypeError):  # not that shape: the careful way below
            pass
        choice = self._first_choice()
        delta = choice.get("delta") if choice is not None else None
        content = delta.get("content") if isinstance(delta, dict) else None
        return content if isinstance(content, str) else ""

    @property
    def finish_reason(self) -> str | None:
        """The first choice's finish reason when this chunk carries it."""
        choice = self._first_choice()
        reason = choice.get("finish_reason") if choice is not None else None
        return reason if isinstance(reason, str) else None

    @property
    def chunk(self) -> api.chat_completions_create.StreamChunkModel:
        """The chunk as the generated model (all choices, tool-call deltas, filters), built on first access."""
        if self._chunk is None:
            self._chunk = parse(chat_chunk_model(), "chat/completions stream", self.raw)
        return self._chunk

    def __repr__(self) -> str:
        """The text delta and finish reason."""
        return f"ChatStreamEvent(text={self.text!r}, finish_reason={self.finish_reason!r})"
